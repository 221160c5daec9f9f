import { ICON } from './icon';

/** What a block may follow: a flow node that can have an outgoing sequence flow to a task. */
const CANNOT_BE_FOLLOWED = [ 'bpmn:EndEvent', 'bpmn:EventBasedGateway', 'bpmn:BoundaryEvent', 'bpmn:Participant',
  'bpmn:Lane', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:TextAnnotation', 'bpmn:Group' ];

/** The context pad's "Append call block": the same menu, the chosen block appended after the element and connected. */
export default function CallBlocksContextPad(contextPad, switchboardCallBlocksMenu) {
  this._menu = switchboardCallBlocksMenu;
  contextPad.registerProvider(this);
}

CallBlocksContextPad.$inject = [ 'contextPad', 'switchboardCallBlocksMenu' ];

CallBlocksContextPad.prototype.getContextPadEntries = function(element) {
  const menu = this._menu;
  const type = element.type;
  if (element.labelTarget || element.waypoints || !type.startsWith('bpmn:') || CANNOT_BE_FOLLOWED.includes(type)
      || (type === 'bpmn:StartEvent' && element.outgoing.length)) {
    return {};
  }
  return {
    'switchboard.append-call-block': {
      group: 'model',
      className: 'switchboard-call-blocks',
      imageUrl: ICON,
      title: 'Append a call block',
      action: {
        click(event, target) {
          const entry = event.delegateTarget || event.target;
          const bounds = entry.getBoundingClientRect();
          menu.open({ x: bounds.left, y: bounds.bottom + 8 }, target);
        }
      }
    }
  };
};
