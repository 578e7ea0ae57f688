#!/usr/bin/env node
// A static file server for the built element, with no dependencies.
//
//   node scripts/serve.mjs [FOLDER] [--port N] [--csp]
//
// FOLDER defaults to dist/ (in the repository). Binds 127.0.0.1 only. --port defaults to 8080;
// --port 0 picks a free port. The URL is printed once the server listens. --csp adds the strict
// Content-Security-Policy an embedding site may use (see CSP below) to every response.
//
// GET and HEAD only; a folder serves its index.html (there is no directory listing); a path that
// leaves the folder, also through a symbolic link, is refused with 403; every response carries
// Cache-Control: no-store so a rebuilt dist/ is always what the browser sees.
//
// Also a module: `import { serve } from './serve.mjs'`,
//   const { url, close } = await serve({ root, port: 0, csp: true });

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = path.resolve(HERE, '..', 'dist');

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self' data:";

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Serves `root` on 127.0.0.1:`port` (0: a free port). Resolves once listening.
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function serve({ root = DEFAULT_ROOT, port = 8080, csp = false } = {}) {
  const realRoot = await realpath(path.resolve(root)).catch(() => {
    throw new Error(`serve: folder ${root} does not exist`);
  });

  const server = createServer(async (req, res) => {
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (csp) headers['Content-Security-Policy'] = CSP;
    const fail = (status, message, extra = {}) => {
      const body = `${status} ${message}\n`;
      res.writeHead(status, {
        ...headers,
        ...extra,
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };

    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return fail(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      } catch {
        return fail(400, 'Bad Request');
      }
      // Refuse traversal outright rather than normalising it away, also with backslashes.
      if (pathname.includes('\0') || pathname.split(/[/\\]/).includes('..')) {
        return fail(403, 'Forbidden');
      }
      let file = path.join(realRoot, pathname);
      if (!isInside(realRoot, file)) return fail(403, 'Forbidden');

      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          const query = new URL(req.url, 'http://localhost').search;
          return fail(301, 'Moved Permanently', { Location: `${pathname}/${query}` });
        }
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return fail(404, 'Not Found');

      // A symbolic link must not lead out of the folder either.
      const realFile = await realpath(file);
      if (!isInside(realRoot, realFile)) return fail(403, 'Forbidden');

      res.writeHead(200, {
        ...headers,
        'Content-Type': mimeType(realFile),
        'Content-Length': info.size,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(realFile)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (error) {
      if (!res.headersSent) fail(500, 'Internal Server Error');
      else res.destroy();
      console.error('serve:', error);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseArgs(argv) {
  const options = { root: DEFAULT_ROOT, port: 8080, csp: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--csp') options.csp = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg.includes('=') ? arg.slice('--port='.length) : argv[++i];
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port wants a number from 0 to 65535, not ${value}`);
      }
      options.port = port;
    } else if (arg === '-h' || arg === '--help') {
      options.help = true;
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}`);
    } else options.root = path.resolve(arg);
  }
  return options;
}

const USAGE = 'usage: node scripts/serve.mjs [FOLDER] [--port N] [--csp]   (FOLDER: dist/, N: 8080)';

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`serve: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  let server;
  try {
    server = await serve(options);
  } catch (error) {
    console.error(`serve: ${error.code === 'EADDRINUSE' ? `port ${options.port} is in use` : error.message}`);
    process.exit(1);
  }
  const shown = path.relative(process.cwd(), options.root) || '.';
  console.log(`Serving ${shown}${options.csp ? ' (with CSP)' : ''} at ${server.url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const invoked = process.argv[1] && (await realpath(process.argv[1]).catch(() => process.argv[1]));
if (invoked && import.meta.url === pathToFileURL(invoked).href) await main();
