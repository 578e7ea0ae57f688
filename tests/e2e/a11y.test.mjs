// Accessibility, WCAG 2.2 AA, in headless Chromium on index.html under the strict CSP:
// - axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) finds nothing on the first question,
//   the multi-select question (roles) and the result, in the light and the dark theme;
// - loading the page does not move the focus into the widget or scroll to it;
// - a keyboard-only run (Tab, Shift+Tab, Space, Enter, arrow keys; no mouse) completes a whole
//   flow; after each step the focus is on the new question's legend, at the end on the result's
//   heading; the result is announced through the polite live region;
// - with prefers-reduced-motion: reduce nothing animates (and without it, something does);
// - the verdict and the muted texts have a contrast of at least 4.5:1 in both themes, computed
//   from the computed colours;
// - at 320 px wide, at 640 px (200 % zoom of 1280 px) and with CSS zoom 2 nothing overflows
//   horizontally, in English and German.
//
//   node --test tests/e2e/a11y.test.mjs          (after www/build)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from './lib.mjs';
import {
  installState,
  scenarioOrSkip,
  setAttr,
  shadowText,
  startSite,
  stateOf,
  STEP_TIMEOUT,
  waitForWidget,
  walk,
  WCAG_TAGS,
} from './trust-lib.mjs';

const HOST = 'ai-act-check';
const { scenario, skip } = scenarioOrSkip('extraterritorial-recruiting');

async function expectNoAxeViolations(page, where) {
  const violations = await axeViolations(page, { include: 'body', tags: WCAG_TAGS });
  assert.deepEqual(violations, [], `axe-core: no WCAG 2.2 AA violation on ${where}`);
}

/** Waits until the widget's panel has `data-<name>` (or, for lang, the lang attribute) `value`. */
function panelHas(page, name, value) {
  return page.waitForFunction(
    ([n, v]) => {
      const panel = document.querySelector('ai-act-check').shadowRoot.querySelector('.panel');
      return (n === 'lang' ? panel?.lang : panel?.dataset[n]) === v;
    },
    [name, value],
  );
}

async function setTheme(page, theme) {
  await setAttr(page, HOST, 'theme', theme);
  await panelHas(page, 'theme', theme);
}

/** Opens every <details> in the widget, so that their content is checked too. */
function openDetails(page) {
  return page.evaluate(() => {
    for (const d of document.querySelector('ai-act-check').shadowRoot.querySelectorAll('details')) d.open = true;
  });
}

/** The element focused inside the widget (shadowRoot.activeElement), described. */
function focused(page) {
  return page.evaluate(() => {
    const host = document.querySelector('ai-act-check');
    const a = host.shadowRoot.activeElement;
    if (!a) return { outside: document.activeElement?.localName ?? null };
    return {
      tag: a.localName,
      type: a.type ?? null,
      value: a.value ?? null,
      checked: a.checked ?? null,
      action: a.dataset?.action ?? null,
      question: a.closest('fieldset')?.dataset.question ?? null,
      isLegend: a.localName === 'legend',
      isResultHeading: a.classList.contains('result-heading'),
    };
  });
}

/** Contrast ratio of text colours against the background they are drawn on (WCAG 2 formula). */
function contrasts(page, selectors) {
  return page.evaluate((list) => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
      if (!m) throw new Error(`colour ${c}`);
      return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], a: m[4] === undefined ? 1 : Number(m[4]) };
    };
    const luminance = ([r, g, b]) => {
      const f = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (element) => {
      for (let e = element; e; e = e.parentElement ?? e.getRootNode().host) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg.a >= 0.99) return bg.rgb;
        if (bg.a > 0) throw new Error(`a translucent background behind ${element.className}`);
      }
      return [255, 255, 255];
    };
    const root = document.querySelector('ai-act-check').shadowRoot;
    const out = [];
    for (const selector of list) {
      for (const element of root.querySelectorAll(selector)) {
        if (!element.getClientRects().length || !element.textContent.trim()) continue;
        const fg = parse(getComputedStyle(element).color);
        const [l1, l2] = [luminance(fg.rgb), luminance(background(element))].sort((x, y) => y - x);
        const ratio = Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
        out.push({ selector, text: element.textContent.trim().slice(0, 40), ratio });
      }
    }
    return out;
  }, selectors);
}

/** Horizontal overflow of the page and of the widget's panel, and elements sticking out. */
function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const panel = document.querySelector('ai-act-check').shadowRoot.querySelector('.panel');
    const right = panel.getBoundingClientRect().right + 0.5;
    const out = [...panel.querySelectorAll('*')]
      .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > right && !e.closest('.visually-hidden'))
      .map((e) => `${e.localName}.${e.className} (${Math.round(e.getBoundingClientRect().right)} > ${Math.round(right)})`);
    return {
      page: doc.scrollWidth > doc.clientWidth ? `${doc.scrollWidth} > ${doc.clientWidth}` : 'fits',
      panel: panel.scrollWidth > panel.clientWidth ? `${panel.scrollWidth} > ${panel.clientWidth}` : 'fits',
      out: out.slice(0, 5),
    };
  });
}

