// The way in: a company finds an infrastructure's service in the catalogue, reads how access works and sends a
// request; the infrastructure's manager takes it through preparation, development and execution while both
// sides check off their checklist items; a manager of another infrastructure cannot see it. Also: internal notes
// stay with the infrastructure, the error summary of the request form leads to the field with the keyboard, and
// every page of the way in (public, company, manager and programme office) passes axe.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();

const PASSWORD = 'Vägen in 2026 Flemingsberg';
const USERS = {
  company: { email: 'lab@biolamina.example.se', role: 'company', actor: 'biolamina', name: 'Lena BioLamina' },
  manager: { email: 'gmp@vecura.example.se', role: 'manager', actor: 'vecura', name: 'Maria Vecura' },
  other: { email: 'lab@anafutura.example.se', role: 'manager', actor: 'ana-futura', name: 'Olof ANA Futura' },
  admin: { email: 'office@wayin.example.se', role: 'admin', name: 'Programme Office' },
};
const SERVICE = 'vecura-gmp-cell-therapy';
const SERVICE_NAME = 'GMP manufacturing for cell therapy and ATMP';
const EQUAL_TERMS = 'Make sure the offer is open to all companies on equal terms';

/** Visible text with runs of white space collapsed. */
const norm = (text) => text.replace(/\s+/g, ' ').trim();

/** The path and query of the page's URL. */
const where = (page) => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};

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

