// Helpers shared by the trust tests (privacy, csp, hostile, bad-input, share-link, a11y) and
// the trainer test:
// walking a scenario through the element's DOM contract, serving dist/ together with the
// fixture pages of tests/e2e/pages/, and recording what a page did that it should not.
//
// The DOM contract is the one widget.test.mjs describes: inside the element's open shadow root,
// one <fieldset part="question" data-question="FACT ID"> at a time, radio buttons, checkboxes,
// date and number fields by value, button[data-action=next], and the result [part~=result].

import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { DIST, launch, readScenario, serveDist } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The fixture pages (hostile.html, remember.html, ...), served next to dist/'s files. */
export const PAGES = path.join(HERE, 'pages');

export const STEP_TIMEOUT = 10_000;
export const MAX_STEPS = 60;
/** The tags the issue asks for: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A scenario of ../shared/scenarios, or a skip reason for node:test when it is not there. */
export function scenarioOrSkip(id) {
  const scenario = readScenario(id);
  return { scenario, skip: scenario ? false : `../shared/scenarios/${id}.json is not there` };
}

/**
 * Serves a temporary folder made of dist/ plus the fixture pages of tests/e2e/pages/ (so a
 * fixture loads `ai-act-check.js` from its own origin, as an embedding site would).
 * @returns {Promise<{url: string, origin: string, close: () => Promise<void>}>}
 */
export async function serveWithFixtures({ csp = false } = {}) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ai-act-check-site-'));
  try {
    await cp(DIST, root, { recursive: true });
    for (const name of await readdir(PAGES)) {
      await cp(path.join(PAGES, name), path.join(root, name), { errorOnExist: true, force: false });
    }
    const server = await serve({ root, port: 0, csp });
    return {
      ...server,
      origin: new URL(server.url).origin,
      close: async () => {
        await server.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Installs window.__aiActCheckStateOf(selector) in every document of the page (an init script,
 * which the page's CSP does not govern): the current question ids of that element, or that it
 * shows the result or the crash state.
 */
export async function installState(page) {
  await page.addInitScript(() => {
    window.__aiActCheckStateOf = (selector) => {
      const root = document.querySelector(selector)?.shadowRoot;
      if (!root) return null;
      if (root.querySelector('[data-action="recover"]')) return { crashed: true };
      if (root.querySelector('[part~="result"]')) return { result: true };
      const fieldsets = [...root.querySelectorAll('fieldset[part~="question"]')];
      if (fieldsets.length === 0) return null;
      return { result: false, questions: fieldsets.map((f) => f.dataset.question) };
    };
  });
}

/** Records `securitypolicyviolation` events (they cross shadow roots) in window.__cspViolations. */
export async function installCspRecorder(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        window.__cspViolations.push({
          directive: event.effectiveDirective || event.violatedDirective,
          blocked: event.blockedURI,
          sample: event.sample,
          source: event.sourceFile ? `${event.sourceFile}:${event.lineNumber}` : '',
        });
      },
      true,
    );
  });
}

/** Collects uncaught page errors and console errors/warnings as strings. */
export function collectErrors(page) {
  const errors = { page: [], console: [] };
  page.on('pageerror', (error) => errors.page.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.console.push(`${message.type()}: ${message.text()}`);
  });
  return errors;
}

/**
 * A test file's site and browser: dist/ served (with the fixture pages when `fixtures`), and a
 * fresh headless Chromium. `close()` stops both.
 */
export async function startSite({ csp = true, fixtures = false, viewport } = {}) {
  const server = fixtures ? await serveWithFixtures({ csp }) : await serveDist({ csp });
  const browser = await launch(viewport ? { viewport } : {}).catch(async (error) => {
    await server.close();
    throw error;
  });
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { server, browser, close };
}

/**
 * Opens the fixture or dist page `pageName` on its own site, watched: the state helper, a
 * record of CSP violations and of the page's errors are installed before it loads.
 */
export async function openWatched(pageName, { csp = true, viewport } = {}) {
  const site = await startSite({ csp, fixtures: true, viewport });
  const { page } = site.browser;
  await installState(page);
  await installCspRecorder(page);
  const errors = collectErrors(page);
  await page.goto(new URL(pageName, site.server.url).href);
  return { ...site, page, errors };
}

/** The current state of the element `selector` (see installState). */
export function stateOf(page, selector) {
  return page.evaluate((s) => window.__aiActCheckStateOf(s), selector);
}

/** Waits until the element `selector` shows its first question (or a restored result). */
export async function waitForWidget(page, selector = 'ai-act-check', { timeout = 30_000 } = {}) {
  await page.waitForFunction(
    (s) => {
      const state = window.__aiActCheckStateOf(s);
      return state && (state.result || state.questions?.length);
    },
    selector,
    { timeout },
  );
}

