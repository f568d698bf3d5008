// The yearly follow-up: the programme office opens the 2026 cycle; the reporter of the Centre for Health Data
// reports measure 1.1 (status, narrative, a value for indicator 1.a, evidence) and sends it; the office returns it
// with a comment, the reporter corrects it and sends it again, the office accepts it and closes the cycle; the public
// yearly report shows the accepted value, its chart and narrative; the closed cycle refuses edits (also a replayed
// form post); the office corrects the value with a reason and the public report lists the revision. Also: a
// reporter of another actor cannot reach the report, the report in Swedish, the error summary of the report form
// leads to the field with the keyboard, and every follow-up page passes axe.
//
// The tests of this file share one server and build on each other in order: the journey opens and closes 2026;
// the tests after it open 2027 (only one cycle may be open at a time) for the pages of an open cycle.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();

const PASSWORD = 'Uppföljning 2026 Hälsodata';
const USERS = {
  admin: { email: 'office@followup.example.se', role: 'admin', name: 'Programme Office' },
  reporter: {
    email: 'report@halsodata.example.se', role: 'reporter', actor: 'centrum-for-halsodata', name: 'Rita Hälsodata',
  },
  // Region Stockholm contributes to measure 1.1 but is not responsible for it.
  other: { email: 'report@region.example.se', role: 'reporter', actor: 'region-stockholm', name: 'Rolf Region' },
};
const YEAR = 2026;
/** The cycle the tests after the journey open, once 2026 is closed. */
const NEXT_YEAR = 2027;
const MEASURE = { code: '1.1', en: 'Centre for Health Data', sv: 'Centrum för hälsodata' };
const INDICATOR = { code: '1.a', en: 'Research projects that received structured health data' };
/** A deadline in the next calendar year, so never in the past. */
const DEADLINE = `${new Date().getFullYear() + 1}-03-31`;

/** Visible text with runs of white space collapsed. */
const norm = (text) => text.replace(/\s+/g, ' ').trim();

/** The path and query of the page's URL. */
const where = (page) => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};

const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let usersAdded = false;
/** Adds the users through the command line, against the server's database, once. */
function addUsers() {
  if (usersAdded) return;
  usersAdded = true;
  for (const u of Object.values(USERS)) {
    const args = ['user', 'add', '--db', s.server.db, '--email', u.email, '--role', u.role, '--name', u.name, '--password-stdin'];
    if (u.actor) args.push('--actor', u.actor);
    const r = spawnSync(s.server.bin, args, { input: `${PASSWORD}\n`, env: s.server.env, encoding: 'utf8' });
    assert.equal(r.status, 0, `user add ${u.email}: ${r.stderr}`);
  }
}

let ids;
/** The ids of measures 1.1 and 1.2 and of indicator 1.a, from the open data API. */
async function idsOf() {
  if (!ids) {
    const measures = await (await fetch(`${s.baseURL}/api/v1/measures`)).json();
    const indicators = await (await fetch(`${s.baseURL}/api/v1/indicators`)).json();
    const measure = (code) => measures.find((m) => m.code === code);
    const indicator = indicators.find((i) => i.code === INDICATOR.code);
    assert.ok(measure('1.1') && measure('1.2') && indicator, 'the built-in strategy has measures 1.1, 1.2 and indicator 1.a');
    assert.equal(measure('1.1').responsible, 'centrum-for-halsodata');
    assert.ok(indicator.measures.includes('1.1'), 'indicator 1.a follows measure 1.1');
    ids = { m11: measure('1.1').id, m12: measure('1.2').id, i1a: indicator.id, values1a: indicator.values };
  }
  return ids;
}

/** The address of a measure's report form. */
const formPath = (year, measureId, lang = 'en') => `/${lang}/follow-up/${year}/reports/${measureId}`;

/** The server's ERROR log lines (a 500 logs "request failed") from index `from` on. */
function serverErrors(from = 0) {
  return s.server.logs.slice(from).filter((line) => {
    try { return JSON.parse(line).level === 'ERROR'; } catch { return false; }
  });
}

/** A fresh page in a fresh context, signed in as `who` through the sign-in form. */
async function signedIn(who, { lang = 'en', bypassCSP = false } = {}) {
  addUsers();
  const page = await openPage(s.browser, { baseURL: s.baseURL, bypassCSP });
  await page.goto(`/${lang}/login`);
  await page.fill('#f-email', USERS[who].email);
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
  assert.doesNotMatch(where(page), /\/login/, `${who} is signed in`);
  return page;
}

