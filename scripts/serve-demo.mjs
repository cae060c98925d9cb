#!/usr/bin/env node
// Static server for the Deskmate demo workspace (demo/).
// Node built-ins only. Usage:
//   node scripts/serve-demo.mjs            -> http://127.0.0.1:5174/ (or $PORT)
//   import { startDemoServer } from './scripts/serve-demo.mjs'
//   const { url, port, close } = await startDemoServer({ port: 0 });

import http from 'node:http';
import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.resolve(SCRIPT_DIR, '..');
const DEMO_ROOT = path.join(PROJECT_ROOT, 'demo');
const QUILL_ROOT = path.join(PROJECT_ROOT, 'node_modules', 'quill', 'dist');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Resolve `rel` (a URL path, already decoded) inside `root`.
 * Returns null if it would escape `root`.
 */
function resolveInside(root, rel) {
  if (rel.includes('\0')) return null;
  const target = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  return target;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    send(res, 400, 'Bad Request');
    return;
  }

  let file;
  const vendorPrefix = '/vendor/quill/';
  if (pathname.startsWith(vendorPrefix)) {
    file = resolveInside(QUILL_ROOT, pathname.slice(vendorPrefix.length));
  } else {
    file = resolveInside(DEMO_ROOT, pathname);
  }
  if (!file) {
    send(res, 404, 'Not Found');
    return;
  }

  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    send(res, 404, 'Not Found');
  }
}

/**
 * Start the demo server.
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startDemoServer({ port = 0, host = '127.0.0.1' } = {}) {
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing = null;
  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    close() {
      if (!closing) {
        closing = new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        });
      }
      return closing;
    },
  };
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
