const { chromium } = require('playwright-core');
const base = 'http://127.0.0.1:8093';
async function login(page, email) {
  await page.goto(base + '/sv/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'Losen ord 2026 Test');
  await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
}
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const admin = await b.newPage({ viewport: { width: 1280, height: 900 } });
  await login(admin, 'office@example.se');
  await admin.goto(base + '/sv/admin/people/2');
  await admin.fill('#f-epsilon', '5');
  await Promise.all([admin.waitForNavigation(), admin.click('text=Spara budgeten')]);
  await admin.screenshot({ path: '/tmp/s11/person.png', fullPage: true });
  for (const [w, name] of [[1280, 'wide'], [320, 'narrow']]) {
    const p = await b.newPage({ viewport: { width: w, height: 900 } });
    await login(p, 'forskare@ki.example');
    console.log('landed', p.url());
    await p.goto(base + '/sv/health-data/cohorts');
    await p.fill('#f-codes', 'E11');
    await p.fill('#f-age-min', '40');
    await Promise.all([p.waitForNavigation(), p.click('button:has-text("Ställ frågan")')]);
    await p.screenshot({ path: `/tmp/s11/h-${name}.png`, fullPage: true });
    const sw = await p.evaluate(() => document.documentElement.scrollWidth);
    console.log(name, 'scrollWidth', sw);
  }
  await b.close();
})();
