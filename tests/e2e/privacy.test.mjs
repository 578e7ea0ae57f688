// No data leaves the page. Every request of the page is recorded (page.on('request'), and
// WebSockets) from the navigation to the result of complete paths through the widget: three
// scenarios of ../shared/scenarios in English on index.html, and one in German on example.html
// (lang="de" loads the same-origin pack lang/de.json before the first question). Before the
// first question is visible the page loads only same-origin files; after it, one static file
// at most: the language's help and result texts (lang/<code>.details.json), the same file for
// every visitor of that language, fetched by GET with no body and no query but the build's
// version (?v=<8 hex digits>). Nothing else.
// After the paths nothing was kept in the browser: no localStorage, sessionStorage, IndexedDB,
// Cache Storage, service worker or cookie, unless the host opts in with `remember` (then
// exactly one localStorage key, which "Forget my answers" removes).
//
// Served WITHOUT a Content-Security-Policy on purpose: a CSP would block a request to another
// origin before it is made, and hide the leak this test is there to find.
//
//   node --test tests/e2e/privacy.test.mjs          (after www/build)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, recordRequests } from './lib.mjs';
import {
  installState,
  scenarioOrSkip,
  setAttr,
  shadowText,
  startSite,
  stateOf,
  storedState,
  waitForWidget,
  walk,
} from './trust-lib.mjs';

const NOTHING_STORED = {
  localStorage: [],
  sessionStorage: [],
  indexedDB: [],
  caches: [],
  serviceWorkers: [],
  documentCookie: '',
  cookies: [],
};

const PATHS = [
  { id: 'extraterritorial-recruiting', page: 'index.html', selector: 'ai-act-check' },
  { id: 'retailer-chatbot-provider', page: 'index.html', selector: 'ai-act-check' },
  { id: 'gpai-designated-systemic', page: 'index.html', selector: 'ai-act-check' },
  // example.html: <ai-act-check id="german" lang="de" theme="dark"> (and a second, English one).
  { id: 'extraterritorial-recruiting', page: 'example.html', selector: '#german', lang: 'de' },
];

/**
 * Opens `pageName`, records its requests and walks `selector` to the result with the facts of
 * scenario `id`. Returns the requests before and after the first question was visible.
 */
async function walkRecorded(context, server, { id, page: pageName, selector }) {
  const { scenario } = scenarioOrSkip(id);
  const page = await context.newPage();
  try {
    await installState(page);
    const recorder = recordRequests(page);
    const sockets = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(new URL(pageName, server.url).href);
    await waitForWidget(page, selector);
    await page.locator(selector).locator('fieldset[part~="question"] legend').first().waitFor({ state: 'visible' });
    const mark = recorder.mark();
    const lang = await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.panel').lang, selector);

    await setAttr(page, selector, 'as-of', scenario.facts.as_of);
    const { steps } = await walk(page, { selector, facts: scenario.facts });
    assert.ok((await stateOf(page, selector))?.result, 'the path ends at the result');
    const verdict = await shadowText(page, selector, '[part~="verdict"]');
    // Anything still in flight, or sent on a timer after the result, shows up by now.
    await page.waitForTimeout(500);
    return {
      before: recorder.requests.slice(0, mark),
      after: recorder.since(mark),
      sockets,
      pageErrors,
      steps,
      verdict,
      lang,
      stored: await storedState(page),
    };
  } finally {
    await page.close();
  }
}

function foreignRequests(requests, origin) {
  return requests.map((r) => r.url).filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
}

const { skip } = scenarioOrSkip('extraterritorial-recruiting');

