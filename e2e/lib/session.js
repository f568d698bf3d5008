// One server and one browser for a whole test file: call `session()` at the top of the file, then use
// `s.baseURL` and `s.browser` inside tests.

import { before, after } from 'node:test';
import { startServer } from './server.js';
import { launchBrowser } from './browser.js';

export function session() {
  const s = { baseURL: undefined, browser: undefined, server: undefined };
  let server;
  before(async () => {
    const [srv, br] = await Promise.allSettled([startServer(), launchBrowser()]);
    if (srv.status === 'fulfilled') server = srv.value;
    if (br.status === 'fulfilled') s.browser = br.value;
    if (srv.status === 'rejected') throw srv.reason;
    if (br.status === 'rejected') throw br.reason;
    s.baseURL = server.baseURL;
    s.server = server;
  });
  after(async () => {
    await Promise.allSettled([s.browser?.close(), server?.stop()]);
  });
  return s;
}
