// Helpers for the end-to-end tests: headless Debian Chromium through playwright-core, the
// built dist/ served on a free loopback port, and a record of the page's requests.
//
// Nothing here downloads a browser: playwright-core drives /usr/bin/chromium (override with
// the CHROMIUM environment variable). Run the tests with `node --test tests/e2e/` after
// `www/build` (scripts/test does both).

import { mkdtemp, rm, mkdir, access } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const SCREENSHOTS = path.join(ROOT, 'target', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The flags headless Chromium needs here: as root, on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Starts headless Chromium with a fresh, empty profile.
 * @returns {Promise<{context: import('playwright-core').BrowserContext,
 *   page: import('playwright-core').Page, close: () => Promise<void>}>}
 */
export async function launch({ viewport = { width: 1280, height: 900 }, locale = 'en-GB' } = {}) {
  await access(CHROMIUM).catch(() => {
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/setup browser`);
  });
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'ai-act-check-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport,
      deviceScaleFactor: 1,
      locale,
      args: [...CHROMIUM_ARGS, `--lang=${locale}`],
      timezoneId: 'Europe/Brussels',
      reducedMotion: 'reduce',
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Serves dist/ on a free loopback port, optionally with the strict CSP of scripts/serve.mjs.
 * @returns {Promise<{url: string, origin: string, close: () => Promise<void>}>}
 */
export async function serveDist({ csp = false } = {}) {
  await access(path.join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run www/build first');
  });
  const server = await serve({ root: DIST, port: 0, csp });
  return { ...server, origin: new URL(server.url).origin };
}

/**
 * Records every request the page makes (documents, scripts, the .wasm, fetches, images...),
 * in order, with the time it was seen. Attach before page.goto().
 * @returns {{requests: {url: string, method: string, resourceType: string, postData: ?string,
 *   time: number}[],
 *   mark: () => number, since: (mark: number) => object[]}}
 */
export function recordRequests(page) {
  const requests = [];
  page.on('request', (request) => {
    requests.push({
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      postData: request.postData(),
      time: Date.now(),
    });
  });
  return {
    requests,
    /** The number of requests so far: pass it to since() later. */
    mark: () => requests.length,
    since: (mark) => requests.slice(mark),
  };
}

/** Where a screenshot named `name` goes: target/screenshots/NAME.png (the folder is made). */
export async function screenshotPath(name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** Reads a scenario of ../shared/scenarios by id, or returns null when shared/ is not there. */
export function readScenario(id) {
  try {
    return JSON.parse(readFileSync(path.join(SHARED, 'scenarios', `${id}.json`), 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Runs axe-core (the pinned package) in the page against `include` (a CSS selector; axe
 * descends into open shadow roots) and returns its violations. axe's source is evaluated
 * through the DevTools protocol, so it runs under the strict CSP too.
 */
export async function axeViolations(page, { include = 'body', tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } = {}) {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const results = await page.evaluate(
    ([selector, runOnly]) =>
      globalThis.axe.run(
        { include: [selector] },
        { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] },
      ),
    [include, tags],
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}