const FITS = { page: 'fits', panel: 'fits', out: [] };

describe('accessibility (WCAG 2.2 AA)', { skip, timeout: 240_000 }, () => {
  let site;
  let browser;
  let server;

  before(async () => {
    site = await startSite({ csp: true });
    ({ browser, server } = site);
  });

  after(() => site?.close());

  async function fresh({ viewport } = {}) {
    const page = await browser.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    await installState(page);
    await page.goto(server.url);
    await waitForWidget(page);
    return page;
  }

  it('axe-core finds no violation: first question, roles, result, light and dark', async () => {
    const page = await fresh();
    try {
      await setAttr(page, HOST, 'as-of', scenario.facts.as_of);
      await openDetails(page);
      for (const theme of ['light', 'dark']) {
        await setTheme(page, theme);
        await expectNoAxeViolations(page, `the first question (${theme})`);
      }
      const { stoppedAt } = await walk(page, { facts: scenario.facts, until: (q) => q === 'roles' });
      assert.equal(stoppedAt, 'roles');
      assert.ok((await page.locator(HOST).locator('input[type="checkbox"]').count()) > 1, 'roles is a multi-select question');
      await openDetails(page);
      for (const theme of ['light', 'dark']) {
        await setTheme(page, theme);
        await expectNoAxeViolations(page, `the roles question (${theme})`);
      }
      await walk(page, { facts: scenario.facts });
      await page.locator(HOST).locator('button[data-action="share"]').click();
      await openDetails(page);
      for (const theme of ['light', 'dark']) {
        await setTheme(page, theme);
        await expectNoAxeViolations(page, `the result (${theme})`);
      }
    } finally {
      await page.close();
    }
  });

  it('loading the page does not take the focus or scroll to the widget', async () => {
    // A phone-sized window, where the widget starts below the fold.
    const page = await fresh({ viewport: { width: 360, height: 640 } });
    try {
      await page.waitForTimeout(300);
      assert.deepEqual(
        await page.evaluate(() => ({ active: document.activeElement?.localName, scrollY: window.scrollY })),
        { active: 'body', scrollY: 0 },
      );
    } finally {
      await page.close();
    }
  });

  it('completes a whole flow with the keyboard only; focus follows; the result is announced', async () => {
    const page = await fresh();
    const keys = [];
    const press = async (key) => {
      keys.push(key);
      await page.keyboard.press(key);
    };
    try {
      await setAttr(page, HOST, 'as-of', scenario.facts.as_of);
      assert.equal(await shadowText(page, HOST, '[aria-live="polite"]'), '', 'the live region is silent before the result');
      const facts = scenario.facts;
      for (let step = 0; ; step++) {
        const state = await stateOf(page, HOST);
        if (state.result) break;
        assert.ok(step < 60, 'the flow ends');
        const question = state.questions[0];
        const value = facts[question];
        assert.ok(value !== undefined, `the scenario answers ${question}`);
        if (step > 0) {
          const now = await focused(page);
          assert.ok(
            now.isLegend && now.question === question,
            `after a step the focus is on the legend of "${question}": ${JSON.stringify(now)}`,
          );
        }
        // Into the fieldset: the first answer.
        for (let i = 0; ; i++) {
          assert.ok(i < 40, `Tab reaches the answers of "${question}"`);
          await press('Tab');
          const now = await focused(page);
          if (now.question === question && now.tag === 'input') break;
        }
        const first = await focused(page);
        if (first.type === 'radio') {
          const target = value === true ? 'yes' : value === false ? 'no' : String(value);
          let now = first;
          if (now.value === target) await press('Space');
          for (let i = 0; now.value !== target; i++) {
            assert.ok(i < 20, `the arrow keys reach "${target}" in "${question}"`);
            await press('ArrowDown');
            now = await focused(page);
          }
          now = await focused(page);
          assert.ok(now.checked && now.value === target, `"${target}" is chosen in "${question}": ${JSON.stringify(now)}`);
        } else if (first.type === 'checkbox') {
          const wanted = new Set(value);
          for (let now = first; now.type === 'checkbox'; now = await focused(page)) {
            if (wanted.has(now.value) !== now.checked) await press('Space');
            await press('Tab');
          }
          const checked = await page.evaluate((q) => {
            const root = document.querySelector('ai-act-check').shadowRoot;
            return [...root.querySelectorAll(`fieldset[data-question="${q}"] input:checked`)].map((i) => i.value);
          }, question);
          assert.deepEqual(checked.sort(), [...value].sort(), `the checkboxes of "${question}"`);
        } else {
          throw new Error(`question "${question}": the keyboard run does not enter ${first.type} fields`);
        }
        // On to the Next button; once, past it and back with Shift+Tab.
        for (let i = 0; (await focused(page)).action !== 'next'; i++) {
          assert.ok(i < 15, `Tab reaches the Next button of "${question}"`);
          await press('Tab');
        }
        if (step === 1) {
          await press('Tab');
          await press('Shift+Tab');
          assert.equal((await focused(page)).action, 'next', 'Shift+Tab comes back to Next');
        }
        await press(step % 2 ? 'Space' : 'Enter');
        await page.waitForFunction(
          (q) => {
            const s = window.__aiActCheckStateOf('ai-act-check');
            return s && (s.result || s.questions?.[0] !== q);
          },
          question,
          { timeout: STEP_TIMEOUT },
        );
      }
      const now = await focused(page);
      assert.ok(now.isResultHeading, `at the result the focus is on its heading: ${JSON.stringify(now)}`);
      const verdict = await shadowText(page, HOST, '[part~="verdict"]');
      assert.ok(verdict, 'a verdict');
      const announced = await shadowText(page, HOST, '[aria-live="polite"]');
      assert.equal(announced, `Result ready: ${verdict}`, 'the live region announces the verdict');
      const used = new Set(keys);
      for (const key of ['Tab', 'Shift+Tab', 'Space', 'Enter', 'ArrowDown']) assert.ok(used.has(key), `the run used ${key}`);
    } finally {
      await page.close();
    }
  });

  it('does not animate with prefers-reduced-motion: reduce', async () => {
    const page = await fresh();
    const motion = () =>
      page.evaluate(() => {
        const root = document.querySelector('ai-act-check').shadowRoot;
        const of = (s) => {
          const e = root.querySelector(s);
          if (!e) return null;
          const c = getComputedStyle(e);
          return `${c.animationName} ${c.transitionDuration}`;
        };
        return { step: of('.step'), choice: of('.choice'), button: of('.button'), result: of('.result') };
      });
    try {
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      const moving = await motion();
      assert.match(moving.step, /^enter /, 'without the preference a step animates (the check can see it)');
      assert.match(moving.choice, / 0\.12s/, 'and a choice has a transition');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      assert.deepEqual(await motion(), { step: 'none 0s', choice: 'none 0s', button: 'none 0s', result: null });
      await setAttr(page, HOST, 'as-of', scenario.facts.as_of);
      await walk(page, { facts: scenario.facts });
      assert.deepEqual(await motion(), { step: null, choice: null, button: 'none 0s', result: 'none 0s' }, 'nor the result');
    } finally {
      await page.close();
    }
  });

  it('has a text contrast of at least 4.5:1 for the verdict and the muted texts, in both themes', async () => {
    const page = await fresh();
    const QUESTION = ['.intro', '.progress-text', '.legend', '.choice span', '.help summary', '.button-primary'];
    const ROLES = ['.hint'];
    const RESULT = [
      '.verdict', '.result-heading', '.as-of', '.disclaimer', '.category span', '.badge', '.amount', '.result h4',
      '.answer-question', '.because', '.cite',
    ];
    const check = async (selectors, where) => {
      for (const theme of ['light', 'dark']) {
        await setTheme(page, theme);
        const measured = await contrasts(page, selectors);
        const seen = new Set(measured.map((m) => m.selector));
        assert.deepEqual(selectors.filter((s) => !seen.has(s)), [], `every text of ${where} was measured (${theme})`);
        const low = measured.filter((m) => m.ratio < 4.5);
        assert.deepEqual(low, [], `contrast at least 4.5:1 on ${where} (${theme})`);
      }
    };
    try {
      await setAttr(page, HOST, 'as-of', scenario.facts.as_of);
      await check(QUESTION, 'the first question');
      await walk(page, { facts: scenario.facts, until: (q) => q === 'roles' });
      await check(ROLES, 'the roles question');
      await walk(page, { facts: scenario.facts });
      await openDetails(page);
      await check(RESULT, 'the result');
    } finally {
      await page.close();
    }
  });

  it('reflows at 320 px, at 640 px (200 % zoom) and with CSS zoom 2: no horizontal overflow', async () => {
    const page = await fresh({ viewport: { width: 320, height: 640 } });
    try {
      await setAttr(page, HOST, 'as-of', scenario.facts.as_of);
      assert.deepEqual(await overflow(page), FITS, 'the first question at 320 px');
      await walk(page, {
        facts: scenario.facts,
        onQuestion: async (question) => {
          await openDetails(page);
          assert.deepEqual(await overflow(page), FITS, `question "${question}" at 320 px`);
        },
      });
      await page.locator(HOST).locator('button[data-action="share"]').click();
      await openDetails(page);
      const sizes = [
        ['320 px', { width: 320, height: 640 }, null],
        ['640 px (200 % of 1280 px)', { width: 640, height: 450 }, null],
        ['1280 px with CSS zoom 2', { width: 1280, height: 900 }, '2'],
      ];
      for (const lang of ['en', 'de']) {
        await setAttr(page, HOST, 'lang', lang);
        await panelHas(page, 'lang', lang);
        for (const [name, viewport, zoom] of sizes) {
          await page.setViewportSize(viewport);
          await page.evaluate((z) => {
            document.documentElement.style.zoom = z ?? '';
          }, zoom);
          assert.deepEqual(await overflow(page), FITS, `the result (${lang}) at ${name}`);
        }
        await page.evaluate(() => {
          document.documentElement.style.zoom = '';
        });
        await page.setViewportSize({ width: 320, height: 640 });
      }
    } finally {
      await page.close();
    }
  });
});
