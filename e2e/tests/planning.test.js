// Writing the action plan in the browser: the programme office adds a measure to the health-data area with a
// milestone, a budget and the indicator it moves; records a new version of the plan with a reason and reads
// what changed; writes its assessment of the area for the example follow-up year in Swedish; and downloads the
// year's report as a Word document (its contents are read back in the Rust and Python checks). A refused form
// keeps what was typed. Every form of the journey passes axe.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, saveScreenshot } from '../lib/browser.js';

const s = session();
const PASSWORD = 'Handlingsplan 2027 Solna';
const OFFICE = { email: 'plan@office.example.se', role: 'admin', name: 'Programme Office' };

const norm = (text) => text.replace(/\s+/g, ' ').trim();

async function signedIn(lang = 'en') {
  const r = spawnSync(s.server.bin, ['user', 'add', '--db', s.server.db, '--email', OFFICE.email, '--role', OFFICE.role,
    '--name', OFFICE.name, '--password-stdin'], { input: `${PASSWORD}\n`, env: s.server.env, encoding: 'utf8' });
  assert.ok(r.status === 0 || /already/.test(r.stderr), `user add: ${r.stderr}`);
  // axe is injected as a script: the page's CSP is bypassed for it (escaping is tested with the CSP on in xss.test.js).
  const page = await openPage(s.browser, { baseURL: s.baseURL, bypassCSP: true });
  await page.goto(`/${lang}/login`);
  await page.fill('#f-email', OFFICE.email);
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
  return page;
}

async function submit(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

async function noAxeViolations(page, what) {
  const violations = await axeCheck(page);
  assert.deepEqual(violations, [], `${what}: ${formatViolations(violations)}`);
}

test('the office writes a measure, versions the plan, assesses the year and downloads the Word report', async (t) => {
  const page = await signedIn('en');
  try {
    await page.goto('/en/strategy/halsodata');
    await submit(page, page.getByRole('link', { name: 'Add a measure' }));
    await noAxeViolations(page, 'new measure form');
    const field = (name) => page.locator(`[name="${name}"]`);
    await field('code').fill('1.8');
    await field('title_sv').fill('Gemensam datakatalog');
    await field('title_en').fill('A shared data catalogue');
    await field('description_sv').fill('Regionen bygger en katalog över hälsodatakällorna.');
    await field('description_en').fill('The region builds a catalogue of the health data sources.');
    await field('responsible').selectOption('region-stockholm');
    await field('contributors[0]').selectOption('karolinska-institutet');
    await field('start').fill('2027-01-01');
    await field('end').fill('2028-12-31');
    await field('budget').fill('2 500 000');
    await field('currency').fill('SEK');
    await field('milestones[0].title_sv').fill('Första versionen publicerad');
    await field('milestones[0].title_en').fill('First version published');
    await field('milestones[0].due').fill('2027-13-01');
    await page.check('input[name="indicators"][value="1.a"]');
    // A bad date is refused with the form as it was typed.
    let response = await submit(page, page.getByRole('button', { name: 'Save' }));
    assert.equal(response.status(), 422);
    assert.match(await page.title(), /^Error:/);
    assert.equal(await field('title_en').inputValue(), 'A shared data catalogue');
    await field('milestones[0].due').fill('2027-06-30');
    response = await submit(page, page.getByRole('button', { name: 'Save' }));
    assert.equal(response.status(), 200, await page.locator('main').innerText());
    const measure = norm(await page.locator('main').innerText());
    for (const shown of ['A shared data catalogue', 'First version published', '2,500,000 SEK', 'Karolinska Institutet']) {
      assert.ok(measure.includes(shown), `the measure page shows ${shown}`);
    }

    // A new version of the plan, with its reason; the history says what changed.
    await page.goto('/en/strategy/halsodata/versions');
    await noAxeViolations(page, 'versions page and form');
    await page.locator('[name="valid_from"]').fill(new Date().toISOString().slice(0, 10));
    await page.locator('[name="reason_sv"]').fill('Ny katalog efter halvtidsöversynen.');
    await page.locator('[name="reason_en"]').fill('A new catalogue after the mid-term review.');
    response = await submit(page, page.getByRole('button', { name: 'Record the version' }));
    assert.equal(response.status(), 200, await page.locator('main').innerText());
    const versions = norm(await page.locator('main').innerText());
    assert.match(versions, /Version 2/);
    assert.match(versions, /Measure 1\.8 was added\./);
    assert.match(versions, /A new catalogue after the mid-term review\./);

    // The assessment of the example year, written from the Swedish page.
    await page.goto('/sv/follow-up/2025/assessments/halsodata');
    await noAxeViolations(page, 'assessment form');
    await page.locator('[name="went_well_sv"]').fill('Katalogen fick en plan och en budget.');
    await page.locator('[name="went_well_en"]').fill('The catalogue got a plan and a budget.');
    response = await submit(page, page.getByRole('button', { name: 'Spara' }));
    assert.equal(response.status(), 200, await page.locator('main').innerText());

    // The Word document of the year holds it.
    await page.goto('/en/follow-up/2025');
    const href = await page.getByRole('link', { name: 'Word document (.docx) to edit' }).getAttribute('href');
    const docx = await page.request.get(href);
    assert.equal(docx.status(), 200);
    assert.equal(docx.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const bytes = await docx.body();
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a ZIP container');
  } catch (e) {
    await saveScreenshot(page, t.name);
    throw e;
  } finally {
    await page.context().close();
  }
});
