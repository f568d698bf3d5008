const { chromium } = require('playwright-core');
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [w, name] of [[1280, 'wide'], [320, 'narrow']]) {
    const p = await b.newPage({ viewport: { width: w, height: 900 } });
    await p.goto(process.argv[2]);
    await p.screenshot({ path: `/tmp/s11/${name}.png`, fullPage: false });
    await p.close();
  }
  await b.close();
})();
