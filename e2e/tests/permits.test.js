// A data-permit application as a researcher and Centrum för hälsodata's staff live it in the browser. The
// researcher, in Swedish and without JavaScript, writes an application; a save with a wrong date is refused
// with the error named and linked to its field, the other fields keep what was typed, and nothing is saved;
// the corrected application is saved and submitted. The staff, in English, find it in their list, start the
// review, mark one section "To be clarified" with a note and ask for a clarification. The researcher sees that
// a clarification is asked, the note, and the statutory clock paused; changes the application and sends the
// clarification.
// The staff cannot approve while a section is not accepted; they accept all nine and approve with conditions.
// The researcher sees "Beviljad med villkor" and the conditions, with the clock stopped, then asks a cohort
// question within the project (answered from the project's budget; one outside the permit's years is refused with
// the rule named), and asks to release the answer; two staff vote without seeing each other's vote until both are
// in, and the released result is public. The list, the form
// and the application page pass axe in both languages, and the application page and the form fit 320 px
// without scrolling sideways.
//
// Screenshots for a person to look at (outside the repository): /tmp/permits-shots/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();
const RESEARCHER = { email: 'forskare@ki.example', password: 'Metformin och HbA1c 2026 Solna' };
const STAFF = { email: 'handlaggare@cfh.example', password: 'Granskning av ansökningar 2026' };
const STAFF2 = { email: 'granskare@cfh.example', password: 'Andra granskaren av resultat 2026' };
const OUTPUT = 'Typ 2-diabetes 2012–2019';
const SHOTS = '/tmp/permits-shots';

const TITLE = 'Metformin och HbA1c i Stockholm';
const NOTE = 'Who holds the pseudonym key?';
const CLARIFY = 'Say who holds the pseudonym key, and where it is kept.';
const SAFEGUARDS_AFTER = 'Centrum för hälsodata håller pseudonymnyckeln; vi ser den aldrig.';
const RESPONSE = 'Nyckeln stannar hos Centrum för hälsodata; se Skyddsåtgärder.';
const CONDITIONS = 'Results only as aggregates of at least 10 persons.';
const SECTIONS = [
  'Purpose', 'Data and variables', 'Anonymised or pseudonymised', 'Safeguards', 'Period of the permit',
  'Processing environment and tools', 'Ethics approval', 'Legal basis (GDPR)', 'Secrecy assessment',
];

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

/** Clicks what `locator` finds and waits for the page it leads to; returns the response. */
async function follow(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

// A form field by its label, which a required field follows with "(obligatoriskt)" / "(required)".
const field = (page, name) =>
  page.getByLabel(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\((obligatoriskt|required)\\))?$`));
const norm = (t) => t.replace(/\s+/g, ' ').trim();
const text = async (locator) => norm(await locator.innerText());

/** The value of a fact (dt/dd) in the facts list at the top of the application page. */
const fact = (page, term) => text(page.locator('main > dl.facts-inline dt', { hasText: term }).locator('xpath=following-sibling::dd[1]'));

/** Pages whose browser runs no JavaScript. */
const WITHOUT_JS = new WeakSet();

/**
 * The axe violations on `page`. axe needs JavaScript: a page without it is shown again, as the person saw it
 * (its HTML at its address, with the site's own stylesheets), in a browser with JavaScript and checked there.
 */
async function axeViolations(page) {
  if (!WITHOUT_JS.has(page)) return axeCheck(page);
  const html = await page.content();
  const url = page.url().split('#')[0];
  const checker = await openPage(s.browser, { bypassCSP: true });
  try {
    let shown = false;
    await checker.route(url, (route) => {
      shown = true;
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
    await checker.goto(url);
    assert.ok(shown, `the page at ${url} is checked as the person saw it`);
    return await axeCheck(checker);
  } finally {
    await checker.context().close();
  }
}

async function assertAxe(page, what) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${what} (${page.url()}):\n${formatViolations(violations)}`);
}

