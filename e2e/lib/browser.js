// Chromium through playwright-core (the system browser; Playwright's own download is not used), page helpers,
// a screenshot of the page when a test fails, and an axe-core check.

import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS_DIR = join(here, '..', 'artifacts');

export const CHROMIUM = process.env.SAMVERKAN_E2E_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The WCAG 2.1 A and AA rules; the product's bar is WCAG 2.1 AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let axeSource;
function axeScript() {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(join(dirname(require.resolve('axe-core/package.json')), 'axe.min.js'), 'utf8');
  }
  return axeSource;
}

/**
 * Launches headless Chromium. Playwright gives every launch a new, empty, temporary user-data-dir and
 * removes it when the browser closes, so nothing carries over between runs.
 */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A new context (cookies, storage and settings of its own) with one page in it.
 * Options: baseURL, javaScriptEnabled (default true), bypassCSP (default false: the site's real CSP applies;
 * accessibility checks need true to inject axe-core), viewport (default 1280 × 900).
 */
export async function openPage(browser, { baseURL, javaScriptEnabled = true, bypassCSP = false, locale,
  viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled,
    bypassCSP,
    locale,
    viewport,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  return page;
}

/** A file name made from a test's name. */
export function artifactName(name) {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 150) || 'test';
}

/** Saves a full-page screenshot of `page` as artifacts/<test-name>.png; returns the path (or null). */
export async function saveScreenshot(page, testName) {
  if (!page || page.isClosed()) return null;
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${artifactName(testName)}.png`);
  try {
    await page.screenshot({ path, fullPage: true, timeout: 10_000 });
    return path;
  } catch (err) {
    process.stderr.write(`could not save a screenshot for "${testName}": ${err.message}\n`);
    return null;
  }
}

/** For afterEach hooks: a screenshot of `page` when the test `t` failed. */
export async function screenshotIfFailed(t, page) {
  if (t.passed === false) {
    const path = await saveScreenshot(page, t.fullName ?? t.name);
    if (path) t.diagnostic?.(`screenshot: ${path}`);
  }
}

/**
 * Runs `fn(page)` on a fresh page in a fresh context; if it throws, saves a screenshot named after the test
 * and rethrows. The context is always closed.
 */
export async function withPage(t, browser, options, fn) {
  const page = await openPage(browser, options);
  try {
    await fn(page);
  } catch (err) {
    const path = await saveScreenshot(page, t.fullName ?? t.name);
    if (path) t.diagnostic?.(`screenshot: ${path}`);
    throw err;
  } finally {
    await page.context().close();
  }
}

/**
 * Injects axe-core into `page` and runs the WCAG 2.1 A/AA rules; returns axe's violations.
 * The site's CSP forbids inline scripts, so the page's context must be created with bypassCSP: true.
 */
export async function axeCheck(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object').catch(() => false);
  if (!loaded) {
    await page.addScriptTag({ content: axeScript() });
  }
  const results = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    return axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
  }, AXE_TAGS);
  return results.violations;
}

/** A readable list of axe violations: id, impact, help and the first few target selectors of each. */
export function formatViolations(violations, { maxTargets = 5 } = {}) {
  return violations
    .map((v) => {
      const targets = v.nodes.slice(0, maxTargets).map((n) => `      - ${n.target.join(' ')}`);
      const more = v.nodes.length > maxTargets ? [`      (+${v.nodes.length - maxTargets} more)`] : [];
      return [`  * ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} element(s); ${v.helpUrl})`, ...targets, ...more]
        .join('\n');
    })
    .join('\n');
}
