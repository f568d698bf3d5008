// Single sign-on against a real OpenID Connect provider (the `oidc-provider` package, started here): a person
// whose organisation vouches for their address signs in to their existing account; an unknown or unverified
// address is refused with a clear message; a forged answer changes nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startServer, freePort } from '../lib/server.js';
import { launchBrowser, openPage, screenshotIfFailed, axeCheck, formatViolations } from '../lib/browser.js';

const here = dirname(fileURLToPath(import.meta.url));
const CLIENT_ID = 'samverkan-e2e';
const CLIENT_SECRET = 'e2e-client-secret-0123456789';
let provider;
let server;
let browser;

async function startProvider(port, redirectUri) {
  const child = spawn(process.execPath, [join(here, '..', 'lib', 'oidc-provider.js'), String(port), CLIENT_ID, CLIENT_SECRET, redirectUri], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the OIDC provider did not start')), 20_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('ready ')) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the OIDC provider exited (${code})`)); });
  });
  return child;
}

before(async () => {
  const [port, providerPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  provider = await startProvider(providerPort, `${base}/auth/oidc/callback`);
  server = await startServer({
    addr: `127.0.0.1:${port}`,
    env: {
      SAMVERKAN_BASE_URL: base,
      SAMVERKAN_OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
      SAMVERKAN_OIDC_CLIENT_ID: CLIENT_ID,
      SAMVERKAN_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    },
  });
  browser = await launchBrowser();
  // An editor of Vecura whose account has no password: single sign-on is their only way in.
  const r = spawnSync(server.bin, ['user', 'add', '--db', server.db, '--email', 'sso.editor@example.se', '--role', 'editor', '--actor', 'vecura', '--name', 'SSO Editor'], {
    env: server.env, encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
});

after(async () => {
  await Promise.allSettled([browser?.close(), server?.stop()]);
  provider?.kill('SIGTERM');
});

/** From our sign-in page through the provider's login and consent pages; returns the final response. */
async function signInThroughProvider(page, lang, login) {
  await page.goto(`${server.baseURL}/${lang}/login?next=/${lang}/actors/vecura/edit`);
  await Promise.all([page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//), page.getByRole('link', { name: lang === 'sv' ? /enkel inloggning/ : /single sign-on/ }).click()]);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'anything');
  await Promise.all([page.waitForLoadState('load'), page.press('input[name=password]', 'Enter')]);
  // The provider asks for consent the first time.
  const consent = page.locator('button[type=submit]');
  if (page.url().includes('/interaction/') && await consent.count()) {
    const back = page.waitForResponse((r) => r.url().startsWith(server.baseURL) && !r.url().includes('/interaction/'));
    await consent.first().click();
    await back;
  }
  await page.waitForURL((u) => u.href.startsWith(server.baseURL));
  return page;
}

test('an editor signs in with single sign-on and lands where they were going', async (t) => {
  const page = await openPage(browser, { bypassCSP: true });
  try {
    await signInThroughProvider(page, 'en', 'sso.editor@example.se');
    assert.match(page.url(), /\/en\/actors\/vecura\/edit$/);
    assert.equal(await page.locator('h1').count(), 1);
    // Signed in as the existing account: the account page shows the address and the role.
    await page.goto(`${server.baseURL}/en/account`);
    const text = await page.locator('main').innerText();
    assert.match(text, /sso\.editor@example\.se/);
    assert.match(text, /Vecura/);
  } catch (e) {
    await screenshotIfFailed(t, page);
    throw e;
  } finally {
    await page.context().close();
  }
});

test('an address without an account is refused with a message that names it (Swedish)', async (t) => {
  const page = await openPage(browser, { bypassCSP: true });
  try {
    await signInThroughProvider(page, 'sv', 'okand@example.se');
    const text = await page.locator('main').innerText();
    assert.match(text, /Det finns inget konto i Samverkan för okand@example\.se/);
    const violations = await axeCheck(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    // Still signed out.
    const res = await page.goto(`${server.baseURL}/sv/account`);
    assert.match(page.url(), /\/sv\/login/, `got ${res.status()} at ${page.url()}`);
  } catch (e) {
    await screenshotIfFailed(t, page);
    throw e;
  } finally {
    await page.context().close();
  }
});

test('an address the provider has not verified is refused', async (t) => {
  const page = await openPage(browser, { bypassCSP: true });
  try {
    await signInThroughProvider(page, 'en', 'unverified.sso.editor@example.se');
    assert.match(await page.locator('main').innerText(), /did not confirm your e-mail address/);
  } catch (e) {
    await screenshotIfFailed(t, page);
    throw e;
  } finally {
    await page.context().close();
  }
});

test('an answer that no sign-in in this browser asked for is refused and signs nobody in', async (t) => {
  const page = await openPage(browser, { bypassCSP: true });
  try {
    const res = await page.goto(`${server.baseURL}/auth/oidc/callback?state=forged&code=forged`);
    assert.equal(res.status(), 400);
    assert.match(await page.locator('main').innerText(), /har gått ut|has expired/);
    await page.goto(`${server.baseURL}/en/account`);
    assert.match(page.url(), /\/en\/login/);
  } catch (e) {
    await screenshotIfFailed(t, page);
    throw e;
  } finally {
    await page.context().close();
  }
});
