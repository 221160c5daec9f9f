// Camunda Modeler finds a plugin by resources/plugins/*/index.js: this one adds Switchboard's call blocks to the BPMN
// editor of Camunda 7 diagrams. dist/client.js is the bundle `npm run build` (run by `mvn package`) makes of client/.
module.exports = {
  name: 'Switchboard call blocks',
  script: './dist/client.js',
  style: './style.css'
};
