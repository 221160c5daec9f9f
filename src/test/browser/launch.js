// Debian's Chromium as every browser test starts it: headless, and without the background connections that this
// machine's closed network refuses.
const { chromium } = require('playwright-core');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function launch(extraArgs = []) {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS.concat(extraArgs) });
}

module.exports = { launch };
