// The atlas as a visitor uses it: the Stockholm graph draws, a campus filter leaves only that campus, searching
// "Vecura" highlights it and its neighbours, clicking a node opens the side panel, and the table alternative
// works with the keyboard alone. Pages run under the site's real CSP.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { session } from '../lib/session.js';
import { withPage } from '../lib/browser.js';

const s = session();

/** Waits until the graph has been drawn (again). */
const drawn = (page) => page.waitForSelector('#atlas[data-ready="true"]', { timeout: 20_000 });

/** Node ids, campuses and neighbours as the page's graph holds them. */
const graphState = (page) => page.evaluate(() => {
  const { graph, selected, highlighted } = window.samverkanAtlas;
  return {
    nodes: graph.nodes().map((id) => ({ id, campuses: graph.getNodeAttribute(id, 'raw').campuses || [] })),
    selected,
    highlighted: [...highlighted],
    neighbours: selected ? graph.neighbors(selected) : [],
  };
});

describe('the atlas', () => {
  it('draws the Stockholm graph and filters it to Flemingsberg', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      await page.goto('/en/atlas');
      await drawn(page);
      assert.equal(await page.getAttribute('#atlas', 'data-node-count'), '42');
      assert.match(await page.locator('#atlas-status').innerText(), /Showing 42 actors and 45 relations/);
      assert.ok(await page.locator('#atlas-graph canvas').count() > 0, 'a canvas is drawn');

      await page.evaluate(() => document.getElementById('atlas').removeAttribute('data-ready'));
      await page.selectOption('#atlas-campus', 'flemingsberg');
      await drawn(page);
      const state = await graphState(page);
      assert.ok(state.nodes.length > 0 && state.nodes.length < 42, `${state.nodes.length} nodes`);
      for (const n of state.nodes) {
        assert.ok(n.campuses.includes('flemingsberg'), `${n.id} is on ${JSON.stringify(n.campuses)}`);
      }
      assert.match(page.url(), /[?&]campus=flemingsberg/, 'the URL keeps the filter');
    }));

  it('a focus area of the strategy leaves the actors that take part in it, as the API says', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      await page.goto('/en/atlas');
      await drawn(page);
      await page.evaluate(() => document.getElementById('atlas').removeAttribute('data-ready'));
      await page.selectOption('#atlas-area', 'halso-och-sjukvard');
      await drawn(page);
      const drawnIds = (await graphState(page)).nodes.map((n) => n.id).sort();
      const api = await page.evaluate(async () => (await (await fetch('/api/v1/graph?area=halso-och-sjukvard')).json()).nodes.map((n) => n.id));
      assert.deepEqual(drawnIds, api.sort());
      assert.ok(drawnIds.includes('kth') && !drawnIds.includes('biolamina'), drawnIds.join(', '));
      assert.match(page.url(), /[?&]area=halso-och-sjukvard/, 'the URL keeps the filter');
    }));

  it('searching "Vecura" highlights it and its neighbours and opens the panel', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      await page.goto('/en/atlas');
      await drawn(page);
      await page.fill('#atlas-search', 'vecura');
      await page.press('#atlas-search', 'Enter');
      await page.waitForFunction(() => window.samverkanAtlas.selected === 'vecura');
      const state = await graphState(page);
      assert.ok(state.neighbours.length > 0);
      assert.deepEqual([...state.highlighted].sort(), ['vecura', ...state.neighbours].sort());
      const panel = page.locator('#atlas-panel');
      await panel.waitFor({ state: 'visible' });
      assert.equal((await panel.locator('h2').innerText()).trim(), 'Vecura');
      assert.match(page.url(), /[?&]selected=vecura/, 'the URL keeps the selection');
      // A shared URL opens with the same selection.
      await page.goto(page.url());
      await drawn(page);
      await page.waitForFunction(() => window.samverkanAtlas.selected === 'vecura');
      // Escape closes the panel and clears the selection.
      await page.locator('#atlas-panel').focus();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => window.samverkanAtlas.selected === null);
      assert.equal(await panel.isVisible(), false);
    }));

  it('clicking a node opens the side panel with a link to the actor page', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      await page.goto('/sv/atlas');
      await drawn(page);
      await page.locator('#atlas-graph').scrollIntoViewIfNeeded();
      const target = await page.evaluate(() => {
        const { graph, renderer } = window.samverkanAtlas;
        const id = 'karolinska-institutet';
        const a = graph.getNodeAttributes(id);
        const p = renderer.graphToViewport({ x: a.x, y: a.y });
        const box = document.querySelector('#atlas-graph').getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y, name: graph.getNodeAttribute(id, 'label') };
      });
      await page.mouse.click(target.x, target.y);
      await page.waitForFunction(() => window.samverkanAtlas.selected === 'karolinska-institutet');
      const panel = page.locator('#atlas-panel');
      await panel.waitFor({ state: 'visible' });
      assert.match(await panel.locator('h2').innerText(), /Karolinska Institutet/);
      const link = panel.getByRole('link', { name: 'Öppna aktörens sida' });
      assert.equal(await link.getAttribute('href'), '/sv/actors/karolinska-institutet');
    }));

  it('the table alternative is sorted and filtered with the keyboard alone, without JavaScript', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL, javaScriptEnabled: false }, async (page) => {
      await page.goto('/en/atlas');
      assert.equal(await page.locator('#atlas-graph').isVisible(), false, 'no empty graph box without scripting');
      // From the top of the page: the skip link, then the table's sort links, by Tab and Enter only.
      let found = false;
      for (let i = 0; i < 15 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.textContent?.includes('Skip to the table'));
      }
      assert.ok(found, 'the skip link is reached by Tab');
      await page.keyboard.press('Enter');
      assert.match(page.url(), /#atlas-table-title$/);
      // The next focusable things after the heading are the summary link and the table; find the
      // "Connections" sort link.
      found = false;
      for (let i = 0; i < 10 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.textContent?.trim().startsWith('Connections'));
      }
      assert.ok(found, 'the Connections column header is reached by Tab');
      await Promise.all([page.waitForURL(/sort=degree/), page.keyboard.press('Enter')]);
      const degrees = (await page.locator('#atlas-table tbody tr td.num:nth-of-type(4)').allInnerTexts()).map(Number);
      assert.ok(degrees.length > 5);
      assert.deepEqual(degrees, [...degrees].sort((a, b) => b - a), 'most connected first');
      // The filter form works without JavaScript too.
      await page.selectOption('#atlas-campus', 'flemingsberg');
      await Promise.all([page.waitForURL(/campus=flemingsberg/), page.locator('#atlas-filters button[type=submit]').press('Enter')]);
      const rows = await page.locator('#atlas-table tbody tr').count();
      assert.ok(rows > 0 && rows < 42, `${rows} rows on Flemingsberg`);
    }));

  it('the table follows the filters with JavaScript on, and writes numbers the Swedish way', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      await page.goto('/sv/atlas');
      await drawn(page);
      const rows = () => page.locator('#atlas-table tbody tr').count();
      assert.equal(await rows(), 42, 'every actor, before filtering');
      for (const cell of await page.locator('#atlas-table tbody td.num:nth-of-type(5)').allInnerTexts()) {
        assert.match(cell, /^\d+,\d\d$/, `betweenness with a decimal comma: ${cell}`);
      }
      await page.evaluate(() => document.getElementById('atlas').removeAttribute('data-ready'));
      const summaryBefore = await page.locator('#atlas-table-summary').innerText();
      await page.selectOption('#atlas-campus', 'flemingsberg');
      await drawn(page);
      await page.waitForFunction((before) =>
        document.getElementById('atlas-table-summary')?.innerText !== before
        && !document.getElementById('atlas-table-part')?.hasAttribute('aria-busy'), summaryBefore);
      const drawnIds = (await graphState(page)).nodes.map((n) => n.id).sort();
      const tableIds = (await page.locator('#atlas-table tbody th a').evaluateAll(
        (links) => links.map((a) => a.getAttribute('href').split('/').pop()))).sort();
      assert.deepEqual(tableIds, drawnIds, 'the table lists the actors the graph draws');
      assert.match(await page.locator('#atlas-table-summary').innerText(), new RegExp(`^${drawnIds.length} aktörer`));
    }));

  it('an actor without relations says so in the side panel', (t) =>
    withPage(t, s.browser, { baseURL: s.baseURL }, async (page) => {
      await page.goto('/en/atlas');
      await drawn(page);
      const lonely = await page.evaluate(() => {
        const { graph } = window.samverkanAtlas;
        return graph.nodes().find((id) => graph.degree(id) === 0);
      });
      assert.ok(lonely, 'the Stockholm data has an actor without relations');
      await page.goto(`/en/atlas?selected=${lonely}`);
      await drawn(page);
      const panel = page.locator('#atlas-panel');
      await panel.waitFor({ state: 'visible' });
      const text = await panel.innerText();
      assert.doesNotMatch(text, /null|undefined/);
      assert.match(text, /No relations are recorded\./);
    }));

  for (const width of [1280, 320]) {
    it(`at ${width} px a table region is a tab stop exactly when it has something to scroll`, (t) =>
      withPage(t, s.browser, { baseURL: s.baseURL, viewport: { width, height: 800 } }, async (page) => {
        for (const path of ['/en/atlas', '/en/strategy']) {
          await page.goto(path);
          const regions = await page.locator('.table-scroll[role="region"]').evaluateAll((els) => els.map((el) => ({
            scrolls: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
            tabStop: el.getAttribute('tabindex') === '0',
          })));
          assert.ok(regions.length > 0, `${path} has a table region`);
          for (const r of regions) assert.equal(r.tabStop, r.scrolls, `${path} at ${width} px: ${JSON.stringify(r)}`);
          if (width === 320) assert.ok(regions.some((r) => r.scrolls), `${path}: a table scrolls at 320 px`);
        }
      }));
  }
});

