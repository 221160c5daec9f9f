// Signs in to Tasklist as a user, clicks "Start process", picks a flow by its name, fills its start form field by
// field label (text fields), presses Start, and prints what the page showed as one JSON line:
// {"signedIn": bool, "formShown": bool, "startEnabled": bool, "fieldErrors": ["..."], "notifications": ["..."]}.
// Start is pressed only when Tasklist enables it.
// Screenshots: <prefix>-form.png (filled in, before Start) and <prefix>-after.png (after Start).
// Usage: node tasklist.js <base url> <user> <password> <screenshot prefix> <flow name> [<field label>=<value> ...]
const { launch, signIn } = require('./launch');

// A text field of the form by the start of its label (a required one's label ends in *).
function field(page, label) {
  return page.getByLabel(label).first();
}

(async () => {
  const [base, user, password, prefix, flow, ...entries] = process.argv.slice(2);
  const browser = await launch();
  const result = { signedIn: false, formShown: false, fieldErrors: [], notifications: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    page.on('response', response => {
      if (response.status() >= 400) console.error(`response ${response.status()} ${response.url()}`);
    });
    await page.goto(base + '/camunda/app/tasklist/default/');
    await signIn(page, 'tasklist', user, password);
    const start = page.getByText('Start process', { exact: true }).first();
    result.signedIn = await start.waitFor({ timeout: 15000 }).then(() => true, () => false);
    if (!result.signedIn) {
      // What Tasklist showed instead, for the test's failure message.
      result.pageText = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 600);
    }
    if (result.signedIn) {
      await start.click();
      // The dialog lists the flows one may start; a search box narrows it.
      await page.getByText(flow, { exact: true }).first().click({ timeout: 15000 });
      const firstLabel = entries.length ? entries[0].split('=')[0] : null;
      if (firstLabel) {
        result.formShown = await field(page, firstLabel).waitFor({ timeout: 15000 })
          .then(() => true, () => false);
      }
      if (result.formShown) {
        for (const entry of entries) {
          const at = entry.indexOf('=');
          await field(page, entry.substring(0, at)).fill(entry.substring(at + 1));
        }
        // Leave the last field, so that the form judges it too.
        await page.evaluate(() => document.activeElement && document.activeElement.blur());
        await page.waitForTimeout(500);
        await page.screenshot({ path: prefix + '-form.png' });
        // Tasklist keeps Start disabled while the form finds a field wrong.
        const startButton = page.getByRole('button', { name: 'Start', exact: true });
        result.startEnabled = await startButton.isEnabled();
        if (result.startEnabled) {
          await startButton.click();
        }
        // Either a notification (started, or the engine's refusal) or the form's own messages under the fields.
        await Promise.race([
          page.waitForSelector('.notifications .alert, [class*="notification"] .alert', { timeout: 10000 }),
          page.waitForSelector('.fjs-form-field-error', { timeout: 10000 }),
        ]).catch(() => {});
        await page.waitForTimeout(1500);
        result.fieldErrors = await page.$$eval('.fjs-form-field-error', errors =>
          errors.map(error => error.textContent.trim()).filter(text => text));
        result.notifications = await page.$$eval('.notifications .alert', alerts =>
          alerts.map(alert => alert.textContent.replace(/\s+/g, ' ').trim()).filter(text => text));
      }
    }
    await page.screenshot({ path: prefix + '-after.png' });
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
  }
})().catch(error => {
  console.error(error);
  process.exit(1);
});
