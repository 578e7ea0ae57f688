// A hostile host page (tests/e2e/pages/hostile.html, .css, .js) cannot break the widget:
// `* { all: unset }`, `button { display: none !important }`, `html { font-size: 40px }`, huge
// fonts, `* { color: red !important; background: yellow !important }`, the loader loaded twice
// (the second copy must not throw), and two instances of the element. Served with dist/ under
// the strict CSP.
//
// Checks: both widgets show their first question with a visible, clickable Next button; they
// work independently; the computed styles of the inner elements are exactly those of the plain
// demo page; only the documented --ai-act-check-* custom properties and ::part() change them.
//
//   node --test tests/e2e/hostile.test.mjs          (after www/build)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answer, installState, openWatched, scenarioOrSkip, stateOf, waitForWidget } from './trust-lib.mjs';

/** The inner elements and the computed properties compared with the plain page. */
const PROBES = {
  ':host': ['display', 'visibility', 'opacity'],
  '.panel': [
    'display', 'background-color', 'color', 'font-family', 'font-size', 'font-weight', 'line-height',
    'letter-spacing', 'word-spacing', 'text-transform', 'padding-top', 'border-top-width', 'border-top-color', 'max-width',
  ],
  '.title': ['display', 'font-size', 'font-weight', 'color', 'text-transform'],
  '.progress-text': ['color', 'font-size'],
  'legend': ['display', 'font-size', 'font-weight', 'line-height', 'color', 'background-color', 'letter-spacing', 'text-transform'],
  '.choice': [
    'display', 'font-size', 'padding-top', 'padding-left', 'border-top-width', 'border-top-color', 'background-color', 'color',
  ],
  'input[type="radio"]': ['display', 'width', 'height', 'appearance', 'opacity', 'position'],
  'button[data-action="next"]': [
    'display', 'visibility', 'opacity', 'background-color', 'color', 'font-size', 'font-weight', 'min-height',
    'padding-top', 'padding-left', 'border-top-color', 'cursor',
  ],
  'summary': ['display', 'color', 'font-size'],
};

/** The computed styles of PROBES inside the element `selector`. */
function probe(page, selector) {
  return page.evaluate(
    ([s, probes]) => {
      const host = document.querySelector(s);
      const out = {};
      for (const [css, props] of Object.entries(probes)) {
        const element = css === ':host' ? host : host.shadowRoot.querySelector(css);
        if (!element) {
          out[css] = 'missing';
          continue;
        }
        const style = getComputedStyle(element);
        out[css] = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
      }
      return out;
    },
    [selector, PROBES],
  );
}

/** The Next button of `selector`: its box and whether a click at its centre reaches it. */
function nextButtonReach(page, selector) {
  return page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    const button = root.querySelector('button[data-action="next"]');
    if (!button) return { found: false };
    button.scrollIntoView({ block: 'center' });
    const box = button.getBoundingClientRect();
    const hit = root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return {
      found: true,
      width: Math.round(box.width),
      height: Math.round(box.height),
      hit: hit === button || button.contains(hit),
    };
  }, selector);
}

const { scenario, skip } = scenarioOrSkip('extraterritorial-recruiting');

