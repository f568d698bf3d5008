// Opens the atlas with ?fps=1 in headless Chromium (software WebGL on this machine) and prints the frames per
// second atlas.js measured while the camera zooms and pans for five seconds, and how long the first drawing took.
// Usage: node bench/atlas-fps.mjs BASE_URL
import { createRequire } from 'node:module';
const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const base = process.argv[2];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const started = Date.now();
  await page.goto(`${base}/en/atlas?fps=1`);
  await page.waitForSelector('#atlas[data-ready="true"]', { timeout: 300_000 });
  const firstDraw = Date.now() - started;
  await page.waitForSelector('#atlas[data-fps]', { timeout: 300_000 });
  const fps = Number(await page.getAttribute('#atlas', 'data-fps'));
  console.log(JSON.stringify({ fps, first_draw_ms: firstDraw }));
} finally {
  await browser.close();
}
