// WCAG 2.1 AA checks on every page template, in Swedish and English, and on the API documentation (in English):
// axe-core finds no violation, the page has exactly one h1, <html lang> matches the URL, and the first Tab lands
// on a visible "skip to content" link.

import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { session } from '../lib/session.js';
import { openPage, axeCheck, formatViolations, screenshotIfFailed } from '../lib/browser.js';
import { LANGS, PAGES, UNPREFIXED_PAGES } from '../lib/pages.js';

const s = session();

const VISITS = [
  ...LANGS.flatMap((lang) => PAGES.map((spec) => ({ lang, spec, url: `/${lang}${spec.path}` }))),
  ...UNPREFIXED_PAGES.map((spec) => ({ lang: spec.lang, spec, url: spec.url })),
];

for (const { lang, spec, url } of VISITS) {
  describe(`${lang} ${spec.name} ${url}`, () => {
    let page;
    let response;

    before(async () => {
      // bypassCSP: the site's CSP forbids inline scripts, and axe-core is injected as one.
      page = await openPage(s.browser, { baseURL: s.baseURL, bypassCSP: true });
      response = await page.goto(url);
      // Pages that draw the graph are checked once it is drawn (and its panel open when asked for).
      if (spec.ready) await page.waitForSelector(spec.ready, { timeout: 20_000 });
    });
    afterEach((t) => screenshotIfFailed(t, page));
    after(() => page?.context().close());

    it(`responds ${spec.status}`, () => {
      assert.equal(response.status(), spec.status, `GET ${url}`);
      assert.match(response.headers()['content-type'] ?? '', /^text\/html/, `GET ${url} content type`);
    });

    it('has no axe-core WCAG 2.1 A/AA violations', async () => {
      const violations = await axeCheck(page);
      assert.ok(
        violations.length === 0,
        `${violations.length} axe violation(s) on ${url}:\n${formatViolations(violations)}`,
      );
    });

    it('has exactly one h1', async () => {
      const h1s = await page.locator('h1').allInnerTexts();
      assert.equal(h1s.length, 1, `h1 elements on ${url}: ${JSON.stringify(h1s)}`);
      assert.ok(h1s[0].trim().length > 0, `the h1 on ${url} is empty`);
    });

    it(`has <html lang="${lang}">`, async () => {
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
    });

    it('has a visible skip link to #main as the first focusable element', async () => {
      // Start again from the top of a freshly loaded page, with nothing focused.
      await page.goto(url);
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      assert.equal(await focused.count(), 1, 'something is focused after one Tab');
      const info = await focused.evaluate((el) => ({
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        text: el.textContent.trim(),
      }));
      assert.equal(info.tag, 'a', `first focusable element is a link (got <${info.tag}>)`);
      assert.equal(info.href, '#main', 'first focusable element links to #main');
      assert.ok(info.text.length > 0, 'the skip link has text');
      assert.ok(await focused.isVisible(), 'the focused skip link is visible');
      const box = await focused.boundingBox();
      const viewport = page.viewportSize();
      assert.ok(
        box && box.width > 1 && box.height > 1 && box.y >= 0 && box.x >= 0
          && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width,
        `the focused skip link is inside the viewport (box ${JSON.stringify(box)})`,
      );
      assert.ok(await page.locator('#main').count() === 1, 'the page has an element with id="main"');

      // Following it moves focus to the main content.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: 2_000 })
        .catch(() => {});
      const activeId = await page.evaluate(() => document.activeElement?.id ?? null);
      assert.equal(activeId, 'main', 'after activating the skip link, focus is on #main');
    });
  });
}
