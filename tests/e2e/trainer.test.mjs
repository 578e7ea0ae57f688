// Trainer mode in a real browser (www/trainer.html, <ai-act-check mode="trainer">): every
// teaching case loads and reaches its scenario's verdict, what-if shows what an answer
// changes, the timeline shows the obligations in force on a day, the decision map follows the
// case and is keyboard navigable, the presenter view, and axe-core finds no violation.
// Screenshots of the map and the presenter view go to target/screenshots/.
//
//   node --test tests/e2e/trainer.test.mjs          (after www/build)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { axeViolations, ROOT, screenshotPath, SHARED } from './lib.mjs';
import { openWatched, shadowTexts, stateOf, WCAG_TAGS } from './trust-lib.mjs';

const SELECTOR = '#trainer';
const skip = readFileSafe(path.join(SHARED, 'scenarios', 'INDEX.md')) === null && 'needs ../shared/scenarios';

function readFileSafe(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The scenario file a teaching case copies: shared/<id> or own/<id>. */
function scenarioOf(spec) {
  const [where, id] = spec.split('/');
  const dir = where === 'shared' ? path.join(SHARED, 'scenarios') : path.join(ROOT, 'tests', 'scenarios');
  return JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8'));
}

/** Evaluates `fn(root, arg)` in the trainer's shadow root. */
function inRoot(page, fn, arg) {
  return page.evaluate(
    ([selector, source, value]) => {
      const root = document.querySelector(selector).shadowRoot;
      return new Function('root', 'arg', `return (${source})(root, arg);`)(root, value);
    },
    [SELECTOR, fn.toString(), arg],
  );
}

async function loadCase(page, index) {
  await page.locator(`${SELECTOR} select[data-action="case"]`).selectOption(String(index));
  // Loaded when the story of this case shows and the flow shows its result.
  await page.waitForFunction(
    (s) => {
      const root = document.querySelector(s).shadowRoot;
      const select = root.querySelector('select[data-action="case"]');
      const story = root.querySelector('.trainer-story h2')?.textContent.trim();
      return story === select.selectedOptions[0]?.textContent.trim() && window.__aiActCheckStateOf(s)?.result;
    },
    SELECTOR,
    { timeout: 10_000 },
  );
}

/** Changes one answer of the loaded case through the result's list of answers. */
async function changeAnswer(page, question, value) {
  const answers = page.locator(`${SELECTOR} .trainer-flow details[part~="answers"]`);
  if (!(await answers.evaluate((d) => d.open))) await answers.locator('summary').click();
  await page.locator(`${SELECTOR} button[data-action="edit"][data-question="${question}"]`).click();
  await page.locator(`${SELECTOR} fieldset[data-question="${question}"] input[value="${value}"]`).check();
  await page.locator(`${SELECTOR} button[data-action="next"]`).click();
  await page.waitForFunction((s) => window.__aiActCheckStateOf(s)?.result, SELECTOR);
}

/** Moves the timeline to a day, as dragging the slider does. */
async function setDay(page, day) {
  const before = await inRoot(page, (root) => root.querySelector('input[data-action="timeline"]').getAttribute('aria-valuetext'));
  await inRoot(
    page,
    (root, target) => {
      const input = root.querySelector('input[data-action="timeline"]');
      const start = Date.UTC(2024, 7, 1);
      const [y, m, d] = target.split('-').map(Number);
      input.value = String(Math.round((Date.UTC(y, m - 1, d) - start) / 86_400_000));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    day,
  );
  await page.waitForFunction(
    ([s, previous]) =>
      document.querySelector(s).shadowRoot.querySelector('input[data-action="timeline"]').getAttribute('aria-valuetext') !== previous,
    [SELECTOR, before],
  );
}

/** What-if's changes by kind (categories, roles, obligations): "added <id>" / "removed <id>". */
const whatChanged = (page) =>
  inRoot(page, (root) =>
    Object.fromEntries(
      [...root.querySelectorAll('.what-if [data-change]')].map((c) => [
        c.dataset.change,
        [...c.querySelectorAll('li')].map((li) => `${li.className} ${li.dataset.id}`),
      ]),
    ),
  );

const listed = (page, list) =>
  inRoot(page, (root, name) => [...root.querySelectorAll(`[data-list="${name}"] li`)].map((li) => li.dataset.article), list);

describe('trainer mode', { skip, timeout: 300_000 }, () => {
  let site;
  let page;
  let errors;
  let options;

  before(async () => {
    site = await openWatched('trainer.html', { viewport: { width: 1600, height: 1000 } });
    ({ page, errors } = site);
    await page.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('.map-svg'), SELECTOR, {
      timeout: 30_000,
    });
    options = await inRoot(page, (root) =>
      [...root.querySelectorAll('select[data-action="case"] option[data-scenario]')].map((o) => ({
        value: o.value,
        scenario: o.dataset.scenario,
        title: o.textContent.trim(),
      })),
    );
  });

  after(() => site?.close());

  it('offers at least the eight teaching cases of the brief', () => {
    const scenarios = options.map((o) => o.scenario);
    for (const id of [
      'shared/extraterritorial-recruiting',
      'shared/third-country-provider-no-eu-link',
      'shared/retailer-chatbot-provider',
      'shared/call-centre-employee-emotions',
      'shared/chemical-plant-panic-detection',
      'own/cv-screening-art6-3-profiling',
      'shared/open-weights-systemic-no-relief',
      'shared/military-targeting-excluded',
      'shared/distributor-rebrands-hr-system',
    ]) {
      assert.ok(scenarios.includes(id), `a case built from ${id} (offered: ${scenarios.join(', ')})`);
    }
  });

  it('loads every case with one choice and reaches its scenario’s verdict', async () => {
    for (const option of options) {
      const scenario = scenarioOf(option.scenario);
      await loadCase(page, option.value);
      const categories = await inRoot(page, (root) =>
        [...root.querySelectorAll('.trainer-flow [part~="category"]')].map((li) =>
          [...li.classList].find((c) => c.startsWith('category-')).slice('category-'.length),
        ),
      );
      assert.deepEqual(categories.sort(), [...scenario.expect.categories].sort(), `${option.title}: categories`);
      const story = await shadowTexts(page, SELECTOR, '.trainer-story h2');
      assert.deepEqual(story, [option.title], 'the story of the case is shown');
      const citations = await shadowTexts(page, SELECTOR, '.trainer-flow [part~="citations"] a');
      for (const c of scenario.expect.citations_include) {
        assert.ok(citations.includes(c), `${option.title}: cites ${c} (cites ${citations.join(', ')})`);
      }
      const reached = await inRoot(page, (root) => root.querySelectorAll('.map-node.is-reached').length);
      assert.ok(reached > 0, `${option.title}: the map highlights the conclusions reached`);
    }
  });

  it('what-if: CV screening without profiling loses its high-risk duties', async () => {
    const index = options.find((o) => o.scenario === 'own/cv-screening-art6-3-profiling').value;
    await loadCase(page, index);
    assert.deepEqual(await shadowTexts(page, SELECTOR, '.what-if .changes li'), [], 'no change right after loading');
    await changeAnswer(page, 'profiling', 'no');
    const changes = await whatChanged(page);
    assert.deepEqual(changes.categories, ['added minimal', 'removed high_risk']);
    assert.ok(changes.obligations.includes('added Art. 6(4) provider'), JSON.stringify(changes.obligations));
    assert.ok(changes.obligations.includes('removed Art. 16 provider'), JSON.stringify(changes.obligations));
    assert.equal(changes.roles, undefined, 'the role does not change');
    const answers = await inRoot(page, (root) => [...root.querySelectorAll('.what-if .changes li[data-id]')].map((li) => li.dataset.id));
    assert.ok(answers.includes('profiling'), 'the changed answer is named');
    const sides = await shadowTexts(page, SELECTOR, '.what-if .side .badge');
    assert.deepEqual(sides, ['High risk', 'Minimal risk'], 'before and after, side by side');
  });

  it('what-if: the US employer whose shortlist stays outside the EU is out of scope', async () => {
    const index = options.find((o) => o.scenario === 'shared/extraterritorial-recruiting').value;
    await loadCase(page, index);
    await changeAnswer(page, 'output_used_in_eu', 'no');
    const changes = await whatChanged(page);
    assert.deepEqual(changes.categories, ['added out_of_scope', 'removed high_risk']);
    assert.deepEqual(changes.roles, ['removed deployer']);
    assert.deepEqual(
      changes.obligations.sort(),
      ['removed Art. 26 deployer', 'removed Art. 4 deployer', 'removed Art. 86 deployer'].sort(),
    );
  });

  it('the timeline shows the extraterritorial case’s obligations in force on 2026-01-01, 2027-01-01 and 2029-01-01', async () => {
    const index = options.find((o) => o.scenario === 'shared/extraterritorial-recruiting').value;
    await loadCase(page, index);
    await setDay(page, '2026-01-01');
    assert.deepEqual(await listed(page, 'in-force'), ['Art. 4']);
    assert.deepEqual(await listed(page, 'not-yet'), ['Art. 26', 'Art. 86']);
    assert.match((await shadowTexts(page, SELECTOR, '[data-list="not-yet"] li')).join(' '), /2 Aug 2026/);
    await setDay(page, '2027-01-01');
    assert.deepEqual(await listed(page, 'in-force'), ['Art. 4']);
    assert.match((await shadowTexts(page, SELECTOR, '[data-list="not-yet"] li')).join(' '), /2 Dec 2027/);
    await setDay(page, '2029-01-01');
    assert.deepEqual(await listed(page, 'in-force'), ['Art. 4', 'Art. 26', 'Art. 86']);
    assert.deepEqual(await listed(page, 'not-yet'), []);
    const marks = await inRoot(page, (root) => [...root.querySelectorAll('.mark')].map((b) => b.dataset.day));
    for (const d of ['2025-02-02', '2025-08-02', '2026-08-02', '2026-12-02', '2027-12-02', '2028-08-02', '2030-08-02']) {
      assert.ok(marks.includes(d), `the timeline marks ${d}`);
    }
    // A mark is a shortcut to its day.
    await page.locator(`${SELECTOR} .mark[data-day="2027-12-02"]`).click();
    assert.deepEqual(await listed(page, 'in-force'), ['Art. 4', 'Art. 26', 'Art. 86']);
  });

  it('the map links every node to EUR-Lex, is reachable by keyboard and has a text alternative', async () => {
    const nodes = await inRoot(page, (root) =>
      [...root.querySelectorAll('.map-node')].map((a) => ({ href: a.getAttribute('href'), label: a.getAttribute('aria-label') })),
    );
    assert.ok(nodes.length > 100, `${nodes.length} nodes`);
    for (const n of nodes) {
      assert.match(n.href, /^https:\/\/eur-lex\.europa\.eu\/legal-content\/EN\/TXT\/HTML\/\?uri=CELEX:32024R1689/);
      assert.ok(n.label.length > 3);
    }
    // Tab from the last control before the map lands on its first node, then walks the nodes.
    await page.locator(`${SELECTOR} .trainer-flow button[data-action="restart"]`).focus();
    const seen = [];
    for (let i = 0; i < 40 && seen.length < 3; i++) {
      await page.keyboard.press('Tab');
      const focused = await inRoot(page, (root) => {
        const a = root.activeElement;
        return a?.classList?.contains('map-node') ? a.getAttribute('aria-label') : null;
      });
      if (focused) seen.push(focused);
    }
    assert.equal(seen.length, 3, 'the nodes take the keyboard focus in turn');
    const text = await shadowTexts(page, SELECTOR, '.map-text h3');
    assert.equal(text.length, 9, 'the text alternative lists the nine stages');
  });

  it('switches language with the case loaded: the map, the story and the timeline follow', async () => {
    const index = options.find((o) => o.scenario === 'shared/military-targeting-excluded').value;
    await loadCase(page, index);
    const english = await shadowTexts(page, SELECTOR, '.map-column');
    const englishNode = await inRoot(page, (root) => root.querySelector('.map-node').getAttribute('aria-label'));
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.locator(`${SELECTOR} .trainer-flow [part~="language"] select`).selectOption('fr');
    await page.waitForFunction(
      (s) => document.querySelector(s).shadowRoot.querySelector('.trainer')?.lang === 'fr',
      SELECTOR,
    );
    // The map's node labels come with lang/fr.trainer.json, a moment after the interface.
    await page.waitForFunction(
      ([s, before]) => document.querySelector(s).shadowRoot.querySelector('.map-node')?.getAttribute('aria-label') !== before,
      [SELECTOR, englishNode],
    );
    const whatIf = await shadowTexts(page, SELECTOR, '.what-if h2');
    assert.notDeepEqual(whatIf, ['What if?'], 'what-if speaks French');
    const french = await shadowTexts(page, SELECTOR, '.map-column');
    assert.equal(french.length, english.length);
    assert.notDeepEqual(french, english, 'the map speaks French');
    assert.deepEqual(
      requests.filter((p) => p.startsWith('/lang/')).sort(),
      ['/lang/fr.details.json', '/lang/fr.json', '/lang/fr.trainer.json'],
      'the three French packs, from the same origin',
    );
    const link = await inRoot(page, (root) => root.querySelector('.map-node').getAttribute('href'));
    assert.match(link, /\/legal-content\/FR\//);
    assert.deepEqual(await stateOf(page, SELECTOR), { result: true }, 'the case stays loaded');
    await page.locator(`${SELECTOR} .trainer-flow [part~="language"] select`).selectOption('en');
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('.trainer')?.lang === 'en', SELECTOR);
  });

  it('screenshots of the map and the presenter view, and no axe-core violation in either', async () => {
    const index = options.find((o) => o.scenario === 'shared/call-centre-employee-emotions').value;
    await loadCase(page, index);
    await page.locator(`${SELECTOR} .map`).screenshot({ path: await screenshotPath('trainer-map') });
    assert.deepEqual(await axeViolations(page, { include: SELECTOR, tags: WCAG_TAGS }), [], 'trainer mode');

    await page.locator(`${SELECTOR} button[data-action="presenter"]`).click();
    assert.equal(await inRoot(page, (root) => root.querySelector('.trainer').classList.contains('presenter')), true);
    await page.locator(`${SELECTOR} .trainer-main`).screenshot({ path: await screenshotPath('trainer-presenter') });
    assert.deepEqual(await axeViolations(page, { include: SELECTOR, tags: WCAG_TAGS }), [], 'presenter view');
    const pressed = await page.locator(`${SELECTOR} button[data-action="presenter"]`).getAttribute('aria-pressed');
    assert.equal(pressed, 'true');
    await page.locator(`${SELECTOR} button[data-action="presenter"]`).click();
    assert.deepEqual(errors.page, [], 'no uncaught error');
    assert.deepEqual(await stateOf(page, SELECTOR), { result: true });
  });
});
