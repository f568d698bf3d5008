// Partner posts: a company member (BioLamina) writes an offer, first without a title (the error summary leads to
// the field with the keyboard), then correctly; a member of KTH finds it under "Open posts" (the kind filter keeps
// it for offers and hides it for requests), expresses interest and lands in the conversation; the author sees the
// conversation on the post and replies; the member reads the reply; a third member (Vecura) gets 404 on the
// conversation; the author closes the post, which leaves the open posts and takes no more interest. Also: a
// visitor is sent to sign in, replayed form posts keep the rules, the new-post form reports every mistake at once,
// paragraphs typed in a textarea (sent as CR LF) stay paragraphs, text is escaped (the page's CSP switched off), and
// every page of the feature passes axe in English and Swedish.
//
// The tests of this file share one server and run in order; the journey comes first, so its post is the only one
// when it starts. The e-mail to the author is queued in the database and not checked here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();

const PASSWORD = 'Partnerinlägg 2026 Hagastaden';
const USERS = {
  author: { email: 'anna@biolamina.example.se', role: 'company', actor: 'biolamina', name: 'Anna BioLamina' },
  member: { email: 'bo@kth.example.se', role: 'company', actor: 'kth', name: 'Bo KTH' },
  third: { email: 'carl@vecura.example.se', role: 'manager', actor: 'vecura', name: 'Carl Vecura' },
};

const DAY = 86_400_000;
/** A day `days` from today (UTC, as the server counts), as YYYY-MM-DD. */
const dayFromNow = (days) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

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

/** The section of the page headed (h2) `name`. */
const section = (page, name) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name, exact: true, level: 2 }) });

/** The link to the post titled `title` in a list. */
const postLink = (scope, title) => scope.getByRole('link', { name: title, exact: true });

/** The list item of the post titled `title` in a list. */
const postItem = (scope, title) => scope.locator('li').filter({ has: postLink(scope.page(), title) });

/** The messages of a conversation page: { meta, paragraphs } each, in order. */
function messagesOf(page) {
  return page.locator('main ol.event-list > li').evaluateAll((lis) => lis.map((li) => ({
    meta: li.querySelector('.event-meta').textContent.replace(/\s+/g, ' ').trim(),
    paragraphs: [...li.querySelectorAll('p:not(.event-meta)')].map((p) => p.textContent.replace(/\s+/g, ' ').trim()),
  })));
}

/** The paragraphs of a post's text: the <p> children of <main> that are not its meta lines. */
function bodyOf(page) {
  return page.locator('main > p:not(.event-meta):not(.hint):not(.lead)').allTextContents();
}

/** Paragraphs as one line of text, white space collapsed. */
const textOf = (paragraphs) => norm(paragraphs.join(' '));

/** The CSRF token of the signed-in page (the sign-out form in the header carries it). */
const csrfOf = (page) => page.locator('header input[name=csrf]').first().inputValue();

/**
 * As a signed-in member: writes a post through the form and publishes it; returns the post's path
 * (`/{lang}/posts/{id}`).
 */
async function publish(page, { kind = 'offer', title, body, expires, tags = 0, lang = 'en' }) {
  await page.goto(`/${lang}/posts/new`);
  await page.locator('#f-kind').selectOption(kind);
  await page.locator('#f-title').fill(title);
  await page.locator('#f-body').fill(body);
  if (expires) await page.locator('#f-expires').fill(expires);
  for (let i = 0; i < tags; i++) await page.locator('input[name=tags]').nth(i).check();
  const response = await submit(page, page.locator('main form.stack-form button[type=submit]'));
  assert.equal(response.status(), 200, `the post "${title}" is published`);
  const m = where(page).match(new RegExp(`^(/${lang}/posts/\\d+)\\?done=published$`));
  assert.ok(m, `redirected to the post; got ${where(page)}`);
  return m[1];
}

/** As a signed-in member: expresses interest in the post at `path`; returns the conversation's path. */
async function expressInterest(page, path, message) {
  await page.goto(path);
  await page.locator('#message').fill(message);
  const response = await submit(page, page.getByRole('button', { name: 'Express interest' }));
  assert.equal(response.status(), 200, 'the interest is accepted');
  const m = where(page).match(/^(\/en\/conversations\/\d+)\?done=sent$/);
  assert.ok(m, `redirected to the conversation; got ${where(page)}`);
  return m[1];
}

