// Matchmaking at an event, as people would use it: the editor of A Working Lab creates an event through the form
// and adds two meeting slots; Anna (BioLamina) and Bo (KTH) register with a profile; Anna asks Bo for a meeting;
// Bo accepts by picking a slot; both see the meeting on their agenda, and Anna's .ics has it. The editor also
// writes a news item, which the home page shows. Every page of the feature passes axe in Swedish and English.
//
// The tests share one server and run in order: the journey first, then axe on the pages it made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();
const PASSWORD = 'Matchmaking 2026 Flemingsberg';
const USERS = {
  editor: { email: 'eva@awl.example.se', role: 'editor', actor: 'a-working-lab', name: 'Eva Working Lab' },
  anna: { email: 'anna@biolamina.example.se', role: 'company', actor: 'biolamina', name: 'Anna BioLamina' },
  bo: { email: 'bo@kth.example.se', role: 'company', actor: 'kth', name: 'Bo KTH' },
};
const DAY = 86_400_000;
const EVENT_DAY = new Date(Date.now() + 21 * DAY).toISOString().slice(0, 10);
const EVENT = '/en/events/partnering-day-at-a-working-lab';
const norm = (text) => text.replace(/\s+/g, ' ').trim();

let usersAdded = false;
function addUsers() {
  if (usersAdded) return;
  usersAdded = true;
  for (const u of Object.values(USERS)) {
    const args = ['user', 'add', '--db', s.server.db, '--email', u.email, '--role', u.role, '--name', u.name, '--actor', u.actor, '--password-stdin'];
    const r = spawnSync(s.server.bin, args, { input: `${PASSWORD}\n`, env: s.server.env, encoding: 'utf8' });
    assert.equal(r.status, 0, `user add ${u.email}: ${r.stderr}`);
  }
}

async function signedIn(who, lang = 'en') {
  addUsers();
  const page = await openPage(s.browser, { baseURL: s.baseURL, bypassCSP: true });
  await page.goto(`/${lang}/login`);
  await page.fill('#f-email', USERS[who].email);
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
  assert.doesNotMatch(page.url(), /\/login/, `${who} is signed in`);
  return page;
}

