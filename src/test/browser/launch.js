// Debian's Chromium as every browser test starts it: headless, and without the background connections that this
// machine's closed network refuses.
const { chromium } = require('playwright-core');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function launch(extraArgs = []) {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS.concat(extraArgs) });
}

/**
 * Fills in a webapp's login form and submits it until the login request is answered: a click that lands before the
 * page has wired its form sends nothing (seen under load: the page still showed the form, no request made). Answers
 * the login's HTTP status (200 signed in, 401 refused), or -1 when no attempt sent one.
 */
async function signIn(page, app, user, password) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.fill('input[type=text]', user);
    await page.fill('input[type=password]', password);
    const answered = page.waitForResponse(response => response.request().method() === 'POST'
      && response.url().includes(`/login/${app}`), { timeout: 10000 }).catch(() => null);
    await page.click('button[type=submit]');
    const response = await answered;
    if (response) {
      return response.status();
    }
  }
  return -1;
}

module.exports = { launch, signIn };
