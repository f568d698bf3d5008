// Self-service on the way in: a founder signs up in Swedish and registers a company that is not in the atlas (a
// mistyped organisation number is caught first), confirms the address with the link from `samverkan outbox`, and
// the company is in the atlas at once, marked as not yet reviewed; a manager of Vecura states what companies
// decide on (hourly rate, price range, lead time, readiness levels, equipment); the founder filters the catalogue
// on them and sends a request to Karolinska Trial Alliance, which has no manager, so the programme office gets it;
// the office forwards it to Vecura and downloads the period's requests as CSV; the founder downloads the filled-in
// non-disclosure agreement; the office approves the company and the mark goes. Also: axe on the new and changed
// pages, and the office's request page and the filtered catalogue at 320 px wide.
//
// The journey's steps share one server and build on each other in order; once a step fails, the later ones are
// skipped. The accessibility checks after it set up what they need themselves.

import { describe, test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();

const PASSWORD = 'Självservice 2026 Flemingsberg';
/** People added through the command line. */
const USERS = {
  manager: { email: 'gmp@vecura.example.se', role: 'manager', actor: 'vecura', name: 'Maria Vecura' },
  admin: { email: 'office@selfservice.example.se', role: 'admin', name: 'Programme Office' },
  company: { email: 'lab@biolamina.example.se', role: 'company', actor: 'biolamina', name: 'Lena BioLamina' },
  owner: { email: 'lokaler@locum.example.se', role: 'owner', actor: 'locum', name: 'Olle Locum' },
};
/** The founder who signs up with a company that is not in the atlas. */
const FOUNDER = {
  name: 'Frida Grundare',
  email: 'frida@nordic-organoids.example.se',
  password: 'Organoider växer i Flemingsberg 2026',
};
const COMPANY = {
  name: 'Nordic Organoids AB',
  slug: 'nordic-organoids-ab',
  badOrg: '559123-4562',
  org: '559123-4561',
};
const LEGEND_SV = 'Mitt företag finns inte i kartan (frivilligt)';
const UNREVIEWED_SV = 'Registrerat av företaget, inte granskat ännu';
const SERVICE = { slug: 'vecura-gmp-cell-therapy', en: 'GMP manufacturing for cell therapy and ATMP', sv: 'GMP-tillverkning för cellterapi och ATMP' };
const KTA = { slug: 'kta-phase-1-unit', name: 'Karolinska Trial Alliance', serviceSv: 'Fas 1-prövningsenhet' };
const REQUEST_TITLE = 'Fas 1-prövning för vår organoidkandidat';
const FILTERED_SV = '/sv/infrastructures?pricing=hourly&lead=4&trl=5';

/** Visible text with runs of white space (no-break spaces too) collapsed. */
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

/** What `samverkan outbox --to ADDRESS` prints: the mail not yet delivered to that address. */
function outbox(to) {
  const r = spawnSync(s.server.bin, ['outbox', '--db', s.server.db, '--to', to], { env: s.server.env, encoding: 'utf8' });
  assert.equal(r.status, 0, `samverkan outbox --to ${to}: ${r.stderr}`);
  return r.stdout;
}

/** The server's ERROR log lines (a 500 logs "request failed") from index `from` on. */
function serverErrors(from = 0) {
  return s.server.logs.slice(from).filter((line) => {
    try { return JSON.parse(line).level === 'ERROR'; } catch { return false; }
  });
}

/** A fresh page for a visitor who is not signed in. */
const visitor = (options = {}) => openPage(s.browser, { baseURL: s.baseURL, ...options });

/** A fresh page in a fresh context, signed in through the sign-in form as a user of USERS or as { email, password }. */
async function signedIn(who, { lang = 'en', bypassCSP = false, viewport } = {}) {
  addUsers();
  const { email, password } = typeof who === 'string' ? { email: USERS[who].email, password: PASSWORD } : who;
  const page = await visitor({ bypassCSP, viewport });
  await page.goto(`/${lang}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
  assert.doesNotMatch(where(page), /\/login/, `${email} is signed in`);
  return page;
}

/** Clicks `locator` (a submit button or link) and resolves with the response of the page it leads to. */
async function submit(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

/** The fieldset (role group) of the sign-up form for a company that is not in the atlas. */
const companyGroup = (page) => page.getByRole('group', { name: LEGEND_SV, exact: true });

/** Fills the Swedish sign-up form: the person and, when given, the company. */
async function fillSignup(page, person, company) {
  await page.getByLabel(/^Namn\b/).fill(person.name);
  await page.getByLabel(/^E-postadress\b/).fill(person.email);
  await page.getByLabel(/^Nytt lösenord\b/).fill(person.password);
  await page.getByLabel(/^Upprepa lösenordet\b/).fill(person.password);
  if (company) {
    const group = companyGroup(page);
    await group.getByLabel('Organisationsnummer').fill(company.org);
    await group.getByLabel('Företagets namn').fill(company.name);
    await group.getByLabel('Storlek').selectOption({ label: 'Färre än 10 personer' });
    await group.getByLabel('Campus').selectOption({ label: 'Campus Flemingsberg' });
  }
}

/** The verification link of the newest message to `email` in the outbox, as a path on this server. */
function verificationPath(email, lang = 'sv') {
  const text = outbox(email);
  const links = [...text.matchAll(new RegExp(`https?://\\S+?(/${lang}/verify\\?token=[A-Za-z0-9_-]+)`, 'g'))];
  assert.ok(links.length > 0, `the outbox has a verification link for ${email}:\n${text}`);
  return { path: links.at(-1)[1], text };
}

/** Follows a verification link and submits its form; returns the text of the page that answers. */
async function verify(page, path) {
  let response = await page.goto(path);
  assert.equal(response.status(), 200, `GET ${path}`);
  assert.equal(norm(await page.locator('h1').innerText()), 'Bekräfta e-postadress');
  response = await submit(page, page.locator('main').getByRole('button', { name: 'Bekräfta', exact: true }));
  assert.equal(response.status(), 200, 'the address is confirmed');
  return norm(await page.locator('main').innerText());
}

/**
 * Runs in the page: the page's scroll width, the window's width and the elements reaching past its right edge
 * (widest first), outside boxes that scroll or clip sideways themselves.
 */
function overflowReport() {
  const vw = window.innerWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
    + (typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
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
    found.push({ right: Math.round(r.right), what: `${name(el)} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"` });
  }
  found.sort((a, b) => b.right - a.right);
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, offenders: found.slice(0, 10) };
}

/** Asserts that `page` (loaded at 320 px) does not scroll sideways. */
async function assertNoSidewaysScroll(page, url) {
  const r = await page.evaluate(overflowReport);
  assert.ok(
    r.scrollWidth <= 320 && r.scrollWidth <= r.innerWidth,
    `${url} is ${r.scrollWidth} px wide in a ${r.innerWidth} px window, so it scrolls sideways. Reaching past the `
      + `right edge (right edge in px):\n${r.offenders.map((o) => `  ${o.right}  ${o.what}`).join('\n') || '  (nothing found)'}`,
  );
}

// ----- the journey -----

describe('self-service: sign-up with a company, offer filters, a request through the office, review', () => {
  /** What the steps hand on to each other. */
  const state = { requestId: null, pages: {} };
  let failed = null;
  let current;

  afterEach((t) => screenshotIfFailed(t, current));
  after(() => Promise.allSettled(Object.values(state.pages).map((p) => p.context().close())));

  /** A page kept for the whole journey (one context per person). */
  async function pageOf(who) {
    if (!state.pages[who]) {
      state.pages[who] = who === 'founder'
        ? await signedIn({ email: FOUNDER.email, password: FOUNDER.password }, { lang: 'sv' })
        : await signedIn(who);
    }
    current = state.pages[who];
    return current;
  }

  /** A step of the journey: skipped once an earlier step has failed; the server must log no error. */
  function step(name, fn) {
    test(name, async (t) => {
      if (failed) {
        t.skip(`an earlier step failed: ${failed}`);
        return;
      }
      const from = s.server.logs.length;
      try {
        await fn(t);
        assert.deepEqual(serverErrors(from), [], 'the server logged no errors');
      } catch (e) {
        failed = name;
        const errors = serverErrors(from);
        if (errors.length) t.diagnostic(`server errors:\n${errors.join('\n')}`);
        throw e;
      }
    });
  }

  step('1. a founder signs up in Swedish with a company not in the atlas, confirms the address, and the company is in the atlas', async () => {
    const page = await visitor();
    state.pages.signup = page;
    current = page;
    let response = await page.goto('/sv/signup');
    assert.equal(response.status(), 200);
    assert.equal(norm(await page.locator('h1').innerText()), 'Skapa konto');
    assert.equal(await companyGroup(page).count(), 1, `the form has the fieldset "${LEGEND_SV}"`);

    // A wrong check digit first.
    await fillSignup(page, FOUNDER, { ...COMPANY, org: COMPANY.badOrg });
    response = await submit(page, page.getByRole('button', { name: 'Skapa konto', exact: true }));
    assert.equal(response.status(), 422, 'the mistyped organisation number is refused');
    const summary = page.locator('.error-summary');
    assert.ok(await summary.isVisible(), 'an error summary is shown');
    assert.match(norm(await summary.innerText()), /inte ett svenskt organisationsnummer/);
    const summaryLinks = await summary.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(summaryLinks, ['#f-company_org_number'], 'the summary links to the organisation number only');
    const orgField = companyGroup(page).getByLabel('Organisationsnummer');
    assert.equal(await orgField.getAttribute('aria-invalid'), 'true');
    const fieldError = page.locator('#f-company_org_number-error');
    assert.match(norm(await fieldError.innerText()), /inte ett svenskt organisationsnummer/);
    assert.ok(
      ((await orgField.getAttribute('aria-describedby')) ?? '').split(/\s+/).includes('f-company_org_number-error'),
      'the error describes the field',
    );
    assert.equal(await orgField.inputValue(), COMPANY.badOrg, 'the typed number is kept');
    assert.equal(await companyGroup(page).getByLabel('Företagets namn').inputValue(), COMPANY.name, 'the typed name is kept');
    assert.equal(await page.getByLabel(/^E-postadress\b/).inputValue(), FOUNDER.email, 'the typed address is kept');

    // Corrected; the passwords are typed again (they are never sent back).
    await fillSignup(page, FOUNDER, COMPANY);
    response = await submit(page, page.getByRole('button', { name: 'Skapa konto', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(norm(await page.locator('h1').innerText()), 'Titta i din e-post');
    assert.match(norm(await page.locator('main').innerText()), new RegExp(`skickat ett meddelande till ${FOUNDER.email.replace(/\./g, '\\.')}`));

    // The company is not in the atlas before the address is confirmed.
    response = await page.goto(`/sv/actors/${COMPANY.slug}`);
    assert.equal(response.status(), 404, 'the company waits for the confirmed address');

    // `samverkan outbox` shows the verification mail with its link.
    const { path, text } = verificationPath(FOUNDER.email);
    assert.match(text, /Subject: Bekräfta din e-postadress för Samverkan/);
    assert.match(text, new RegExp(`to ${FOUNDER.email.replace(/\./g, '\\.')}`));
    assert.match(text, /^1 message\.$/m, 'one message to the founder');
    const confirmed = await verify(page, path);
    assert.match(confirmed, /E-postadressen är bekräftad/);
    assert.match(confirmed, new RegExp(`${COMPANY.name} finns nu i kartan`));

    // The actor page: in the atlas, marked as not reviewed.
    response = await page.goto(`/sv/actors/${COMPANY.slug}`);
    assert.equal(response.status(), 200);
    assert.equal(norm(await page.locator('h1').innerText()), COMPANY.name);
    const badge = page.locator('main .badge.warning');
    assert.equal(await badge.count(), 1, 'the page marks the company');
    assert.equal(norm(await badge.innerText()), UNREVIEWED_SV);
  });

  step('2. a manager of Vecura states the price model, price, lead time, readiness levels and equipment of a service', async () => {
    const page = await pageOf('manager');
    const edit = `/en/infrastructures/vecura/services/${SERVICE.slug}/edit`;
    let response = await page.goto(edit);
    assert.equal(response.status(), 200);
    assert.equal(norm(await page.locator('h1').innerText()), `Edit ${SERVICE.en}`);
    await page.getByLabel('Pricing', { exact: true }).selectOption({ label: 'Hourly rate' });
    const offer = page.getByRole('group', { name: 'What companies decide on', exact: true });
    assert.equal(await offer.count(), 1, 'the form has the fieldset "What companies decide on"');
    await offer.getByLabel('Indicative price, from').fill('1200');
    await offer.getByLabel('Indicative price, to').fill('1800');
    assert.equal(await offer.getByLabel('Currency').inputValue(), 'SEK', 'the currency is SEK unless changed');
    await offer.getByLabel('Typical lead time in weeks').fill('4');
    await offer.getByLabel('Lowest technology readiness level served').selectOption({ label: 'TRL 4' });
    await offer.getByLabel('Highest technology readiness level served').selectOption({ label: 'TRL 7' });
    await offer.getByLabel('Equipment and methods (Swedish)').fill('Renrum i klass B\nFlödescytometri');
    await offer.getByLabel('Equipment and methods (English)').fill('Grade B clean rooms\nFlow cytometry');
    response = await submit(page, page.getByRole('button', { name: 'Save', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(where(page), `/en/services/${SERVICE.slug}?saved=1`);
    assert.match(norm(await page.locator('[role=status]').first().innerText()), /The service is saved/);
    const facts = norm(await page.locator('aside.facts').innerText());
    assert.match(facts, /1,200–1,800 SEK per hour/);
    assert.match(facts, /TRL 4–7/);
    assert.match(facts, /4 weeks/);
    assert.match(facts, /Hourly rate/);
    const equipment = page.getByRole('list', { name: 'Equipment and methods' });
    assert.deepEqual((await equipment.locator('li').allInnerTexts()).map(norm), ['Grade B clean rooms', 'Flow cytometry']);
  });

  step('3. the founder filters the catalogue on price model, lead time and readiness level', async () => {
    const page = await pageOf('founder');
    let response = await page.goto('/sv/infrastructures');
    assert.equal(response.status(), 200);
    const form = page.locator('form.filters');
    await form.getByLabel('Prissättning', { exact: true }).selectOption({ label: 'Timpris' });
    await form.getByLabel('Ledtid', { exact: true }).selectOption({ label: 'Högst 4 veckor' });
    await form.getByLabel('Er tekniska mognadsnivå', { exact: true }).selectOption({ label: 'TRL 5' });
    response = await submit(page, form.getByRole('button', { name: 'Visa', exact: true }));
    assert.equal(response.status(), 200);
    const query = new URL(page.url()).searchParams;
    assert.deepEqual([query.get('pricing'), query.get('lead'), query.get('trl')], ['hourly', '4', '5']);
    assert.equal(await page.locator('#f-pricing').inputValue(), 'hourly', 'the form keeps the price model');
    assert.equal(await page.locator('#f-lead').inputValue(), '4', 'the form keeps the lead time');
    assert.equal(await page.locator('#f-trl').inputValue(), '5', 'the form keeps the level');
    const link = page.locator('.actor-list').getByRole('link', { name: SERVICE.sv, exact: true });
    assert.equal(await link.count(), 1, 'Vecura\'s GMP service is listed');
    const line = page.locator('.actor-list .service-links li')
      .filter({ has: page.getByRole('link', { name: SERVICE.sv, exact: true }) })
      .locator('.meta-item');
    assert.equal(norm(await line.innerText()), 'Timpris · 1 200–1 800 SEK per timme · 4 veckor · TRL 4–7');
    const services = (await page.locator('.service-links a').allInnerTexts()).map(norm);
    assert.deepEqual(services, [SERVICE.sv], 'only the hourly-rate service is listed');

    // A level above what the service serves.
    await form.getByLabel('Er tekniska mognadsnivå', { exact: true }).selectOption({ label: 'TRL 8' });
    response = await submit(page, form.getByRole('button', { name: 'Visa', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(new URL(page.url()).searchParams.get('trl'), '8');
    assert.equal(await page.locator('.actor-list').getByRole('link', { name: SERVICE.sv, exact: true }).count(), 0, 'not listed at TRL 8');
  });

  step('3b. the founder describes the need with terms on the match page: read from the words, or set in the form', async () => {
    const page = await pageOf('founder');
    let response = await page.goto('/sv/match');
    assert.equal(response.status(), 200);
    const form = page.locator('main form');
    await form.getByLabel('Ditt behov', { exact: true }).fill('GMP-tillverkning av cellterapi inom 2 veckor');
    response = await submit(page, form.getByRole('button', { name: 'Hitta vart du kan vända dig', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(norm(await page.locator('.terms-read').innerText()), 'Läst ur ditt behov: Högst 2 veckor. Ett fält som du har fyllt i ovan gäller före.');
    const doors = page.locator('ol[aria-labelledby=match-results]');
    const weak = page.locator('ol[aria-labelledby=match-weak]');
    assert.equal(await doors.getByRole('link', { name: SERVICE.sv, exact: true }).count(), 0, 'a lead time of 4 weeks is not within 2');
    const item = weak.locator('li').filter({ has: page.getByRole('link', { name: SERVICE.sv, exact: true }) });
    assert.match(norm(await item.locator('.reasons').innerText()), /den uppfyller inte dina villkor för ledtid/);

    // The same terms as the catalogue's, in a section closed until used.
    await form.getByLabel('Ditt behov', { exact: true }).fill('GMP-tillverkning av cellterapi');
    await page.locator('details.match-terms summary').click();
    await form.getByLabel('Prissättning', { exact: true }).selectOption({ label: 'Timpris' });
    await form.getByLabel('Ledtid', { exact: true }).selectOption({ label: 'Högst 4 veckor' });
    response = await submit(page, form.getByRole('button', { name: 'Hitta vart du kan vända dig', exact: true }));
    assert.equal(response.status(), 200);
    const query = new URL(page.url()).searchParams;
    assert.deepEqual([query.get('pricing'), query.get('lead')], ['hourly', '4']);
    assert.ok(await page.locator('details.match-terms').evaluate((d) => d.open), 'the terms stay open once set');
    const door = doors.locator('li').filter({ has: page.getByRole('link', { name: SERVICE.sv, exact: true }) });
    assert.equal(await door.count(), 1, 'Vecura\'s GMP service is offered as a door');
    assert.match(norm(await door.locator('.reasons').innerText()), /den uppfyller dina villkor/);
  });

  step('4. the founder sends a request to Karolinska Trial Alliance, which has no manager, and is told the office got it', async () => {
    const page = await pageOf('founder');
    let response = await page.goto(`/sv/services/${KTA.slug}`);
    assert.equal(response.status(), 200);
    await Promise.all([
      page.waitForURL(`**/sv/requests/new?service=${KTA.slug}`),
      page.locator('main').getByRole('link', { name: 'Begär tillgång', exact: true }).click(),
    ]);
    assert.equal(norm(await page.locator('h1').innerText()), 'Begär tillgång');
    assert.equal(await page.getByLabel(/^Ditt företag\b/).inputValue(), COMPANY.slug, 'the request is sent for the new company');
    assert.ok(await page.getByRole('checkbox', { name: KTA.serviceSv }).isChecked(), 'the service is chosen');
    await page.getByLabel(/^Rubrik\b/).fill(REQUEST_TITLE);
    await page.getByLabel(/^Ditt behov\b/).fill(
      'Vi behöver en enhet för en fas 1-prövning av vår organoidbaserade läkemedelskandidat. Vi vill börja under våren 2027.',
    );
    await page.getByLabel(/^Önskad start\b/).fill('2027-04-01');
    response = await submit(page, page.getByRole('button', { name: 'Skicka förfrågan', exact: true }));
    assert.equal(response.status(), 200);
    const m = /^\/sv\/requests\/(\d+)\?done=sent$/.exec(where(page));
    assert.ok(m, `the request is sent (now at ${where(page)})`);
    state.requestId = Number(m[1]);
    const notice = norm(await page.locator('[role=status]').innerText());
    assert.match(notice, new RegExp(`${KTA.name} har ännu ingen förvaltare i Samverkan`));
    assert.match(notice, /programkontoret/);
    assert.match(
      norm(await page.locator('aside.facts').innerText()),
      new RegExp(`Har fått besked Programkontoret \\(${KTA.name} har ingen förvaltare i Samverkan\\)`),
    );
  });

  step('5. the office finds the request in its inbox, forwards it to Vecura and downloads the period\'s requests as CSV', async () => {
    const id = state.requestId;
    const page = await pageOf('admin');
    let response = await page.goto('/en/admin/requests');
    assert.equal(response.status(), 200);
    const inbox = page.getByRole('table', { name: 'The programme office\'s inbox' });
    assert.equal(await inbox.count(), 1, 'the inbox lists requests');
    const row = inbox.locator('tbody tr').filter({ has: page.getByRole('link', { name: REQUEST_TITLE, exact: true }) });
    assert.equal(await row.count(), 1, 'the request is in the office\'s inbox');
    assert.match(norm(await row.innerText()), new RegExp(`${KTA.name} ${COMPANY.name}`));
    await Promise.all([
      page.waitForURL(`**/en/requests/${id}`),
      row.getByRole('link', { name: REQUEST_TITLE, exact: true }).click(),
    ]);

    const form = page.getByRole('form', { name: 'Forward to another infrastructure' });
    assert.equal(await form.count(), 1, 'the office is offered the forward form');
    await form.getByLabel('Forward to').selectOption({ label: 'Vecura' });
    await form.getByLabel('Note to the company (optional)').fill('Vecura runs the early clinical manufacturing you describe.');
    response = await submit(page, form.getByRole('button', { name: 'Forward the request', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(where(page), `/en/requests/${id}?done=forwarded`);
    assert.match(norm(await page.locator('[role=status]').innerText()), /The request is forwarded\. The managers of Vecura and the company have been notified/);
    assert.match(norm(await page.locator('aside.facts').innerText()), /Notified The managers of Vecura/);
    const history = await page.getByRole('region', { name: 'History' }).locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
    assert.ok(
      history.some((cells) => cells[2] === `Forwarded from ${KTA.name}`),
      `the history shows the forwarding; got ${JSON.stringify(history)}`,
    );

    // Both sides are told by e-mail.
    assert.match(outbox(USERS.manager.email), new RegExp(`Subject: .*${REQUEST_TITLE}`), 'Vecura\'s manager got a mail');
    assert.match(outbox(FOUNDER.email), /vidarebefordrat er förfrågan/, 'the founder got a mail');

    // No longer in the inbox; in the CSV.
    await page.goto('/en/admin/requests');
    assert.equal(
      await page.locator('table[aria-labelledby="inbox-h"]').getByRole('link', { name: REQUEST_TITLE, exact: true }).count(),
      0,
      'the forwarded request left the office\'s inbox',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the period\'s requests (CSV)', exact: true }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'access-requests.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.split(/\r?\n/).filter((l) => l !== '');
    assert.match(lines[0], /^id,company,/, `the CSV's header; got ${lines[0]}`);
    const line = lines.find((l) => l.startsWith(`${id},`));
    assert.ok(line, `the CSV has a row for request ${id}:\n${csv}`);
    assert.match(line, new RegExp(`^${id},${COMPANY.slug},${COMPANY.name},vecura,Vecura,submitted,`));

    // Still unanswered three weeks later: flagged as overdue on the office's page, in working days, and so in the
    // CSV. (The request's sending time is moved back in the database; nothing else can make three weeks pass.)
    const backdate = spawnSync('python3', ['-c', [
      'import sqlite3, sys, time',
      'c = sqlite3.connect(sys.argv[1])',
      'c.execute("UPDATE access_requests SET submitted_at = ? WHERE id = ?", (int((time.time() - 21 * 86400) * 1000), int(sys.argv[2])))',
      'c.commit()',
    ].join('\n'), s.server.db.replace(/^sqlite:\/\//, '').replace(/\?.*$/, ''), String(id)], { encoding: 'utf8' });
    assert.equal(backdate.status, 0, `moving the request back: ${backdate.stderr}`);
    await page.goto('/sv/admin/requests');
    const waiting = page.locator('#overdue ~ div table tbody tr', { hasText: REQUEST_TITLE });
    assert.equal(await waiting.count(), 1, 'the request is among those waiting for a first answer');
    const rowText = norm(await waiting.innerText());
    assert.match(rowText, /Försenad/, `flagged as overdue: ${rowText}`);
    assert.match(rowText, /1[3-6] arbetsdagar/, `counted in working days: ${rowText}`);
    assert.match(norm(await page.locator('main').innerText()), /En förfrågan är försenad\./);
  });

  step('6. the founder downloads the non-disclosure agreement filled in for the request', async () => {
    const id = state.requestId;
    const page = await pageOf('founder');
    const response = await page.goto(`/sv/requests/${id}`);
    assert.equal(response.status(), 200);
    assert.match(norm(await page.locator('aside.facts').innerText()), /Infrastruktur Vecura/, 'the request is now Vecura\'s');
    const heading = page.getByRole('heading', { name: 'Avtal ifyllda för den här förfrågan', exact: true });
    assert.equal(await heading.count(), 1, 'the request page has the section of filled-in agreements');
    const word = page.getByRole('link', { name: 'Word (.docx) – Sekretessavtal (mall)', exact: true });
    assert.equal(await word.count(), 1, 'a Word link for the non-disclosure agreement');
    assert.equal(await word.getAttribute('href'), `/sv/requests/${id}/documents/nda.docx`);
    const [download] = await Promise.all([page.waitForEvent('download'), word.click()]);
    assert.match(download.suggestedFilename(), /\.docx$/, `the file name ends in .docx; got ${download.suggestedFilename()}`);
    assert.equal(download.suggestedFilename(), `nda-request-${id}.docx`);
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a Word file (a zip archive)');
  });

  step('7. the office approves the company; the mark leaves its page', async () => {
    const page = await pageOf('admin');
    let response = await page.goto('/en/admin/companies');
    assert.equal(response.status(), 200);
    assert.equal(norm(await page.locator('h1').innerText()), 'New companies to review');
    const card = page.getByRole('region', { name: COMPANY.name, exact: true });
    assert.equal(await card.count(), 1, 'the company waits for review');
    const facts = norm(await card.locator('dl').innerText());
    assert.match(facts, new RegExp(`Organisation number ${COMPANY.org}`));
    assert.match(facts, /Size Fewer than 10 people/);
    assert.match(facts, new RegExp(`Registered by ${FOUNDER.name} <${FOUNDER.email.replace(/\./g, '\\.')}>`));
    assert.match(facts, /Requests sent 1/);
    response = await submit(page, card.getByRole('button', { name: new RegExp(`^Approve\\s*: ${COMPANY.name}$`) }));
    assert.equal(response.status(), 200);
    assert.equal(where(page), '/en/admin/companies?done=approved');
    assert.match(norm(await page.locator('[role=status]').innerText()), /The company is approved/);
    assert.equal(await page.getByRole('region', { name: COMPANY.name, exact: true }).count(), 0, 'no longer waiting');

    const actor = await visitor();
    state.pages.actor = actor;
    current = actor;
    response = await actor.goto(`/sv/actors/${COMPANY.slug}`);
    assert.equal(response.status(), 200);
    assert.equal(norm(await actor.locator('h1').innerText()), COMPANY.name);
    assert.doesNotMatch(norm(await actor.locator('main').innerText()), new RegExp(UNREVIEWED_SV), 'the mark is gone');
    assert.equal(await actor.locator('main .badge.warning').count(), 0);
  });
});

// ----- axe and reflow on the new and changed pages -----

let inboxRequest;
/** A request from BioLamina to Karolinska Trial Alliance (no manager), in the office's inbox; sent once. */
async function anInboxRequest() {
  inboxRequest ??= (async () => {
    const page = await signedIn('company');
    try {
      await page.goto(`/en/requests/new?service=${KTA.slug}`);
      await page.getByLabel(/^Title\b/).fill('Phase 1 capacity for a laminin-based therapy');
      await page.getByLabel(/^Your need\b/).fill('We need a phase 1 unit for a first-in-human trial of a laminin-based cell therapy.');
      const response = await submit(page, page.getByRole('button', { name: 'Send the request', exact: true }));
      assert.equal(response.status(), 200);
      const m = /^\/en\/requests\/(\d+)\?done=sent$/.exec(where(page));
      assert.ok(m, `the request is sent (now at ${where(page)})`);
      return `/en/requests/${m[1]}`;
    } finally {
      await page.context().close();
    }
  })();
  return inboxRequest;
}

let waitingCompany;
/** A second company registered at sign-up and confirmed, so that it waits for the office's review; once. */
async function aWaitingCompany() {
  waitingCompany ??= (async () => {
    const person = { name: 'Sven Peptid', email: 'sven@svealand-peptides.example.se', password: 'Peptider från Svealand 2026' };
    const page = await visitor();
    try {
      await page.goto('/sv/signup');
      await fillSignup(page, person, { name: 'Svealand Peptides AB', org: '559876-5435' });
      const response = await submit(page, page.getByRole('button', { name: 'Skapa konto', exact: true }));
      assert.equal(response.status(), 200, 'the second sign-up is accepted');
      const confirmed = await verify(page, verificationPath(person.email).path);
      assert.match(confirmed, /Svealand Peptides AB finns nu i kartan/);
    } finally {
      await page.context().close();
    }
  })();
  return waitingCompany;
}

const AXE_PAGES = [
  { who: null, label: '/sv/signup with errors', path: '/sv/signup', invalid: true },
  { who: 'admin', label: '/en/admin/requests (with the inbox)', path: async () => { await anInboxRequest(); return '/en/admin/requests'; }, expect: 'table[aria-labelledby="inbox-h"] tbody tr' },
  { who: 'admin', label: '/en/admin/companies (with a company waiting)', path: async () => { await aWaitingCompany(); return '/en/admin/companies'; }, expect: 'section.review-card' },
  { who: 'admin', label: 'the request page as the office (with the forward form)', path: anInboxRequest, expect: 'form[action$="/forward"] select#f-to' },
  { who: null, path: FILTERED_SV },
  { who: null, path: `/en/services/${SERVICE.slug}` },
  { who: null, path: `/sv/services/${SERVICE.slug}` },
  { who: null, path: '/en/checklists/documents/nda' },
];

describe('self-service: axe', () => {
  for (const spec of AXE_PAGES) {
    test(`axe: ${spec.label ?? spec.path} (${spec.who ?? 'visitor'})`, async (t) => {
      const from = s.server.logs.length;
      const path = typeof spec.path === 'function' ? await spec.path() : spec.path;
      const page = spec.who ? await signedIn(spec.who, { bypassCSP: true }) : await visitor({ bypassCSP: true });
      try {
        let response = await page.goto(path);
        assert.equal(response.status(), 200, `GET ${path}`);
        if (spec.invalid) {
          await fillSignup(page, { name: 'Axel Axe', email: 'axel@axe.example.se', password: 'Tillgänglighet i Huddinge 2026' },
            { ...COMPANY, name: 'Axe Check AB', org: COMPANY.badOrg });
          response = await submit(page, page.getByRole('button', { name: 'Skapa konto', exact: true }));
          assert.equal(response.status(), 422);
          assert.equal(await page.locator('.error-summary a[href="#f-company_org_number"]').count(), 1, 'the error is shown');
        }
        if (spec.expect) assert.ok((await page.locator(spec.expect).count()) >= 1, `the page shows ${spec.expect}`);
        assert.equal(await page.locator('h1').count(), 1, 'one h1');
        assert.equal(await page.locator('html').getAttribute('lang'), path.slice(1, 3));
        const violations = await axeCheck(page);
        assert.equal(violations.length, 0, `${violations.length} axe violation(s) on ${path}:\n${formatViolations(violations)}`);
        assert.deepEqual(serverErrors(from), [], 'the server logged no errors');
      } catch (e) {
        await screenshotIfFailed({ passed: false, name: t.name, diagnostic: t.diagnostic?.bind(t) }, page);
        throw e;
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('self-service: reflow at 320 px', () => {
  const NARROW = { width: 320, height: 640 };
  for (const spec of [
    { who: 'admin', path: async () => { await anInboxRequest(); return '/en/admin/requests'; }, label: '/en/admin/requests' },
    { who: null, path: '/sv/infrastructures' },
    { who: null, path: FILTERED_SV },
  ]) {
    test(`${spec.label ?? spec.path} fits 320 px (${spec.who ?? 'visitor'})`, async (t) => {
      const path = typeof spec.path === 'function' ? await spec.path() : spec.path;
      const page = spec.who ? await signedIn(spec.who, { viewport: NARROW }) : await visitor({ viewport: NARROW });
      try {
        const response = await page.goto(path);
        assert.equal(response.status(), 200, `GET ${path}`);
        await assertNoSidewaysScroll(page, path);
      } catch (e) {
        await screenshotIfFailed({ passed: false, name: t.name, diagnostic: t.diagnostic?.bind(t) }, page);
        throw e;
      } finally {
        await page.context().close();
      }
    });
  }
});

// ----- an owner publishes a lab with photos -----

/** An 8 x 6 PNG. */
const PNG = Buffer.from([
  137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 8, 0, 0, 0, 6, 8, 2, 0, 0, 0, 113, 103,
  72, 172, 0, 0, 0, 98, 73, 68, 65, 84, 120, 156, 13, 201, 33, 14, 0, 49, 8, 69, 193, 111, 72, 19, 68, 49, 32, 72,
  112, 117, 117, 189, 225, 59, 250, 238, 216, 145, 196, 18, 91, 148, 24, 113, 196, 21, 79, 72, 198, 50, 182, 81,
  198, 24, 199, 184, 198, 179, 63, 156, 229, 108, 167, 156, 113, 142, 115, 157, 231, 127, 4, 43, 216, 65, 5, 19, 156,
  224, 6, 47, 254, 72, 86, 178, 147, 74, 38, 57, 201, 77, 94, 254, 209, 172, 102, 55, 213, 76, 115, 154, 219, 188,
  230, 3, 164, 238, 30, 241, 168, 64, 251, 14, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
]);

describe('self-service: an owner publishes a lab with photos', () => {
  let page;
  afterEach((t) => screenshotIfFailed(t, page));
  after(() => page?.context().close());

  test('Locum publishes a lab in Swedish, adds a photo with its descriptions, and it is in the catalogue', async () => {
    const from = s.server.logs.length;
    page = await signedIn('owner', { lang: 'sv', bypassCSP: true });
    assert.equal(where(page), '/sv/premises', 'an owner lands on the premises');
    await submit(page, page.getByRole('link', { name: /Publicera lokaler för Locum/ }));
    assert.equal(where(page), '/sv/owners/locum/premises/new');
    await page.locator('#f-slug').fill('locum-solna-labb-4');
    await page.locator('#f-use').selectOption('lab');
    await page.locator('#f-safety_level').selectOption('2');
    await page.locator('#f-campus').selectOption('solna');
    await page.locator('#f-area_m2').fill('450');
    await page.locator('#f-rent_per_m2').fill('2400');
    await page.locator('#f-available_from').fill('2027-02-01');
    await page.locator('#f-name_sv').fill('Labb 4 i gamla sjukhusområdet');
    await page.locator('#f-description_sv').fill('Ett laboratorium med dragskåp och renrum.');
    await page.locator('#f-name_en').fill('Lab 4 in the old hospital area');
    await page.locator('#f-description_en').fill('A laboratory with fume cupboards and a clean room.');
    let response = await submit(page, page.getByRole('button', { name: 'Spara annonsen', exact: true }));
    assert.equal(response.status(), 200);
    assert.match(norm(await page.locator('main').innerText()), /Annonsen är sparad och publicerad/);

    // A photo without its English description is refused, with the reason.
    await page.setInputFiles('#f-photo', { name: 'labb.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('#f-alt-sv').fill('Labbänk med dragskåp');
    await page.locator('#f-alt-en').evaluate((el) => el.removeAttribute('required'));
    response = await submit(page, page.getByRole('button', { name: 'Lägg till bilden', exact: true }));
    assert.equal(response.status(), 422);
    assert.match(norm(await page.locator('main').innerText()), /Beskriv bilden på både svenska och engelska/);
    await page.setInputFiles('#f-photo', { name: 'labb.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('#f-alt-sv').fill('Labbänk med dragskåp');
    await page.locator('#f-alt-en').fill('Lab bench with fume cupboard');
    response = await submit(page, page.getByRole('button', { name: 'Lägg till bilden', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('.photo-grid img[alt="Labbänk med dragskåp"]').count(), 1, 'the photo with its description');
    let violations = await axeCheck(page);
    assert.equal(violations.length, 0, `axe on the edit page:\n${formatViolations(violations)}`);

    // Its page and the catalogue show it, with the photo and the facts.
    response = await page.goto('/en/premises/locum-solna-labb-4');
    assert.equal(response.status(), 200);
    const text = norm(await page.locator('main').innerText());
    for (const fact of ['Protection level 2', '450 m²', '2,400 SEK per m² and year', '2027-02-01']) {
      assert.ok(text.includes(fact), `${fact} in: ${text}`);
    }
    const img = page.locator('.photo-grid img');
    assert.equal(await img.getAttribute('alt'), 'Lab bench with fume cupboard');
    assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the photo loads');
    violations = await axeCheck(page);
    assert.equal(violations.length, 0, `axe on the listing:\n${formatViolations(violations)}`);
    await page.goto('/sv/premises?use=lab');
    assert.equal(await page.locator('a[href="/sv/premises/locum-solna-labb-4"]').count(), 1, 'in the catalogue');
    assert.deepEqual(serverErrors(from), [], 'the server logged no errors');
  });
});