/** Clicks `locator` (a submit button or link) and resolves with the response of the page it leads to. */
async function submit(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

/** The label of the current step of the progress list. */
async function currentStep(page) {
  const current = page.locator('ol.steps li[aria-current="step"]');
  assert.equal(await current.count(), 1, 'exactly one step is the current one');
  // Steps are labels ("Submitted"); the stage names compared here are lower case.
  return norm(await current.innerText()).toLowerCase();
}

/** A move button, by its visible name. */
const moveButton = (page, name) => page.locator('button[name="move"]').filter({ hasText: name });

/** Makes a move and asserts that it went through. */
async function move(page, name, expectedStep) {
  const button = moveButton(page, name);
  assert.equal(await button.count(), 1, `the "${name}" button is offered`);
  const response = await submit(page, button);
  assert.equal(response.status(), 200, `"${name}" is accepted`);
  assert.match(where(page), /\?done=moved$/);
  assert.equal(await currentStep(page), expectedStep);
}

/** The checklist of one stage (h3 id "stage-<stage>"). */
const stageList = (page, stage) => page.locator(`ul.checklist[aria-labelledby="stage-${stage}"]`);

/** The checklist item of a stage whose title is exactly `title`. */
const checklistItem = (page, stage, title) => stageList(page, stage).locator('li.checklist-item').filter({
  has: page.locator('.item-title strong', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
});

/**
 * Clicks every "Mark as done" button this side sees in the stage's list, one at a time (each click reloads the
 * page), and returns the titles checked.
 */
async function checkAll(page, stage) {
  const checked = [];
  for (;;) {
    // The button's name ends in the item's title (visually hidden; the accessible name may put a space before ":").
    const button = stageList(page, stage).getByRole('button', { name: /^Mark as done\s*: / }).first();
    if ((await button.count()) === 0) break;
    assert.ok(checked.length < 30, 'the checklist ends');
    const title = norm(await button.textContent()).replace(/^Mark as done\s*:\s*/, '');
    const response = await submit(page, button);
    assert.equal(response.status(), 200, `checking "${title}" is accepted`);
    assert.match(where(page), /\?done=item$/);
    const item = checklistItem(page, stage, title);
    assert.equal(await item.count(), 1, `one item is titled "${title}"`);
    assert.match(await item.getAttribute('class'), /\bresolved\b/, `"${title}" is shown as done`);
    assert.equal(
      await item.getByRole('button', { name: /^Mark as not done\s*: / }).count(),
      1,
      `"${title}" can be unchecked again`,
    );
    checked.push(title);
  }
  return checked;
}

/** The titles of the items of a stage that are still open. */
async function openItems(page, stage) {
  const items = stageList(page, stage).locator('li.checklist-item:not(.resolved) .item-title strong');
  return (await items.allInnerTexts()).map(norm);
}

/** As a signed-in company member: sends a request for Vecura's GMP service; returns its URL path. */
async function sendRequest(page, title) {
  await page.goto(`/en/requests/new?service=${SERVICE}`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Your need').fill('GMP manufacturing of a laminin-based cell therapy for a phase 1 trial.');
  await page.getByLabel('Desired start').fill('2027-03-01');
  const response = await submit(page, page.getByRole('button', { name: 'Send the request' }));
  assert.equal(response.status(), 200);
  assert.match(where(page), /^\/en\/requests\/\d+\?done=sent$/);
  return new URL(page.url()).pathname;
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

test('the way in: a company finds a service, sends a request, and both sides take it to execution', (t) =>
  withPages(t, async (pages) => {
    // --- The company member describes the need on the match page; Vecura's GMP service comes first. ---
    const company = await signedIn('company');
    pages.push(company);
    await company.goto('/en/');
    await Promise.all([
      company.waitForURL('**/en/match'),
      company.getByRole('link', { name: 'Describe your need', exact: true }).click(),
    ]);
    await company.getByLabel('Your need').fill('GMP manufacturing for a cell therapy phase 1 trial');
    await Promise.all([
      company.waitForURL(/\/en\/match\?need=/),
      company.getByRole('button', { name: 'Find the right doors' }).click(),
    ]);
    const results = company.locator('ol.matches > li');
    assert.ok((await results.count()) >= 3, 'several doors are proposed');
    const top = results.first();
    assert.equal(norm(await top.locator('h3').innerText()), SERVICE_NAME, 'Vecura\'s GMP service is the first door');
    assert.match(norm(await top.locator('.reasons').innerText()), /^Why: it mentions .*GMP/, 'the reasons are shown');
    assert.equal(
      await top.getByRole('link', { name: /^Request access\s*:/ }).getAttribute('href'),
      `/en/requests/new?service=${SERVICE}&need=GMP+manufacturing+for+a+cell+therapy+phase+1+trial`,
      'the request form gets the need typed here',
    );
    await Promise.all([
      company.waitForURL(`**/en/services/${SERVICE}`),
      top.getByRole('link', { name: SERVICE_NAME, exact: true }).click(),
    ]);

    // --- The service page previews the way in, with the municipal-law items of a region-owned infrastructure. ---
    assert.equal(norm(await company.locator('h1').innerText()), SERVICE_NAME);
    const main = company.locator('main');
    await main.getByRole('heading', { name: 'The way in, step by step' }).waitFor();
    const mainText = norm(await main.innerText());
    assert.match(mainText, /equal terms/, 'the checklist preview mentions the equal-terms item');
    assert.match(mainText, /Guidance, not legal advice/);
    for (const stage of ['Preparation', 'Development', 'Execution']) {
      assert.equal(await main.getByRole('heading', { name: stage, exact: true, level: 3 }).count(), 1, `a "${stage}" heading`);
    }
    await Promise.all([
      company.waitForURL(`**/en/requests/new?service=${SERVICE}`),
      main.getByRole('link', { name: 'Request access', exact: true }).click(),
    ]);

    // --- The form: first sent without a title (and with an impossible date), then corrected. ---
    assert.equal(norm(await company.locator('h1').innerText()), 'Request access');
    assert.equal(await company.getByLabel('Your company').inputValue(), 'biolamina');
    const serviceBox = company.getByRole('checkbox', { name: SERVICE_NAME });
    assert.ok(await serviceBox.isChecked(), 'the service the request started from is chosen');
    const need = 'We need GMP manufacturing of a laminin-based cell therapy for a phase 1 trial in 2027.';
    await company.getByLabel('Your need').fill(need);
    await company.getByLabel('Desired start').fill('2027-02-30');
    let response = await submit(company, company.getByRole('button', { name: 'Send the request' }));
    assert.equal(response.status(), 422, 'the incomplete form is refused');
    const summary = company.locator('.error-summary');
    assert.ok(await summary.isVisible(), 'an error summary is shown');
    const summaryLinks = await summary.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(summaryLinks.includes('#f-title'), `the summary links to the title; got ${JSON.stringify(summaryLinks)}`);
    assert.ok(summaryLinks.includes('#f-desired_start'), `the summary links to the date; got ${JSON.stringify(summaryLinks)}`);
    assert.equal(await company.locator('#f-title').getAttribute('aria-invalid'), 'true');
    assert.match(norm(await company.locator('#f-title-error').innerText()), /Fill in this field/);
    assert.match(norm(await company.locator('#f-desired_start-error').innerText()), /real date/);
    assert.equal(await company.getByLabel('Your need').inputValue(), need, 'the typed need is kept');
    assert.equal(await company.getByLabel('Desired start').inputValue(), '2027-02-30', 'the typed date is kept');
    assert.ok(await company.getByRole('checkbox', { name: SERVICE_NAME }).isChecked(), 'the chosen service is kept');

    const title = 'GMP manufacturing for our phase 1 trial';
    await company.getByLabel('Title').fill(title);
    await company.getByLabel('Desired start').fill('2027-03-01');
    await company.getByLabel('Confidentiality').fill('The cell line and the laminin recipe are trade secrets.');
    response = await submit(company, company.getByRole('button', { name: 'Send the request' }));
    assert.equal(response.status(), 200);
    assert.match(where(company), /^\/en\/requests\/\d+\?done=sent$/);
    const path = new URL(company.url()).pathname;
    assert.equal(norm(await company.locator('h1').innerText()), title);
    assert.match(norm(await company.locator('[role=status]').innerText()), /^The request is sent/);
    assert.equal(await currentStep(company), 'submitted');
    assert.equal(await moveButton(company, 'Withdraw the request').count(), 1, 'the company may withdraw');
    assert.equal(await moveButton(company, 'Start preparation').count(), 0, 'the company cannot accept its own request');

    // --- The Vecura manager finds it and starts preparation. ---
    const manager = await signedIn('manager');
    pages.push(manager);
    await manager.goto('/en/requests');
    const row = manager.locator('table tbody tr').filter({ has: manager.getByRole('link', { name: title, exact: true }) });
    assert.equal(await row.count(), 1, 'the request is in the manager\'s list');
    assert.match(norm(await row.innerText()), /BioLamina.*Vecura.*submitted/i);
    await Promise.all([manager.waitForURL(`**${path}`), row.getByRole('link', { name: title }).click()]);
    assert.equal(await currentStep(manager), 'submitted');
    const equalTerms = checklistItem(manager, 'preparation', EQUAL_TERMS);
    assert.equal(await equalTerms.count(), 1, 'the municipal-law item is in preparation');
    const equalTermsText = norm(await equalTerms.innerText());
    assert.match(equalTermsText, /required/);
    assert.match(equalTermsText, /infrastructure/);
    assert.match(equalTermsText, /Rests on: \S/, 'the item names its source');
    assert.equal(
      await checklistItem(manager, 'development', 'Set a market-conform price on the same terms for all').count(),
      1,
      'the market-price item is in development',
    );
    assert.equal(await moveButton(manager, 'Decline').count(), 1, 'the manager may decline');
    await move(manager, 'Start preparation', 'preparation');

    // --- Leaving preparation with required items open is refused, and nothing changes. ---
    const button = moveButton(manager, 'Move to development');
    assert.equal(await button.count(), 1);
    response = await submit(manager, button);
    assert.equal(response.status(), 409, 'the move is refused');
    const alert = manager.locator('.error-summary[role=alert]');
    assert.ok(await alert.isVisible(), 'the refusal is shown as an alert');
    assert.match(
      norm(await alert.innerText()),
      /\d+ required checklist items? of preparation (is|are) neither checked nor waived/,
    );
    assert.equal(await currentStep(manager), 'preparation', 'the request stays in preparation');

    // --- Each side checks off its preparation items. ---
    await manager.goto(path);
    const infraPrep = await checkAll(manager, 'preparation');
    assert.ok(infraPrep.includes(EQUAL_TERMS), `the manager checked the equal-terms item; got ${JSON.stringify(infraPrep)}`);
    assert.ok(infraPrep.includes('Clarify who pays whom'), `got ${JSON.stringify(infraPrep)}`);
    const left = await openItems(manager, 'preparation');
    assert.ok(left.includes('Mark which information is a trade secret'), `the company's items are left; got ${JSON.stringify(left)}`);
    assert.equal(
      await stageList(manager, 'preparation').getByRole('button', { name: /^Mark as done\s*: / }).count(),
      0,
      'the manager cannot check the company\'s items',
    );

    await company.goto(path);
    assert.equal(await currentStep(company), 'preparation');
    const companyPrep = await checkAll(company, 'preparation');
    assert.ok(
      companyPrep.includes('Describe your need and what you want to achieve'),
      `the company checked its items; got ${JSON.stringify(companyPrep)}`,
    );
    assert.ok(!companyPrep.includes(EQUAL_TERMS), 'the company is not offered the infrastructure\'s items');
    assert.deepEqual(await openItems(company, 'preparation'), [], 'no preparation item is left open');

    // --- Development, then execution. ---
    await manager.goto(path);
    await move(manager, 'Move to development', 'development');
    const infraDev = await checkAll(manager, 'development');
    assert.ok(
      infraDev.includes('Set a market-conform price on the same terms for all'),
      `the manager checked the market-price item; got ${JSON.stringify(infraDev)}`,
    );
    await company.goto(path);
    const companyDev = await checkAll(company, 'development');
    assert.ok(
      companyDev.includes('Sign the agreement before work starts'),
      `the company checked its development items; got ${JSON.stringify(companyDev)}`,
    );
    assert.deepEqual(await openItems(company, 'development'), [], 'no development item is left open');
    await manager.goto(path);
    await move(manager, 'Move to execution', 'execution');
    assert.equal(await moveButton(manager, 'Mark as completed').count(), 1, 'completing is the next move');

    // --- The company sees execution and the whole history. ---
    await company.reload();
    assert.equal(await currentStep(company), 'execution');
    const done = (await company.locator('ol.steps li.done').allInnerTexts()).map(norm);
    assert.deepEqual(done, ['Submitted (done)', 'Preparation (done)', 'Development (done)'], 'earlier steps are done');
    const history = await company.locator('table').filter({ has: company.locator('th', { hasText: 'From' }) })
      .locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    const moves = history.map((cells) => `${cells[1]}→${cells[2]}`);
    for (const m of ['Submitted→Preparation', 'Preparation→Development', 'Development→Execution']) {
      assert.ok(moves.includes(m), `the history shows ${m}; got ${JSON.stringify(history)}`);
    }
    assert.ok(moves.some((m) => m.endsWith('→Submitted')), `the history shows the request sent; got ${JSON.stringify(history)}`);

    // --- A manager of another infrastructure sees nothing of it. ---
    const other = await signedIn('other');
    pages.push(other);
    response = await other.goto('/en/requests');
    assert.equal(response.status(), 200);
    assert.equal(await other.getByRole('link', { name: title }).count(), 0, 'not in ANA Futura\'s list');
    assert.doesNotMatch(norm(await other.locator('main').innerText()), /BioLamina/);
    response = await other.goto(path);
    assert.equal(response.status(), 404, 'ANA Futura\'s manager gets "not found" at its address');
    assert.doesNotMatch(norm(await other.locator('main').innerText()), new RegExp(title));
  }));

test('the catalogue lists Vecura\'s GMP service under Manufacturing, and the filter is kept', (t) =>
  withPages(t, async (pages) => {
    const company = await signedIn('company');
    pages.push(company);
    await company.goto('/en/infrastructures');
    assert.equal(norm(await company.locator('h1').innerText()), 'Infrastructures and services');
    await company.getByLabel('Area', { exact: true }).selectOption({ label: 'Manufacturing' });
    await Promise.all([
      company.waitForURL(/category=manufacturing/),
      company.locator('form.filters').getByRole('button', { name: 'Show' }).click(),
    ]);
    assert.equal(await company.locator('#f-category').inputValue(), 'manufacturing', 'the form keeps the filter');
    const serviceLink = company.locator('.actor-list').getByRole('link', { name: SERVICE_NAME, exact: true });
    assert.equal(await serviceLink.count(), 1, 'Vecura\'s GMP service is listed under Manufacturing');
    const listed = (await company.locator('.actor-list .actor-name').allInnerTexts()).map(norm);
    assert.ok(listed.some((n) => n.startsWith('Vecura')), `Vecura is listed; got ${JSON.stringify(listed)}`);
    await Promise.all([company.waitForURL(`**/en/services/${SERVICE}`), serviceLink.click()]);
    assert.equal(norm(await company.locator('h1').innerText()), SERVICE_NAME);

  }));

test('an internal note stays with the infrastructure; a normal message reaches the company', (t) =>
  withPages(t, async (pages) => {
    const company = await signedIn('company');
    pages.push(company);
    const path = await sendRequest(company, 'Process development for a second cell line');
    assert.equal(
      await company.getByRole('checkbox', { name: /^Internal note/ }).count(),
      0,
      'the company is not offered internal notes',
    );

    const manager = await signedIn('manager');
    pages.push(manager);
    await manager.goto(path);
    const internal = 'Internal: check clean-room capacity in Q1 before we answer.';
    const open = 'Welcome! We will look at your need and come back within a week.';
    await manager.getByLabel('New message').fill(internal);
    await manager.getByRole('checkbox', { name: /^Internal note/ }).check();
    let response = await submit(manager, manager.locator('form').filter({ has: manager.locator('#f-body') }).getByRole('button', { name: 'Send', exact: true }));
    assert.equal(response.status(), 200);
    assert.match(where(manager), /\?done=message$/);
    await manager.getByLabel('New message').fill(open);
    response = await submit(manager, manager.locator('form').filter({ has: manager.locator('#f-body') }).getByRole('button', { name: 'Send', exact: true }));
    assert.equal(response.status(), 200);
    const managerMessages = manager.locator('ol.messages li.message');
    assert.equal(await managerMessages.count(), 2, 'the manager sees both');
    const note = managerMessages.filter({ hasText: internal });
    assert.match(await note.getAttribute('class'), /\binternal\b/);
    assert.match(norm(await note.innerText()), /internal note/);

    await company.goto(path);
    const companyMessages = (await company.locator('ol.messages li.message').allInnerTexts()).map(norm);
    assert.equal(companyMessages.length, 1, `the company sees one message; got ${JSON.stringify(companyMessages)}`);
    assert.match(companyMessages[0], /Welcome! We will look at your need/);
    assert.doesNotMatch(norm(await company.content()), /clean-room capacity/, 'the internal note is nowhere in the page');

    // The company answers; the manager sees it.
    await company.getByLabel('New message').fill('Thank you, we look forward to it.');
    response = await submit(company, company.locator('form').filter({ has: company.locator('#f-body') }).getByRole('button', { name: 'Send', exact: true }));
    assert.equal(response.status(), 200);
    await manager.reload();
    assert.equal(await manager.locator('ol.messages li.message').filter({ hasText: 'we look forward to it' }).count(), 1);
  }));

test('keyboard: a link in the error summary of the request form moves focus to the field', (t) =>
  withPages(t, async (pages) => {
    const page = await signedIn('company');
    pages.push(page);
    await page.goto(`/en/requests/new?service=${SERVICE}`);
    await page.getByLabel('Your need').fill('A need, but no title.');
    // Send with Enter from the title field, as a keyboard user would.
    await page.getByLabel('Title').focus();
    const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(response.status(), 422);
    const link = page.locator('.error-summary a[href="#f-title"]');
    assert.equal(await link.count(), 1, 'the summary links to the title field');
    // Tab from the top of the page to the link, then follow it with Enter.
    let presses = 0;
    while (!(await link.evaluate((a) => a === document.activeElement))) {
      assert.ok(++presses <= 40, 'the error summary link is reachable with Tab');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-title', null, { timeout: 2_000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement?.id ?? null), 'f-title', 'focus is on the title field');
    await page.keyboard.type('Typed straight after following the link');
    assert.equal(await page.locator('#f-title').inputValue(), 'Typed straight after following the link');
  }));

/** Presses Tab until `locator` has focus (at most `max` presses). */
async function tabTo(page, locator, what, max = 80) {
  for (let presses = 0; !(await locator.evaluate((el) => el === document.activeElement).catch(() => false)); presses++) {
    assert.ok(presses < max, `${what} is reachable with Tab`);
    await page.keyboard.press('Tab');
  }
}

test('keyboard only: search, open the service, request access and send', (t) =>
  withPages(t, async (pages) => {
    const page = await signedIn('company');
    pages.push(page);
    await page.goto('/en/');
    await tabTo(page, page.locator('#home-q'), 'the search box');
    await page.keyboard.type('GMP cell therapy');
    await Promise.all([page.waitForURL(/\/en\/search\?q=GMP/), page.keyboard.press('Enter')]);
    const result = page.locator(`ol.hits a[href="/en/services/${SERVICE}"]`);
    assert.equal(await result.count(), 1, 'the search lists Vecura\'s GMP service');
    await tabTo(page, result, 'the search result');
    await Promise.all([page.waitForURL(`**/en/services/${SERVICE}`), page.keyboard.press('Enter')]);
    const request = page.locator('main').getByRole('link', { name: 'Request access', exact: true });
    await tabTo(page, request, 'the request link');
    await Promise.all([page.waitForURL(`**/en/requests/new?service=${SERVICE}`), page.keyboard.press('Enter')]);
    await tabTo(page, page.locator('#f-title'), 'the title field');
    await page.keyboard.type('Sent with the keyboard only');
    await tabTo(page, page.locator('#f-need'), 'the need field');
    await page.keyboard.type('GMP manufacturing of our cell therapy.');
    const send = page.getByRole('button', { name: 'Send the request' });
    await tabTo(page, send, 'the send button');
    await Promise.all([page.waitForURL(/\/en\/requests\/\d+\?done=sent/), page.keyboard.press('Enter')]);
    assert.equal(norm(await page.locator('h1').innerText()), 'Sent with the keyboard only');
  }));

// ----- axe on every page of the way in -----

let requestPath;
/** One request for the request pages below, sent once by the company member. */
async function aRequest() {
  if (!requestPath) {
    const page = await signedIn('company');
    try {
      requestPath = await sendRequest(page, 'Cell therapy manufacturing, checked with axe');
    } finally {
      await page.context().close();
    }
  }
  return requestPath;
}

const AXE_PAGES = [
  { who: null, path: '/en/infrastructures' },
  { who: null, path: '/sv/infrastructures' },
  { who: null, path: '/en/infrastructures?category=manufacturing&sme=1' },
  { who: null, path: `/en/services/${SERVICE}` },
  { who: null, path: `/sv/services/${SERVICE}` },
  { who: null, path: '/en/premises' },
  { who: null, path: '/sv/premises' },
  { who: 'company', path: `/en/requests/new?service=${SERVICE}` },
  { who: 'company', path: `/en/requests/new?service=${SERVICE}`, invalid: true },
  { who: 'company', path: 'REQUEST' },
  { who: 'manager', path: 'REQUEST' },
  { who: 'company', path: '/en/requests' },
  { who: 'manager', path: '/en/requests' },
  { who: 'admin', path: '/en/admin/requests' },
  { who: 'admin', path: '/en/admin/checklists' },
  { who: 'admin', path: '/en/admin/checklists/municipal-law-equal-terms' },
  { who: null, path: '/en/search?q=cell+therapy' },
  { who: null, path: '/sv/search?q=cellterapi&type=service' },
  { who: null, path: '/sv/search?q=%21%21' },
  { who: null, path: '/en/match' },
  { who: null, path: '/en/match?need=GMP+manufacturing+for+a+cell+therapy+phase+1+trial' },
  { who: null, path: '/sv/match?need=labbplats+f%C3%B6r+startup+i+Flemingsberg' },
];

for (const spec of AXE_PAGES) {
  const label = `${spec.path === 'REQUEST' ? 'the request page' : spec.path}${spec.invalid ? ' with errors' : ''}`;
  test(`axe: ${label} (${spec.who ?? 'visitor'})`, (t) =>
    withPages(t, async (pages) => {
      const path = spec.path === 'REQUEST' ? await aRequest() : spec.path;
      const page = spec.who
        ? await signedIn(spec.who, { bypassCSP: true })
        : await openPage(s.browser, { baseURL: s.baseURL, bypassCSP: true });
      pages.push(page);
      let response = await page.goto(path);
      assert.equal(response.status(), 200, `GET ${path}`);
      if (spec.invalid) {
        response = await submit(page, page.getByRole('button', { name: 'Send the request' }));
        assert.equal(response.status(), 422);
        assert.equal(await page.locator('.error-summary').count(), 1);
      }
      assert.equal(await page.locator('h1').count(), 1, 'one h1');
      assert.equal(await page.locator('html').getAttribute('lang'), path.slice(1, 3));
      const violations = await axeCheck(page);
      assert.equal(violations.length, 0, `${violations.length} axe violation(s) on ${path}:\n${formatViolations(violations)}`);
    }));
}
