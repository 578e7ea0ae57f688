// The <ai-act-check> element in headless Chromium, driven as a visitor would: serve dist/
// under the strict CSP of an embedding site, open index.html, answer each question the widget
// asks with the facts of ../shared/scenarios/extraterritorial-recruiting.json, and check the
// result, the events and the page's requests.
//
//   node --test tests/e2e/widget.test.mjs          (after www/build)
//
// Screenshots: target/screenshots/question.png and result.png (the element), plus
// question-page.png and result-page.png (the whole page).
//
// The DOM contract it relies on, inside the element's open shadow root:
//   <fieldset part="question" data-question="FACT ID"> with a <legend>, one step at a time;
//   input[type=radio][value=yes|no|unsure] for yes/no questions, input[type=radio][value=OPTION]
//   for enums, input[type=checkbox][value=OPTION] for sets (none checked: the empty set),
//   input[type=radio][value=not_yet] + input[type=date] for dates, input[type=number] for numbers;
//   button[data-action=next|back|restart]; the result [part~=result] with [part~=verdict] in it;
//   events ai-act-check-answer and ai-act-check-complete on the host, bubbling and composed,
//   detail = the assessment object (shared/spec/CONTRACT.md).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, readScenario, recordRequests, screenshotPath, serveDist } from './lib.mjs';
import { answer } from './trust-lib.mjs';

const SCENARIO_ID = 'extraterritorial-recruiting';
const AS_OF = '2026-11-22';
const MAX_STEPS = 60;
const STEP_TIMEOUT = 10_000;

const scenario = readScenario(SCENARIO_ID);
const skip = scenario ? false : `../shared/scenarios/${SCENARIO_ID}.json is not there`;

/** What a walk collected; filled by before(), checked by the tests. */
const walk = {
  steps: [], // {question, answer}
  requestsBeforeQuestion: [],
  requestsAfterQuestion: [],
  origin: '',
  verdict: '',
  resultText: '',
  events: [],
  pageErrors: [],
  cspViolations: [],
};


/**
 * The shadow root's state: the current question ids, or that the result is shown. Installed in
 * the page as window.__aiActCheckState by an init script (which the CSP does not govern).
 */
function state() {
  const root = document.querySelector('ai-act-check')?.shadowRoot;
  if (!root) return null;
  if (root.querySelector('[part~="result"]')) return { result: true };
  const fieldsets = [...root.querySelectorAll('fieldset[part~="question"]')];
  if (fieldsets.length === 0) return null;
  return { result: false, questions: fieldsets.map((f) => f.dataset.question) };
}

