#!/usr/bin/env node
// Static server for the Deskmate demo workspace (demo/).
// Node built-ins only. Usage:
//   node scripts/serve-demo.mjs            -> http://127.0.0.1:5174/ (or $PORT)
//   import { startDemoServer } from './scripts/serve-demo.mjs'
//   const { url, port, close } = await startDemoServer({ port: 0 });

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.resolve(SCRIPT_DIR, '..');
const DEMO_ROOT = path.join(PROJECT_ROOT, 'demo');
const QUILL_ROOT = path.join(PROJECT_ROOT, 'node_modules', 'quill', 'dist');

/**
 * Start the demo server: demo/ at "/", Quill's dist at "/vendor/quill/".
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startDemoServer({ port = 0, host = '127.0.0.1' } = {}) {
  return startStaticServer({
    mounts: [
      ['/vendor/quill/', QUILL_ROOT],
      ['/', DEMO_ROOT],
    ],
    port,
    host,
  });
}

const invokedDirectly = (() => {
  if (!process.argv[1]) return false;
  try {
    return path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  const port = Number(process.env.PORT || 5174);
  const { url, close } = await startDemoServer({ port });
  console.log(`Deskmate demo workspace: ${url}`);
  const stop = () => {
    close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