/** A fresh page for a visitor who is not signed in. */
const visitor = (options = {}) => openPage(s.browser, { baseURL: s.baseURL, ...options });

/** Clicks `locator` (a submit button or link) and resolves with the response of the page it leads to. */
async function submit(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

/** The text of the report page's "Report" fact (where the report stands). */
async function reportState(page) {
  return norm(await page.locator('dl.facts-inline dd').first().innerText());
}

/** The rows of a table as arrays of cell texts. */
function rowsOf(table) {
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
}

/** The row of the reports list whose measure link is `title`. */
const reportRow = (page, title) =>
  page.locator('table tbody tr').filter({ has: page.getByRole('link', { name: title, exact: true }) });

/** The indicator's figure on the yearly report. */
const indicatorFigure = (page, code) =>
  page.locator('figure.indicator').filter({ has: page.locator('figcaption a', { hasText: new RegExp(`^${escapeRe(code)} `) }) });

/** The indicator's values as [year, value] pairs from its table on the yearly report. */
async function indicatorValues(page, code) {
  const figure = indicatorFigure(page, code);
  assert.equal(await figure.count(), 1, `one figure for indicator ${code}`);
  return rowsOf(figure.locator('table.values'));
}

/** Runs `fn` with the pages it opens; on failure a screenshot of each, then all contexts are closed. */
async function withPages(t, fn) {
  const pages = [];
  const from = s.server.logs.length;
  try {
    await fn(pages);
    assert.deepEqual(serverErrors(from), [], 'the server logged no errors');
  } catch (e) {
    for (const [i, p] of pages.entries()) {
      await screenshotIfFailed({ passed: false, name: `${t.name} ${i}`, diagnostic: t.diagnostic?.bind(t) }, p);
    }
    const errors = serverErrors(from);
    if (errors.length) t.diagnostic(`server errors:\n${errors.join('\n')}`);
    throw e;
  } finally {
    await Promise.allSettled(pages.map((p) => p.context().close()));
  }
}

/** As the office: opens the cycle of `year` through the form on /en/follow-up. */
async function openCycle(page, year) {
  await page.goto('/en/follow-up');
  await page.getByLabel('Year', { exact: true }).fill(String(year));
  await page.getByLabel('Deadline', { exact: true }).fill(DEADLINE);
  const response = await submit(page, page.getByRole('button', { name: 'Open the cycle' }));
  assert.equal(response.status(), 200);
  assert.equal(where(page), `/en/follow-up/${year}/reports?done=opened`);
}

// On a site without cycles the form proposes last year; its usual deadline (28 February) may have passed, and the
// form must never propose a day it would refuse.
test('the office\'s form proposes a deadline that is not in the past', (t) =>
  withPages(t, async (pages) => {
    const admin = await signedIn('admin');
    pages.push(admin);
    await admin.goto('/en/follow-up');
    const proposed = await admin.locator('#deadline').inputValue();
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(proposed >= today, `the prefilled deadline ${proposed} is today or later (today is ${today})`);
  }));

test('the yearly follow-up: 2026 is opened, 1.1 reported, returned, corrected, accepted, closed and revised', (t) =>
  withPages(t, async (pages) => {
    const { m11, i1a } = await idsOf();
    const title = `${MEASURE.code} ${MEASURE.en}`;

    // --- The office opens 2026; a deadline in the past is refused first. ---
    const admin = await signedIn('admin');
    pages.push(admin);
    let response = await admin.goto('/en/follow-up');
    assert.equal(response.status(), 200);
    assert.equal(norm(await admin.locator('h1').innerText()), 'Yearly follow-up');
    // A new site has only the built-in example year, closed and marked as an example.
    assert.match(norm(await admin.locator('main table').innerText()), /2025\s+Closed \(example\)/);
    await admin.getByRole('heading', { name: 'Open a new cycle' }).waitFor();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await admin.getByLabel('Year', { exact: true }).fill(String(YEAR));
    await admin.getByLabel('Deadline', { exact: true }).fill(yesterday);
    response = await submit(admin, admin.getByRole('button', { name: 'Open the cycle' }));
    assert.equal(response.status(), 422, 'a deadline in the past is refused');
    const openError = admin.locator('.error-summary[role=alert]');
    assert.match(norm(await openError.innerText()), /The deadline has already passed/);
    assert.equal(await openError.locator('a[href="#deadline"]').count(), 1, 'the summary links to the deadline');
    assert.equal(await admin.locator('#deadline').getAttribute('aria-invalid'), 'true');
    assert.equal(await admin.locator('#year').inputValue(), String(YEAR), 'the typed year is kept');

    await admin.getByLabel('Deadline', { exact: true }).fill(DEADLINE);
    response = await submit(admin, admin.getByRole('button', { name: 'Open the cycle' }));
    assert.equal(response.status(), 200);
    assert.equal(where(admin), `/en/follow-up/${YEAR}/reports?done=opened`);
    assert.equal(norm(await admin.locator('h1').innerText()), `Reports ${YEAR}`);
    assert.match(norm(await admin.locator('[role=status]').innerText()), /^The cycle is open/);
    assert.match(norm(await admin.locator('main').innerText()), new RegExp(`Send each report by ${DEADLINE}`));
    assert.match(norm(await reportRow(admin, title).innerText()), /Not started/);
    const adminLines = await admin.locator('table tbody tr').count();

    // --- The reporter finds "Reports 2026" on the follow-up page and opens the report of 1.1. ---
    const reporter = await signedIn('reporter');
    pages.push(reporter);
    await reporter.goto('/en/follow-up');
    const cycleRow = reporter.locator('table tbody tr').filter({ has: reporter.locator('th', { hasText: String(YEAR) }) });
    assert.equal(await cycleRow.count(), 1, 'the 2026 cycle is listed');
    assert.match(norm(await cycleRow.innerText()), new RegExp(`Open ${DEADLINE}`));
    assert.equal(await reporter.getByRole('heading', { name: 'Open a new cycle' }).count(), 0, 'a reporter cannot open cycles');
    await Promise.all([
      reporter.waitForURL(`**/en/follow-up/${YEAR}/reports`),
      cycleRow.getByRole('link', { name: `Reports ${YEAR}`, exact: true }).click(),
    ]);
    assert.equal(norm(await reporter.locator('h1').innerText()), `Reports ${YEAR}`);
    const mine = await rowsOf(reporter.locator('table'));
    assert.ok(mine.length >= 1 && mine.length < adminLines, `the reporter sees only some measures; got ${JSON.stringify(mine)}`);
    for (const row of mine) assert.equal(row[1], MEASURE.en, `only the Centre for Health Data's measures; got ${JSON.stringify(row)}`);
    assert.match(norm(await reportRow(reporter, title).innerText()), /Not started/);
    assert.equal(await reporter.getByRole('button', { name: `Close the ${YEAR} cycle` }).count(), 0, 'a reporter cannot close');
    await Promise.all([
      reporter.waitForURL(`**${formPath(YEAR, m11)}`),
      reportRow(reporter, title).getByRole('link', { name: title, exact: true }).click(),
    ]);
    assert.equal(norm(await reporter.locator('h1').innerText()), `Report ${YEAR}: ${title}`);
    assert.equal(await reportState(reporter), 'Not started');

    // --- The reporter reports status, narrative, a value for 1.a and evidence, and sends it. ---
    const narrative1 = 'The centre released structured health data to 70 research projects.\n\nNext year: a faster extract process.';
    await reporter.getByLabel('Status', { exact: true }).selectOption({ label: 'Ongoing' });
    await reporter.locator('#narrative').fill(narrative1);
    const valueField = reporter.locator(`#value-${i1a}`);
    assert.equal(await valueField.count(), 1, 'the form asks for indicator 1.a');
    assert.match(
      norm(await reporter.locator('fieldset').filter({ has: valueField }).locator('legend').innerText()),
      new RegExp(`^${escapeRe(INDICATOR.code)} ${escapeRe(INDICATOR.en)}`),
    );
    assert.match(norm(await reporter.locator('fieldset').filter({ has: valueField }).innerText()), /Last year: 61/);
    await valueField.fill('70');
    await reporter.locator(`#comment-${i1a}`).fill('Counted from the release register');
    await reporter.locator('#evidence').fill('https://example.org/halsodata/annual-2026');
    response = await submit(reporter, reporter.locator('button[name=action][value=submit]'));
    assert.equal(response.status(), 200);
    assert.equal(where(reporter), `${formPath(YEAR, m11)}?done=submitted`);
    assert.match(norm(await reporter.locator('[role=status]').innerText()), /Your report is sent to the programme office/);
    assert.equal(await reportState(reporter), 'Sent, waiting for review');
    assert.equal(await reporter.locator('#narrative').count(), 0, 'a sent report cannot be edited');
    assert.equal(await reporter.locator('button[name=action]').count(), 0, 'no save or send buttons');
    const reported = norm(await reporter.locator('section').filter({ has: reporter.getByRole('heading', { name: 'What was reported' }) }).innerText());
    assert.match(reported, /Ongoing/);
    assert.match(reported, /70 research projects/);
    assert.match(reported, /70 number per year \(Counted from the release register\)/);

    // --- Nothing of it is public before the office accepts it. ---
    const publicPage = await visitor();
    pages.push(publicPage);
    response = await publicPage.goto(`/en/follow-up/${YEAR}`);
    assert.equal(response.status(), 200);
    assert.match(norm(await publicPage.locator('main').innerText()), /Preliminary: this cycle is open until/);
    assert.doesNotMatch(norm(await publicPage.locator('main').innerText()), /70 research projects/, 'the sent narrative is not public');
    assert.ok(
      !(await indicatorValues(publicPage, INDICATOR.code)).some(([y]) => y === String(YEAR)),
      'no 2026 value is public yet',
    );

    // --- The office opens the sent report and returns it; returning needs a comment. ---
    await admin.goto(`/en/follow-up/${YEAR}/reports`);
    assert.match(norm(await reportRow(admin, title).innerText()), /Sent, waiting for review/);
    await Promise.all([
      admin.waitForURL(`**${formPath(YEAR, m11)}`),
      reportRow(admin, title).getByRole('link', { name: title, exact: true }).click(),
    ]);
    await admin.getByRole('heading', { name: 'Review' }).waitFor();
    response = await submit(admin, admin.locator('button[name=move][value=return]'));
    assert.equal(response.status(), 422, 'returning without a comment is refused');
    assert.equal(await admin.locator('.error-summary[role=alert] a[href="#comment"]').count(), 1);
    assert.equal(await reportState(admin), 'Sent, waiting for review', 'nothing changed');
    const officeComment = 'Please check the count against the release register; we have 71 releases.';
    await admin.getByLabel('The programme office\'s comment').fill(officeComment);
    response = await submit(admin, admin.getByRole('button', { name: 'Return with comment' }));
    assert.equal(response.status(), 200);
    assert.equal(where(admin), `${formPath(YEAR, m11)}?done=returned`);
    assert.equal(await reportState(admin), 'Returned');

    // --- The reporter sees the comment, corrects the report and sends it again. ---
    await reporter.goto(formPath(YEAR, m11));
    assert.equal(await reportState(reporter), 'Returned');
    const returned = reporter.locator('[role=note]').filter({ has: reporter.getByRole('heading', { name: 'Returned by the programme office' }) });
    assert.equal(await returned.count(), 1, 'the returned note is shown');
    assert.match(norm(await returned.innerText()), new RegExp(escapeRe(officeComment)));
    assert.equal(await reporter.locator('#narrative').inputValue(), narrative1, 'the narrative is editable again');
    assert.equal(await reporter.locator(`#value-${i1a}`).inputValue(), '70');
    assert.equal(await reporter.getByLabel('Status', { exact: true }).inputValue(), 'ongoing');
    // Kept for the replay after closing: what the browser would post from this form.
    const replay = {
      action: await reporter.locator('form.report-form').getAttribute('action'),
      csrf: await reporter.locator('form.report-form input[name=csrf]').inputValue(),
    };
    const narrative2 = 'The centre released structured health data to 71 research projects, checked against the register.';
    await reporter.locator('#narrative').fill(narrative2);
    await reporter.locator(`#value-${i1a}`).fill('71');
    response = await submit(reporter, reporter.getByRole('button', { name: 'Send to the programme office' }));
    assert.equal(response.status(), 200);
    assert.equal(where(reporter), `${formPath(YEAR, m11)}?done=submitted`);
    assert.equal(await reportState(reporter), 'Sent, waiting for review');

    // --- The office accepts it, and closing needs the tick. ---
    await admin.goto(formPath(YEAR, m11));
    assert.match(norm(await admin.locator('main').innerText()), /71 research projects/);
    response = await submit(admin, admin.getByRole('button', { name: 'Accept', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(where(admin), `${formPath(YEAR, m11)}?done=accepted`);
    assert.equal(await reportState(admin), 'Accepted');
    const history = (await admin.locator('ol.history li').allInnerTexts()).map(norm);
    assert.ok(history.some((h) => h.includes('Returned') && h.includes(officeComment)), `the history keeps the return; got ${JSON.stringify(history)}`);
    assert.ok(history.some((h) => h.includes('Accepted')), `the history shows the acceptance; got ${JSON.stringify(history)}`);

    await admin.goto(`/en/follow-up/${YEAR}/reports`);
    assert.match(norm(await reportRow(admin, title).innerText()), /Accepted/);
    const close = admin.getByRole('button', { name: `Close the ${YEAR} cycle` });
    response = await submit(admin, close);
    assert.equal(response.status(), 422, 'closing without the tick is refused');
    assert.match(norm(await admin.locator('.error-summary[role=alert]').innerText()), /^Tick the box to confirm/);
    assert.equal(await close.count(), 1, 'the cycle is still open');
    await admin.getByLabel('I understand that closing freezes the cycle.').check();
    response = await submit(admin, close);
    assert.equal(response.status(), 200);
    assert.equal(where(admin), `/en/follow-up/${YEAR}/reports?done=closed`);
    assert.match(norm(await admin.locator('[role=status]').innerText()), /The cycle is closed and frozen/);
    assert.equal(await close.count(), 0, 'a closed cycle has no close form');

    // --- The public report shows the accepted report: status, narrative, evidence, the value and its chart. ---
    response = await publicPage.goto(`/en/follow-up/${YEAR}`);
    assert.equal(response.status(), 200);
    assert.equal(norm(await publicPage.locator('h1').innerText()), `Follow-up ${YEAR}`);
    let main = norm(await publicPage.locator('main').innerText());
    assert.doesNotMatch(main, /Preliminary/, 'a closed cycle is not preliminary');
    assert.doesNotMatch(main, /Show the internal version/, 'visitors get no internal version');
    const measureRow = publicPage.locator('.report-area table tbody tr')
      .filter({ has: publicPage.getByRole('link', { name: MEASURE.en, exact: true }) });
    assert.equal(await measureRow.count(), 1, 'measure 1.1 is in its area\'s table');
    assert.deepEqual(
      await measureRow.evaluate((tr) => [...tr.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim())),
      [MEASURE.code, MEASURE.en, MEASURE.en, 'Ongoing'],
      'the accepted status is public',
    );
    const narrative = publicPage.locator('article.narrative').filter({ has: publicPage.locator('h4', { hasText: title }) });
    assert.equal(await narrative.count(), 1, 'the accepted narrative is public');
    assert.match(norm(await narrative.innerText()), /71 research projects, checked against the register/);
    assert.equal(await narrative.locator('a[href="https://example.org/halsodata/annual-2026"]').count(), 1, 'with its evidence link');
    assert.doesNotMatch(main, /Please check the count/, 'the office\'s comment is not public');
    assert.deepEqual(await indicatorValues(publicPage, INDICATOR.code), [['2024', '52'], ['2025', '61'], [String(YEAR), '71']]);
    const chart = indicatorFigure(publicPage, INDICATOR.code).locator('.chart-wrap svg');
    assert.equal(await chart.count(), 1, 'the indicator has a chart');
    assert.ok(await chart.isVisible(), 'the chart is drawn');
    const changes = norm(await publicPage.locator('section').filter({ has: publicPage.getByRole('heading', { name: 'Changes since the previous year' }) }).innerText());
    assert.match(changes, new RegExp(`${escapeRe(INDICATOR.code)} ${escapeRe(INDICATOR.en)}: 61 → 71`));
    assert.match(norm(await publicPage.locator('section').filter({ has: publicPage.getByRole('heading', { name: 'Revisions after closing' }) }).innerText()), /No revisions/);
    // The open data agrees.
    const jsonHref = await publicPage.getByRole('link', { name: 'The report as open data (JSON)' }).getAttribute('href');
    assert.equal(jsonHref, `/api/v1/follow-ups/${YEAR}?lang=en&version=public`);
    assert.equal(
      await publicPage.getByRole('link', { name: 'Download as PDF' }).getAttribute('href'),
      `/api/v1/follow-ups/${YEAR}/report.pdf?lang=en&version=public`,
    );
    const json = await (await fetch(`${s.baseURL}${jsonHref}`)).json();
    const jsonIndicator = json.areas.flatMap((a) => a.indicators).find((i) => i.code === INDICATOR.code);
    assert.deepEqual(jsonIndicator.values.find((v) => v.year === YEAR)?.value, 71);

    // --- The closed cycle refuses edits: no form for the reporter, and a replayed post is refused. ---
    response = await reporter.goto(formPath(YEAR, m11));
    assert.equal(response.status(), 200);
    assert.match(norm(await reporter.locator('main').innerText()), /The cycle is closed; this report can no longer be edited\./);
    assert.equal(await reporter.locator('form.report-form').count(), 0, 'no report form');
    assert.equal(await reporter.locator('main textarea, main select, main input:not([type=hidden])').count(), 0, 'nothing to edit');
    assert.equal(await reporter.getByRole('heading', { name: 'Correct the closed report' }).count(), 0, 'a reporter cannot correct');
    const replayed = await reporter.request.post(replay.action, {
      form: {
        csrf: replay.csrf,
        status: 'done',
        narrative: 'Changed after closing',
        [`value-${i1a}`]: '99',
        [`comment-${i1a}`]: '',
        evidence: '',
        action: 'submit',
      },
      maxRedirects: 0,
    });
    assert.equal(replayed.status(), 409, 'a post to the closed cycle is refused');
    assert.match(norm(await replayed.text()), /The cycle is closed, so nothing in it can be changed/);
    await reporter.reload();
    assert.doesNotMatch(norm(await reporter.locator('main').innerText()), /Changed after closing|99 number/, 'nothing changed');
    assert.match(norm(await reporter.locator('main').innerText()), /71 number per year/);

    // --- The office corrects the value of 1.a with a reason; the public report lists the revision. ---
    await admin.goto(formPath(YEAR, m11));
    assert.match(norm(await admin.locator('main').innerText()), /The cycle is closed; this report can no longer be edited\./);
    await admin.getByRole('heading', { name: 'Correct the closed report' }).waitFor();
    const valueForm = admin.locator('form').filter({ has: admin.locator(`#revise-value-${i1a}`) });
    assert.equal(await admin.locator(`#revise-value-${i1a}`).inputValue(), '71');
    await admin.locator(`#revise-value-${i1a}`).fill('72');
    response = await submit(admin, valueForm.getByRole('button', { name: 'Save the correction' }));
    assert.equal(response.status(), 422, 'a correction without a reason is refused');
    assert.match(norm(await admin.locator('.error-summary[role=alert]').innerText()), /Write the reason for the correction/);
    const reason = 'One more release was registered late in December.';
    await admin.locator(`#revise-value-${i1a}`).fill('72');
    await admin.locator(`#revise-value-${i1a}-reason`).fill(reason);
    response = await submit(admin, admin.locator('form').filter({ has: admin.locator(`#revise-value-${i1a}`) }).getByRole('button', { name: 'Save the correction' }));
    assert.equal(response.status(), 200);
    assert.equal(where(admin), `${formPath(YEAR, m11)}?done=revised`);
    assert.match(norm(await admin.locator('[role=status]').innerText()), /The correction is saved as a revision with its reason/);

    // The office reaches the internal version from the report.
    await admin.goto(`/en/follow-up/${YEAR}`);
    await Promise.all([
      admin.waitForURL(`**/en/follow-up/${YEAR}?version=internal`),
      admin.getByRole('link', { name: 'Show the internal version' }).click(),
    ]);
    assert.match(norm(await admin.locator('main').innerText()), /Internal version for the programme office/);

    await publicPage.goto(`/en/follow-up/${YEAR}`);
    const revisions = await rowsOf(publicPage.locator('section').filter({ has: publicPage.getByRole('heading', { name: 'Revisions after closing' }) }).locator('table'));
    assert.equal(revisions.length, 1, `one revision; got ${JSON.stringify(revisions)}`);
    const [date, what, before, after, why] = revisions[0];
    assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(what, `${title}: ${INDICATOR.code} ${INDICATOR.en}`);
    assert.deepEqual([before, after, why], ['71', '72', reason]);
    assert.deepEqual(await indicatorValues(publicPage, INDICATOR.code), [['2024', '52'], ['2025', '61'], [String(YEAR), '72']]);
    main = norm(await publicPage.locator('main').innerText());
    assert.match(main, new RegExp(`${escapeRe(INDICATOR.code)} ${escapeRe(INDICATOR.en)}: 61 → 72`));
  }));

test('a reporter of another actor neither sees nor reaches the report of 1.1', (t) =>
  withPages(t, async (pages) => {
    const { m11 } = await idsOf();
    const other = await signedIn('other');
    pages.push(other);
    let response = await other.goto(`/en/follow-up/${YEAR}/reports`);
    assert.equal(response.status(), 200);
    assert.equal(await other.getByRole('link', { name: `${MEASURE.code} ${MEASURE.en}`, exact: true }).count(), 0);
    response = await other.goto(formPath(YEAR, m11));
    assert.equal(response.status(), 403, 'the report form of another actor\'s measure is forbidden');
    assert.equal(await other.locator('#narrative, #revise-narrative').count(), 0);
    assert.doesNotMatch(norm(await other.locator('main').innerText()), /71 research projects/);
    response = await other.goto(`/en/follow-up/${YEAR}?version=internal`);
    assert.equal(response.status(), 403, 'the internal version is for the office only');
    // A visitor who is not signed in is sent to sign in, with the form as the way back.
    const anon = await visitor();
    pages.push(anon);
    response = await anon.goto(formPath(YEAR, m11));
    assert.equal(response.status(), 200);
    assert.equal(where(anon), `/en/login?next=${encodeURIComponent(formPath(YEAR, m11))}`);
    assert.equal(await anon.locator('#narrative, #revise-narrative').count(), 0);
  }));

test('the yearly report in Swedish', (t) =>
  withPages(t, async (pages) => {
    const page = await visitor();
    pages.push(page);
    const response = await page.goto(`/sv/follow-up/${YEAR}`);
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    assert.equal(norm(await page.locator('h1').innerText()), `Uppföljning ${YEAR}`);
    const main = norm(await page.locator('main').innerText());
    assert.match(main, new RegExp(`${MEASURE.code} ${MEASURE.sv}`));
    assert.match(main, /Pågår/);
    assert.equal(
      await page.getByRole('link', { name: 'Ladda ned som PDF' }).getAttribute('href'),
      `/api/v1/follow-ups/${YEAR}/report.pdf?lang=sv&version=public`,
    );
    const pdf = await page.request.get(`/api/v1/follow-ups/${YEAR}/report.pdf?lang=sv&version=public`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-', 'the link gives a PDF');
    const revisions = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Rättelser efter stängningen' }) });
    assert.match(norm(await revisions.innerText()), /One more release was registered late in December\./, 'the revision with its reason');
    assert.equal(await page.locator(`a[href="/api/v1/follow-ups/${YEAR}?lang=sv&version=public"]`).count(), 1, 'the JSON link');
  }));

let nextOpened = false;
/** Opens 2027 once (2026 is closed by the journey), for the pages of an open cycle. */
async function openNextYear() {
  if (nextOpened) return;
  nextOpened = true;
  const admin = await signedIn('admin');
  try {
    await openCycle(admin, NEXT_YEAR);
  } finally {
    await admin.context().close();
  }
}

test('keyboard: the error summary of the report form leads to the narrative', (t) =>
  withPages(t, async (pages) => {
    const { m11, i1a } = await idsOf();
    await openNextYear();
    const page = await signedIn('reporter');
    pages.push(page);
    await page.goto(formPath(NEXT_YEAR, m11));
    // Last year's accepted (and corrected) value is shown as a reference.
    assert.match(norm(await page.locator('fieldset').filter({ has: page.locator(`#value-${i1a}`) }).innerText()), /Last year: 72/);
    // Send without a narrative, with the keyboard only.
    const send = page.getByRole('button', { name: 'Send to the programme office' });
    let presses = 0;
    while (!(await send.evaluate((b) => b === document.activeElement))) {
      assert.ok(++presses <= 80, 'the send button is reachable with Tab');
      await page.keyboard.press('Tab');
    }
    const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(response.status(), 422);
    const summary = page.locator('.error-summary[role=alert]');
    assert.match(norm(await summary.innerText()), /Write what was done before sending the report/);
    const link = summary.locator('a[href="#narrative"]');
    assert.equal(await link.count(), 1, 'the summary links to the narrative');
    presses = 0;
    while (!(await link.evaluate((a) => a === document.activeElement))) {
      assert.ok(++presses <= 40, 'the error summary link is reachable with Tab');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'narrative', null, { timeout: 2_000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement?.id ?? null), 'narrative', 'focus is on the narrative');
    await page.keyboard.type('Typed straight after following the link');
    assert.equal(await page.locator('#narrative').inputValue(), 'Typed straight after following the link');
    assert.equal(await page.locator('#narrative-error').count(), 1, 'the error is shown at the field');
  }));

// The narrative's error marks the field invalid and describes it, like every other field's.
test('the narrative\'s error is tied to the field', (t) =>
  withPages(t, async (pages) => {
    const { m11 } = await idsOf();
    await openNextYear();
    const page = await signedIn('reporter');
    pages.push(page);
    await page.goto(formPath(NEXT_YEAR, m11));
    await page.locator('#narrative').fill('');
    const response = await submit(page, page.locator('button[name=action][value=submit]'));
    assert.equal(response.status(), 422);
    const field = page.locator('#narrative');
    assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the narrative is marked invalid');
    assert.ok(
      ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).includes('narrative-error'),
      'the error message describes the narrative',
    );
  }));

// ----- axe on every follow-up page -----

let sentNext = false;
/** A report of measure 1.2 sent in 2027, once, for the office's review page. */
async function aSentReport() {
  const { m12 } = await idsOf();
  if (!sentNext) {
    sentNext = true;
    await openNextYear();
    const page = await signedIn('reporter');
    try {
      await page.goto(formPath(NEXT_YEAR, m12));
      await page.locator('#narrative').fill('Methods for anonymisation were tested with two research groups.');
      const response = await submit(page, page.locator('button[name=action][value=submit]'));
      assert.equal(response.status(), 200);
      assert.equal(where(page), `${formPath(NEXT_YEAR, m12)}?done=submitted`);
    } finally {
      await page.context().close();
    }
  }
  return formPath(NEXT_YEAR, m12);
}

const AXE_PAGES = [
  { who: null, path: '/en/follow-up' },
  { who: 'admin', path: '/en/follow-up' },
  { who: null, path: '/sv/follow-up' },
  { who: 'reporter', path: `/en/follow-up/${YEAR}/reports` },
  { who: 'admin', label: `/en/follow-up/${NEXT_YEAR}/reports (open, with the close form)`, path: async () => { await openNextYear(); return `/en/follow-up/${NEXT_YEAR}/reports`; } },
  { who: 'reporter', label: 'the report form', expect: 'form.report-form', path: async () => { await openNextYear(); return formPath(NEXT_YEAR, (await idsOf()).m11); } },
  { who: 'reporter', label: 'the report form', expect: 'form.report-form', invalid: 'send', path: async () => { await openNextYear(); return formPath(NEXT_YEAR, (await idsOf()).m11); } },
  { who: 'admin', label: 'the review of a sent report', expect: '#review-title', path: aSentReport },
  { who: 'admin', label: 'the review of a sent report', expect: '#review-title', invalid: 'return', path: aSentReport },
  { who: 'reporter', label: 'a sent report', expect: '#reported-title', path: aSentReport },
  { who: 'admin', label: 'a closed report with the correction forms', expect: '#revise-title', path: async () => formPath(YEAR, (await idsOf()).m11) },
  { who: 'reporter', label: 'a closed report', expect: '#reported-title', path: async () => formPath(YEAR, (await idsOf()).m11) },
  { who: null, path: `/en/follow-up/${YEAR}` },
  { who: null, path: `/sv/follow-up/${YEAR}` },
  { who: 'admin', path: `/en/follow-up/${YEAR}?version=internal` },
  { who: 'reporter', label: 'the measure\'s edit form', expect: 'form.stack-form', path: async () => `/en/measures/${(await idsOf()).m11}/edit` },
  { who: null, label: 'the strategy with its dashboard', path: '/en/strategy' },
  { who: 'admin', label: `/en/follow-up/${NEXT_YEAR}?version=internal (open)`, path: async () => { await aSentReport(); return `/en/follow-up/${NEXT_YEAR}?version=internal`; } },
];

for (const spec of AXE_PAGES) {
  const label = `${spec.label ?? spec.path}${spec.invalid ? ` with errors (${spec.invalid})` : ''}`;
  test(`axe: ${label} (${spec.who ?? 'visitor'})`, (t) =>
    withPages(t, async (pages) => {
      const path = typeof spec.path === 'function' ? await spec.path() : spec.path;
      const page = spec.who ? await signedIn(spec.who, { bypassCSP: true }) : await visitor({ bypassCSP: true });
      pages.push(page);
      let response = await page.goto(path);
      assert.equal(response.status(), 200, `GET ${path}`);
      if (spec.invalid === 'send') {
        await page.locator('#narrative').fill('');
        response = await submit(page, page.locator('button[name=action][value=submit]'));
        assert.equal(response.status(), 422);
        assert.equal(await page.locator('.error-summary a[href="#narrative"]').count(), 1);
      } else if (spec.invalid === 'return') {
        response = await submit(page, page.locator('button[name=move][value=return]'));
        assert.equal(response.status(), 422);
        assert.equal(await page.locator('.error-summary a[href="#comment"]').count(), 1);
      }
      if (spec.expect) assert.equal(await page.locator(spec.expect).count(), 1, `the page shows ${spec.expect}`);
      assert.equal(await page.locator('h1').count(), 1, 'one h1');
      assert.equal(await page.locator('html').getAttribute('lang'), path.slice(1, 3));
      const violations = await axeCheck(page);
      assert.equal(violations.length, 0, `${violations.length} axe violation(s) on ${path}:\n${formatViolations(violations)}`);
    }));
}