/** Answers the current fieldset with a fact value of a scenario, through the mouse/pointer. */
export async function answer(fieldset, question, value) {
  const input = (selector) => fieldset.locator(selector);
  const radio = async (id) => {
    const choice = input(`input[type="radio"][value="${id}"]`);
    if ((await choice.count()) !== 1) {
      const offered = await fieldset.locator('input[type="radio"]').evaluateAll((inputs) => inputs.map((i) => i.value));
      throw new Error(`question "${question}": no radio button with value "${id}" (offered: ${offered.join(', ')})`);
    }
    await choice.check();
  };
  if (value === true) return radio('yes');
  if (value === false) return radio('no');
  if (value === 'unsure') return radio('unsure');
  if (typeof value === 'number') return input('input[type="number"]').fill(String(value));
  if (Array.isArray(value)) {
    const boxes = input('input[type="checkbox"]');
    const offered = await boxes.evaluateAll((inputs) => inputs.map((i) => i.value));
    const unknown = value.filter((v) => !offered.includes(v));
    if (unknown.length) {
      throw new Error(`question "${question}": no checkbox for ${unknown.join(', ')} (offered: ${offered.join(', ')})`);
    }
    for (let i = 0; i < offered.length; i++) await boxes.nth(i).setChecked(value.includes(offered[i]));
    return;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return input('input[type="date"]').fill(value);
  if (typeof value === 'string') return radio(value);
  throw new Error(`question "${question}": cannot enter the fact value ${JSON.stringify(value)}`);
}

/**
 * Walks the element `selector` from its current question to the result with the scenario's
 * facts. `onQuestion(question, step)` runs before each answer (for checks along the way);
 * `until(question)` stops the walk before answering that question (returns its id).
 * @returns {Promise<{steps: string[], stoppedAt?: string}>}
 */
export async function walk(page, { selector = 'ai-act-check', facts, onQuestion, until } = {}) {
  const host = page.locator(selector);
  const steps = [];
  for (let step = 0; ; step++) {
    const now = await stateOf(page, selector);
    if (now?.result) return { steps };
    if (now?.crashed) throw new Error(`the widget ${selector} crashed after ${steps.join(' > ')}`);
    if (step >= MAX_STEPS) throw new Error(`no result after ${MAX_STEPS} steps: ${steps.join(' > ')}`);
    if (!now?.questions?.length) throw new Error(`the widget ${selector} shows neither a question nor the result`);
    const question = now.questions[0];
    if (until?.(question)) return { steps, stoppedAt: question };
    if (!Object.hasOwn(facts, question)) {
      throw new Error(`question "${question}" has no answer in the scenario (answered so far: ${steps.join(' > ') || 'nothing'})`);
    }
    await onQuestion?.(question, step);
    const fieldset = host.locator(`fieldset[part~="question"][data-question="${question}"]`);
    await answer(fieldset, question, facts[question]);
    steps.push(question);
    await host.locator('button[data-action="next"]').click();
    await page
      .waitForFunction(
        ([s, previous]) => {
          const state = window.__aiActCheckStateOf(s);
          return state && (state.result || state.crashed || state.questions?.[0] !== previous);
        },
        [selector, question],
        { timeout: STEP_TIMEOUT },
      )
      .catch(async () => {
        const error = await fieldset.locator('[role="alert"]').first().textContent({ timeout: 500 }).catch(() => '');
        const said = error ? `: "${error.trim()}"` : '';
        throw new Error(`question "${question}" did not advance after answering ${JSON.stringify(facts[question])}${said}`);
      });
  }
}

/** Text of the first match of `css` inside the shadow root of `selector` ('' when none). */
export function shadowText(page, selector, css) {
  return page.evaluate(
    ([s, c]) => document.querySelector(s)?.shadowRoot?.querySelector(c)?.textContent?.trim() ?? '',
    [selector, css],
  );
}

/** Texts of every match of `css` inside the shadow root of `selector`. */
export function shadowTexts(page, selector, css) {
  return page.evaluate(
    ([s, c]) => [...(document.querySelector(s)?.shadowRoot?.querySelectorAll(c) ?? [])].map((e) => e.textContent.trim()),
    [selector, css],
  );
}

/** Sets (or, with null, removes) an attribute of the element `selector` at run time. */
export function setAttr(page, selector, name, value) {
  return page.evaluate(
    ([s, n, v]) => (v === null ? document.querySelector(s).removeAttribute(n) : document.querySelector(s).setAttribute(n, v)),
    [selector, name, value],
  );
}

/**
 * Everything the page kept in the browser: localStorage and sessionStorage keys, IndexedDB
 * databases, Cache Storage caches, service workers and cookies (document.cookie and the
 * browser context's jar).
 */
export async function storedState(page) {
  const inPage = await page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: globalThis.caches ? await caches.keys() : [],
    serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope) : [],
    documentCookie: document.cookie,
  }));
  const cookies = (await page.context().cookies()).map((c) => `${c.name} (${c.domain})`);
  return { ...inPage, cookies };
}
