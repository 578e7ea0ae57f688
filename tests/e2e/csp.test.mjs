// The element under the strict Content-Security-Policy of an embedding site:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
//   connect-src 'self'; img-src 'self' data:
// On index.html and example.html (two instances) a full path is walked on every instance while
// `securitypolicyviolation` events (which cross shadow roots) and console errors are collected
// from before the first byte of the page. Any inline style attribute, <style> element, inline
// script, eval, or request to another origin would show up as a violation.
//
//   node --test tests/e2e/csp.test.mjs          (after www/build)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CSP } from '../../scripts/serve.mjs';
import {
  collectErrors,
  installCspRecorder,
  installState,
  scenarioOrSkip,
  setAttr,
  shadowText,
  startSite,
  waitForWidget,
  walk,
} from './trust-lib.mjs';

const PAGES = [
  { page: 'index.html', walks: [{ selector: 'ai-act-check', id: 'extraterritorial-recruiting' }] },
  {
    page: 'example.html',
    walks: [
      { selector: '#german', id: 'retailer-chatbot-provider' },
      { selector: '#themed', id: 'gpai-designated-systemic' },
    ],
  },
];

const { skip } = scenarioOrSkip('extraterritorial-recruiting');

describe('the widget under a strict Content-Security-Policy', { skip, timeout: 180_000 }, () => {
  let site;
  let browser;
  let server;

  before(async () => {
    site = await startSite({ csp: true });
    ({ browser, server } = site);
  });

  after(() => site?.close());

  for (const { page: pageName, walks } of PAGES) {
    it(`${pageName}: ${walks.length} full path(s), no violation, no console error`, async () => {
      const page = await browser.context.newPage();
      try {
        await installState(page);
        await installCspRecorder(page);
        const errors = collectErrors(page);
        const response = await page.goto(new URL(pageName, server.url).href);
        assert.equal(response.headers()['content-security-policy'], CSP, 'the page is served with the strict CSP');
        const styling = {};
        const styleAttributesAtResult = {};

        for (const { selector, id } of walks) {
          const { scenario } = scenarioOrSkip(id);
          await waitForWidget(page, selector);
          // The styles come only as an adopted, constructable stylesheet (checked at the end).
          styling[selector] = await page.evaluate((s) => {
            const root = document.querySelector(s).shadowRoot;
            return {
              adopted: root.adoptedStyleSheets.length,
              styleElements: root.querySelectorAll('style, link[rel="stylesheet"]').length,
              styleAttributes: root.querySelectorAll('[style]').length,
            };
          }, selector);
          await setAttr(page, selector, 'as-of', scenario.facts.as_of);
          await walk(page, { selector, facts: scenario.facts });
          const verdict = await shadowText(page, selector, '[part~="verdict"]');
          assert.ok(verdict, `${selector} reached a verdict under the CSP`);
          styleAttributesAtResult[selector] = await page.evaluate(
            (s) => document.querySelector(s).shadowRoot.querySelectorAll('[style]').length,
            selector,
          );
        }
        if (pageName === 'example.html') {
          // The host page's own script (example.js) works too, and sees both results.
          const last = await page.locator('#last-event').textContent();
          assert.match(last, /^Result from themed: in scope true/, 'example.js received the second widget\'s result');
        }
        await page.waitForTimeout(300);
        assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no securitypolicyviolation event');
        assert.deepEqual(errors.console, [], 'no console error or warning');
        assert.deepEqual(errors.page, [], 'no uncaught error');
        for (const { selector } of walks) {
          assert.deepEqual(
            styling[selector],
            { adopted: 1, styleElements: 0, styleAttributes: 0 },
            `${selector}: one adopted stylesheet, no inline style`,
          );
          assert.equal(styleAttributesAtResult[selector], 0, `${selector}: no style attribute at the result either`);
        }
      } finally {
        await page.close();
      }
    });
  }
});
