import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';

import { findMessage } from './BlockFactory';

/**
 * A message catch event of a block waits for the bpmn:Message named after its ACS event. Just before a dropped event
 * is created, its message becomes the diagram's: the one already there under that name, or else the new one, with the
 * id Message_<event> when that is free (as starter/call-flow.bpmn names them). bpmn-js then adds a message that is
 * not yet among the definitions' root elements, in the same command (RootElementReferenceBehavior), so one undo takes
 * the block and its new messages back.
 */
export default function BlockMessages(eventBus, moddle, switchboardBlockFactory) {
  CommandInterceptor.call(this, eventBus);

  this.preExecute('shape.create', function(context) {
    const shape = context.shape;
    const definition = (shape.businessObject.get('eventDefinitions') || [])
      .find(candidate => candidate.$type === 'bpmn:MessageEventDefinition');
    const message = definition && definition.get('messageRef');
    const definitions = switchboardBlockFactory.definitions();
    if (!message || !definitions || (definitions.get('rootElements') || []).includes(message)) {
      return;
    }
    const existing = findMessage(definitions, message.get('name'));
    if (existing) {
      definition.set('messageRef', existing);
      return;
    }
    const id = 'Message_' + message.get('name');
    if (message.get('id') !== id && !moddle.ids.assigned(id)) {
      moddle.ids.unclaim(message.get('id'));
      moddle.ids.claim(id, message);
      message.set('id', id);
    }
  }, true);
}

BlockMessages.prototype = Object.create(CommandInterceptor.prototype);

BlockMessages.$inject = [ 'eventBus', 'moddle', 'switchboardBlockFactory' ];
