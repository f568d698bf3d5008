// Opens the atlas with ?fps=1 in headless Chromium and prints the frames per second atlas.js measured while the
// camera zooms and pans for five seconds, and how long the first drawing took, once per WebGL rasteriser this
// machine has (it has no GPU): Chromium's own SwiftShader, and Mesa's llvmpipe through EGL (surfaceless) when
// Mesa is installed. The last line is JSON: {fps, first_draw_ms, renderer, runs: [{renderer, fps, first_draw_ms}]},
// fps being the best run's.
// Usage: node bench/atlas-fps.mjs BASE_URL
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const base = process.argv[2];
const MESA = ['/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so', '/usr/lib/aarch64-linux-gnu/dri/swrast_dri.so'];
const setups = [{ name: 'swiftshader', args: [], env: {} }];
if (MESA.some((p) => existsSync(p))) {
  setups.push({
    name: 'llvmpipe',
    args: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist', '--enable-gpu'],
    env: { EGL_PLATFORM: 'surfaceless' },
  });
}

async function measure(setup) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', ...setup.args],
    env: { ...process.env, ...setup.env },
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
      return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null;
    });
    const started = Date.now();
    await page.goto(`${base}/en/atlas?fps=1`);
    await page.waitForSelector('#atlas[data-ready="true"]', { timeout: 300_000 });
    const firstDraw = Date.now() - started;
    await page.waitForSelector('#atlas[data-fps]', { timeout: 300_000 });
    const fps = Number(await page.getAttribute('#atlas', 'data-fps'));
    return { setup: setup.name, renderer, fps, first_draw_ms: firstDraw };
  } finally {
    await browser.close();
  }
}

const runs = [];
for (const setup of setups) {
  try {
    runs.push(await measure(setup));
  } catch (e) {
    runs.push({ setup: setup.name, error: String(e).split('\n')[0] });
  }
}
const best = runs.filter((r) => r.fps != null).sort((a, b) => b.fps - a.fps)[0] || {};
console.log(JSON.stringify({ fps: best.fps ?? null, first_draw_ms: best.first_draw_ms ?? null, renderer: best.renderer ?? null, runs }));
