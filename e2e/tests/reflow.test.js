// WCAG 2.1 AA reflow (1.4.10) and focus-indicator contrast (1.4.11), in Swedish and English.
//
// Reflow: every page template (the public ones from lib/pages.js and the pages behind sign-in) is loaded in a
// 320 CSS px wide window (what a 1280 px screen shows at 400 % zoom) and at 1280 px, and must not scroll
// sideways: document.documentElement.scrollWidth ≤ window.innerWidth. A data table may scroll inside its own
// box (a focusable, labelled region); the page may not. When a page is too wide the failure names the
// elements (and text) that reach past the right edge, widest first.
//
// Focus: on a few pages, Tab moves through the header, buttons and form fields; every element that gets the
// focus must show an outline of at least 2 px whose colour has at least 3:1 contrast (WCAG relative luminance)
// against the background it is drawn on, and against the colour on its inner side (the white ring of the
// site's two-colour indicator, or the background again); where the element has a coloured background of its
// own (a button), the indicator must stand out from that too.

import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { session } from '../lib/session.js';
import { openPage, screenshotIfFailed } from '../lib/browser.js';
import { LANGS, PAGES } from '../lib/pages.js';

const s = session();

const NARROW = { width: 320, height: 640 };
const WIDE = { width: 1280, height: 900 };

const PASSWORD = 'Omflytning 2026 Huddinge';
const USERS = {
  // A long e-mail address: it must wrap on the account page and in the audit log.
  admin: { email: 'programkontoret.samverkan@reflow-test.example.se', role: 'admin', name: 'Programme Office' },
  company: { email: 'lab@biolamina.example.se', role: 'company', actor: 'biolamina', name: 'Lena BioLamina' },
};
const SERVICE = 'vecura-gmp-cell-therapy';
const REQUEST = 'REQUEST';

/** Pages behind sign-in; `path` follows the language prefix; REQUEST is the access request sent in setUp(). */
const SIGNED_IN_PAGES = [
  { who: 'admin', name: 'account (with an API token)', path: '/account' },
  { who: 'admin', name: 'audit log', path: '/admin/audit' },
  { who: 'admin', name: 'request figures', path: '/admin/requests' },
  { who: 'company', name: 'access request (company)', path: REQUEST },
  { who: 'admin', name: 'access request (programme office)', path: REQUEST },
  { who: 'company', name: 'access requests', path: '/requests' },
  { who: 'company', name: 'new access request', path: `/requests/new?service=${SERVICE}` },
  { who: 'admin', name: 'measure edit form', path: '/measures/1/edit' },
  { who: 'admin', name: 'actor edit form', path: '/actors/vecura/edit' },
  { who: 'admin', name: 'actor history', path: '/actors/vecura/history' },
  { who: 'admin', name: 'checklist templates', path: '/admin/checklists' },
  { who: 'admin', name: 'accessibility reports', path: '/admin/accessibility-reports' },
  { who: 'admin', name: 'invite', path: '/admin/invite' },
  { who: 'admin', name: 'import', path: '/admin/import' },
  { who: 'admin', name: 'indicator edit form', path: '/indicators/1/edit' },
  { who: 'admin', name: 'area texts form', path: '/strategy/halsodata/edit' },
  { who: 'admin', name: 'new measure form', path: '/strategy/halsodata/measures/new' },
  { who: 'admin', name: 'measure plan form', path: '/measures/1/plan' },
  { who: 'admin', name: 'new indicator form', path: '/strategy/halsodata/indicators/new' },
  { who: 'admin', name: 'working group', path: '/strategy/halsodata/working-group' },
  { who: 'admin', name: 'new post', path: '/posts/new' },
];

// ----- users, sign-in and the access request -----

let setUpDone;
let requestPath;

