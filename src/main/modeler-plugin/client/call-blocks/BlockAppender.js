/** How far right of the element it follows an appended block's task starts, as bpmn-js appends a task. */
const GAP = 80;

/**
 * Appends a block after an element: the block's task to the right of it, middle to middle, and a sequence flow from the
 * element to the task. One command, so one Undo takes the block back.
 */
export default function BlockAppender(commandStack) {
  this._commandStack = commandStack;
  commandStack.registerHandler('switchboard.block.append', AppendBlockHandler);
}

BlockAppender.$inject = [ 'commandStack' ];

/**
 * @param {Object} source the element the block follows
 * @param {Array<Object>} elements the block, its task first, as the BlockFactory made it
 */
BlockAppender.prototype.append = function(source, elements) {
  this._commandStack.execute('switchboard.block.append', { source, elements });
  return elements;
};

function AppendBlockHandler(modeling) {
  this._modeling = modeling;
}

AppendBlockHandler.$inject = [ 'modeling' ];

AppendBlockHandler.prototype.preExecute = function(context) {
  const { source, elements } = context;
  const modeling = this._modeling;
  const task = elements[0];
  const shapes = elements.filter(element => !element.waypoints);
  const left = Math.min(...shapes.map(shape => shape.x));
  const top = Math.min(...shapes.map(shape => shape.y));
  const right = Math.max(...shapes.map(shape => shape.x + shape.width));
  const bottom = Math.max(...shapes.map(shape => shape.y + shape.height));
  // createElements centres the block on the position: the task's place, moved by the block's centre.
  const taskX = source.x + source.width + GAP;
  const taskY = source.y + source.height / 2 - task.height / 2;
  const position = {
    x: taskX - task.x + (left + right) / 2,
    y: taskY - task.y + (top + bottom) / 2
  };
  modeling.createElements(elements, position, source.parent);
  modeling.connect(source, task);
};

AppendBlockHandler.prototype.execute = function() {
  return [];
};

AppendBlockHandler.prototype.revert = function() {
  return [];
};
