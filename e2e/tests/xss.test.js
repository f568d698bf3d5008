// Stored XSS: script payloads are written into every text field a user can edit, and every page that shows them is
// then opened with the page's CSP switched off (so only the escaping stands between the payload and execution);
// nothing runs. The fields: everything an actor has (names, description, address, contact persons, a relation's
// source) through the API; an access request and its conversation; partner posts (title, text, the interest
// message, the conversation's replies, the members' display names); events and news (titles, descriptions,
// places, summaries, texts, the registration address) written through their forms; matchmaking (organisation,
// profile, the meeting request's message); the strategy (a measure's texts, an indicator's name, unit and source,
// a working group member) and the yearly follow-up (narrative, a value's comment, evidence, the office's comment,
// a revision's reason).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { session } from '../lib/session.js';
import { openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();
const EMAIL = 'xss-office@example.se';

const payload = (n) => `x${n}"'><img src=x onerror="window.__xss=${n}"><script>window.__xss=${n}</script><svg onload="window.__xss=${n}">`;

function cli(args, input) {
  const r = spawnSync(s.server.bin, [...args, '--db', s.server.db], { input, env: s.server.env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test('script payloads stored in every text field of an actor never run on any page that shows them', async (t) => {
  cli(['user', 'add', '--email', EMAIL, '--role', 'admin', '--password-stdin'], 'Programkontoret 2026 Solna\n');
  const token = cli(['token', 'create', '--email', EMAIL]).split(/\s+/).pop();
  const body = {
    name: { sv: payload(1), en: payload(2) },
    short_name: 'X<b>3',
    description: { sv: payload(4), en: payload(5) },
    address: payload(6),
    contacts: [{ name: payload(7), role: { sv: payload(8), en: payload(9) }, email: null }],
    relations: [{ from: 'vecura', kind: 'part_of', to: 'karolinska-universitetssjukhuset', since: null, until: null, source: payload(10) }],
  };
  const res = await fetch(`${s.baseURL}/api/v1/actors/vecura`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());

  const page = await openPage(s.browser, { baseURL: s.baseURL, bypassCSP: true });
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  try {
    for (const path of [
      '/sv/actors/vecura', '/en/actors/vecura', '/sv/actors', '/en/actors?q=x1',
      '/sv/campuses/flemingsberg', '/en/atlas?q=x2', '/sv/atlas?selected=vecura&sort=degree',
      '/en/actors/karolinska-universitetssjukhuset',
    ]) {
      await page.goto(path);
      if (path.includes('atlas') || path.includes('campuses')) {
        await page.waitForSelector('#atlas[data-ready="true"]', { timeout: 20_000 });
      }
      const ran = await page.evaluate(() => window.__xss);
      assert.equal(ran, undefined, `a payload ran on ${path}`);
    }
    // On the actor page the payload is there, as text.
    await page.goto('/sv/actors/vecura');
    assert.match(await page.locator('h1').innerText(), /<script>window\.__xss=1<\/script>/);
    // The signed-in pages that show the same fields: the edit form and the history.
    await page.goto('/en/login');
    await page.fill('#f-email', EMAIL);
    await page.fill('#f-password', 'Programkontoret 2026 Solna');
    await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
    for (const path of ['/en/actors/vecura/edit', '/en/actors/vecura/history', '/en/admin/audit']) {
      await page.goto(path);
      assert.equal(await page.evaluate(() => window.__xss), undefined, `a payload ran on ${path}`);
    }
    assert.equal(dialogs, 0);
  } catch (e) {
    await screenshotIfFailed(t, page);
    throw e;
  } finally {
    await page.context().close();
  }
});

test('script payloads in an access request, its conversation and the search index never run', async (t) => {
  const COMPANY = 'xss-company@example.se';
  const PASSWORD = 'Laminin-plattan 2026 Solna';
  cli(['user', 'add', '--email', COMPANY, '--role', 'company', '--actor', 'biolamina', '--password-stdin'], `${PASSWORD}\n`);
  const token = cli(['token', 'create', '--email', COMPANY]).split(/\s+/).pop();
  const res = await fetch(`${s.baseURL}/api/v1/access-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      company: 'biolamina', provider: 'vecura', services: ['vecura-gmp-cell-therapy'],
      title: payload(21), need: payload(22), confidentiality: payload(23),
    }),
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  const { id } = JSON.parse(text);

  const page = await openPage(s.browser, { baseURL: s.baseURL, bypassCSP: true });
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  try {
    // The actor payloads of the first test are in the search index by now: search, completion and matching show
    // them as text.
    for (const path of ['/en/search?q=x1', '/sv/search?q=window', `/en/match?need=${encodeURIComponent(payload(24))}`, '/en/match?need=onerror+cell+therapy']) {
      await page.goto(path);
      assert.equal(await page.evaluate(() => window.__xss), undefined, `a payload ran on ${path}`);
    }
    await page.goto('/en/login');
    await page.fill('#f-email', COMPANY);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
    await page.goto(`/en/requests/${id}`);
    await page.fill('#f-body', payload(25));
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send', exact: true }).click()]);
    for (const path of [`/en/requests/${id}`, '/en/requests', `/sv/requests/${id}`]) {
      await page.goto(path);
      assert.equal(await page.evaluate(() => window.__xss), undefined, `a payload ran on ${path}`);
    }
    assert.match(await page.locator('h1').innerText(), /<script>window\.__xss=21<\/script>/, 'the title is shown as text');
    assert.equal(dialogs, 0);
  } catch (e) {
    await screenshotIfFailed(t, page);
    throw e;
  } finally {
    await page.context().close();
  }
});

// ----- the pages added since: partner posts, events, news, matchmaking, the strategy and the follow-up -----

const PASSWORD = 'Skriptfria sidor 2026 Kista';
/** A payload short enough for the fields that take 100 characters (an indicator's unit). */
const shortPayload = (n) => `x${n}"'><svg onload="window.__xss=${n}">`;
const DAY = 86_400_000;
const sv = (path) => path.replace(/^\/en\//, '/sv/');
let dialogs = 0;

/** Adds a verified user through the command line; `name` is the display name the pages show. */
function addUser(email, role, { actor, name } = {}) {
  const args = ['user', 'add', '--email', email, '--role', role, '--password-stdin'];
  if (actor) args.push('--actor', actor);
  if (name) args.push('--name', name);
  cli(args, `${PASSWORD}\n`);
}

/** A fresh page with the CSP switched off whose dialogs are counted (none may open). */
async function unprotectedPage() {
  const page = await openPage(s.browser, { baseURL: s.baseURL, bypassCSP: true });
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  return page;
}

/** A fresh page with the CSP switched off, signed in through the sign-in form. */
async function signedIn(email, password = PASSWORD) {
  const page = await unprotectedPage();
  await page.goto('/en/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
  assert.doesNotMatch(page.url(), /\/login/, `${email} is signed in`);
  return page;
}

/** Clicks `locator` (a submit button) and resolves with the response of the page it leads to. */
async function submit(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

/** Opens each path (each must answer 200, so that a payload is really on it) and checks that nothing ran. */
async function nothingRan(page, paths) {
  for (const path of paths) {
    const res = await page.goto(path);
    assert.equal(res.status(), 200, `GET ${path}`);
    if (/\/atlas|\/campuses\//.test(path)) await page.waitForSelector('#atlas[data-ready="true"]', { timeout: 20_000 });
    assert.equal(await page.evaluate(() => window.__xss), undefined, `a payload ran on ${path}`);
  }
}

/** Checks that `path` (fetched by `page`, so with its cookies) is not served as a page a browser would run. */
async function notHtml(page, path, type) {
  const r = await page.evaluate(async (href) => {
    const res = await fetch(href);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  }, path);
  assert.equal(r.status, 200, `GET ${path}`);
  assert.ok(r.type.startsWith(type), `${path} is served as ${r.type}, expected ${type}`);
  return r.body;
}

/** Runs `fn` with the pages it opens; on failure a screenshot of each, then all contexts are closed. */
async function withPages(t, fn) {
  const pages = [];
  dialogs = 0;
  try {
    await fn(pages);
    assert.equal(dialogs, 0, 'no dialog opened');
  } catch (e) {
    for (const [i, p] of pages.entries()) {
      await screenshotIfFailed({ passed: false, name: `${t.name} ${i}`, diagnostic: t.diagnostic?.bind(t) }, p);
    }
    throw e;
  } finally {
    await Promise.allSettled(pages.map((p) => p.context().close()));
  }
}

test('script payloads in partner posts, the interest, the conversation and the members\' names never run', (t) =>
  withPages(t, async (pages) => {
    addUser('xss-author@example.se', 'company', { actor: 'biolamina', name: payload(31) });
    addUser('xss-member@example.se', 'company', { actor: 'kth', name: payload(32) });
    const author = await signedIn('xss-author@example.se');
    pages.push(author);
    await author.goto('/en/posts/new');
    await author.locator('#f-title').fill(payload(33));
    await author.locator('#f-body').fill(`${payload(34)}\n\n${payload(35)}`);
    await author.locator('input[name=tags]').first().check();
    let res = await submit(author, author.locator('main form.stack-form button[type=submit]'));
    assert.equal(res.status(), 200, 'the post is published');
    const post = new URL(author.url()).pathname;
    assert.match(post, /^\/en\/posts\/\d+$/);

    const member = await signedIn('xss-member@example.se');
    pages.push(member);
    await member.goto(post);
    await member.locator('#message').fill(payload(36));
    res = await submit(member, member.getByRole('button', { name: 'Express interest' }));
    assert.equal(res.status(), 200, 'the interest is sent');
    const conversation = new URL(member.url()).pathname;
    assert.match(conversation, /^\/en\/conversations\/\d+$/);

    await author.goto(conversation);
    await author.locator('#message').fill(payload(37));
    res = await submit(author, author.locator('main form.stack-form button[type=submit]'));
    assert.equal(res.status(), 200, 'the reply is sent');

    const paths = ['/en/posts', '/sv/posts', '/en/posts?kind=offer', `/en/posts?q=${encodeURIComponent(payload(38))}`,
      post, sv(post), conversation, sv(conversation), '/en/account'];
    await nothingRan(author, paths);
    await nothingRan(member, paths);
    // The payloads are there, as text.
    await member.goto(post);
    assert.match(await member.locator('h1').innerText(), /<script>window\.__xss=33<\/script>/);
    await member.goto(conversation);
    const text = await member.locator('main').innerText();
    for (const n of [31, 36, 37]) assert.ok(text.includes(`<script>window.__xss=${n}</script>`), `payload ${n} is shown as text`);
  }));

test('script payloads in events, news and matchmaking never run, nor in their calendars and feed', (t) =>
  withPages(t, async (pages) => {
    addUser('xss-editor@example.se', 'editor', { actor: 'a-working-lab', name: payload(41) });
    addUser('xss-mm-one@example.se', 'company', { actor: 'biolamina', name: payload(42) });
    addUser('xss-mm-two@example.se', 'company', { actor: 'kth', name: payload(43) });
    const editor = await signedIn('xss-editor@example.se');
    pages.push(editor);
    const day = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);

    await editor.goto('/en/events/new');
    await editor.fill('#f-start_day', day);
    await editor.fill('#f-start_time', '09:00');
    await editor.fill('#f-end_time', '16:00');
    await editor.selectOption('#f-organiser', 'a-working-lab');
    // The address is made from the Swedish title, so it starts short (an address at the 80-character limit leaves
    // no room for the meetings' addresses in the agenda's .ics, which then answers 404); the edit below puts the
    // whole payload in.
    await editor.fill('#f-title_sv', shortPayload(44));
    await editor.fill('#f-title_en', payload(45));
    await editor.fill('#f-description_sv', `${payload(46)}\n\n${payload(47)}`);
    await editor.fill('#f-description_en', payload(48));
    await editor.fill('#f-location_sv', payload(49));
    await editor.fill('#f-location_en', payload(50));
    await editor.fill('#f-registration', 'https://example.org/register?a="><script>window.__xss=51</script>&b=\'x\'');
    await editor.locator('input[name=tags]').first().check();
    let res = await submit(editor, editor.getByRole('button', { name: 'Save the event' }));
    assert.equal(res.status(), 200, 'the event is saved');
    const event = new URL(editor.url()).pathname;
    assert.match(event, /^\/en\/events\/[a-z0-9-]+$/);
    await editor.goto(`${event}/edit`);
    await editor.fill('#f-title_sv', payload(44));
    res = await submit(editor, editor.getByRole('button', { name: 'Save the event' }));
    assert.equal(res.status(), 200, 'the event is saved again');
    assert.equal(new URL(editor.url()).pathname, event, 'the event keeps its address');

    await editor.goto('/en/news/new');
    await editor.fill('#f-title_sv', payload(52));
    await editor.fill('#f-title_en', payload(53));
    await editor.fill('#f-summary_sv', payload(54));
    await editor.fill('#f-summary_en', payload(55));
    await editor.fill('#f-body_sv', `${payload(56)}\n\n${payload(57)}`);
    await editor.fill('#f-body_en', payload(58));
    await editor.selectOption('#f-actor', 'a-working-lab');
    res = await submit(editor, editor.getByRole('button', { name: 'Save the news item' }));
    assert.equal(res.status(), 200, 'the news item is saved');
    const newsPage = new URL(editor.url()).pathname;
    assert.match(newsPage, /^\/en\/news\/[a-z0-9-]+$/, 'the saved item is shown on its own page');
    const newsEdit = await editor.locator('main a[href*="/news/"][href$="/edit"]').first().getAttribute('href');
    assert.ok(newsEdit, 'the news page links the item\'s form');

    // Matchmaking: the organiser's slot, two profiles, a request with a message, accepted.
    await editor.goto(`${event}/matchmaking`);
    await editor.fill('#f-day', day);
    await editor.fill('#f-start', '10:00');
    await editor.fill('#f-end', '10:20');
    await submit(editor, editor.getByRole('button', { name: 'Add the slot' }));
    assert.match(await editor.locator('[role=status]').textContent(), /The slot is added/);
    const one = await signedIn('xss-mm-one@example.se');
    const two = await signedIn('xss-mm-two@example.se');
    pages.push(one, two);
    for (const [page, n] of [[one, 61], [two, 63]]) {
      await page.goto(`${event}/matchmaking`);
      await page.fill('#f-organisation', payload(n));
      await page.fill('#f-profile', payload(n + 1));
      await submit(page, page.getByRole('button', { name: 'Register for matchmaking' }));
      assert.match(await page.locator('[role=status]').textContent(), /Your profile is saved/);
    }
    await one.goto(`${event}/matchmaking`);
    const card = one.locator('section.card').filter({ has: one.locator('textarea[name=message]') });
    assert.equal(await card.count(), 1, 'one other participant to ask');
    await card.locator('textarea[name=message]').fill(payload(65));
    await submit(one, card.getByRole('button', { name: 'Ask for a meeting' }));
    assert.match(await one.locator('[role=status]').textContent(), /Your request is sent/);
    await two.goto(`${event}/matchmaking`);
    const request = two.locator('section.card').filter({ has: two.locator('select[name=slot]') }).first();
    await request.locator('select[name=slot]').selectOption({ index: 0 });
    await submit(two, request.getByRole('button', { name: 'Accept' }));
    assert.match(await two.locator('[role=status]').textContent(), /The meeting is booked/);

    const visitor = await unprotectedPage();
    pages.push(visitor);
    await nothingRan(visitor, ['/en/events', '/sv/events', '/en/events?organiser=a-working-lab', event, sv(event),
      '/en/news', '/sv/news', '/en/', '/sv/', '/en/actors/a-working-lab', '/sv/actors/a-working-lab', '/en/meeting-places',
      '/en/search?q=x45', '/sv/search?q=x44', '/en/search?q=x53', `${event}/matchmaking`, newsPage, sv(newsPage)]);
    await nothingRan(editor, [event, `${event}/edit`, sv(`${event}/edit`), newsEdit, '/en/news', `${event}/matchmaking`]);
    for (const page of [one, two]) await nothingRan(page, [`${event}/matchmaking`, sv(`${event}/matchmaking`), '/en/account']);
    // The payloads are there, as text.
    await visitor.goto(event);
    assert.match(await visitor.locator('h1').innerText(), /<script>window\.__xss=45<\/script>/);
    await two.goto(`${event}/matchmaking`);
    const agenda = await two.locator('main').innerText();
    for (const n of [42, 61, 65]) assert.ok(agenda.includes(`<script>window.__xss=${n}</script>`), `payload ${n} is shown as text`);

    // The calendars and the feed are not pages: served as what they are, never as HTML. The feed carries the
    // news as plain text, so a feed reader shows the payload instead of running it.
    await notHtml(visitor, `${event}.ics`, 'text/calendar');
    await notHtml(visitor, '/api/v1/events.ics', 'text/calendar');
    await notHtml(visitor, '/api/v1/events', 'application/json');
    await notHtml(one, `${event}/agenda.ics`, 'text/calendar');
    const atom = await notHtml(visitor, '/en/news.atom', 'application/atom+xml');
    assert.doesNotMatch(atom, /<script>window/, 'no raw markup of a payload in the feed');
    assert.doesNotMatch(atom, /type="(x?html)"[^>]*>[^<]*&lt;script&gt;window/, 'no payload in an element a reader renders as HTML');
  }));

test('script payloads in the strategy, a working group and the yearly follow-up never run, nor in the standalone report', (t) =>
  withPages(t, async (pages) => {
    const year = new Date().getFullYear();
    addUser('xss-reporter@example.se', 'reporter', { actor: 'centrum-for-halsodata', name: payload(71) });
    const measures = await (await fetch(`${s.baseURL}/api/v1/measures`)).json();
    const indicators = await (await fetch(`${s.baseURL}/api/v1/indicators`)).json();
    const m11 = measures.find((m) => m.code === '1.1').id;
    const i1a = indicators.find((i) => i.code === '1.a').id;
    const form = `/en/follow-up/${year}/reports/${m11}`;

    // The office (the admin of the first test) edits the measure, the indicator and the working group.
    const admin = await signedIn(EMAIL, 'Programkontoret 2026 Solna');
    pages.push(admin);
    await admin.goto(`/en/measures/${m11}/edit`);
    await admin.fill('#f-title_sv', payload(72));
    await admin.fill('#f-title_en', payload(73));
    await admin.fill('#f-description_sv', `${payload(74)}\n\n${payload(75)}`);
    await admin.fill('#f-description_en', payload(76));
    let res = await submit(admin, admin.locator('main form.stack-form button[type=submit]'));
    assert.equal(res.status(), 200, 'the measure is saved');
    assert.doesNotMatch(admin.url(), /\/edit$/);
    await admin.goto(`/en/indicators/${i1a}/edit`);
    await admin.fill('#f-name_sv', payload(77));
    await admin.fill('#f-name_en', payload(78));
    await admin.fill('#f-unit_sv', shortPayload(79));
    await admin.fill('#f-unit_en', shortPayload(80));
    await admin.fill('#f-source_sv', payload(81));
    await admin.fill('#f-source_en', payload(82));
    res = await submit(admin, admin.locator('main form.stack-form button[type=submit]'));
    assert.equal(res.status(), 200, 'the indicator is saved');
    assert.doesNotMatch(admin.url(), /\/edit$/);
    await admin.goto('/en/strategy/halsodata/working-group');
    await admin.fill('#f-email', 'xss-reporter@example.se');
    await admin.selectOption('#f-organisation', 'centrum-for-halsodata');
    await admin.selectOption('#f-role', { index: 1 });
    res = await submit(admin, admin.locator('main form.stack-form button[type=submit]'));
    assert.equal(res.status(), 200, 'the member is added');
    assert.match(await admin.locator('main table').innerText(), /<script>window\.__xss=71<\/script>/);

    // The yearly cycle: opened, reported, returned with a comment, sent again, accepted, closed, revised.
    await admin.goto('/en/follow-up');
    await admin.getByLabel('Year', { exact: true }).fill(String(year));
    await admin.getByLabel('Deadline', { exact: true }).fill(`${year + 1}-03-31`);
    res = await submit(admin, admin.getByRole('button', { name: 'Open the cycle' }));
    assert.equal(res.status(), 200, 'the cycle is open');
    const reporter = await signedIn('xss-reporter@example.se');
    pages.push(reporter);
    await reporter.goto(form);
    await reporter.getByLabel('Status', { exact: true }).selectOption({ label: 'Ongoing' });
    await reporter.locator('#narrative').fill(`${payload(83)}\n\n${payload(84)}`);
    await reporter.locator(`#value-${i1a}`).fill('70');
    await reporter.locator(`#comment-${i1a}`).fill(payload(85));
    await reporter.locator('#evidence').fill('https://example.org/evidence?a="><script>window.__xss=86</script>');
    res = await submit(reporter, reporter.locator('button[name=action][value=submit]'));
    assert.equal(res.status(), 200);
    assert.match(reporter.url(), /\?done=submitted$/, 'the report is sent');
    await admin.goto(form);
    await admin.getByLabel('The programme office\'s comment').fill(payload(87));
    res = await submit(admin, admin.getByRole('button', { name: 'Return with comment' }));
    assert.match(admin.url(), /\?done=returned$/, 'the report is returned');
    await nothingRan(reporter, [form]);
    res = await submit(reporter, reporter.getByRole('button', { name: 'Send to the programme office' }));
    assert.match(reporter.url(), /\?done=submitted$/, 'the report is sent again');
    await admin.goto(form);
    res = await submit(admin, admin.getByRole('button', { name: 'Accept', exact: true }));
    assert.match(admin.url(), /\?done=accepted$/, 'the report is accepted');
    await admin.goto(`/en/follow-up/${year}/reports`);
    await admin.getByLabel('I understand that closing freezes the cycle.').check();
    res = await submit(admin, admin.getByRole('button', { name: `Close the ${year} cycle` }));
    assert.match(admin.url(), /\?done=closed$/, 'the cycle is closed');
    await admin.goto(form);
    const revise = admin.locator('form').filter({ has: admin.locator(`#revise-value-${i1a}`) });
    await admin.locator(`#revise-value-${i1a}`).fill('72');
    await admin.locator(`#revise-value-${i1a}-reason`).fill(payload(88));
    res = await submit(admin, revise.getByRole('button', { name: 'Save the correction' }));
    assert.match(admin.url(), /\?done=revised$/, 'the revision is saved');

    const visitor = await unprotectedPage();
    pages.push(visitor);
    await nothingRan(visitor, ['/en/strategy', '/sv/strategy', '/en/strategy/halsodata', '/sv/strategy/halsodata',
      `/en/measures/${m11}`, `/sv/measures/${m11}`, `/en/indicators/${i1a}`, `/sv/indicators/${i1a}`, '/en/follow-up',
      `/en/follow-up/${year}`, `/sv/follow-up/${year}`, '/en/search?q=x73', '/sv/search?q=x77',
      '/en/actors/centrum-for-halsodata', '/en/actors?area=halsodata', '/en/atlas?area=halsodata', '/en/']);
    await nothingRan(admin, [`/en/follow-up/${year}?version=internal`, `/sv/follow-up/${year}?version=internal`,
      `/en/follow-up/${year}/reports`, form, sv(form), '/en/strategy/halsodata/working-group', `/en/measures/${m11}/edit`,
      `/en/indicators/${i1a}/edit`, '/en/admin/audit', '/en/admin/audit?object_type=follow_up_report']);
    await nothingRan(reporter, [form, `/en/follow-up/${year}/reports`, '/en/account']);
    // The payloads are there, as text.
    await visitor.goto(`/en/follow-up/${year}`);
    const report = await visitor.locator('main').innerText();
    for (const n of [73, 78, 83, 88]) assert.ok(report.includes(`<script>window.__xss=${n}</script>`), `payload ${n} is shown as text`);

    // The standalone HTML file of `samverkan report`, internal version, opened from disk.
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-xss-'));
    try {
      const file = join(dir, 'report.html');
      cli(['report', '--year', String(year), '--format', 'html', '--lang', 'en', '--internal', '--out', file]);
      await visitor.goto(`file://${file}`);
      assert.equal(await visitor.evaluate(() => window.__xss), undefined, 'a payload ran in the standalone report');
      assert.ok((await visitor.locator('body').innerText()).includes('<script>window.__xss=83</script>'), 'the narrative is in the file, as text');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }));
