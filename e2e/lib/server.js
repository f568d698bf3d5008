// Starts the real `samverkan` binary on a free loopback port with a fresh SQLite database in a temporary
// folder, and stops it again. One server per test file.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const DEFAULT_BIN = '/var/tmp/samverkan-target/debug/samverkan';
const READY = /Samverkan is serving on (http:\/\/[^\s/]+:\d+)\//;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts the server and resolves once it logs its address. `addr` picks the port (default: any free one);
 * `env` adds SAMVERKAN_* settings.
 * @returns {Promise<{ baseURL: string, stop: () => Promise<void>, logs: string[] }>}
 */
export async function startServer({
  bin = process.env.SAMVERKAN_BIN || DEFAULT_BIN,
  addr = '127.0.0.1:0',
  env: extraEnv = {},
} = {}) {
  if (!existsSync(bin)) {
    throw new Error(`samverkan binary not found at ${bin} (set SAMVERKAN_BIN)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-e2e-'));

  // The child must see none of our SAMVERKAN_* settings: the flags below are the whole configuration.
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('SAMVERKAN_')) env[key] = value;
  }
  Object.assign(env, extraEnv);

  const args = [
    'serve',
    '--addr', addr,
    '--db', `sqlite://${dir}/e2e.db`,
    '--data-dir', dir,
    '--log-format', 'json',
  ];
  // cwd = the temp folder, so that no ./samverkan.toml from the caller's folder is picked up.
  const child = spawn(bin, args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });

  const logs = [];
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => { if (exited === null) child.kill('SIGKILL'); }, STOP_TIMEOUT_MS);
      await exitPromise;
      clearTimeout(timer);
    }
    cleanup();
  };

  try {
    const baseURL = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not report its address within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      const lines = createInterface({ input: child.stderr });
      lines.on('line', (line) => {
        logs.push(line);
        if (logs.length > 500) logs.splice(0, logs.length - 500);
        let entry;
        try { entry = JSON.parse(line); } catch { return; }
        const message = typeof entry.message === 'string' ? entry.message
          : typeof entry.fields?.message === 'string' ? entry.fields.message : '';
        const m = READY.exec(message);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('error', (err) => { clearTimeout(timer); reject(err); });
      exitPromise.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${logs.slice(-20).join('\n')}`));
      });
    });
    return { baseURL, stop, logs, db: `sqlite://${dir}/e2e.db`, bin, env };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A loopback port that was free a moment ago. */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
