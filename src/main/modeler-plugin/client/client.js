import { registerPlatformBpmnJSPlugin } from 'camunda-modeler-plugin-helpers';

import CallBlocksModule from './call-blocks';

// Camunda 7 diagrams only: the blocks set camunda: attributes (delegate expression, async before, input parameters),
// which the engine Switchboard runs reads and a Camunda 8 diagram has no place for.
registerPlatformBpmnJSPlugin(CallBlocksModule);