describe('a hostile host page', { skip, timeout: 120_000 }, () => {
  let site;
  let browser;
  let server;
  let page;
  let plain;
  let errors;

  before(async () => {
    site = await openWatched('hostile.html');
    ({ browser, server, page, errors } = site);
    await waitForWidget(page, '#one');
    await waitForWidget(page, '#two');

    plain = await browser.context.newPage();
    await installState(plain);
    await plain.goto(new URL('index.html', server.url).href);
    await waitForWidget(plain, 'ai-act-check');
  });

  after(() => site?.close());

  it('is really hostile: its stylesheet applies to the page and to the host elements', async () => {
    const applied = await page.evaluate(() => ({
      hostButton: getComputedStyle(document.getElementById('host-button')).display,
      hostColor: getComputedStyle(document.getElementById('one')).color,
      rootFont: getComputedStyle(document.documentElement).fontSize,
      headingFont: getComputedStyle(document.querySelector('h1')).fontSize,
    }));
    assert.deepEqual(applied, { hostButton: 'none', hostColor: 'rgb(255, 0, 0)', rootFont: '40px', headingFont: '200px' });
  });

  it('loads the loader twice without an error, keeping the first definition', async () => {
    assert.equal(await page.evaluate(() => document.documentElement.dataset.loaders), 'ok');
    assert.deepEqual(errors.page, [], 'no uncaught error');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  });

  it('shows both widgets with their first question and a visible, clickable Next button', async () => {
    for (const selector of ['#one', '#two']) {
      const state = await stateOf(page, selector);
      assert.equal(state?.questions?.length, 1, `${selector} shows one question`);
      const legend = page.locator(selector).locator('legend').first();
      assert.ok(await legend.isVisible(), `${selector}: the question is visible`);
      const next = page.locator(selector).locator('button[data-action="next"]');
      assert.ok(await next.isVisible(), `${selector}: the Next button is visible`);
      const reach = await nextButtonReach(page, selector);
      assert.ok(
        reach.width >= 24 && reach.height >= 24,
        `${selector}: the Next button has a usable size (${reach.width}x${reach.height})`,
      );
      assert.ok(reach.hit, `${selector}: a click at the Next button's centre reaches it`);
    }
  });

  it('looks exactly as on the plain demo page (computed styles of the inner elements)', async () => {
    const expected = await probe(plain, 'ai-act-check');
    // A block of its own on both pages: its :host rule (!important) beats `* { all: unset }`,
    // which would make it inline, like any element the page does not know.
    const display = (p, s) => p.evaluate((sel) => getComputedStyle(document.querySelector(sel)).display, s);
    assert.deepEqual(
      { plain: await display(plain, 'ai-act-check'), one: await display(page, '#one'), two: await display(page, '#two') },
      { plain: 'block', one: 'block', two: 'block' },
      'the element is a block on the plain and on the hostile page',
    );
    for (const selector of ['#one', '#two']) {
      assert.deepEqual(await probe(page, selector), expected, `${selector}: inner styles as on index.html`);
    }
  });

  it('runs both instances independently', async () => {
    const facts = scenario.facts;
    const first = (await stateOf(page, '#one')).questions[0];
    assert.equal((await stateOf(page, '#two')).questions[0], first, 'both start at the same question');
    // Two answers in #one, through real clicks on the hostile page.
    const one = page.locator('#one');
    await answer(one.locator('fieldset'), first, facts[first]);
    await one.locator('button[data-action="next"]').click();
    await page.waitForFunction((q) => window.__aiActCheckStateOf('#one')?.questions?.[0] !== q, first);
    const second = (await stateOf(page, '#one')).questions[0];
    await answer(one.locator('fieldset'), second, facts[second]);
    await one.locator('button[data-action="next"]').click();
    await page.waitForFunction((q) => window.__aiActCheckStateOf('#one')?.questions?.[0] !== q, second);
    const third = (await stateOf(page, '#one')).questions[0];

    assert.equal((await stateOf(page, '#two')).questions[0], first, '#two stays on its first question');
    assert.equal(
      await page.evaluate(() => document.querySelector('#two').shadowRoot.querySelectorAll('input:checked').length),
      0,
      '#two has nothing checked',
    );
    // One answer in #two does not move #one.
    const two = page.locator('#two');
    await answer(two.locator('fieldset'), first, facts[first]);
    await two.locator('button[data-action="next"]').click();
    await page.waitForFunction((q) => window.__aiActCheckStateOf('#two')?.questions?.[0] !== q, first);
    assert.equal((await stateOf(page, '#two')).questions[0], second, '#two moved to its second question');
    assert.equal((await stateOf(page, '#one')).questions[0], third, '#one stays on its third question');
  });

  it('changes only through the documented custom properties and ::part()', async () => {
    const nextBackground = (selector) =>
      page.evaluate(
        (s) => getComputedStyle(document.querySelector(s).shadowRoot.querySelector('button[data-action="next"]')).backgroundColor,
        selector,
      );
    const before = await probe(page, '#one');

    // Undocumented custom properties (the stylesheet's own private names) do not reach inside.
    await page.evaluate(() => {
      const host = document.querySelector('#one');
      for (const name of ['--_accent', '--_bg', '--_fg', '--_size', '--_font', '--_width']) {
        host.style.setProperty(name, 'rgb(9, 9, 9)');
      }
    });
    assert.deepEqual(await probe(page, '#one'), before, 'private custom properties set on the host change nothing');

    // The documented one does.
    await page.evaluate(() => document.querySelector('#two').style.setProperty('--ai-act-check-accent', 'rgb(1, 2, 3)'));
    assert.equal(await nextBackground('#two'), 'rgb(1, 2, 3)', '--ai-act-check-accent sets the primary button');
    assert.notEqual(await nextBackground('#one'), 'rgb(1, 2, 3)', 'only on the element it is set on');

    // And so does a ::part() rule of the page.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('#two::part(legend) { letter-spacing: 3px; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    const spacing = (s) =>
      page.evaluate((sel) => getComputedStyle(document.querySelector(sel).shadowRoot.querySelector('legend')).letterSpacing, s);
    assert.equal(await spacing('#two'), '3px', '::part(legend) reaches the legend');
    assert.equal(await spacing('#one'), before.legend['letter-spacing'], 'of that element only');
  });
});
