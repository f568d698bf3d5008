// What a visitor does: switch language, filter the actor list with the keyboard only, open an actor, search
// from the home page, and all of it with JavaScript turned off. Pages run under the site's real CSP.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { session } from '../lib/session.js';
import { withPage } from '../lib/browser.js';

const s = session();

/** Visible text with runs of white space collapsed. */
const norm = (text) => text.replace(/\s+/g, ' ').trim();

/** The path and query of the page's URL. */
const where = (page) => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};

/** The h2 texts (name and short name) of the actors in the result list. */
const listedNames = async (page) => (await page.locator('.actor-list .actor-name').allInnerTexts()).map(norm);

/** Asserts that every listed actor is on Campus Flemingsberg and that BioLamina is among them. */
async function assertFlemingsbergResults(page, campusLabel) {
  const items = page.locator('.actor-list > .actor-item');
  const count = await items.count();
  assert.ok(count > 0, 'the filtered list shows actors');
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    const name = norm(await item.locator('.actor-name').innerText());
    const campuses = (await item.locator('.meta .campus').allInnerTexts()).map(norm);
    assert.ok(
      campuses.includes(campusLabel),
      `"${name}" is listed although its campus line is ${JSON.stringify(campuses)}`,
    );
  }
  const names = await listedNames(page);
  assert.ok(names.some((n) => n.startsWith('BioLamina')), `BioLamina is listed; got ${JSON.stringify(names)}`);
}

describe('language switch', () => {
  it('(a) a visitor on /sv/ follows the language link and lands on /en/', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      await page.goto('/sv/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
      const link = page.getByRole('link', { name: 'English', exact: true });
      assert.equal(await link.getAttribute('hreflang'), 'en');
      await Promise.all([page.waitForURL('**/en/'), link.click()]);
      assert.equal(where(page), '/en/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      // ...and back, on a deeper page the switch keeps the visitor on the same page.
      await page.goto('/en/actors/vecura');
      await Promise.all([
        page.waitForURL('**/sv/actors/vecura'),
        page.getByRole('link', { name: 'Svenska', exact: true }).click(),
      ]);
      assert.equal(where(page), '/sv/actors/vecura');
    }));
});

describe('actor list', () => {
  it('(b) keyboard only: Tab to Campus, choose Flemingsberg, submit with Enter', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      await page.goto('/en/actors');
      const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');

      // Tab until the Campus select has focus.
      let presses = 0;
      while ((await activeId()) !== 'f-campus') {
        assert.ok(++presses <= 40, 'the Campus select is reachable with Tab');
        await page.keyboard.press('Tab');
      }

      // Arrow down through the closed select until Flemingsberg is chosen.
      const chosen = () => page.locator('#f-campus').evaluate((el) => el.selectedOptions[0]?.textContent.trim() ?? '');
      let steps = 0;
      while (!(await chosen()).includes('Flemingsberg')) {
        assert.ok(++steps <= 20, 'Flemingsberg can be chosen with the arrow keys');
        await page.keyboard.press('ArrowDown');
      }
      const campusLabel = await chosen();
      assert.equal(campusLabel, 'Campus Flemingsberg');
      assert.equal(where(page), '/en/actors', 'choosing an option does not submit by itself');

      // Enter on a select does not submit in Chromium: Tab on to the "Show" button and press Enter there.
      presses = 0;
      while (!(await page.evaluate(() => document.activeElement?.matches('form.filters button[type=submit]')))) {
        assert.ok(++presses <= 10, 'the submit button follows the selects in the Tab order');
        await page.keyboard.press('Tab');
      }
      await Promise.all([page.waitForURL(/campus=flemingsberg/), page.keyboard.press('Enter')]);

      assert.equal(new URL(page.url()).searchParams.get('campus'), 'flemingsberg');
      assert.equal(
        await page.locator('#f-campus').evaluate((el) => el.value),
        'flemingsberg',
        'the form keeps the chosen campus',
      );
      await assertFlemingsbergResults(page, campusLabel);
    }));

  it('(c) clicking an actor in the list opens its page, whose h1 is the actor name', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      for (const target of ['first', 'BioLamina', 'Karolinska Institutet']) {
        // Named actors are looked up with the list's own text filter, so that paging cannot hide them.
        await page.goto(target === 'first' ? '/en/actors' : `/en/actors?q=${encodeURIComponent(target)}`);
        const heading = target === 'first'
          ? page.locator('.actor-list .actor-name').first()
          : page.locator('.actor-list .actor-name').filter({
            has: page.getByRole('link', { name: target, exact: true }),
          });
        assert.equal(await heading.count(), 1, `"${target}" is in the list`);
        const listed = norm(await heading.innerText());
        const link = heading.getByRole('link');
        const name = norm(await link.innerText());
        const href = await link.getAttribute('href');
        await Promise.all([page.waitForURL(`**${href}`), link.click()]);
        assert.match(where(page), /^\/en\/actors\/[a-z0-9-]+$/);
        const h1 = norm(await page.locator('h1').innerText());
        // The h1 is the name, followed by the short name in brackets exactly as the list shows it.
        assert.equal(h1, listed, `h1 of ${href}`);
        assert.ok(h1 === name || h1.startsWith(`${name} (`), `h1 "${h1}" is the actor name "${name}"`);
        assert.match(await page.title(), new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
    }));
});

