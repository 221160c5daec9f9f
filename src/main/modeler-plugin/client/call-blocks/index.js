import BlockFactory from './BlockFactory';
import BlockMessages from './BlockMessages';
import CallBlocksMenu from './CallBlocksMenu';
import CallBlocksPalette from './CallBlocksPalette';

/**
 * Switchboard's call actions as blocks: the task with its element template applied, followed by an event-based
 * gateway, one message catch event per outcome and a timer, as the palette's "Call blocks" menu creates them; and a
 * "Wait for ..." message catch event per ACS event. The blocks are client/catalogue.json, made from the actions'
 * specs by CallBlocksCatalogueTest.
 */
export default {
  __init__: [ 'switchboardBlockMessages', 'switchboardCallBlocksMenu', 'switchboardCallBlocksPalette' ],
  switchboardBlockFactory: [ 'type', BlockFactory ],
  switchboardBlockMessages: [ 'type', BlockMessages ],
  switchboardCallBlocksMenu: [ 'type', CallBlocksMenu ],
  switchboardCallBlocksPalette: [ 'type', CallBlocksPalette ]
};