// ----- the journey -----

const OFFER = {
  title: 'Flow cytometer time on Fridays',
  paragraphs: [
    'Our BD FACSAria has free hours on Friday afternoons for academic partners.',
    'Training is included; you bring your own reagents.',
  ],
};
const INTEREST = [
  'We would like two afternoons in January for sorting stem-cell derived cardiomyocytes.',
  'Could we book a training session first?',
];
const REPLY = 'Yes: the training is on 12 January at 13:00. Bring your sample sheet.';

test('a visitor is sent to sign in from every page of the posts', (t) =>
  withPages(t, async (pages) => {
    const page = await visitor();
    pages.push(page);
    for (const path of ['/en/posts', '/sv/posts', '/en/posts/new', '/en/posts/1', '/en/conversations/1']) {
      const response = await page.goto(path);
      assert.equal(response.status(), 200, `GET ${path} ends on the sign-in page`);
      assert.equal(where(page), `/${path.slice(1, 3)}/login?next=${encodeURIComponent(path)}`, `${path} leads to sign in`);
      assert.equal(await page.locator('#f-email').count(), 1, 'the sign-in form');
    }
  }));

test('partner posts: an offer is published, answered, discussed privately and closed', (t) =>
  withPages(t, async (pages) => {
    // --- The author opens the posts: nothing of theirs yet; follows "Write a post". ---
    const author = await signedIn('author');
    pages.push(author);
    let response = await author.goto('/en/posts');
    assert.equal(response.status(), 200);
    assert.equal(norm(await author.locator('h1').innerText()), 'Partner posts');
    assert.match(norm(await section(author, 'Your posts').innerText()), /You have not posted anything yet\./);
    assert.equal(await section(author, 'Open posts').count(), 1, 'the open posts are listed');
    await Promise.all([
      author.waitForURL('**/en/posts/new'),
      author.getByRole('link', { name: 'Write a post', exact: true }).click(),
    ]);
    assert.equal(norm(await author.locator('h1').innerText()), 'Write a post');
    assert.deepEqual(
      await author.locator('#f-kind option').evaluateAll((os) => os.map((o) => o.value)),
      ['offer', 'request'],
    );
    const today = dayFromNow(0);
    const prefilled = await author.locator('#f-expires').inputValue();
    assert.match(prefilled, /^\d{4}-\d{2}-\d{2}$/, 'the last day is prefilled as YYYY-MM-DD');
    assert.equal(prefilled, dayFromNow(60), `the last day is 60 days ahead (today is ${today})`);
    const topics = author.locator('input[name=tags]');
    assert.ok((await topics.count()) >= 2, 'topics to choose from');
    const topic = norm(await author.locator('label.check').first().innerText());

    // --- First without a title: refused, with a summary that leads to the field. ---
    await author.locator('#f-kind').selectOption('offer');
    await author.locator('#f-body').fill(OFFER.paragraphs.join('\n\n'));
    await topics.first().check();
    response = await submit(author, author.getByRole('button', { name: 'Publish the post' }));
    assert.equal(response.status(), 422, 'a post without a title is refused');
    assert.equal(where(author), '/en/posts');
    const summary = author.locator('.error-summary[role=alert]');
    assert.match(norm(await summary.innerText()), /Write a title of at most 200 characters\./);
    const link = summary.locator('a[href="#f-title"]');
    assert.equal(await link.count(), 1, 'the summary links to the title');
    assert.equal(await summary.locator('a').count(), 1, `only the title is wrong; got ${norm(await summary.innerText())}`);
    assert.equal(await author.locator('#f-title').getAttribute('aria-invalid'), 'true');
    assert.ok(
      ((await author.locator('#f-title').getAttribute('aria-describedby')) ?? '').split(/\s+/).includes('f-title-error'),
      'the error describes the title',
    );
    assert.equal(await author.locator('#f-body').inputValue(), OFFER.paragraphs.join('\n\n'), 'the text is kept');
    assert.equal(await author.locator('#f-kind').inputValue(), 'offer', 'the kind is kept');
    assert.equal(await author.locator('#f-expires').inputValue(), prefilled, 'the last day is kept');
    assert.ok(await topics.first().isChecked(), 'the chosen topic is kept');

    // With the keyboard only: Tab to the summary's link, Enter, and type the title where the focus lands.
    let presses = 0;
    while (!(await link.evaluate((a) => a === document.activeElement))) {
      assert.ok(++presses <= 40, 'the error summary link is reachable with Tab');
      await author.keyboard.press('Tab');
    }
    await author.keyboard.press('Enter');
    await author.waitForFunction(() => document.activeElement?.id === 'f-title', null, { timeout: 2_000 }).catch(() => {});
    assert.equal(await author.evaluate(() => document.activeElement?.id ?? null), 'f-title', 'focus is on the title');
    await author.keyboard.type(OFFER.title);
    assert.equal(await author.locator('#f-title').inputValue(), OFFER.title);

    response = await submit(author, author.getByRole('button', { name: 'Publish the post' }));
    assert.equal(response.status(), 200);
    const m = where(author).match(/^\/en\/posts\/(\d+)\?done=published$/);
    assert.ok(m, `published and redirected to the post; got ${where(author)}`);
    const postPath = `/en/posts/${m[1]}`;
    assert.equal(norm(await author.locator('[role=status]').innerText()), 'Your post is published.');
    assert.equal(norm(await author.locator('h1').innerText()), OFFER.title);
    assert.equal(
      norm(await author.locator('main > p.event-meta').first().innerText()),
      `Offer · ${USERS.author.name} · until ${prefilled}`,
    );
    assert.equal(textOf(await bodyOf(author)), textOf(OFFER.paragraphs), 'the text (its paragraphs: see the test below)');
    assert.equal(norm(await author.locator('main > p.event-meta').nth(1).innerText()), `Topics: ${topic}`);
    assert.match(norm(await section(author, 'Conversations').innerText()), /Nobody has expressed interest yet\./);
    assert.equal(await author.getByRole('button', { name: 'Close the post' }).count(), 1, 'the author may close it');
    assert.equal(await author.locator('#message').count(), 0, 'no interest form for the author');
    assert.equal(await author.getByRole('heading', { name: 'Interested?' }).count(), 0);

    // On the list: under "Your posts", not under "Open posts".
    await author.goto('/en/posts');
    assert.equal(
      norm(await postItem(section(author, 'Your posts'), OFFER.title).locator('.event-meta').innerText()),
      'Offer · 0 interested',
    );
    assert.equal(await postLink(section(author, 'Open posts'), OFFER.title).count(), 0, 'one\'s own post is not among the open');

    // --- The KTH member finds it from the events page, under "Open posts". ---
    const member = await signedIn('member');
    pages.push(member);
    await member.goto('/en/events');
    await Promise.all([
      member.waitForURL('**/en/posts'),
      member.getByRole('link', { name: 'Partner posts', exact: true }).click(),
    ]);
    const open = section(member, 'Open posts');
    assert.equal(await postLink(open, OFFER.title).getAttribute('href'), postPath);
    assert.equal(
      norm(await postItem(open, OFFER.title).locator('.event-meta').innerText()),
      `Offer · ${USERS.author.name} · until ${prefilled}`,
    );
    assert.match(norm(await section(member, 'Your posts').innerText()), /You have not posted anything yet\./);

    // The kind filter: offers keep it, requests hide it (the form also sends its empty topic and words fields).
    await member.locator('#kind').selectOption('offer');
    response = await submit(member, member.locator('form.filters button[type=submit]'));
    assert.equal(response.status(), 200);
    assert.equal(where(member), '/en/posts?kind=offer&tag=&q=');
    assert.equal(await member.locator('#kind').inputValue(), 'offer', 'the filter shows its choice');
    assert.equal(await postLink(section(member, 'Open posts'), OFFER.title).count(), 1, 'an offer is among the offers');
    await member.locator('#kind').selectOption('request');
    response = await submit(member, member.locator('form.filters button[type=submit]'));
    assert.equal(response.status(), 200);
    assert.equal(where(member), '/en/posts?kind=request&tag=&q=');
    assert.equal(await member.locator('#kind').inputValue(), 'request');
    assert.equal(await postLink(section(member, 'Open posts'), OFFER.title).count(), 0, 'an offer is not among the requests');
    assert.match(norm(await section(member, 'Open posts').innerText()), /No open posts right now\./);

    // --- The member opens the post and expresses interest; an empty message is refused first. ---
    await member.goto('/en/posts?kind=offer');
    await Promise.all([
      member.waitForURL(`**${postPath}`),
      postLink(section(member, 'Open posts'), OFFER.title).click(),
    ]);
    assert.equal(norm(await member.locator('h1').innerText()), OFFER.title);
    assert.equal(textOf(await bodyOf(member)), textOf(OFFER.paragraphs));
    assert.equal(await member.getByRole('heading', { name: 'Interested?', level: 2 }).count(), 1);
    assert.equal(await member.getByRole('heading', { name: 'Conversations' }).count(), 0, 'others do not see the conversations');
    assert.equal(await member.getByRole('button', { name: 'Close the post' }).count(), 0, 'others cannot close it');
    response = await submit(member, member.getByRole('button', { name: 'Express interest' }));
    assert.equal(response.status(), 422, 'an empty message is refused');
    assert.match(norm(await member.locator('[role=alert]').innerText()), /Write a text of at most 5,000 characters\./);
    assert.equal(await member.locator('#message').count(), 1, 'the form is shown again');

    await member.getByLabel('Your message to the author').fill(INTEREST.join('\n\n'));
    response = await submit(member, member.getByRole('button', { name: 'Express interest' }));
    assert.equal(response.status(), 200);
    const c = where(member).match(/^\/en\/conversations\/(\d+)\?done=sent$/);
    assert.ok(c, `the member lands in the conversation; got ${where(member)}`);
    const convPath = `/en/conversations/${c[1]}`;

    // --- The member sees the conversation. ---
    assert.equal(norm(await member.locator('[role=status]').innerText()), 'Your message is sent.');
    assert.equal(norm(await member.locator('h1').innerText()), `Conversation with ${USERS.author.name}`);
    assert.match(norm(await member.locator('main').innerText()), /Only you and the other party see this conversation\./);
    assert.equal(
      await member.locator('nav.breadcrumbs').getByRole('link', { name: OFFER.title, exact: true }).getAttribute('href'),
      postPath,
      'the conversation leads back to the post',
    );
    let messages = await messagesOf(member);
    assert.equal(messages.length, 1, `one message; got ${JSON.stringify(messages)}`);
    assert.match(messages[0].meta, new RegExp(`^${escapeRe(USERS.member.name)} \\(you\\) · ${today}$`));
    assert.equal(textOf(messages[0].paragraphs), textOf(INTEREST), 'the message (its paragraphs: see the test below)');
    assert.equal(await member.getByLabel('Your reply').count(), 1, 'a reply field');
    assert.equal(await member.locator('#message').count(), 1);
    assert.equal(await member.getByRole('button', { name: 'Send', exact: true }).count(), 1);

    // The post now leads the member to the conversation instead of offering the form again.
    await member.goto(postPath);
    assert.equal(await member.locator('#message').count(), 0, 'no second interest form');
    assert.equal(
      await member.getByRole('link', { name: 'Open your conversation with the author' }).getAttribute('href'),
      convPath,
    );

    // --- The author opens the post, sees the member's conversation and replies. ---
    await author.goto(postPath);
    const conversations = section(author, 'Conversations');
    const convLink = conversations.getByRole('link', { name: USERS.member.name, exact: true });
    assert.equal(await convLink.getAttribute('href'), convPath);
    assert.match(norm(await conversations.locator('li').first().innerText()), new RegExp(`\\(${today}\\)$`));
    await Promise.all([author.waitForURL(`**${convPath}`), convLink.click()]);
    assert.equal(norm(await author.locator('h1').innerText()), `Conversation with ${USERS.member.name}`);
    messages = await messagesOf(author);
    assert.equal(messages.length, 1);
    assert.match(messages[0].meta, new RegExp(`^${escapeRe(USERS.member.name)} · ${today}$`), 'not marked as the author\'s');
    assert.equal(textOf(messages[0].paragraphs), textOf(INTEREST));
    await author.getByLabel('Your reply').fill(REPLY);
    response = await submit(author, author.getByRole('button', { name: 'Send', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(where(author), `${convPath}?done=sent`);
    assert.equal(norm(await author.locator('[role=status]').innerText()), 'Your message is sent.');
    messages = await messagesOf(author);
    assert.equal(messages.length, 2);
    assert.match(messages[1].meta, new RegExp(`^${escapeRe(USERS.author.name)} \\(you\\) · ${today}$`));
    assert.deepEqual(messages[1].paragraphs, [REPLY]);
    await author.goto('/en/posts');
    assert.equal(
      norm(await postItem(section(author, 'Your posts'), OFFER.title).locator('.event-meta').innerText()),
      'Offer · one interested',
    );

    // --- The member reads the reply. ---
    await member.goto(convPath);
    messages = await messagesOf(member);
    assert.deepEqual(messages.map((x) => textOf(x.paragraphs)), [textOf(INTEREST), REPLY], 'both messages, in order');
    assert.match(messages[1].meta, new RegExp(`^${escapeRe(USERS.author.name)} · ${today}$`));

    // --- A third member sees the post but not the conversation (404, also for a reply). ---
    const third = await signedIn('third');
    pages.push(third);
    await third.goto('/en/posts');
    assert.equal(await postLink(section(third, 'Open posts'), OFFER.title).count(), 1, 'the open post is listed for others');
    await third.goto(postPath);
    assert.equal(await third.getByRole('heading', { name: 'Conversations' }).count(), 0);
    assert.doesNotMatch(norm(await third.locator('main').innerText()), new RegExp(escapeRe(USERS.member.name)));
    const thirdCsrf = await csrfOf(third);
    response = await third.goto(convPath);
    assert.equal(response.status(), 404, 'someone else\'s conversation is not found');
    let main = norm(await third.locator('main').innerText());
    assert.doesNotMatch(main, /sorting stem-cell|training is on 12 January/, 'no message shows');
    assert.equal(await third.locator('#message').count(), 0, 'no reply form');
    const replayedReply = await third.request.post(convPath, { form: { csrf: thirdCsrf, message: 'Let me in' }, maxRedirects: 0 });
    assert.equal(replayedReply.status(), 404, 'a reply to someone else\'s conversation is refused as not found');

    // --- The author closes the post. ---
    await author.goto(postPath);
    response = await submit(author, author.getByRole('button', { name: 'Close the post' }));
    assert.equal(response.status(), 200);
    assert.equal(where(author), `${postPath}?done=closed`);
    assert.equal(norm(await author.locator('[role=status]').innerText()), 'The post is closed.');
    assert.match(norm(await author.locator('main > p.event-meta').first().innerText()), / · Closed$/);
    assert.equal(await author.getByRole('button', { name: 'Close the post' }).count(), 0, 'nothing more to close');
    assert.equal(
      await section(author, 'Conversations').getByRole('link', { name: USERS.member.name, exact: true }).getAttribute('href'),
      convPath,
      'the conversations stay',
    );
    await author.goto('/en/posts');
    assert.equal(
      norm(await postItem(section(author, 'Your posts'), OFFER.title).locator('.event-meta').innerText()),
      'Offer · one interested · Closed',
    );

    // --- The third member no longer sees it among the open posts; its page says "Closed", with no form. ---
    await third.goto('/en/posts');
    assert.equal(await postLink(section(third, 'Open posts'), OFFER.title).count(), 0, 'the closed post left the open posts');
    await third.goto('/en/posts?kind=offer');
    assert.equal(await postLink(section(third, 'Open posts'), OFFER.title).count(), 0, 'nor among the offers');
    response = await third.goto(postPath);
    assert.equal(response.status(), 200, 'the closed post can still be read');
    assert.match(norm(await third.locator('main > p.event-meta').first().innerText()), / · Closed$/);
    assert.equal(norm(await third.locator('main > p.event-meta strong').innerText()), 'Closed');
    assert.equal(await third.locator('#message').count(), 0, 'no interest form');
    assert.equal(await third.getByRole('heading', { name: 'Interested?' }).count(), 0);
    assert.equal(await third.getByRole('button', { name: 'Express interest' }).count(), 0);
    // A replayed interest form is refused too.
    const replayed = await third.request.post(`${postPath}/interest`, {
      form: { csrf: thirdCsrf, message: 'Still interested?' },
      maxRedirects: 0,
    });
    assert.equal(replayed.status(), 422, 'no interest in a closed post');
    assert.match(norm(await replayed.text()), /The post is closed or past its last day, so it takes no new interest\./);
    await third.goto('/en/posts');
    main = norm(await section(third, 'Your posts').innerText());
    assert.match(main, /You have not posted anything yet\./, 'the refused interest created nothing');

    // The member keeps the conversation of the closed post.
    response = await member.goto(convPath);
    assert.equal(response.status(), 200);
    assert.equal((await messagesOf(member)).length, 2);
  }));

test('replayed form posts keep the rules: not one\'s own post, interest once, only the author closes', (t) =>
  withPages(t, async (pages) => {
    const { postPath, convPath } = await aConversation();
    const author = await signedIn('author');
    pages.push(author);
    await author.goto(postPath);
    const authorCsrf = await csrfOf(author);
    let r = await author.request.post(`${postPath}/interest`, { form: { csrf: authorCsrf, message: 'Me too' }, maxRedirects: 0 });
    assert.equal(r.status(), 422, 'no interest in one\'s own post');
    assert.match(norm(await r.text()), /This is your own post\./);

    const member = await signedIn('member');
    pages.push(member);
    await member.goto(postPath);
    const memberCsrf = await csrfOf(member);
    r = await member.request.post(`${postPath}/interest`, { form: { csrf: memberCsrf, message: 'Again' }, maxRedirects: 0 });
    assert.equal(r.status(), 422, 'interest is expressed once');
    assert.match(norm(await r.text()), /You have already expressed interest in this post; continue in your conversation\./);
    r = await member.request.post(`${postPath}/close`, { form: { csrf: memberCsrf }, maxRedirects: 0 });
    assert.equal(r.status(), 403, 'only the author closes a post');
    r = await member.request.post(convPath, { form: { csrf: memberCsrf, message: '   ' }, maxRedirects: 0 });
    assert.equal(r.status(), 422, 'an empty reply is refused');
    assert.match(norm(await r.text()), /Write a text of at most 5,000 characters\./);
    r = await member.request.post(`${postPath}/interest`, { form: { csrf: 'not-the-token', message: 'Hi' }, maxRedirects: 0 });
    assert.ok(r.status() >= 400 && r.status() < 500, `a wrong CSRF token is refused; got ${r.status()}`);

    const bogus = await member.goto('/en/posts?kind=bogus');
    assert.equal(bogus.status(), 400, 'an unknown kind is a bad request');
    await author.goto(postPath);
    assert.doesNotMatch(norm(await author.locator('main').innerText()), /Closed/, 'the post is still open');
    assert.equal(await section(author, 'Conversations').locator('li').count(), 1, 'still one conversation');
  }));

// A form with several mistakes lists all of them, so that one round of corrections is enough.
test('the new-post form reports every mistake at once', (t) =>
  withPages(t, async (pages) => {
    const author = await signedIn('author');
    pages.push(author);
    await author.goto('/en/posts/new');
    await author.locator('#f-title').fill('');
    await author.locator('#f-body').fill('');
    await author.locator('#f-expires').fill('next week');
    const response = await submit(author, author.getByRole('button', { name: 'Publish the post' }));
    assert.equal(response.status(), 422);
    const links = await author.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links.sort(), ['#f-body', '#f-expires', '#f-title'], 'the title, the text and the last day are all wrong');
    for (const id of ['f-title', 'f-body', 'f-expires']) {
      assert.equal(await author.locator(`#${id}`).getAttribute('aria-invalid'), 'true', `#${id} is marked invalid`);
    }
  }));

// The form's hint says "Separate paragraphs with an empty line". A browser sends a textarea's line breaks as CR LF,
// so an empty line arrives as "\r\n\r\n"; the post and the conversation must still show separate paragraphs.
test('paragraphs typed in the browser show as paragraphs in the post and in the conversation', (t) =>
  withPages(t, async (pages) => {
    const author = await signedIn('author');
    pages.push(author);
    const text = ['Two microscopes are free on Mondays.', 'Booking through our lab manager.'];
    const postPath = await publish(author, { kind: 'offer', title: 'Microscope Mondays', body: text.join('\n\n') });
    const shownText = await bodyOf(author);
    const member = await signedIn('member');
    pages.push(member);
    const message = ['We would like to book one in February.', 'Who is the lab manager?'];
    await expressInterest(member, postPath, message.join('\n\n'));
    const shownMessage = (await messagesOf(member))[0].paragraphs;
    assert.deepEqual(
      { post: shownText, message: shownMessage },
      { post: text, message },
      'the post\'s text and the message each in their two paragraphs',
    );
  }));

// ----- escaping -----

test('text in posts and conversations is escaped, never run (the page\'s CSP switched off)', (t) =>
  withPages(t, async (pages) => {
    const xss = '<img src=x onerror="window.__xss=1">';
    const titleXss = 'Cell lines <img src=x onerror="window.__xss=2"><script>window.__xss=3</script>';
    const author = await signedIn('author', { bypassCSP: true });
    pages.push(author);
    let dialogs = 0;
    author.on('dialog', (d) => { dialogs++; d.dismiss(); });
    const postPath = await publish(author, { kind: 'request', title: titleXss, body: `We look for cell lines. ${xss}` });
    assert.equal(await author.evaluate(() => window.__xss), undefined, 'nothing ran on the post');
    assert.equal(norm(await author.locator('h1').innerText()), norm(titleXss), 'the title shows as text');
    assert.deepEqual(await bodyOf(author), [`We look for cell lines. ${xss}`], 'the text shows as text');
    assert.equal(await author.locator('main img').count(), 0, 'no image was made of it');

    const member = await signedIn('member', { bypassCSP: true });
    pages.push(member);
    member.on('dialog', (d) => { dialogs++; d.dismiss(); });
    await member.goto('/en/posts?kind=request');
    assert.equal(await member.evaluate(() => window.__xss), undefined, 'nothing ran on the list');
    assert.equal(await postLink(section(member, 'Open posts'), norm(titleXss)).count(), 1, 'the title is listed as text');
    await member.goto(postPath);
    assert.equal(await member.evaluate(() => window.__xss), undefined, 'nothing ran on the post for others');
    assert.equal(await member.locator('main img, main script').count(), 0);
    assert.ok((await member.locator('main').innerText()).includes(xss), 'the payload is shown as text');

    // The same in a conversation: the message and the post's title in the breadcrumbs.
    await member.locator('#message').fill(`Interested. ${xss}`);
    const response = await submit(member, member.getByRole('button', { name: 'Express interest' }));
    assert.equal(response.status(), 200);
    assert.match(where(member), /^\/en\/conversations\/\d+\?done=sent$/);
    assert.equal(await member.evaluate(() => window.__xss), undefined, 'nothing ran in the conversation');
    assert.deepEqual((await messagesOf(member))[0].paragraphs, [`Interested. ${xss}`]);
    assert.equal(await member.locator('main img, main script').count(), 0);
    await author.goto(postPath);
    await author.goto(await section(author, 'Conversations').getByRole('link').first().getAttribute('href'));
    assert.equal(await author.evaluate(() => window.__xss), undefined, 'nothing ran in the author\'s conversation');
    await author.goto('/en/posts');
    assert.equal(await author.evaluate(() => window.__xss), undefined, 'nothing ran in the author\'s list');
    assert.equal(dialogs, 0, 'no dialog opened');
  }));

// ----- axe on every page of the posts -----

let fixture;
/** An open offer by the author with the member's conversation, made once through the pages. */
async function aConversation() {
  if (!fixture) {
    fixture = (async () => {
      const author = await signedIn('author');
      const member = await signedIn('member');
      try {
        const postPath = await publish(author, {
          kind: 'offer',
          title: 'Cleanroom hours in Flemingsberg',
          body: 'Grade B cleanroom, two days a month.\n\nWe ask for a share of the running costs.',
          expires: dayFromNow(90),
          tags: 2,
        });
        const convPath = await expressInterest(member, postPath, 'We need cleanroom days in the spring.\n\nWhat does a day cost?');
        await author.goto(convPath);
        await author.getByLabel('Your reply').fill('Around 8,000 SEK a day; I can send the terms.');
        const response = await submit(author, author.getByRole('button', { name: 'Send', exact: true }));
        assert.equal(response.status(), 200);
        return { postPath, convPath };
      } finally {
        await Promise.allSettled([author.context().close(), member.context().close()]);
      }
    })();
  }
  return fixture;
}

let closed;
/** A post by the author that the author closed, made once through the pages; returns its path. */
async function aClosedPost() {
  if (!closed) {
    closed = (async () => {
      const author = await signedIn('author');
      try {
        const postPath = await publish(author, { kind: 'request', title: 'A partner for a grant application', body: 'Closed again.' });
        const response = await submit(author, author.getByRole('button', { name: 'Close the post' }));
        assert.equal(response.status(), 200);
        assert.equal(where(author), `${postPath}?done=closed`);
        return postPath;
      } finally {
        await author.context().close();
      }
    })();
  }
  return closed;
}

const inSwedish = (path) => path.replace(/^\/en\//, '/sv/');

const AXE_PAGES = [
  { who: 'member', label: '/en/posts with open posts', path: async () => { await aConversation(); return '/en/posts'; }, expect: 'section[aria-labelledby=open-title] li' },
  { who: 'member', label: '/sv/posts with open posts', path: async () => { await aConversation(); return '/sv/posts'; }, expect: 'section[aria-labelledby=open-title] li' },
  { who: 'author', label: '/en/posts with one\'s own posts', path: async () => { await aConversation(); return '/en/posts?kind=offer'; }, expect: 'section[aria-labelledby=mine-title] li' },
  { who: 'author', path: '/en/posts/new', expect: 'form.stack-form #f-title' },
  { who: 'author', path: '/en/posts/new', invalid: 'publish', expect: '.error-summary a[href="#f-title"]' },
  { who: 'author', path: '/sv/posts/new', invalid: 'publish', expect: '.error-summary a[href="#f-title"]' },
  { who: 'author', label: 'the post (author, with a conversation)', path: async () => (await aConversation()).postPath, expect: 'section[aria-labelledby=conv-title] a' },
  { who: 'author', label: 'the post in Swedish (author)', path: async () => inSwedish((await aConversation()).postPath), expect: 'section[aria-labelledby=conv-title] a' },
  { who: 'third', label: 'the post (another member, with the interest form)', path: async () => (await aConversation()).postPath, expect: '#message' },
  { who: 'third', label: 'the post (another member)', invalid: 'interest', path: async () => (await aConversation()).postPath, expect: '[role=alert]' },
  { who: 'third', label: 'the post in Swedish (another member)', path: async () => inSwedish((await aConversation()).postPath), expect: '#message' },
  { who: 'member', label: 'the post (the interested member)', path: async () => (await aConversation()).postPath, expect: `main a[href^="/en/conversations/"]` },
  { who: 'third', label: 'a closed post (another member)', path: aClosedPost, expect: 'p.event-meta strong' },
  { who: 'author', label: 'a closed post (author)', path: aClosedPost, expect: 'p.event-meta strong' },
  { who: 'member', label: 'the conversation (the interested member)', path: async () => (await aConversation()).convPath, expect: 'form.stack-form #message' },
  { who: 'author', label: 'the conversation (the author)', path: async () => (await aConversation()).convPath, expect: 'form.stack-form #message' },
  { who: 'member', label: 'the conversation in Swedish', path: async () => inSwedish((await aConversation()).convPath), expect: 'form.stack-form #message' },
  { who: 'author', label: 'the conversation in Swedish (the author)', path: async () => inSwedish((await aConversation()).convPath), expect: 'form.stack-form #message' },
];

for (const spec of AXE_PAGES) {
  const label = `${spec.label ?? spec.path}${spec.invalid ? ` with errors (${spec.invalid})` : ''}`;
  test(`axe: ${label} (${spec.who})`, (t) =>
    withPages(t, async (pages) => {
      const path = typeof spec.path === 'function' ? await spec.path() : spec.path;
      const lang = path.slice(1, 3);
      const page = await signedIn(spec.who, { lang, bypassCSP: true });
      pages.push(page);
      let response = await page.goto(path);
      assert.equal(response.status(), 200, `GET ${path}`);
      if (spec.invalid === 'publish') {
        await page.locator('#f-title').fill('');
        await page.locator('#f-body').fill('');
        response = await submit(page, page.locator('main form.stack-form button[type=submit]'));
        assert.equal(response.status(), 422);
        assert.ok((await page.locator('.error-summary a').count()) >= 1, 'errors are shown');
      } else if (spec.invalid === 'interest') {
        response = await submit(page, page.getByRole('button', { name: 'Express interest' }));
        assert.equal(response.status(), 422);
      }
      if (spec.expect) assert.ok((await page.locator(spec.expect).count()) >= 1, `the page shows ${spec.expect}`);
      assert.equal(await page.locator('h1').count(), 1, 'one h1');
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      const violations = await axeCheck(page);
      assert.equal(violations.length, 0, `${violations.length} axe violation(s) on ${path}:\n${formatViolations(violations)}`);
    }));
}
