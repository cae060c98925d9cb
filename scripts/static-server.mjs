// A small static file server on loopback for the demo workspace and the test fixtures.
// Node built-ins only.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

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

async function handle(mounts, req, res) {
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

  // The first mount whose URL prefix matches serves the request.
  const mount = mounts.find(([prefix]) => pathname.startsWith(prefix));
  let file = mount ? resolveInside(mount[1], pathname.slice(mount[0].length)) : null;
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
 * Serves folders on loopback: `mounts` is a list of [URL prefix, folder], first match wins.
 * GET/HEAD only, no caching, nothing outside the folders (path traversal gets 404).
 * @param {{ mounts: [string, string][], port?: number, host?: string }} options
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startStaticServer({ mounts, port = 0, host = '127.0.0.1' }) {
  const server = http.createServer((req, res) => {
    handle(mounts, req, res).catch(() => {
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
