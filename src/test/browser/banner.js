// Signs in to a Camunda webapp (cockpit, tasklist, admin) and tells whether the vendor's "migrate to Camunda 8"
// banner is in the page and whether it shows; takes a screenshot.
// Usage: node banner.js <base url> <user> <password> <app> <screenshot.png>
// Prints one JSON line: {"signedIn": bool, "bannerInPage": bool, "bannerVisible": bool, "bannerText": "..."}.
const { launch, signIn } = require('./launch');

(async () => {
  const [base, user, password, app, screenshot] = process.argv.slice(2);
  const browser = await launch();
  const result = { signedIn: false, bannerInPage: false, bannerVisible: false, bannerText: '' };
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 700 } });
    page.on('response', response => {
      if (response.status() >= 400) console.error(`response ${response.status()} ${response.url()}`);
    });
    await page.goto(`${base}/camunda/app/${app}/default/`);
    await signIn(page, app, user, password);
    // Signed in: the login form is gone and the header names the user.
    result.signedIn = await page.waitForSelector('input[type=password]', { state: 'detached', timeout: 20000 })
      .then(() => true, () => false);
    await page.waitForSelector('.ce-eol-banner', { state: 'attached', timeout: 10000 }).catch(() => null);
    await page.waitForTimeout(1000);
    const banner = page.locator('.ce-eol-banner').first();
    result.bannerInPage = await banner.count() > 0;
    if (result.bannerInPage) {
      result.bannerVisible = await banner.isVisible();
      result.bannerText = (await banner.textContent()).trim();
    }
    await page.screenshot({ path: screenshot });
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
})().catch(error => {
  console.error(error);
  process.exit(1);
});