async function submit(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

async function withPages(t, fn) {
  const pages = [];
  try {
    await fn(pages);
  } catch (e) {
    for (const [i, p] of pages.entries()) {
      await screenshotIfFailed({ passed: false, name: `${t.name} ${i}`, diagnostic: t.diagnostic?.bind(t) }, p);
    }
    throw e;
  } finally {
    await Promise.allSettled(pages.map((p) => p.context().close()));
  }
}

test('an editor creates an event and its slots; a member books a 1:1 meeting and sees it on the agenda', (t) =>
  withPages(t, async (pages) => {
    const editor = await signedIn('editor');
    pages.push(editor);
    await editor.goto('/en/events');
    await submit(editor, editor.getByRole('link', { name: 'New event' }));
    // A mistake first: no title. The error summary names the field and the typed values stay.
    await editor.fill('#f-start_day', EVENT_DAY);
    await editor.fill('#f-start_time', '09:00');
    await editor.fill('#f-end_time', '16:00');
    await editor.selectOption('#f-organiser', 'a-working-lab');
    let res = await submit(editor, editor.getByRole('button', { name: 'Save the event' }));
    assert.equal(res.status(), 422);
    assert.match(norm(await editor.locator('.error-summary').textContent()), /Title \(Swedish\): Fill in this field/);
    assert.equal(await editor.inputValue('#f-start_time'), '09:00');
    await editor.fill('#f-title_sv', 'Partnering day at A Working Lab');
    await editor.fill('#f-title_en', 'Partnering day at A Working Lab');
    await editor.fill('#f-description_sv', 'Möten på tu man hand mellan företag och forskare.');
    await editor.fill('#f-description_en', 'One-to-one meetings between companies and researchers.');
    await editor.selectOption('#f-place', 'meeting-place:a-working-lab-flemingsberg');
    res = await submit(editor, editor.getByRole('button', { name: 'Save the event' }));
    assert.equal(res.status(), 200);
    assert.equal(new URL(editor.url()).pathname, EVENT);
    assert.match(await editor.locator('[role=status]').textContent(), /The event is saved/);
    await submit(editor, editor.getByRole('link', { name: /Matchmaking/ }));
    for (const [start, end] of [['10:00', '10:20'], ['10:20', '10:40']]) {
      await editor.fill('#f-day', EVENT_DAY);
      await editor.fill('#f-start', start);
      await editor.fill('#f-end', end);
      await submit(editor, editor.getByRole('button', { name: 'Add the slot' }));
      assert.match(await editor.locator('[role=status]').textContent(), /The slot is added/);
    }

    // Anna and Bo register with a profile (Bo with the keyboard only).
    const anna = await signedIn('anna');
    pages.push(anna);
    await anna.goto(`${EVENT}/matchmaking`);
    await anna.fill('#f-organisation', 'BioLamina');
    await anna.fill('#f-profile', 'Laminin cell-culture matrices; looking for GMP partners.');
    await submit(anna, anna.getByRole('button', { name: 'Register for matchmaking' }));
    const bo = await signedIn('bo');
    pages.push(bo);
    await bo.goto(`${EVENT}/matchmaking`);
    await bo.focus('#f-organisation');
    await bo.keyboard.type('KTH');
    await bo.keyboard.press('Tab');
    await bo.keyboard.type('Bioprocess engineering; looking for pilot users.');
    await bo.keyboard.press('Tab');
    await Promise.all([bo.waitForNavigation(), bo.keyboard.press('Enter')]);
    assert.match(await bo.locator('[role=status]').textContent(), /Your profile is saved/);

    // Anna asks Bo.
    await anna.goto(`${EVENT}/matchmaking`);
    const boCard = anna.locator('section.card').filter({ hasText: 'Bo KTH, KTH' });
    await boCard.getByLabel(/Message to Bo KTH/).fill('Could your pilot plant test our matrices?');
    await submit(anna, boCard.getByRole('button', { name: 'Ask for a meeting' }));
    assert.match(await anna.locator('[role=status]').textContent(), /Your request is sent/);

    // Bo accepts by picking the second slot.
    await bo.goto(`${EVENT}/matchmaking`);
    const request = bo.locator('section.card').filter({ hasText: 'Anna BioLamina, BioLamina' }).first();
    assert.match(norm(await request.textContent()), /Could your pilot plant test our matrices\?/);
    await request.getByLabel('Slot').selectOption({ label: `${EVENT_DAY} 10:20–10:40` });
    await submit(bo, request.getByRole('button', { name: 'Accept' }));
    assert.match(await bo.locator('[role=status]').textContent(), /The meeting is booked/);

    // Both agendas show it.
    for (const [page, other] of [[bo, 'Anna BioLamina (BioLamina)'], [anna, 'Bo KTH (KTH)']]) {
      await page.goto(`${EVENT}/matchmaking`);
      const agenda = norm(await page.locator('ul.agenda').textContent());
      assert.equal(agenda, `${EVENT_DAY} 10:20–10:40: Meeting with ${other}`);
    }
    const ics = await anna.evaluate(async (href) => (await fetch(href)).text(), `${EVENT}/agenda.ics`.replace('/en/events', '/en/events'));
    assert.match(ics, new RegExp(`DTSTART;TZID=Europe/Stockholm:${EVENT_DAY.replaceAll('-', '')}T102000`));

    // The editor writes a news item; the home page shows it.
    await editor.goto('/en/news');
    await submit(editor, editor.getByRole('link', { name: 'Write a news item' }));
    await editor.fill('#f-title_sv', 'Partnering day: 1:1-möten bokade');
    await editor.fill('#f-title_en', 'Partnering day: 1:1 meetings booked');
    await editor.fill('#f-summary_sv', 'Företag och forskare möts på A Working Lab.');
    await editor.fill('#f-summary_en', 'Companies and researchers meet at A Working Lab.');
    await editor.selectOption('#f-actor', 'a-working-lab');
    await submit(editor, editor.getByRole('button', { name: 'Save the news item' }));
    assert.match(await editor.locator('[role=status]').textContent(), /The news item is saved/);
    await editor.goto('/en/');
    assert.match(await editor.locator('main').textContent(), /Partnering day: 1:1 meetings booked/);
  }));

// ----- axe on every page of the feature, signed out and as a participant, in both languages -----
for (const lang of ['sv', 'en']) {
  const event = EVENT.replace('/en/', `/${lang}/`);
  for (const [who, path] of [
    [null, `${event}/matchmaking`],
    ['anna', `${event}/matchmaking`],
    ['editor', `${event}/matchmaking`],
    ['editor', event],
    ['editor', `/${lang}/events/new`],
    ['editor', `${event}/edit`],
    ['editor', `/${lang}/news/new`],
    ['editor', `/${lang}/news`],
    // A news item's page, and its edit page with the image form (A Working Lab is among the actors it is about).
    [null, `/${lang}/news/flemingsberg-science-i-almedalen-2024`],
    ['editor', `/${lang}/news/stockholm-life-tech-avslutat`],
    ['editor', `/${lang}/news/stockholm-life-tech-avslutat/edit`],
    [null, `/${lang}/actors/a-working-lab`],
  ]) {
    test(`axe: ${path} (${who ?? 'signed out'})`, (t) =>
      withPages(t, async (pages) => {
        const page = who ? await signedIn(who, lang) : await openPage(s.browser, { baseURL: s.baseURL, bypassCSP: true });
        pages.push(page);
        const res = await page.goto(path);
        assert.equal(res.status(), 200);
        assert.equal(await page.locator('h1').count(), 1);
        const violations = await axeCheck(page);
        assert.equal(violations.length, 0, `${violations.length} axe violation(s) on ${path}:\n${formatViolations(violations)}`);
      }));
  }
}