/** Adds the users through the command line, creates an API token and sends an access request; once. */
function setUp() {
  setUpDone ??= (async () => {
    for (const u of Object.values(USERS)) {
      const args = ['user', 'add', '--db', s.server.db, '--email', u.email, '--role', u.role, '--name', u.name, '--password-stdin'];
      if (u.actor) args.push('--actor', u.actor);
      const r = spawnSync(s.server.bin, args, { input: `${PASSWORD}\n`, env: s.server.env, encoding: 'utf8' });
      assert.equal(r.status, 0, `user add ${u.email}: ${r.stderr}`);
    }
    const company = await signedIn('company');
    try {
      await company.goto(`/en/requests/new?service=${SERVICE}`);
      await company.getByLabel('Title').fill('Cell therapy manufacturing: laminin-521 matrices for a phase 1 trial');
      // A long address in what people type must wrap.
      await company.getByLabel('Your need').fill(
        'GMP manufacturing for a phase 1 trial. Protocol: https://example.se/studies/laminin-521/phase-1/protocol-v3-final-signed.pdf',
      );
      await company.getByLabel('Desired start').fill('2027-03-01');
      await Promise.all([company.waitForNavigation(), company.getByRole('button', { name: 'Send the request' }).click()]);
      const m = /^\/en(\/requests\/\d+)$/.exec(new URL(company.url()).pathname);
      assert.ok(m, `the request was sent (now at ${company.url()})`);
      requestPath = m[1];
    } finally {
      await company.context().close();
    }
    const admin = await signedIn('admin');
    try {
      await admin.goto('/en/account');
      await admin.fill('#f-token-name', 'Nightly export to the regional data warehouse');
      await Promise.all([admin.waitForNavigation(), admin.locator('form[action$="/account/tokens"] button[type=submit]').click()]);
    } finally {
      await admin.context().close();
    }
  })();
  return setUpDone;
}

/** A fresh page in a fresh context (1280 × 900), signed in as `who` (or not, for null). */
async function signedIn(who) {
  const page = await openPage(s.browser, { baseURL: s.baseURL });
  if (who) {
    await page.goto('/en/login');
    await page.fill('#f-email', USERS[who].email);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
    assert.doesNotMatch(new URL(page.url()).pathname, /\/login/, `${who} is signed in`);
  }
  return page;
}

// ----- in the page: what reaches past the right edge -----

/**
 * Runs in the page. The page's scroll width, the window's width, and the elements and text that reach past
 * the right edge of the window, widest first, as "tag#id.class" (text as `text "…" in tag#id.class`).
 * Elements inside a box that scrolls or clips sideways itself (overflow-x auto, scroll, hidden or clip) do
 * not widen the page and are left out.
 */
function overflowReport(max) {
  const vw = window.innerWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
    + (typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
  const root = document.documentElement;
  const clips = (cs) => ['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX);
  /**
   * Whether a box between `el` and body scrolls or clips `el` sideways. An absolutely positioned element is
   * only clipped by boxes from its containing block up (a visually hidden span in a scrolling table whose box
   * is not positioned still widens the page).
   */
  const clipped = (el) => {
    let position = getComputedStyle(el).position;
    for (let a = el.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const contains = position === 'absolute' ? cs.position !== 'static' || cs.transform !== 'none'
        : position === 'fixed' ? cs.transform !== 'none' : true;
      if (!contains) continue;
      if (clips(cs)) return true;
      position = cs.position;
    }
    return false;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.width === 0 && r.height === 0) || r.right <= vw + 0.5) continue;
    if (clipped(el)) continue;
    found.push({ right: Math.round(r.right), what: `${name(el)} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"` });
  }
  // Text wider than its element (a long word) does not show in the element's box.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (!text || !n.parentElement) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if ((r.width === 0 && r.height === 0) || r.right <= vw + 0.5) continue;
    if (clips(getComputedStyle(n.parentElement)) || clipped(n.parentElement)) continue;
    found.push({ right: Math.round(r.right), what: `text "${text.slice(0, 40)}" in ${name(n.parentElement)}` });
  }
  found.sort((a, b) => b.right - a.right);
  return { scrollWidth: root.scrollWidth, innerWidth: vw, offenders: found.slice(0, max) };
}

/** Asserts that `page` (already loaded) does not scroll sideways. */
async function assertNoSidewaysScroll(page, url) {
  const r = await page.evaluate(overflowReport, 12);
  assert.ok(
    r.scrollWidth <= r.innerWidth,
    `${url} is ${r.scrollWidth} px wide in a ${r.innerWidth} px window, so it scrolls sideways. `
      + `Reaching past the right edge (right edge in px):\n${r.offenders.map((o) => `  ${o.right}  ${o.what}`).join('\n') || '  (nothing found)'}`,
  );
}

/** Loads `url` in `page` at `viewport`, checks the status and waits for `ready`. */
async function load(page, url, { viewport, status = 200, ready } = {}) {
  await page.setViewportSize(viewport);
  const response = await page.goto(url);
  assert.equal(response.status(), status, `GET ${url}`);
  if (ready) await page.waitForSelector(ready, { timeout: 20_000 });
}

// ----- reflow: public pages -----

for (const lang of LANGS) {
  describe(`reflow, ${lang}, public pages`, () => {
    let page;
    before(async () => { page = await signedIn(null); });
    afterEach((t) => screenshotIfFailed(t, page));
    after(() => page?.context().close());

    for (const spec of PAGES) {
      const url = `/${lang}${spec.path}`;
      it(`${spec.name} ${url} fits 320 px`, async () => {
        await load(page, url, { viewport: NARROW, status: spec.status, ready: spec.ready });
        await assertNoSidewaysScroll(page, url);
      });
      it(`${spec.name} ${url} fits 1280 px`, async () => {
        await load(page, url, { viewport: WIDE, status: spec.status, ready: spec.ready });
        await assertNoSidewaysScroll(page, url);
      });
    }
  });
}

