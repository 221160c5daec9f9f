// The operator's view of a live call in Cockpit: signs in, opens the flow's process instance and its "Call" tab
// (Switchboard's Cockpit plugin), reads the participants and events tables, then tells the test it is READY and
// waits for a line on stdin (the test lets the agent join meanwhile) and reads the tab again, without reloading,
// until the agent is listed (the tab refreshes itself). Then opens the "Unmatched events" page and waits for the
// given event. Also checks that the vendor's Camunda 8 migration banner is not shown.
// Screenshots: <dir>/call-tab-before.png, call-tab-after.png, unmatched.png, dashboard.png.
// Usage: node call-tab.js <base url> <user> <password> <process instance id> <agent raw id> <unmatched event id> <dir>
// Prints "READY <json>" once, then one JSON line at the end:
// {"bannerVisible": bool, "before": {...}, "after": {...}, "unmatched": [...]}.
const { launch, signIn } = require('./launch');
const readline = require('readline');

// What the Call tab shows, as the operator reads it: the summary rows, participants and events tables.
async function callTab(page) {
  return page.evaluate(() => {
    const root = document.querySelector('.sb-ops');
    const rows = selector => [...root.querySelectorAll(selector)]
      .map(row => [...row.querySelectorAll('td')].map(cell => cell.innerText.trim()));
    const summary = {};
    root.querySelectorAll('table.sb-summary tr').forEach(row => {
      summary[row.querySelector('th').innerText.trim()] = row.querySelector('td').innerText.trim();
    });
    return {
      summary,
      participants: rows('table.sb-participants tbody tr'),
      events: rows('table.sb-events tbody tr'),
      error: root.querySelector('.sb-error') ? root.querySelector('.sb-error').innerText : null,
    };
  });
}

function waitForLine() {
  return new Promise(resolve => {
    const lines = readline.createInterface({ input: process.stdin });
    lines.once('line', line => {
      lines.close();
      // Nothing more is read: let node exit once the script is done.
      process.stdin.destroy();
      resolve(line);
    });
  });
}

(async () => {
  const [base, user, password, processInstanceId, agent, unmatchedEventId, dir] = process.argv.slice(2);
  const browser = await launch();
  const result = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    page.on('console', message => {
      if (message.type() === 'error') console.error('browser console: ' + message.text());
    });
    // Which resource failed, for the test's failure message (the console names only the status).
    page.on('response', response => {
      if (response.status() >= 400) console.error(`response ${response.status()} ${response.url()}`);
    });
    await page.goto(base + '/camunda/app/cockpit/default/');
    await signIn(page, 'cockpit', user, password);
    await page.waitForSelector('a[href*="#/processes"]', { timeout: 20000 });
    await page.waitForTimeout(500);
    // The banner's element is still in Cockpit's header; the user stylesheet keeps it from showing.
    result.bannerInPage = await page.locator('.ce-eol-banner').count() > 0;
    result.bannerVisible = await page.locator('.ce-eol-banner').isVisible().catch(() => false);
    result.menu = await page.locator('[cam-widget-header] a').allInnerTexts();
    await page.screenshot({ path: `${dir}/dashboard.png` });

    await page.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${processInstanceId}/runtime`);
    const tab = page.locator('.ctn-tabbed-content .nav-tabs a, ul.nav-tabs a').filter({ hasText: /^\s*Call\s*$/ }).first();
    await tab.waitFor({ timeout: 20000 });
    await tab.click();
    await page.waitForSelector('.sb-ops table.sb-events', { timeout: 20000 });
    // Give the tabs the room of the diagram (the arrow under the diagram), as an operator reading the tab would.
    const showTabs = page.locator('a.hide-collapsable.vertical-collapse:visible').first();
    if (await showTabs.count() > 0) {
      await showTabs.click();
      await page.waitForTimeout(500);
    }
    result.before = await callTab(page);
    await page.locator('.sb-ops').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${dir}/call-tab-before.png`, fullPage: true });

    console.log('READY ' + JSON.stringify(result.before));
    await waitForLine();
    await page.waitForFunction(rawId => [...document.querySelectorAll('.sb-ops table.sb-participants tr')]
      .some(row => row.getAttribute('data-raw-id') === rawId && row.innerText.includes('yes')), agent, { timeout: 30000 });
    result.after = await callTab(page);
    await page.screenshot({ path: `${dir}/call-tab-after.png`, fullPage: true });

    await page.locator('[cam-widget-header] a', { hasText: 'Unmatched events' }).first().click();
    await page.waitForSelector(`.sb-ops tr[data-event-id="${unmatchedEventId}"]`, { timeout: 40000 });
    result.unmatched = await page.$$eval('.sb-ops table.sb-events tbody tr', rows => rows
      .map(row => [...row.querySelectorAll('td')].map(cell => cell.innerText.trim())));
    result.unmatchedUrl = page.url();
    await page.screenshot({ path: `${dir}/unmatched.png`, fullPage: true });
  } catch (error) {
    // What the page showed when it went wrong, to look at.
    const failedPage = browser.contexts()[0]?.pages()[0];
    await failedPage?.screenshot({ path: `${dir}/call-tab-failed.png`, fullPage: true }).catch(() => {});
    console.error('the page at ' + failedPage?.url() + ': '
      + ((await failedPage?.content().catch(() => '')) || '').replace(/\s+/g, ' ').slice(0, 1500));
    throw error;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
})().catch(error => {
  console.error(error);
  process.exit(1);
});