describe(`the widget walks "${scenario?.title ?? SCENARIO_ID}" to its result`, { skip, timeout: 180_000 }, () => {
  let browser;
  let server;

  before(async () => {
    server = await serveDist({ csp: true });
    walk.origin = server.origin;
    browser = await launch();
    const { page } = browser;
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => walk.pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) walk.cspViolations.push(message.text());
    });
    await page.addInitScript(`window.__aiActCheckState = ${state.toString()};`);
    // Listen on the document: a bubbling event fired at the host reaches it.
    await page.addInitScript(() => {
      window.__aiActCheckEvents = [];
      for (const type of ['ai-act-check-answer', 'ai-act-check-complete']) {
        document.addEventListener(type, (event) => {
          let detail;
          try {
            detail = JSON.parse(JSON.stringify(event.detail));
          } catch {
            detail = String(event.detail);
          }
          window.__aiActCheckEvents.push({
            type,
            bubbles: event.bubbles,
            composed: event.composed,
            target: event.target?.localName,
            detailType: typeof event.detail,
            detail,
          });
        });
      }
    });

    const recorder = recordRequests(page);
    await page.goto(server.url);
    await page.evaluate(() => customElements.whenDefined('ai-act-check'));
    const host = page.locator('ai-act-check').first();
    // Locators go through open shadow roots.
    await host.locator('fieldset[part~="question"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    const mark = recorder.mark();
    walk.requestsBeforeQuestion = recorder.requests.slice(0, mark);

    await page.evaluate((asOf) => document.querySelector('ai-act-check').setAttribute('as-of', asOf), AS_OF);
    await page.waitForFunction(() => window.__aiActCheckState());
    await host.screenshot({ path: await screenshotPath('question') });
    await page.screenshot({ path: await screenshotPath('question-page'), fullPage: true });

    const facts = scenario.facts;
    for (let step = 0; ; step++) {
      const now = await page.evaluate(() => window.__aiActCheckState());
      if (now?.result) break;
      if (step >= MAX_STEPS) {
        throw new Error(`no result after ${MAX_STEPS} steps: ${walk.steps.map((s) => s.question).join(' > ')}`);
      }
      assert.ok(now, 'the widget shows a question or the result');
      assert.equal(now.questions.length, 1, `one question at a time, but the widget shows ${now.questions.join(', ')}`);
      const question = now.questions[0];
      assert.ok(question, 'the current fieldset has a data-question attribute');
      if (!Object.hasOwn(facts, question)) {
        throw new Error(
          `question "${question}" has no answer in the facts of ${SCENARIO_ID}.json ` +
            `(answered so far: ${walk.steps.map((s) => s.question).join(' > ') || 'nothing'})`,
        );
      }
      const value = facts[question];
      const fieldset = host.locator(`fieldset[part~="question"][data-question="${question}"]`);
      await fieldset.locator('legend').first().waitFor({ state: 'attached' });
      await answer(fieldset, question, value);
      walk.steps.push({ question, answer: value });
      await host.locator('button[data-action="next"]').click();
      try {
        await page.waitForFunction(
          (previous) => {
            const s = window.__aiActCheckState();
            return s && (s.result || s.questions[0] !== previous);
          },
          question,
          { timeout: STEP_TIMEOUT },
        );
      } catch {
        const error = await fieldset
          .locator('[role="alert"]')
          .first()
          .textContent({ timeout: 500 })
          .catch(() => '');
        throw new Error(
          `question "${question}" did not advance after answering ${JSON.stringify(value)}` +
            (error ? `: the widget says "${error.trim()}"` : ''),
        );
      }
    }

    const result = host.locator('[part~="result"]').first();
    await result.waitFor({ state: 'visible' });
    walk.verdict = (await result.locator('[part~="verdict"]').first().textContent())?.trim() ?? '';
    walk.resultText = (await result.textContent()) ?? '';
    await host.screenshot({ path: await screenshotPath('result') });
    await page.screenshot({ path: await screenshotPath('result-page'), fullPage: true });

    // Anything the page still had in flight would show up by now.
    await page.waitForTimeout(300);
    walk.requestsAfterQuestion = recorder.since(mark);
    walk.events = await page.evaluate(() => window.__aiActCheckEvents);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the result with a plain verdict that says why the Act reaches a non-EU deployer', (t) => {
    t.diagnostic(`${walk.steps.length} questions: ${walk.steps.map((s) => s.question).join(' > ')}`);
    t.diagnostic(`verdict: ${walk.verdict}`);
    assert.match(walk.verdict, /^Yes: the AI Act applies to you as a deployer, because the output of the system is used in the EU/);
    assert.ok(walk.verdict.includes('Art. 2(1)(c)'), `the verdict "${walk.verdict}" cites Art. 2(1)(c)`);
  });

  it('shows a result citing Art. 2(1)(c) and Annex III 4(a)', () => {
    const missing = ['Art. 2(1)(c)', 'Annex III 4(a)'].filter((c) => !walk.resultText.includes(c));
    assert.deepEqual(missing, [], 'the result cites Art. 2(1)(c) and Annex III 4(a)');
  });

  it('fires ai-act-check-complete once, with the assessment', () => {
    const complete = walk.events.filter((e) => e.type === 'ai-act-check-complete');
    assert.equal(complete.length, 1, `ai-act-check-complete fired ${complete.length} times`);
    const [event] = complete;
    assert.equal(event.target, 'ai-act-check', 'the event is fired at the host element');
    assert.equal(event.bubbles, true, 'the event bubbles');
    assert.equal(event.composed, true, 'the event is composed');
    assert.equal(event.detailType, 'object', 'detail is the assessment object, not a string');
    const detail = event.detail;
    assert.equal(detail.in_scope, true, 'in_scope');
    assert.ok(detail.scope_basis?.includes('Art. 2(1)(c)'), `scope_basis ${JSON.stringify(detail.scope_basis)}`);
    assert.ok(detail.citations?.includes('Annex III 4(a)'), `citations ${JSON.stringify(detail.citations)}`);
    assert.deepEqual(detail.categories, ['high_risk']);
    assert.deepEqual(detail.roles, ['deployer']);
  });

  it('fires ai-act-check-answer, bubbling and composed, with the assessment so far', () => {
    const answers = walk.events.filter((e) => e.type === 'ai-act-check-answer');
    assert.ok(answers.length >= 1, 'ai-act-check-answer fired at least once');
    for (const event of answers) {
      assert.equal(event.target, 'ai-act-check');
      assert.equal(event.bubbles, true, 'ai-act-check-answer bubbles');
      assert.equal(event.composed, true, 'ai-act-check-answer is composed');
      assert.equal(event.detailType, 'object', 'detail is the assessment object');
      assert.ok('complete' in event.detail && 'pending' in event.detail, 'detail has complete and pending');
    }
  });

  it('loads only from its own origin, and once the first question shows only its details texts', () => {
    assert.ok(walk.requestsBeforeQuestion.length > 0, 'requests were recorded');
    const foreign = walk.requestsBeforeQuestion
      .map((r) => r.url)
      .filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== walk.origin);
    assert.deepEqual(foreign, [], 'every request is same-origin');
    assert.deepEqual(
      walk.requestsAfterQuestion.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search.replace(/^\?v=[0-9a-f]{8}$/, '')}`),
      ['GET /lang/en.details.json'],
      'after the first question, only the help and result texts of its language',
    );
  });

  it('runs under the strict CSP without errors', () => {
    assert.deepEqual(walk.cspViolations, [], 'no Content-Security-Policy violation');
    assert.deepEqual(walk.pageErrors, [], 'no uncaught error in the page');
  });
});