// ----- reflow: pages behind sign-in -----

for (const lang of LANGS) {
  describe(`reflow, ${lang}, signed-in pages`, () => {
    const pages = {};
    let current;
    before(async () => {
      await setUp();
      for (const who of new Set(SIGNED_IN_PAGES.map((p) => p.who))) pages[who] = await signedIn(who);
    });
    afterEach((t) => screenshotIfFailed(t, current));
    after(() => Promise.allSettled(Object.values(pages).map((p) => p.context().close())));

    for (const spec of SIGNED_IN_PAGES) {
      const label = `${spec.name} (${spec.who}) /${lang}${spec.path === REQUEST ? '/requests/…' : spec.path}`;
      for (const viewport of [NARROW, WIDE]) {
        it(`${label} fits ${viewport.width} px`, async () => {
          current = pages[spec.who];
          const url = `/${lang}${spec.path === REQUEST ? requestPath : spec.path}`;
          await load(current, url, { viewport });
          await assertNoSidewaysScroll(current, url);
        });
      }
    }
  });
}

// ----- focus indicator contrast -----

/**
 * Runs in the page on document.activeElement: its outline, the colours next to the outline, and their
 * contrast ratios. Backgrounds are composited through the ancestors (translucent ones over what is below,
 * white at the bottom); images are ignored (the site uses none behind text or controls).
 */
function focusReport() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const parse = (c) => {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(c || '');
    if (!m) return null;
    let a = m[4] === undefined ? 1 : parseFloat(m[4]);
    if (m[4]?.endsWith('%')) a /= 100;
    return { r: +m[1], g: +m[2], b: +m[3], a };
  };
  const over = (top, below) => ({
    r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a),
    b: top.b * top.a + below.b * (1 - top.a),
    a: 1,
  });
  /** The opaque colour seen through `from` and its ancestors. */
  const background = (from) => {
    const layers = [];
    for (let e = from; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) result = over(c, result);
    return result;
  };
  const luminance = ({ r, g, b }) => {
    const lin = (v) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (x, y) => {
    const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  };
  const hex = (c) => (c ? `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}` : null);

  const cs = getComputedStyle(el);
  const offset = parseFloat(cs.outlineOffset) || 0;
  const width = cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth) || 0;
  const outerBg = background(el.parentElement ?? el);
  const ownBg = background(el);
  const ownColour = parse(cs.backgroundColor);
  const hasOwnBg = !!ownColour && ownColour.a > 0;
  let outline = parse(cs.outlineColor);
  if (outline && outline.a < 1) outline = over(outline, offset >= 0 ? outerBg : ownBg);
  // A ring drawn by box-shadow (no inset) that fills the gap between the element and its outline.
  let ring = null;
  const shadow = /^(rgba?\([^)]*\))\s+0px\s+0px\s+0px\s+([\d.]+)px$/.exec(cs.boxShadow.trim());
  if (shadow && parseFloat(shadow[2]) >= offset && offset > 0) ring = over(parse(shadow[1]), outerBg);
  // The colour on the outline's inner side: the ring, else the background in the gap, else the element itself.
  const inner = ring ?? (offset > 0 ? outerBg : ownBg);
  const outer = offset >= 0 ? outerBg : ownBg;
  const html = el.outerHTML;
  return {
    element: html.slice(0, html.indexOf('>') + 1).slice(0, 120),
    focusVisible: el.matches(':focus-visible'),
    width,
    outline: hex(outline),
    outer: hex(outer),
    inner: hex(inner),
    ring: hex(ring),
    ownBg: hasOwnBg ? hex(ownBg) : null,
    vsOuter: outline ? ratio(outline, outer) : 0,
    vsInner: outline ? ratio(outline, inner) : 0,
    // How the indicator stands out from the element's own colour: the ring next to it, or the outline.
    vsOwn: hasOwnBg && outline ? Math.max(ratio(ring ?? outline, ownBg), ratio(outline, ownBg)) : null,
  };
}