describe('home search', () => {
  for (const lang of ['sv', 'en']) {
    it(`(d) /${lang}/ search for "karolinska" lists Karolinska Institutet`, (t) =>
      withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
        await page.goto(`/${lang}/`);
        // With completion the box is a combobox (an input with a list of suggestions).
        const box = page.getByRole('search').getByRole('combobox');
        await box.fill('karolinska');
        await Promise.all([page.waitForURL(/[?&]q=karolinska/), box.press('Enter')]);
        const u = new URL(page.url());
        assert.equal(u.pathname, `/${lang}/search`);
        assert.equal(u.searchParams.get('q'), 'karolinska');
        const names = await listedNames(page);
        assert.ok(
          names.some((n) => n.startsWith('Karolinska Institutet')),
          `Karolinska Institutet is listed; got ${JSON.stringify(names)}`,
        );
        // Every hit says why: the word is highlighted in its title or its snippet.
        const items = page.locator('ol.hits > li');
        for (let i = 0; i < (await items.count()); i++) {
          assert.match(await items.nth(i).innerText(), /karolinska/i, `hit ${i} matches the search`);
        }
      }));
  }
});

describe('without JavaScript', () => {
  it('(e) the filter form, the home search and the language switch work with JavaScript disabled', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL, javaScriptEnabled: false }, async (page) => {
      // The filter form.
      await page.goto('/en/actors');
      const all = (await listedNames(page)).length;
      await page.getByLabel('Campus', { exact: true }).selectOption('flemingsberg');
      await Promise.all([
        page.waitForURL(/campus=flemingsberg/),
        page.locator('form.filters').getByRole('button', { name: 'Show' }).click(),
      ]);
      await assertFlemingsbergResults(page, 'Campus Flemingsberg');
      assert.ok((await listedNames(page)).length < all, 'filtering narrows the list');

      // Kind and campus together, in Swedish.
      await page.goto('/sv/actors');
      await page.locator('#f-campus').selectOption('flemingsberg');
      await page.locator('#f-kind').selectOption('infrastructure');
      await Promise.all([
        page.waitForURL(/kind=infrastructure/),
        page.locator('form.filters').getByRole('button', { name: 'Visa' }).click(),
      ]);
      const badges = (await page.locator('.actor-list .actor-item .badge').allInnerTexts()).map(norm);
      assert.ok(badges.length > 0, 'infrastructures on Flemingsberg are listed');
      assert.equal(new Set(badges).size, 1, `only one kind is listed: ${JSON.stringify([...new Set(badges)])}`);

      // The home search.
      await page.goto('/en/');
      await page.getByRole('search').getByRole('combobox').fill('karolinska');
      await Promise.all([page.waitForURL(/q=karolinska/), page.getByRole('search').getByRole('button').click()]);
      assert.ok((await listedNames(page)).some((n) => n.startsWith('Karolinska Institutet')));

      // The language switch keeps the search.
      await Promise.all([page.waitForURL(/\/sv\/search\?/), page.locator('a.lang-switch').click()]);
      assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
      assert.equal(new URL(page.url()).searchParams.get('q'), 'karolinska');
      assert.ok((await listedNames(page)).some((n) => n.startsWith('Karolinska Institutet')));
    }));
});

describe('under the real Content-Security-Policy', () => {
  it('pages load their styles and icon with no console errors or CSP violations', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      const problems = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
      page.on('response', (r) => {
        if (r.status() >= 400 && r.request().resourceType() !== 'document') {
          problems.push(`HTTP ${r.status()}: ${r.url()}`);
        }
      });
      for (const path of ['/sv/', '/en/actors', '/en/actors/vecura', '/sv/campuses', '/sv/campuses/flemingsberg']) {
        const response = await page.goto(path);
        assert.equal(response.status(), 200, path);
        assert.ok(response.headers()['content-security-policy'], `${path} sends a CSP`);
        // The stylesheet applied: the skip link is moved off screen by style.css.
        const top = await page.locator('a.skip-link').evaluate((el) => el.getBoundingClientRect().bottom);
        assert.ok(top <= 0, `style.css is applied on ${path}`);
      }
      assert.deepEqual(problems, []);
    }));
});
