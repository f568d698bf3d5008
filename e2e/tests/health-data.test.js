// Health data as a researcher uses it, in the browser (the office's form without JavaScript): the office gives a budget on the
// person's page, the researcher lands on the cohort form after signing in (in Swedish), asks a question and reads
// an answer whose counts are all "about n" or "fewer than 10", with a chart and a table per breakdown; the same
// question again is free; a wrong code is named and linked; the answer page passes axe and reflows at 320 px.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();
const OFFICE = { email: 'office@example.se', password: 'Programkontoret 2026 Solna' };
const RESEARCHER = { email: 'forskare@ki.example', password: 'Kohorter och integritet 2026' };

function addUser(u, role, actor) {
  const args = ['user', 'add', '--db', s.server.db, '--email', u.email, '--role', role, '--name', u.email, '--password-stdin'];
  if (actor) args.push('--actor', actor);
  const r = spawnSync(s.server.bin, args, { input: `${u.password}\n`, env: s.server.env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

async function signIn(page, lang, u) {
  await page.goto(`${s.baseURL}/${lang}/login`);
  await page.fill('#f-email', u.email);
  await page.fill('#f-password', u.password);
  await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
}

const norm = (t) => t.replace(/\s+/g, ' ').trim();

test('a researcher asks a cohort question within a budget the office gives, in Swedish (the office without JavaScript)', async (t) => {
  addUser(OFFICE, 'admin');
  addUser(RESEARCHER, 'researcher', 'karolinska-institutet');
  const office = await openPage(s.browser, { javaScriptEnabled: false });
  const page = await openPage(s.browser, { bypassCSP: true });
  try {
    // The office finds the researcher and gives a budget.
    await signIn(office, 'en', OFFICE);
    await office.goto(`${s.baseURL}/en/admin/people?q=forskare`);
    await Promise.all([office.waitForNavigation(), office.getByRole('link', { name: RESEARCHER.email }).click()]);
    await office.getByLabel('Budget in all (epsilon)').fill('2');
    await Promise.all([office.waitForNavigation(), office.getByRole('button', { name: 'Save the budget' }).click()]);
    assert.match(norm(await office.locator('[role=status]').innerText()), /The budget is saved/);
    assert.match(norm(await office.locator('main').innerText()), /Granted: 2\. Spent: 0; left: 2\./);

    // The researcher lands on the cohort form.
    await signIn(page, 'sv', RESEARCHER);
    assert.match(page.url(), /\/sv\/health-data\/cohorts$/);
    assert.equal(norm(await page.locator('h1').innerText()), 'Kohortfråga');
    assert.match(norm(await page.locator('main').innerText()), /Syntetiska data\./);
    assert.equal(norm(await page.locator('#budget').innerText()), 'Kvar av integritetsbudgeten: 2.');

    // A wrong code is named and linked to its field; nothing is charged.
    await page.getByLabel('Koder', { exact: true }).first().fill('E99');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Ställ frågan' }).click()]);
    const summary = page.locator('.error-summary');
    assert.match(norm(await summary.innerText()), /E99 är inte en kod i vokabulären\./);
    assert.equal(await summary.locator('a[href="#f-codes"]').count(), 1);
    assert.equal(await page.locator('#f-codes').getAttribute('aria-invalid'), 'true');
    assert.equal(norm(await page.locator('#budget').innerText()), 'Kvar av integritetsbudgeten: 2.');

    // A question: type 2 diabetes, first diagnosis at 40 or older.
    await page.getByLabel('Koder', { exact: true }).first().fill('E11');
    await page.getByLabel('Lägsta ålder vid indexhändelsen (år)').fill('40');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Ställ frågan' }).click()]);
    const answer = page.locator('section.health-answer');
    const total = norm(await answer.locator('.big-number').innerText());
    assert.match(total, /^Personer i kohorten: (cirka \d[\d\u00a0 ]*|färre än 10)$/);
    assert.match(norm(await answer.innerText()), /Frågan kostade 0,5 av din integritetsbudget\. Kvar av integritetsbudgeten: 1,5\./);
    const cells = (await answer.locator('table td').allInnerTexts()).map(norm);
    assert.ok(cells.length > 10, `cells: ${cells.length}`);
    for (const c of cells) assert.match(c, /^(cirka \d[\d\u00a0 ]*|färre än 10)$/, `a cell shows only released counts: ${c}`);
    assert.deepEqual(
      (await answer.locator('h3').allInnerTexts()).map(norm),
      ['År för indexhändelsen', 'Åldersgrupp vid indexhändelsen', 'Kön', 'Kommun'],
    );
    assert.equal(await answer.locator('svg[role=img] title').count(), 4, 'each breakdown is drawn, with a title');
    const violations = await axeCheck(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 320 px (${overflow} px too wide)`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The same question again: the same answer, at no cost.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Ställ frågan' }).click()]);
    assert.equal(norm(await page.locator('section.health-answer .big-number').innerText()), total);
    assert.match(norm(await page.locator('section.health-answer').innerText()), /Du har ställt den här frågan tidigare: samma svar, utan kostnad\./);

    // The overview in English says what the data is.
    await page.goto(`${s.baseURL}/en/health-data`);
    assert.match(norm(await page.locator('main').innerText()), /Synthetic data\. The population here is generated/);
  } catch (e) {
    await screenshotIfFailed(t, page);
    await screenshotIfFailed(t, office);
    throw e;
  } finally {
    await page.context().close();
    await office.context().close();
  }
});