/** Whether `r` (from focusReport) meets 1.4.11; returns the problems found. */
function focusProblems(r) {
  const problems = [];
  if (!r.focusVisible) problems.push('does not match :focus-visible');
  if (r.width < 2) problems.push(`outline is ${r.width}px wide`);
  if (r.vsOuter < 3) problems.push(`outline ${r.outline} on ${r.outer}: ${r.vsOuter}:1`);
  if (r.vsInner < 3) problems.push(`outline ${r.outline} next to ${r.inner} on its inner side: ${r.vsInner}:1`);
  if (r.vsOwn !== null && r.vsOwn < 3) problems.push(`indicator does not stand out from the element's own ${r.ownBg}: ${r.vsOwn}:1`);
  return problems;
}

/**
 * Where to look at the focus: `who` signs in first; Tab moves through the page from the top (at most `tabs`
 * stops) and each stop is checked; `expect` lists kinds of element that must be among them. `also` are
 * selectors further down the page, focused from the script after a Tab (so the browser shows the focus as it
 * would for the keyboard); `alsoIfPresent` the same where the page has one at that width.
 */
/** A table region that scrolls, and so is a tab stop (kit.js takes the tab stop away where a table fits). */
const SCROLLING_REGION = '.table-scroll[tabindex="0"]';
const FOCUS_PAGES = [
  { who: null, path: '/en/', tabs: 40, expect: ['header link', 'form field', 'button', 'footer link'] },
  { who: null, path: '/sv/actors', tabs: 25, expect: ['header link', 'form field', 'button'] },
  {
    who: null,
    path: '/en/atlas?campus=flemingsberg&sort=degree&selected=vecura',
    ready: '#atlas-panel:not([hidden])',
    tabs: 25,
    expect: ['header link', 'form field', 'button'],
    also: ['.atlas-panel-close', '#atlas-panel', '#atlas-table a'],
    alsoIfPresent: [SCROLLING_REGION],
  },
  { who: 'admin', path: '/en/account', tabs: 40, expect: ['header link', 'header button', 'form field', 'button'] },
  { who: 'admin', path: '/en/admin/audit', tabs: 25, expect: ['header link', 'form field', 'button'], alsoIfPresent: [SCROLLING_REGION] },
  { who: 'company', path: REQUEST, tabs: 40, expect: ['header link', 'form field', 'button'], also: ['button.secondary'] },
];

/** The kind of the focused element, for FOCUS_PAGES' `expect`. */
function kindOf() {
  const el = document.activeElement;
  const inHeader = !!el.closest('.site-header');
  if (el.matches('input, select, textarea')) return 'form field';
  if (el.matches('button')) return inHeader ? 'header button' : 'button';
  if (el.matches('a')) return inHeader ? 'header link' : el.closest('.site-footer') ? 'footer link' : 'link';
  return el.tagName.toLowerCase();
}

describe('focus indicator contrast', () => {
  before(setUp);
  for (const spec of FOCUS_PAGES) {
    for (const viewport of [WIDE, NARROW]) {
      const label = spec.path === REQUEST ? 'the access request' : spec.path;
      it(`${label} (${spec.who ?? 'visitor'}) at ${viewport.width} px: every focused element has a 3:1 indicator`, async (t) => {
        const page = await signedIn(spec.who);
        try {
          const url = spec.path === REQUEST ? `/en${requestPath}` : spec.path;
          await load(page, url, { viewport, ready: spec.ready });
          const seen = [];
          const failures = [];
          const check = (r, how) => {
            const problems = focusProblems(r);
            if (problems.length) failures.push(`${how} ${r.element}: ${problems.join('; ')}`);
          };
          for (let i = 0; i < spec.tabs; i++) {
            await page.keyboard.press('Tab');
            const r = await page.evaluate(focusReport);
            if (!r) continue;
            seen.push(await page.evaluate(kindOf));
            check(r, `Tab ${i + 1}`);
          }
          for (const kind of spec.expect) {
            assert.ok(seen.includes(kind), `Tab reached a ${kind} on ${url} (reached: ${[...new Set(seen)].join(', ')})`);
          }
          const present = [];
          for (const selector of spec.alsoIfPresent ?? []) {
            if (await page.locator(selector).count() > 0) present.push(selector);
          }
          for (const selector of [...(spec.also ?? []), ...present]) {
            const target = page.locator(selector).first();
            assert.equal(await target.count(), 1, `${selector} is on ${url}`);
            await page.keyboard.press('Tab');
            await target.focus();
            const r = await page.evaluate(focusReport);
            assert.ok(r, `${selector} takes the focus`);
            check(r, selector);
          }
          assert.deepEqual(failures, [], `focus indicators below 3:1 (WCAG 1.4.11) on ${url} at ${viewport.width} px`);
        } catch (e) {
          await screenshotIfFailed({ passed: false, name: t.name, diagnostic: t.diagnostic?.bind(t) }, page);
          throw e;
        } finally {
          await page.context().close();
        }
      });
    }
  }
});
