import { label } from './BlockFactory';

export const MENU = 'switchboard-call-blocks';

/**
 * The "Call blocks" menu: every call action as a block with its outcome branches, then "Wait for" each ACS event.
 * Searchable; an entry is clicked (the block then follows the mouse until the click that drops it) or dragged.
 */
export default function CallBlocksMenu(popupMenu, create, canvas, switchboardBlockFactory, switchboardBlockAppender) {
  this._popupMenu = popupMenu;
  this._create = create;
  this._canvas = canvas;
  this._blocks = switchboardBlockFactory;
  this._appender = switchboardBlockAppender;
  popupMenu.registerProvider(MENU, this);
}

CallBlocksMenu.$inject = [ 'popupMenu', 'create', 'canvas', 'switchboardBlockFactory', 'switchboardBlockAppender' ];

/**
 * Opens the menu at the position (page coordinates): to drop a block anywhere, or, given the element a block is to
 * follow, to append it there.
 */
CallBlocksMenu.prototype.open = function(position, follows) {
  this._popupMenu.open(follows || this._canvas.getRootElement(), MENU, position, {
    title: follows ? 'Append a call block' : 'Call blocks',
    search: true,
    width: 360
  });
};

CallBlocksMenu.prototype.getPopupMenuEntries = function(target) {
  const blocks = this._blocks;
  const create = this._create;
  const appender = this._appender;
  const follows = target === this._canvas.getRootElement() ? null : target;
  const entries = {};
  const start = (make) => follows
    ? () => appender.append(follows, make())
    : (event) => {
      const elements = make();
      create.start(event, elements, { hints: { autoSelect: [ elements[0] ] } });
    };

  blocks.actions().forEach(action => {
    const startBlock = start(() => blocks.createActionBlock(action));
    entries['switchboard-block-' + action.bean] = {
      label: action.title,
      description: action.outcomes.length
        ? 'then ' + action.outcomes.join(' / ') + ' / timeout'
        : action.note || 'no event to wait for',
      title: action.template.name + (action.note ? ': ' + action.note : ''),
      className: 'bpmn-icon-service-task',
      group: { id: 'switchboard-actions', name: 'Call actions' },
      search: [ action.bean ].concat(action.outcomes),
      action: follows ? startBlock : { click: startBlock, dragstart: startBlock }
    };
  });
  blocks.events().forEach(eventName => {
    const startWait = start(() => blocks.createWaitBlock(eventName));
    entries['switchboard-wait-' + eventName] = {
      label: 'Wait for ' + eventName,
      description: label(eventName),
      title: 'A message catch event for the ACS event ' + eventName,
      className: 'bpmn-icon-intermediate-event-catch-message',
      group: { id: 'switchboard-waits', name: 'Wait for an ACS event' },
      action: follows ? startWait : { click: startWait, dragstart: startWait }
    };
  });
  return entries;
};