/**
 * Runs in the page: its width against the window's, and what reaches past the right edge (outside boxes that
 * scroll or clip sideways themselves), widest first. The same rule as reflow.test.js (WCAG 1.4.10).
 */
function overflowReport() {
  const vw = window.innerWidth;
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.width === 0 && r.height === 0) || r.right <= vw + 0.5 || clipped(el)) continue;
    const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
      + (typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
    found.push({ right: Math.round(r.right), what: `${name} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"` });
  }
  found.sort((a, b) => b.right - a.right);
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, offenders: found.slice(0, 8) };
}

/** Asserts that `page`, at 320 px wide, does not scroll sideways; `shot` saves a full-page screenshot there. */
async function assertFits320(page, what, shot) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const r = await page.evaluate(overflowReport);
    if (shot) await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
    assert.ok(
      r.scrollWidth <= r.innerWidth,
      `${what} is ${r.scrollWidth} px wide in a 320 px window, so it scrolls sideways. Reaching past the edge:\n`
        + r.offenders.map((o) => `  ${o.right}  ${o.what}`).join('\n'),
    );
  } finally {
    await page.setViewportSize(before);
  }
}

test('a researcher applies for a data permit in Swedish without JavaScript; the holder\'s staff review it in English, ask for a clarification and approve it with conditions', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  addUser(RESEARCHER, 'researcher', 'karolinska-institutet');
  addUser(STAFF, 'data-access', 'centrum-for-halsodata');
  const researcher = await openPage(s.browser, { javaScriptEnabled: false });
  WITHOUT_JS.add(researcher);
  const staff = await openPage(s.browser, { bypassCSP: true });
  try {
    // ----- The researcher writes an application (Swedish, no JavaScript). -----
    await signIn(researcher, 'sv', RESEARCHER);
    await researcher.goto(`${s.baseURL}/sv/health-data/applications`);
    assert.equal(await text(researcher.locator('h1')), 'Ansökningar om dataåtkomst');
    assert.match(await text(researcher.locator('main')), /Det finns inga ansökningar att visa\./);
    await assertAxe(researcher, 'the researcher\'s empty list, in Swedish');

    await follow(researcher, researcher.getByRole('link', { name: 'Ny ansökan' }));
    assert.match(researcher.url(), /\/sv\/health-data\/applications\/new$/);
    assert.equal(await text(researcher.locator('h1')), 'Ny ansökan om dataåtkomst');
    await assertAxe(researcher, 'the empty application form, in Swedish');
    await assertFits320(researcher, 'the application form', 'researcher-form-320.png');

    const r = researcher;
    await r.getByLabel('Rubrik').fill(TITLE);
    await r.getByLabel('Region Stockholms sammanhängande hälsodata').check();
    await r.getByLabel('Syntetisk Stockholmsbefolkning (OMOP CDM)').check();
    await field(r, 'Ändamål').selectOption({ label: 'Vetenskaplig forskning (e)' });
    await r.getByLabel('Ändamålet beskrivet').fill('Om metformin som sätts in tidigt sänker HbA1c efter två år.');
    await r.getByLabel('Diagnoser (ICD-10)').check();
    await r.getByLabel('Läkemedel (ATC)').check();
    await r.getByLabel('Mätvärden och labbvärden').check();
    await r.getByLabel('Uppgifter från (år)').fill('2010');
    await r.getByLabel('Uppgifter till och med (år)').fill('2024');
    await field(r, 'Data och variabler').fill('Diagnoser E11, ATC A10BA02 och HbA1c-värden 2010–2024.');
    await r.getByLabel('Uppgifternas form').selectOption({ label: 'Pseudonymiserade' });
    await r.getByLabel('Skäl till att pseudonymiserade uppgifter behövs').fill('Uttag av läkemedel ska kopplas till labbvärden per person.');
    await field(r, 'Skyddsåtgärder').fill('Resultat granskas innan de lämnas ut.');
    await r.getByLabel('Tillstånd från (datum)').fill('2027-13-01'); // no 13th month
    await r.getByLabel('Tillstånd till och med (datum)').fill('2030-12-31');
    await field(r, 'Behandlingsmiljö').fill('Regionens säkra behandlingsmiljö.');
    await field(r, 'Verktyg').fill('R och Python');
    await r.getByLabel('Diarienummer för etikgodkännandet').fill('2026-01234-01');
    await r.getByLabel('Rättslig grund, artikel 6.1 i dataskyddsförordningen')
      .selectOption({ label: 'e) uppgift av allmänt intresse eller myndighetsutövning' });
    await r.getByLabel('Undantag, artikel 9.2 i dataskyddsförordningen').selectOption({ label: 'j) vetenskaplig forskning eller statistik' });
    await field(r, 'Sekretessbedömning').fill('Lämnas bara ut som aggregat; ingen person kan identifieras.');

    // The wrong date is refused: named in the summary, linked to its field, marked there; the rest of what was
    // typed stays.
    let response = await follow(r, r.getByRole('button', { name: 'Spara ansökan' }));
    assert.equal(response.status(), 422);
    const summary = r.locator('.error-summary');
    assert.equal(await text(summary.locator('h2')), 'Något behöver rättas');
    const link = summary.getByRole('link', { name: 'Tillstånd från (datum): Skriv datum som ÅÅÅÅ-MM-DD.', exact: true });
    assert.equal(await link.count(), 1, await text(summary));
    const target = await link.getAttribute('href');
    assert.equal(await r.locator(target).getAttribute('aria-invalid'), 'true', `${target} is the date field, marked wrong`);
    assert.equal(await r.getByLabel('Tillstånd från (datum)').getAttribute('aria-invalid'), 'true');
    assert.equal(await r.getByLabel('Rubrik').inputValue(), TITLE);
    assert.equal(await r.getByLabel('Region Stockholms sammanhängande hälsodata').isChecked(), true);
    assert.equal(await field(r, 'Ändamål').inputValue(), 'research');
    await assertAxe(r, 'the application form with an error, in Swedish');
    await assertFits320(r, 'the application form with an error', 'researcher-form-error-320.png');
    await link.click();
    assert.equal(new URL(r.url()).hash, target);

    // Corrected and saved; only this one application exists (the refused save kept nothing).
    await r.getByLabel('Tillstånd från (datum)').fill('2026-01-01');
    response = await follow(r, r.getByRole('button', { name: 'Spara ansökan' }));
    assert.equal(response.status(), 200);
    const appPath = new URL(r.url()).pathname;
    assert.match(appPath, /^\/sv\/health-data\/applications\/\d+$/);
    const id = appPath.split('/').pop();
    assert.equal(await text(r.locator('h1')), TITLE);
    assert.equal(await text(r.locator('[role=status]')), 'Ansökan är sparad.');
    assert.equal(await fact(r, 'Status'), 'Utkast');
    assert.equal(await r.getByText('Innan ansökan kan lämnas in behövs').count(), 0, 'nothing is missing');
    await r.goto(`${s.baseURL}/sv/health-data/applications`);
    assert.deepEqual((await r.locator('table tbody tr td:first-child').allInnerTexts()).map(norm), [TITLE]);
    assert.equal(await text(r.locator('table tbody tr td:nth-child(2)')), 'Utkast');
    await assertAxe(r, 'the researcher\'s list with a draft, in Swedish');

    // Submitted: the statutory clock starts.
    await follow(r, r.getByRole('link', { name: TITLE }));
    await follow(r, r.getByRole('button', { name: 'Lämna in ansökan' }));
    assert.equal(await text(r.locator('[role=status]')), 'Ansökan har nu status: Inlämnad.');
    assert.equal(await fact(r, 'Status'), 'Inlämnad');
    assert.match(await fact(r, 'Lagstadgad handläggningstid'), /^Dag \d+ av 90$/);
    assert.equal(await r.getByRole('link', { name: 'Ändra ansökan' }).count(), 0, 'a submitted application is not changed');

    // ----- The staff take it and ask for a clarification (English, JavaScript). -----
    await signIn(staff, 'en', STAFF);
    assert.match(staff.url(), /\/en\/health-data\/applications$/);
    assert.equal(await text(staff.locator('h1')), 'Data-permit applications');
    const row = staff.locator('table tbody tr', { hasText: TITLE });
    assert.equal(await text(row.locator('td').nth(1)), 'Submitted');
    assert.equal(await staff.getByRole('link', { name: 'New application' }).count(), 0, 'staff do not apply');
    await assertAxe(staff, 'the staff\'s list, in English');

    await follow(staff, row.getByRole('link', { name: TITLE }));
    assert.equal(new URL(staff.url()).pathname, `/en/health-data/applications/${id}`);
    assert.equal(await fact(staff, 'Status'), 'Submitted');
    await follow(staff, staff.getByRole('button', { name: 'Start the review' }));
    assert.equal(await fact(staff, 'Status'), 'In review');
    // Each section shows what the researcher wrote, with the staff's review form under it.
    const safeguards = staff.getByRole('region', { name: 'Safeguards', exact: true });
    assert.match(await text(safeguards), /Resultat granskas innan de lämnas ut\./);
    assert.match(await text(staff.getByRole('region', { name: 'Data and variables', exact: true })),
      /Sources Region Stockholm's connected health data/);
    for (const name of SECTIONS) {
      assert.equal(await staff.getByRole('region', { name, exact: true }).getByRole('button', { name: 'Save the review' }).count(), 1, name);
    }
    await staff.screenshot({ path: join(SHOTS, 'staff-review-1280.png'), fullPage: true });
    await assertAxe(staff, 'the application in review, in English');
    await assertFits320(staff, 'the application in review', 'staff-review-320.png');

    await safeguards.getByRole('radio', { name: 'To be clarified' }).check();
    await safeguards.getByLabel('Note (needed when something is to be clarified)').fill(NOTE);
    await follow(staff, safeguards.getByRole('button', { name: 'Save the review' }));
    assert.equal(await text(staff.locator('[role=status]')), 'The review is saved.');
    assert.match(await text(safeguards.locator('p.review-clarify')), new RegExp(`^To be clarified: ${NOTE.replace('?', '\\?')} \\(`));

    await staff.getByLabel('What must be clarified').fill(CLARIFY);
    await follow(staff, staff.getByRole('button', { name: 'Ask for a clarification' }));
    assert.equal(await fact(staff, 'Status'), 'Clarification requested');
    assert.match(await fact(staff, 'Statutory period'), /^Day \d+ of 90 \(paused while a clarification is pending\)$/);
    assert.equal(await staff.getByRole('button', { name: 'Save the review' }).count(), 0, 'no review while the researcher answers');

    // ----- The researcher sees the paused clock and the note, changes the application and answers. -----
    await r.reload();
    assert.equal(await fact(r, 'Status'), 'Komplettering begärd');
    assert.match(await fact(r, 'Lagstadgad handläggningstid'), /^Dag \d+ av 90 \(vilar medan komplettering väntas\)$/);
    const rSafeguards = r.getByRole('region', { name: 'Skyddsåtgärder', exact: true });
    assert.match(await text(rSafeguards.locator('p.review-clarify')), new RegExp(`^Ska kompletteras: ${NOTE.replace('?', '\\?')}`));
    assert.match(await text(r.locator('main')), new RegExp(CLARIFY));
    await assertAxe(r, 'the application awaiting a clarification, in Swedish');

    await follow(r, r.getByRole('link', { name: 'Ändra ansökan' }));
    assert.equal(await text(r.locator('h1')), 'Ändra ansökan');
    assert.equal(await r.getByLabel('Tillstånd från (datum)').inputValue(), '2026-01-01');
    await field(r, 'Skyddsåtgärder').fill(SAFEGUARDS_AFTER);
    await follow(r, r.getByRole('button', { name: 'Spara ansökan' }));
    assert.equal(await text(r.locator('[role=status]')), 'Ansökan är sparad.');
    assert.match(await text(rSafeguards), new RegExp(SAFEGUARDS_AFTER));
    assert.equal(await fact(r, 'Status'), 'Komplettering begärd', 'saving a change is not yet the answer');

    await r.getByLabel('Din komplettering').fill(RESPONSE);
    await follow(r, r.getByRole('button', { name: 'Skicka kompletteringen' }));
    assert.equal(await fact(r, 'Status'), 'Under granskning');
    assert.match(await fact(r, 'Lagstadgad handläggningstid'), /^Dag \d+ av 90$/, 'the clock runs again');

    // ----- The staff accept the sections; not approved while one is still to be clarified; with conditions. -----
    await staff.reload();
    assert.equal(await fact(staff, 'Status'), 'In review');
    assert.match(await text(staff.locator('main')), new RegExp(RESPONSE));
    assert.match(await text(safeguards), new RegExp(SAFEGUARDS_AFTER), 'the staff see the changed text');
    const accept = async (name) => {
      const section = staff.getByRole('region', { name, exact: true });
      await section.getByRole('radio', { name: 'Accepted' }).check();
      await follow(staff, section.getByRole('button', { name: 'Save the review' }));
      assert.equal(await text(staff.locator('[role=status]')), 'The review is saved.');
      assert.match(await text(section.locator('p.review-ok')), /^Accepted \(/, name);
    };
    for (const name of SECTIONS.filter((n) => n !== 'Safeguards')) await accept(name);
    // Approving is not offered while a section is open, and says why.
    assert.equal(await staff.getByRole('button', { name: 'Approve', exact: true }).count(), 0);
    assert.match(await text(staff.locator('main')), /One section is not accepted yet: accept every section to approve\./);
    await accept('Safeguards');
    assert.equal(await staff.locator('p.review-clarify').count(), 0);

    const conditional = staff.getByRole('group', { name: 'Approve with conditions' });
    await conditional.getByLabel('The conditions').fill(CONDITIONS);
    await conditional.getByLabel("The project's privacy budget (epsilon)").fill('2');
    await follow(staff, conditional.getByRole('button', { name: 'Approve with conditions' }));
    assert.equal(await fact(staff, 'Status'), 'Approved with conditions');
    assert.equal(await fact(staff, 'Decision'), CONDITIONS);
    assert.match(await fact(staff, 'Statutory period'), /^Day \d+ of 90 \(stopped at the decision\)$/);
    assert.equal(await staff.getByRole('region', { name: 'What you can do' }).count(), 0, 'nothing is left to do');

    // ----- The researcher sees the permit and its conditions. -----
    await r.reload();
    assert.equal(await fact(r, 'Status'), 'Beviljad med villkor');
    assert.equal(await fact(r, 'Beslut'), CONDITIONS);
    assert.match(await fact(r, 'Lagstadgad handläggningstid'), /^Dag \d+ av 90 \(stoppad vid beslutet\)$/);
    assert.equal(await r.getByRole('link', { name: 'Ändra ansökan' }).count(), 0);
    assert.equal(await r.getByRole('button').filter({ hasText: /ansökan|kompletteringen/ }).count(), 0, 'no move is left');
    await assertAxe(r, 'the decided application, in Swedish');
    await assertFits320(r, 'the decided application', 'researcher-decided-320.png');
    await r.goto(`${s.baseURL}/sv/health-data/applications`);
    assert.equal(await text(r.locator('table tbody tr td:nth-child(2)')), 'Beviljad med villkor');

    // ----- The researcher works within the project: a question inside the permit is answered from its budget. --
    await r.goto(`${s.baseURL}/sv/health-data/cohorts`);
    await r.getByLabel('Fråga inom').selectOption({ label: `Projekt: ${TITLE} (2 kvar)` });
    await r.getByLabel('Koder', { exact: true }).first().fill('E11');
    await r.getByLabel('Indexhändelse från och med (datum)').fill('2012-01-01');
    await r.getByLabel('Indexhändelse till och med (datum)').fill('2019-12-31');
    await follow(r, r.getByRole('button', { name: 'Ställ frågan' }));
    assert.match(await text(r.locator('main')), /Personer i kohorten: (cirka [\d\u00a0]+|färre än 10)/);
    // A drug question is outside the permit's kinds of records? Drugs are covered; a period before 2010 is not.
    await r.getByLabel('Fråga inom').selectOption({ label: `Projekt: ${TITLE} (1,5 kvar)` });
    await r.getByLabel('Indexhändelse från och med (datum)').fill('2005-01-01');
    const refused = await follow(r, r.getByRole('button', { name: 'Ställ frågan' }));
    assert.equal(refused.status(), 409);
    assert.match(await text(r.locator('main')), /Tillståndet omfattar indexhändelser från 2010 till 2024/);

    // ----- ... and asks to release the answer; two staff vote without seeing each other's vote. -----
    await r.goto(`${s.baseURL}${appPath}`);
    const release = r.getByRole('group', { name: 'Begär att ett svar lämnas ut' });
    await release.getByLabel('Resultatets rubrik').fill(OUTPUT);
    await release.getByLabel('Vad det visar').fill('Personer med en första diagnos typ 2-diabetes.');
    await follow(r, release.getByRole('button', { name: 'Begär utlämnande' }));
    const outputPath = new URL(r.url()).pathname;
    assert.match(outputPath, /^\/sv\/health-data\/outputs\/\d+$/);
    assert.equal(await fact(r, 'Status'), 'Väntar på granskning');
    assert.match(await text(r.locator('main')), /Ingen granskare har röstat ännu; två måste godkänna\./);
    await assertAxe(r, 'an output waiting for review, in Swedish');

    const enOutput = outputPath.replace('/sv/', '/en/');
    await staff.goto(`${s.baseURL}${enOutput}`);
    await staff.getByRole('radio', { name: 'Approve the release' }).check();
    await staff.getByLabel('Note').fill('Aggregates; nothing small.');
    await follow(staff, staff.getByRole('button', { name: 'Save the vote' }));
    assert.equal(await text(staff.locator('[role=status]')), 'Your vote is saved.');
    addUser(STAFF2, 'data-access', 'centrum-for-halsodata');
    const second = await openPage(s.browser, { bypassCSP: true });
    try {
      await signIn(second, 'en', STAFF2);
      await second.goto(`${s.baseURL}${enOutput}`);
      assert.match(await text(second.locator('main')), /One of two reviewers has voted/);
      assert.doesNotMatch(await text(second.locator('main')), /Aggregates; nothing small\./, 'the first vote is hidden');
      await assertAxe(second, 'an output to vote on, in English');
      await second.getByRole('radio', { name: 'Approve the release' }).check();
      await follow(second, second.getByRole('button', { name: 'Save the vote' }));
      assert.equal(await fact(second, 'Status'), 'Released');
      assert.match(await text(second.locator('main')), /Aggregates; nothing small\./, 'both votes are shown once in');
    } finally {
      await second.context().close();
    }

    // ----- Released: anyone reads it, with its figures as released. -----
    const visitor = await openPage(s.browser, { bypassCSP: true });
    try {
      await visitor.goto(`${s.baseURL}/en/health-data/outputs`);
      await follow(visitor, visitor.getByRole('link', { name: OUTPUT }));
      assert.equal(await fact(visitor, 'Project'), TITLE);
      assert.match(await text(visitor.locator('main')), /Persons: (about [\d,]+|fewer than 10)/);
      await assertAxe(visitor, 'a released output, in English');
      await assertFits320(visitor, 'a released output', 'output-released-320.png');
    } finally {
      await visitor.context().close();
    }
  } catch (e) {
    const failed = (who) => ({ passed: false, name: `permits ${who}`, diagnostic: t.diagnostic?.bind(t) });
    await screenshotIfFailed(failed('researcher'), researcher);
    await screenshotIfFailed(failed('staff'), staff);
    throw e;
  } finally {
    await researcher.context().close();
    await staff.context().close();
  }
});
