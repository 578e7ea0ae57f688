// The private share link: the visitor's choice, never automatic. After a full path, "Make a
// private link" (button[data-action="share"]) shows a link ([data-share-link]) that carries the
// answers in the URL fragment (#ai-act-check=...), which browsers do not send to any server,
// never in the query string; the address bar was not touched before the click. Opening the
// link in a fresh page shows the result directly. A tampered, truncated, outdated or hostile
// fragment restores nothing and says so. (The decoder itself is fuzzed in tests/share_fuzz.rs.)
//
//   node --test tests/e2e/share-link.test.mjs          (after www/build)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, recordRequests, serveDist } from './lib.mjs';
import {
  collectErrors,
  installState,
  scenarioOrSkip,
  setAttr,
  shadowText,
  shadowTexts,
  stateOf,
  waitForWidget,
  walk,
} from './trust-lib.mjs';

const KEY = 'ai-act-check';
const QUERY = '?from=newsletter';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const RESTORED = 'Your answers were restored from the link.';
const NOTHING = /so nothing was restored\.$/;

/** Fletcher-16, as src/share.rs computes the link's checksum. */
function checksum(bytes) {
  let a = 0;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 255;
    b = (b + a) % 255;
  }
  return (b << 8) | a;
}

/** The payload made by another version of the widget: version byte changed, checksum right. */
function outdated(payload) {
  const bytes = Buffer.from(payload, 'base64url');
  bytes[0] = (bytes[0] + 1) & 0xff;
  const sum = checksum(bytes.subarray(0, bytes.length - 2));
  bytes[bytes.length - 2] = sum >> 8;
  bytes[bytes.length - 1] = sum & 0xff;
  return bytes.toString('base64url');
}

/** One character in the middle changed (its lowest bit flipped: never a checksum collision). */
function tampered(payload) {
  const i = Math.floor(payload.length / 2);
  return payload.slice(0, i) + ALPHABET[ALPHABET.indexOf(payload[i]) ^ 1] + payload.slice(i + 1);
}

/** The questions the result lists as answered (their "Change" buttons). */
function answeredQuestions(page) {
  return page.evaluate(() =>
    [...document.querySelector('ai-act-check').shadowRoot.querySelectorAll('[data-action="edit"]')].map((b) => b.dataset.question),
  );
}

/** What a page opened on `url` shows, and what it did. */
async function open(context, url) {
  const page = await context.newPage();
  try {
    await installState(page);
    const errors = collectErrors(page);
    const dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await page.goto(url);
    await waitForWidget(page);
    await page.waitForTimeout(200);
    return {
      state: await stateOf(page, 'ai-act-check'),
      notices: await shadowTexts(page, 'ai-act-check', '[part~="notice"]'),
      verdict: await shadowText(page, 'ai-act-check', '[part~="verdict"]'),
      answered: await answeredQuestions(page),
      back: await page.locator('ai-act-check').locator('button[data-action="back"]').count(),
      scripts: await page.evaluate(() => {
        const inWidget = document.querySelector('ai-act-check').shadowRoot.querySelectorAll('script').length;
        return document.querySelectorAll('script').length + inWidget;
      }),
      errors,
      dialogs,
      page,
    };
  } catch (error) {
    await page.close();
    throw error;
  }
}

const { scenario, skip } = scenarioOrSkip('retailer-chatbot-provider');

