// Stored XSS: an admin writes script payloads into every text field an actor has (names, description, address,
// contact persons, a relation's source) through the API; every page that shows them is then opened with the
// page's CSP switched off (so only the escaping stands between the payload and execution), and nothing runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
