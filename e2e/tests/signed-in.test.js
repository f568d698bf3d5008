// Pages behind sign-in, in both languages: the account page, the actor edit form, its history, and the admin
// pages pass axe; and the edit form works with the keyboard and without JavaScript.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { session } from '../lib/session.js';
import { axeCheck, formatViolations, openPage, screenshotIfFailed } from '../lib/browser.js';

const s = session();
const EMAIL = 'office@example.se';
const PASSWORD = 'Programkontoret 2026 Solna';

function addAdmin() {
  const r = spawnSync(s.server.bin, ['user', 'add', '--db', s.server.db, '--email', EMAIL, '--role', 'admin', '--name', 'Programme Office', '--password-stdin'], {
    input: `${PASSWORD}\n`,
    env: s.server.env,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
}

async function signIn(page, lang) {
  await page.goto(`${s.baseURL}/${lang}/login`);
  await page.fill('#f-email', EMAIL);
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
}

let admin = false;
for (const lang of ['sv', 'en']) {
  for (const path of ['/account', '/actors/vecura', '/actors/vecura/edit', '/actors/vecura/history', '/admin/audit', '/admin/audit?object_type=user&who=office@example.se', '/admin/invite', '/admin/import', '/admin/accessibility-reports', '/posts', '/posts/new', '/strategy/halsodata', '/strategy/halsodata/working-group', '/indicators/1', '/indicators/1/edit', '/health-data/cohorts', '/health-data/applications', '/health-data/applications/new']) {
    test(`axe: ${lang}${path} signed in`, async (t) => {
      if (!admin) {
        addAdmin();
        admin = true;
      }
      const page = await openPage(s.browser, { bypassCSP: true });
      try {
        await signIn(page, lang);
        const res = await page.goto(`${s.baseURL}/${lang}${path}`);
        assert.equal(res.status(), 200);
        assert.equal(await page.locator('h1').count(), 1);
        const violations = await axeCheck(page);
        assert.equal(violations.length, 0, formatViolations(violations));
      } catch (e) {
        await screenshotIfFailed(t, page);
        throw e;
      } finally {
        await page.context().close();
      }
    });
  }
}

test('an editor saves a change with JavaScript off and sees it on the page', async (t) => {
  if (!admin) {
    addAdmin();
    admin = true;
  }
  const page = await openPage(s.browser, { javaScriptEnabled: false });
  try {
    await signIn(page, 'en');
    await page.goto(`${s.baseURL}/en/actors/vecura/edit`);
    await page.fill('#f-description-en', 'Vecura manufactures cell therapies under GMP (edited in the browser).');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit] >> text=Save changes')]);
    assert.match(page.url(), /\/en\/actors\/vecura\?saved=1$/);
    assert.match(await page.textContent('main'), /edited in the browser/);
    assert.match(await page.textContent('[role=status]'), /Your changes are saved/);
  } catch (e) {
    await screenshotIfFailed(t, page);
    throw e;
  } finally {
    await page.context().close();
  }
});
