// Signs in to Cockpit as a user, opens the list of process definitions, takes a screenshot, and prints what the
// page showed as one JSON line: {"signedIn": bool, "definitions": [{"key": "outbound-call", "incidents": 1}, ...]}.
// Usage: node cockpit.js <base url> <user> <password> <screenshot.png>
const { launch, signIn } = require('./launch');

(async () => {
  const [base, user, password, screenshot] = process.argv.slice(2);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
    await page.goto(base + '/camunda/app/cockpit/default/');
    await signIn(page, 'cockpit', user, password);
    // Either Cockpit's dashboard (signed in, with access) or the login form again with an error notification.
    const outcome = await Promise.race([
      page.waitForSelector('a[href*="#/processes"]', { timeout: 15000 }).then(() => 'in'),
      page.waitForSelector('.notifications .alert, [class*="notification"]', { timeout: 15000 }).then(() => 'refused'),
    ]).catch(() => 'unknown');
    let definitions = [];
    if (outcome === 'in') {
      await page.goto(base + '/camunda/app/cockpit/default/#/processes');
      await page.waitForSelector('text=process definitions deployed', { timeout: 15000 });
      await page.waitForTimeout(1000);
      // One row per definition: state, incidents, running instances, key, name, tenant.
      definitions = await page.$$eval('tr', rows => rows
        .map(row => [...row.querySelectorAll('td')].map(cell => cell.textContent.trim()))
        .filter(cells => cells.length >= 4 && cells[3])
        .map(cells => ({ key: cells[3], incidents: Number(cells[1]) })));
    }
    await page.screenshot({ path: screenshot });
    console.log(JSON.stringify({ signedIn: outcome === 'in', definitions }));
  } finally {
    await browser.close();
  }
})().catch(error => {
  console.error(error);
  process.exit(1);
});