describe('no data leaves the page', { skip, timeout: 240_000 }, () => {
  let site;
  let browser;
  let server;

  before(async () => {
    site = await startSite({ csp: false, fixtures: true });
    ({ browser, server } = site);
  });

  after(() => site?.close());

  for (const path of PATHS) {
    const label = `${path.id} (${path.lang ?? 'en'}, ${path.page} ${path.selector})`;
    it(`${label}: same-origin files before the first question, no request after it, nothing stored`, async () => {
      const run = await walkRecorded(browser.context, server, path);
      assert.ok(run.verdict, `the result shows a verdict after ${run.steps.length} questions`);
      assert.deepEqual(run.pageErrors, [], 'no uncaught error in the page');

      assert.ok(run.before.length > 0, 'the requests of the first load were recorded');
      assert.deepEqual(foreignRequests(run.before, server.origin), [], 'before the first question: same-origin requests only');
      const loaded = run.before.map((r) => new URL(r.url).pathname);
      for (const file of ['/ai-act-check.js', '/ai-act-check.css', '/pkg/ai_act_check.js', '/pkg/ai_act_check_bg.wasm']) {
        assert.ok(loaded.includes(file), `the widget loaded ${file} from its own origin (loaded: ${loaded.join(', ')})`);
      }
      if (path.lang === 'de') {
        assert.ok(
          loaded.includes('/lang/de.json'),
          `lang="de" loads lang/de.json before the first question (loaded: ${loaded.join(', ')})`,
        );
        assert.equal(run.lang, 'de', 'the widget speaks German');
      }
      const details = new URL(`lang/${path.lang ?? 'en'}.details.json`, server.url).href;
      assert.deepEqual(
        run.after.map((r) => `${r.method} ${r.url.replace(/\?v=[0-9a-f]{8}$/, '')} (${r.resourceType})`),
        [`GET ${details} (fetch)`],
        `after the first question only the language's details texts (${run.steps.length} questions answered)`,
      );
      const queries = [...run.before, ...run.after].map((r) => new URL(r.url).search).filter(Boolean);
      assert.ok(
        queries.every((q) => q === queries[0] && /^\?v=[0-9a-f]{8}$/.test(q)),
        `the only query is the packs' version, the same on every request: ${queries.join(', ')}`,
      );
      assert.ok(run.after.every((r) => r.postData == null), 'no request carries a body');
      assert.deepEqual(run.sockets, [], 'no WebSocket');
      assert.deepEqual(run.stored, NOTHING_STORED, 'nothing was kept in the browser');
    });
  }

  it('with `remember`: exactly one localStorage key, and "Forget my answers" removes it', async () => {
    const { scenario } = scenarioOrSkip('retailer-chatbot-provider');
    // A fresh profile, so nothing of the paths above can hide in the counts.
    const own = await launch();
    try {
      const { page } = own;
      await installState(page);
      const recorder = recordRequests(page);
      await page.goto(new URL('remember.html', server.url).href);
      await waitForWidget(page, '#kept');
      const mark = recorder.mark();
      assert.deepEqual(await storedState(page), NOTHING_STORED, 'nothing is kept before the first answer');

      await setAttr(page, '#kept', 'as-of', scenario.facts.as_of);
      await walk(page, { selector: '#kept', facts: scenario.facts });
      const verdict = await shadowText(page, '#kept', '[part~="verdict"]');
      await page.waitForTimeout(300);
      assert.deepEqual(
        recorder.since(mark).map((r) => new URL(r.url).pathname),
        ['/lang/en.details.json'],
        'remembering sends nothing either: the only request is the static texts file',
      );
      assert.deepEqual(
        await storedState(page),
        { ...NOTHING_STORED, localStorage: ['ai-act-check-kept'] },
        'exactly one localStorage key, named after the element id, and nothing else',
      );

      // The host opted in: a reload restores the answers, and the visitor can take them back.
      await page.reload();
      await waitForWidget(page, '#kept');
      assert.ok((await stateOf(page, '#kept'))?.result, 'the kept answers show the result again after a reload');
      assert.equal(await shadowText(page, '#kept', '[part~="verdict"]'), verdict, 'the same verdict');
      const forget = page.locator('#kept').locator('button[data-action="forget"]');
      await forget.click();
      await page.waitForFunction(() => window.__aiActCheckStateOf('#kept')?.questions?.length > 0);
      assert.deepEqual(await storedState(page), NOTHING_STORED, '"Forget my answers" removed the key');
      await page.reload();
      await waitForWidget(page, '#kept');
      assert.ok(!(await stateOf(page, '#kept'))?.result, 'after forgetting, a reload starts from the first question');
    } finally {
      await own.close();
    }
  });
});
