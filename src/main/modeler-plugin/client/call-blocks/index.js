import BlockAppender from './BlockAppender';
import BlockFactory from './BlockFactory';
import BlockMessages from './BlockMessages';
import CallBlocksContextPad from './CallBlocksContextPad';
import CallBlocksMenu from './CallBlocksMenu';
import CallBlocksPalette from './CallBlocksPalette';

/**
 * Switchboard's call actions as blocks: the task with its element template applied, followed by an event-based
 * gateway, one message catch event per outcome and a timer, as the palette's "Call blocks" menu creates them; and a
 * "Wait for ..." message catch event per ACS event. The context pad's "Append call block" appends one after the
 * selected element, connected. The blocks are client/catalogue.json, made from the actions'
 * specs by CallBlocksCatalogueTest.
 */
export default {
  __init__: [ 'switchboardBlockMessages', 'switchboardCallBlocksMenu', 'switchboardCallBlocksPalette',
    'switchboardCallBlocksContextPad' ],
  switchboardBlockAppender: [ 'type', BlockAppender ],
  switchboardBlockFactory: [ 'type', BlockFactory ],
  switchboardCallBlocksContextPad: [ 'type', CallBlocksContextPad ],
  switchboardBlockMessages: [ 'type', BlockMessages ],
  switchboardCallBlocksMenu: [ 'type', CallBlocksMenu ],
  switchboardCallBlocksPalette: [ 'type', CallBlocksPalette ]
};
