#!/usr/bin/env node
// Transfer sizes of a first visit of dist/index.html: which files the page loads (found by
// loading it once in headless Chromium and recording its requests), and their raw, gzip
// (level 9) and brotli (quality 11) sizes, computed here with node's zlib, so the numbers are
// deterministic: no timing, no server compression.
//
//   node tests/e2e/sizes.mjs       prints the table (scripts/size does this)
//
// Used by budget.test.mjs.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { DIST, launch, recordRequests, serveDist } from './lib.mjs';

export const KIB = 1024;
/** The first-visit budget: everything index.html loads, brotli-compressed. */
export const BROTLI_BUDGET = 150 * KIB;

/**
 * Loads index.html once in headless Chromium (under the strict CSP), with the browser's
 * language set to `locale`, and returns the dist/ files it requested, in request order,
 * without duplicates.
 * @returns {Promise<{files: string[], foreign: string[], missing: string[]}>}
 */
export async function firstVisitFiles({ page: pageName = 'index.html', locale = 'en-GB' } = {}) {
  const server = await serveDist({ csp: true });
  const browser = await launch({ locale });
  try {
    const { page } = browser;
    const recorder = recordRequests(page);
    await page.goto(new URL(pageName, server.url).href, { waitUntil: 'networkidle' });
    // The element loads its module, .wasm and stylesheet once it is defined and connected.
    await page
      .waitForFunction(() => customElements.get('ai-act-check') !== undefined, null, { timeout: 15_000 })
      .catch(() => {});
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await page.waitForLoadState('networkidle');

    const files = [];
    const foreign = [];
    const missing = [];
    for (const { url } of recorder.requests) {
      const parsed = new URL(url);
      if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') continue;
      if (parsed.origin !== server.origin) {
        foreign.push(url);
        continue;
      }
      let rel = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      if (files.includes(rel) || missing.includes(rel)) continue;
      try {
        await readFile(path.join(DIST, rel));
        files.push(rel);
      } catch {
        missing.push(rel);
      }
    }
    return { files, foreign, missing };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Raw, gzip -9 and brotli q11 sizes of one buffer. */
export function compressedSizes(buffer) {
  return {
    raw: buffer.length,
    gzip: zlib.gzipSync(buffer, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buffer, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** Sizes of dist/ files (paths relative to dist/), plus their total. */
export async function measure(files) {
  const rows = [];
  for (const file of files) {
    rows.push({ file, ...compressedSizes(await readFile(path.join(DIST, file))) });
  }
  const total = rows.reduce(
    (sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
  return { rows, total };
}

const kib = (bytes) => `${(bytes / KIB).toFixed(1)} KiB`;

/** The table as text: one line per file, then the total and the budget. */
export function formatTable({ rows, total }, budget = BROTLI_BUDGET) {
  const width = Math.max('total'.length, ...rows.map((r) => r.file.length));
  const cell = (bytes) => `${String(bytes).padStart(9)} ${kib(bytes).padStart(10)}`;
  const head = `${'file'.padEnd(width)}  ${'raw (bytes)'.padStart(20)}  ${'gzip -9'.padStart(20)}  ${'brotli q11'.padStart(20)}`;
  const line = (name, s) => `${name.padEnd(width)}  ${cell(s.raw)}  ${cell(s.gzip)}  ${cell(s.brotli)}`;
  const out = [head, '-'.repeat(head.length), ...rows.map((r) => line(r.file, r)), '-'.repeat(head.length)];
  out.push(line('total', total));
  const verdict = total.brotli <= budget ? 'within' : 'OVER';
  out.push(`brotli budget ${kib(budget)}: ${verdict} (${kib(total.brotli)}, ${((100 * total.brotli) / budget).toFixed(0)}%)`);
  return out.join('\n');
}

async function main() {
  const { files, foreign, missing } = await firstVisitFiles();
  const sizes = await measure(files);
  console.log(`First visit of dist/index.html: ${files.length} files`);
  console.log(formatTable(sizes));
  if (foreign.length) console.log(`requests to other origins (not measured): ${foreign.join(', ')}`);
  if (missing.length) console.log(`requested but not in dist/ (404): ${missing.join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`size: ${error.message}`);
    process.exit(1);
  });
}

