import catalogue from '../catalogue.json';

/** Where a block's shapes lie, relative to its task's top left corner: left to right, outcomes fanned out below. */
export const LAYOUT = {
  task: { width: 100, height: 80 },
  gateway: { x: 150, size: 50 },
  event: { x: 270, size: 36, rowHeight: 100 }
};

/**
 * Makes the shapes of a block, not yet on the canvas: diagram-js' create (palette, menu, drag and drop) places them
 * where the analyst drops them, in one undoable command.
 */
export default function BlockFactory(bpmnFactory, elementFactory, canvas) {
  this._bpmnFactory = bpmnFactory;
  this._elementFactory = elementFactory;
  this._canvas = canvas;
}

BlockFactory.$inject = [ 'bpmnFactory', 'elementFactory', 'canvas' ];

/** The blocks of the catalogue: the actions, then one "Wait for" per ACS event. */
BlockFactory.prototype.actions = function() {
  return catalogue.actions;
};

BlockFactory.prototype.events = function() {
  return catalogue.events;
};

/**
 * The shapes and sequence flows of an action's block: its task first.
 *
 * @param {Object} action an entry of catalogue.actions
 * @return {Array<Object>}
 */
BlockFactory.prototype.createActionBlock = function(action) {
  const task = this._createTask(action);
  const elements = [ task ];
  if (!action.outcomes.length) {
    return elements;
  }
  const middle = LAYOUT.task.height / 2;
  const gatewayTop = middle - LAYOUT.gateway.size / 2;
  const gateway = this._elementFactory.createShape({
    type: 'bpmn:EventBasedGateway',
    x: LAYOUT.gateway.x,
    y: gatewayTop
  });
  elements.push(gateway, this._connect(task, gateway, [
    { x: LAYOUT.task.width, y: middle }, { x: LAYOUT.gateway.x, y: middle }
  ]));

  const gatewayCenter = LAYOUT.gateway.x + LAYOUT.gateway.size / 2;
  const branches = action.outcomes.map(name => this._createMessageEvent(name))
    .concat([ this._createTimerEvent(catalogue.timeout) ]);
  branches.forEach((event, row) => {
    const eventMiddle = middle + row * LAYOUT.event.rowHeight;
    event.x = LAYOUT.event.x;
    event.y = eventMiddle - LAYOUT.event.size / 2;
    // The first outcome straight on, the others out of the gateway's bottom corner, one row each.
    const waypoints = row === 0
      ? [ { x: LAYOUT.gateway.x + LAYOUT.gateway.size, y: middle }, { x: LAYOUT.event.x, y: middle } ]
      : [
        { x: gatewayCenter, y: gatewayTop + LAYOUT.gateway.size },
        { x: gatewayCenter, y: eventMiddle },
        { x: LAYOUT.event.x, y: eventMiddle }
      ];
    elements.push(event, this._connect(gateway, event, waypoints));
  });
  return elements;
};

/** A message catch event waiting for the ACS event: the "Wait for" block. */
BlockFactory.prototype.createWaitBlock = function(eventName) {
  return [ this._createMessageEvent(eventName) ];
};

BlockFactory.prototype._createTask = function(action) {
  const bpmnFactory = this._bpmnFactory;
  const task = bpmnFactory.create('bpmn:ServiceTask', { name: action.title });
  // What Camunda Modeler writes when it applies the template: its id and version, then its bindings.
  task.set('camunda:modelerTemplate', action.template.id);
  task.set('camunda:modelerTemplateVersion', action.template.version);
  Object.keys(action.properties).forEach(name => task.set(name, action.properties[name]));
  if (action.inputs.length) {
    const extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    const inputOutput = bpmnFactory.create('camunda:InputOutput', { inputParameters: [] });
    action.inputs.forEach(input => {
      const parameter = bpmnFactory.create('camunda:InputParameter', {
        name: input.name,
        value: input.value === '' ? undefined : input.value
      });
      parameter.$parent = inputOutput;
      inputOutput.get('inputParameters').push(parameter);
    });
    inputOutput.$parent = extensionElements;
    extensionElements.get('values').push(inputOutput);
    extensionElements.$parent = task;
    task.set('extensionElements', extensionElements);
  }
  return this._elementFactory.createShape({
    type: 'bpmn:ServiceTask',
    businessObject: task,
    x: 0,
    y: 0,
    width: LAYOUT.task.width,
    height: LAYOUT.task.height
  });
};

BlockFactory.prototype._connect = function(source, target, waypoints) {
  return this._elementFactory.createConnection({
    type: 'bpmn:SequenceFlow',
    source,
    target,
    waypoints
  });
};

BlockFactory.prototype._createMessageEvent = function(eventName) {
  const bpmnFactory = this._bpmnFactory;
  const definition = bpmnFactory.create('bpmn:MessageEventDefinition', {
    messageRef: this._message(eventName)
  });
  const event = bpmnFactory.create('bpmn:IntermediateCatchEvent', {
    name: label(eventName),
    eventDefinitions: [ definition ]
  });
  definition.$parent = event;
  return this._elementFactory.createShape({ type: 'bpmn:IntermediateCatchEvent', businessObject: event, x: 0, y: 0 });
};

BlockFactory.prototype._createTimerEvent = function(duration) {
  const bpmnFactory = this._bpmnFactory;
  const timeDuration = bpmnFactory.create('bpmn:FormalExpression', { body: duration });
  const definition = bpmnFactory.create('bpmn:TimerEventDefinition', { timeDuration });
  timeDuration.$parent = definition;
  const event = bpmnFactory.create('bpmn:IntermediateCatchEvent', {
    name: 'Timed out',
    eventDefinitions: [ definition ]
  });
  definition.$parent = event;
  return this._elementFactory.createShape({ type: 'bpmn:IntermediateCatchEvent', businessObject: event, x: 0, y: 0 });
};

/**
 * The diagram's bpmn:Message of that name, or a new one: BlockMessages adds it to the definitions when the block is
 * dropped, so a cancelled drag leaves none behind.
 */
BlockFactory.prototype._message = function(eventName) {
  const definitions = this.definitions();
  const existing = definitions && findMessage(definitions, eventName);
  return existing || this._bpmnFactory.create('bpmn:Message', { name: eventName });
};

BlockFactory.prototype.definitions = function() {
  let element = this._canvas.getRootElement().businessObject;
  while (element && element.$type !== 'bpmn:Definitions') {
    element = element.$parent;
  }
  return element;
};

export function findMessage(definitions, name) {
  return (definitions.get('rootElements') || [])
    .find(element => element.$type === 'bpmn:Message' && element.get('name') === name);
}

/** "CallConnected" as a label reads: "Call connected"; "…Dtmf…" as "…DTMF…". */
export function label(eventName) {
  const words = eventName.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
  return words.map((word, index) => word === 'Dtmf' ? 'DTMF' : index === 0 ? word : word.toLowerCase()).join(' ');
}