describe('the private share link', { skip, timeout: 120_000 }, () => {
  let browser;
  let server;
  const made = { link: '', verdict: '', answered: [], before: {}, requestsOnClick: [] };

  before(async () => {
    server = await serveDist({ csp: true });
    browser = await launch();
    const { page } = browser;
    await installState(page);
    // Every change of the address bar by script, counted from the first byte of the page.
    await page.addInitScript(() => {
      window.__historyCalls = [];
      for (const name of ['pushState', 'replaceState']) {
        const original = History.prototype[name];
        History.prototype[name] = function (...args) {
          window.__historyCalls.push(`${name} ${args[2] ?? ''}`);
          return original.apply(this, args);
        };
      }
    });
    const recorder = recordRequests(page);
    const start = new URL(`index.html${QUERY}`, server.url).href;
    await page.goto(start);
    await waitForWidget(page);
    await setAttr(page, 'ai-act-check', 'as-of', scenario.facts.as_of);
    await walk(page, { facts: scenario.facts });
    made.verdict = await shadowText(page, 'ai-act-check', '[part~="verdict"]');
    made.answered = await answeredQuestions(page);
    made.before = {
      url: page.url(),
      start,
      hash: await page.evaluate(() => location.hash),
      historyCalls: await page.evaluate(() => window.__historyCalls),
      link: await page.locator('ai-act-check').locator('[data-share-link]').count(),
    };

    const mark = recorder.mark();
    await page.locator('ai-act-check').locator('button[data-action="share"]').click();
    const field = page.locator('ai-act-check').locator('[data-share-link]');
    await field.waitFor({ state: 'visible' });
    made.link = await field.inputValue();
    made.after = { url: page.url() };
    await page.waitForTimeout(200);
    made.requestsOnClick = recorder.since(mark).map((r) => r.url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is made only when the visitor asks: nothing in the address bar before the click', () => {
    assert.deepEqual(made.before, { url: made.before.start, start: made.before.start, hash: '', historyCalls: [], link: 0 });
    assert.ok(
      [made.before.start, made.link].includes(made.after.url),
      `after the click the address is the page's or the link: ${made.after.url}`,
    );
    assert.deepEqual(made.requestsOnClick, [], 'making the link sends nothing');
  });

  it('carries the answers in the fragment, never in the query string', () => {
    const url = new URL(made.link);
    const start = new URL(made.before.start);
    assert.equal(url.origin + url.pathname, start.origin + start.pathname, 'a link to the same page');
    assert.equal(url.search, QUERY, 'the query string is the page\'s own, unchanged');
    assert.match(url.hash, new RegExp(`^#${KEY}=[A-Za-z0-9_-]{8,}$`), 'the answers are in #ai-act-check=..., base64url');
    const payload = url.hash.slice(KEY.length + 2);
    assert.ok(!url.search.includes(payload) && !url.pathname.includes(payload), 'the payload appears only in the fragment');
    // Not readable as the answers themselves.
    assert.ok(!/provider|deployer|chatbot/i.test(made.link), 'no answer in clear text');
  });

  it('restores the answers in a fresh page: the result directly', async () => {
    const restored = await open(browser.context, made.link);
    try {
      assert.ok(restored.state?.result, `the result shows at once (state ${JSON.stringify(restored.state)})`);
      assert.deepEqual(restored.notices, [RESTORED], 'and says where the answers came from');
      assert.deepEqual(restored.answered, made.answered, 'the same answers');
      await setAttr(restored.page, 'ai-act-check', 'as-of', scenario.facts.as_of);
      await restored.page.waitForTimeout(100);
      assert.equal(await shadowText(restored.page, 'ai-act-check', '[part~="verdict"]'), made.verdict, 'the same verdict');
      assert.deepEqual(restored.errors.page, [], 'no uncaught error');
    } finally {
      await restored.page.close();
    }
  });

  const payload = () => new URL(made.link).hash.slice(KEY.length + 2);
  const BAD = [
    {
      name: 'tampered (one character changed)',
      fragment: () => tampered(payload()),
      says: 'The link is incomplete or was changed, so nothing was restored.',
    },
    { name: 'truncated', fragment: () => payload().slice(0, -3), says: NOTHING },
    { name: 'truncated by two characters', fragment: () => payload().slice(0, -2), says: NOTHING },
    {
      name: 'outdated (version byte changed)',
      fragment: () => outdated(payload()),
      says: 'The link was made for another version of this self-check, so nothing was restored.',
    },
    { name: 'hostile (<script>)', fragment: () => '<script>alert(1)</script>', says: NOTHING },
    { name: 'hostile (5000 characters)', fragment: () => `<script>alert(1)</script>${'A'.repeat(5000 - 25)}`, says: NOTHING },
  ];
  for (const bad of BAD) {
    it(`the ${bad.name} link restores nothing and says so`, async () => {
      const fragment = bad.fragment();
      assert.notEqual(fragment, payload(), 'the link was changed');
      const shown = await open(browser.context, `${new URL('index.html', server.url).href}#${KEY}=${fragment}`);
      try {
        assert.equal(shown.state?.result, false, 'no result');
        assert.equal(shown.back, 0, 'the first question, with no earlier answer');
        assert.equal(shown.notices.length, 1, `one notice (${JSON.stringify(shown.notices)})`);
        if (typeof bad.says === 'string') assert.equal(shown.notices[0], bad.says);
        else assert.match(shown.notices[0], bad.says);
        assert.deepEqual(shown.dialogs, [], 'no dialog');
        assert.equal(shown.scripts, 1, 'no script element was made of it (the page has its one loader)');
        assert.deepEqual(shown.errors.page, [], 'no uncaught error');
      } finally {
        await shown.page.close();
      }
    });
  }
});
