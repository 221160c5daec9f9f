// Switchboard's Cockpit configuration (it replaces the webjar's config.js, which has only comments): the plugin with
// the Call tab and the unmatched-events page (scripts/switchboard-operations.js).
export default {
  customScripts: ['scripts/switchboard-operations.js'],
};
