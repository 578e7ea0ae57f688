// Bad input never leaves a blank element or a dead page (fixture: tests/e2e/pages/bad-input.html,
// served with dist/ under the strict CSP).
//
// - Invalid attribute values (lang="xx", as-of="31-02-2027", theme="<script>") each give a
//   visible, polite notice ([part~="notice"], a status message) and a sensible default
//   (English, today, auto).
// - Attributes changed at run time take effect while the answers are kept: lang en -> de
//   switches the texts once the pack is loaded, theme light -> dark flips .panel[data-theme],
//   an invalid value at run time gives a notice, as-of changes the result's dates and badges.
// - A real Rust panic (no test hook in the product: the DOM API the renderer needs is made to
//   throw) is reported in the console, every instance shows a recoverable error state, the host
//   page goes on, and "Start again" ([data-action="recover"]) brings the widget back.
//
//   node --test tests/e2e/bad-input.test.mjs          (after www/build)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  answer,
  openWatched,
  scenarioOrSkip,
  setAttr,
  shadowText,
  stateOf,
  waitForWidget,
  walk,
} from './trust-lib.mjs';

const ELEMENTS = ['#bad-lang', '#bad-date', '#bad-theme', '#live'];

/** The notices of `selector`: text, visibility and how assistive technology learns of them. */
function notices(page, selector) {
  return page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    return [...root.querySelectorAll('[part~="notice"]')].map((n) => {
      const box = n.getBoundingClientRect();
      const style = getComputedStyle(n);
      return {
        text: n.textContent.trim(),
        visible: box.width > 0 && box.height > 0 && style.visibility === 'visible' && style.display !== 'none',
        polite: n.getAttribute('role') === 'status' || n.getAttribute('aria-live') === 'polite',
      };
    });
  }, selector);
}

function panel(page, selector) {
  return page.evaluate((s) => {
    const p = document.querySelector(s).shadowRoot.querySelector('.panel');
    return p && { theme: p.dataset.theme, lang: p.lang };
  }, selector);
}

/** Answers the current question of `selector` with the scenario's fact, and goes on. */
async function step(page, selector, facts) {
  const question = (await stateOf(page, selector)).questions[0];
  await answer(page.locator(selector).locator('fieldset'), question, facts[question]);
  await page.locator(selector).locator('button[data-action="next"]').click();
  await page.waitForFunction(([s, q]) => window.__aiActCheckStateOf(s)?.questions?.[0] !== q, [selector, question]);
  return question;
}

const { scenario, skip } = scenarioOrSkip('extraterritorial-recruiting');

describe('bad input', { skip, timeout: 180_000 }, () => {
  let site;
  let browser;
  let server;
  let page;
  let errors;

  before(async () => {
    site = await openWatched('bad-input.html');
    ({ browser, server, page, errors } = site);
    for (const selector of ELEMENTS) await waitForWidget(page, selector);
  });

  after(() => site?.close());

  it('shows every element with its first question, never a blank one, and no page error', async () => {
    for (const selector of ELEMENTS) {
      assert.equal((await stateOf(page, selector))?.questions?.length, 1, `${selector} shows its first question`);
      assert.ok(await page.locator(selector).locator('legend').first().isVisible(), `${selector}: the question is visible`);
    }
    assert.deepEqual(errors.page, [], 'no uncaught error');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  });

  it('lang="xx": a polite notice, and English', async () => {
    assert.deepEqual(await notices(page, '#bad-lang'), [
      { text: 'The language “xx” is not available; the widget is shown in English.', visible: true, polite: true },
    ]);
    assert.equal((await panel(page, '#bad-lang')).lang, 'en');
    assert.equal(await shadowText(page, '#bad-lang', 'legend'), await shadowText(page, '#live', 'legend'), 'the English question');
  });

  it('as-of="31-02-2027": a polite notice, and today', async () => {
    // The widget's own short month names; today in the browser's time zone.
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const [d, m, y] = await page.evaluate(() => {
      const now = new Date();
      return [now.getDate(), now.getMonth(), now.getFullYear()];
    });
    const today = `${d} ${MONTHS[m]} ${y}`;
    assert.deepEqual(await notices(page, '#bad-date'), [
      { text: `“31-02-2027” is not a valid date (YYYY-MM-DD); the widget uses today, ${today}.`, visible: true, polite: true },
    ]);
  });

  it('theme="<script>": a polite notice showing the value as text, and auto', async () => {
    assert.deepEqual(await notices(page, '#bad-theme'), [
      {
        text: '“<script>” is not a theme (light, dark or auto); the widget follows the system setting.',
        visible: true,
        polite: true,
      },
    ]);
    assert.equal((await panel(page, '#bad-theme')).theme, 'auto');
    const scripts = await page.evaluate(() => document.querySelector('#bad-theme').shadowRoot.querySelectorAll('script').length);
    assert.equal(scripts, 0, 'no element made of it');
  });

  it('valid attributes give no notice', async () => {
    assert.deepEqual(await notices(page, '#live'), []);
    assert.deepEqual(await panel(page, '#live'), { theme: 'light', lang: 'en' });
  });

  it('applies attributes changed at run time and keeps the answers', async () => {
    const live = '#live';
    const facts = scenario.facts;
    const answered = [await step(page, live, facts), await step(page, live, facts), await step(page, live, facts)];
    const question = (await stateOf(page, live)).questions[0];
    const englishLegend = await shadowText(page, live, 'legend');

    // lang en -> de: the German texts once lang/de.json is loaded; the same question.
    await setAttr(page, live, 'lang', 'de');
    await page.waitForFunction(() => document.querySelector('#live').shadowRoot.querySelector('.panel')?.lang === 'de');
    assert.equal((await stateOf(page, live)).questions[0], question, 'still the same question');
    assert.notEqual(await shadowText(page, live, 'legend'), englishLegend, 'the question is in German now');
    assert.equal(await shadowText(page, live, 'button[data-action="next"]'), 'Weiter', 'the buttons are in German');
    assert.equal(await page.locator(live).locator('button[data-action="back"]').count(), 1, 'the earlier answers are kept');

    // theme light -> dark.
    await setAttr(page, live, 'theme', 'dark');
    await page.waitForFunction(() => document.querySelector('#live').shadowRoot.querySelector('.panel')?.dataset.theme === 'dark');
    assert.equal((await stateOf(page, live)).questions[0], question, 'the theme keeps the question');

    // An invalid value at run time: a notice, the default; a valid one again: the notice goes.
    await setAttr(page, live, 'theme', 'neon');
    await page.waitForFunction(() => document.querySelector('#live').shadowRoot.querySelector('.panel')?.dataset.theme === 'auto');
    const runtime = await notices(page, live);
    assert.equal(runtime.length, 1, 'one notice about the theme');
    assert.ok(
      runtime[0].text.includes('neon') && runtime[0].visible && runtime[0].polite,
      `a visible, polite notice: ${JSON.stringify(runtime[0])}`,
    );
    await setAttr(page, live, 'theme', 'dark');
    await page.waitForFunction(() => document.querySelector('#live').shadowRoot.querySelector('.panel')?.dataset.theme === 'dark');
    assert.deepEqual(await notices(page, live), [], 'the notice is gone with a valid value');

    // Going back shows the last answer given, in German.
    await page.locator(live).locator('button[data-action="back"]').click();
    await page.waitForFunction(([q]) => window.__aiActCheckStateOf('#live')?.questions?.[0] === q, [answered[2]]);
    await step(page, live, facts);

    // To the result; then as-of changes its dates and badges, and the result stays.
    await walk(page, { selector: live, facts });
    const result = () =>
      page.evaluate(() => {
        const root = document.querySelector('#live').shadowRoot;
        return {
          asOf: root.querySelector('.as-of')?.textContent.trim(),
          verdict: root.querySelector('[part~="verdict"]')?.textContent.trim(),
          badges: [...root.querySelectorAll('[part~="obligation"]')].map((o) => {
            const badge = o.querySelector('[part~="badge"]');
            return `${o.dataset.article}: ${badge.className} ${badge.textContent.trim()}`;
          }),
        };
      });
    const then = await result();
    assert.match(then.asOf, /22\. Nov\. 2026/, `the German result is as of the attribute's day: ${then.asOf}`);
    const art26 = then.badges.find((b) => b.startsWith('Art. 26:'));
    assert.ok(art26?.includes('badge-upcoming'), `Art. 26 is not yet in force on 22 November 2026: ${art26}`);

    await setAttr(page, live, 'as-of', '2028-01-01');
    await page.waitForFunction(() => /2028/.test(document.querySelector('#live').shadowRoot.querySelector('.as-of')?.textContent));
    const later = await result();
    assert.ok((await stateOf(page, live)).result, 'the result is still shown');
    assert.match(later.asOf, /1\. Jan\. 2028/);
    const art26Later = later.badges.find((b) => b.startsWith('Art. 26:'));
    assert.ok(art26Later?.includes('badge-in-force'), `Art. 26 is in force on 1 January 2028: ${art26Later}`);
    assert.notDeepEqual(later.badges, then.badges, 'the badges changed with the date');

    await setAttr(page, live, 'lang', 'en');
    await page.waitForFunction(() => document.querySelector('#live').shadowRoot.querySelector('.panel')?.lang === 'en');
    assert.ok((await stateOf(page, live)).result, 'switching back to English keeps the result');
    assert.match(await shadowText(page, live, '.as-of'), /^Assessed as of 1 Jan 2028$/);
    assert.deepEqual(errors.page, [], 'no uncaught error');
  });

  it('survives a Rust panic: reported, a recoverable error state, the host page goes on', async () => {
    await page.reload();
    for (const selector of ELEMENTS) await waitForWidget(page, selector);
    const consoleBefore = errors.console.length;
    const pageBefore = errors.page.length;
    const ping = page.locator('#host-ping');
    await ping.click();
    assert.equal(await page.locator('#pings').textContent(), '1');

    // Break the DOM API the renderer needs (Yew creates new elements by cloning cached ones),
    // without any hook in the product: its next render panics.
    await page.evaluate(() => {
      window.__unbroken = { createElement: Document.prototype.createElement, cloneNode: Node.prototype.cloneNode };
      Document.prototype.createElement = function () {
        throw new Error('createElement broken by the test');
      };
      Node.prototype.cloneNode = function () {
        throw new Error('cloneNode broken by the test');
      };
    });
    const live = page.locator('#live');
    const first = (await stateOf(page, '#live')).questions[0];
    await answer(live.locator('fieldset'), first, scenario.facts[first]);
    await live.locator('button[data-action="next"]').click();

    await page.waitForFunction(() => window.__aiActCheckStateOf('#live')?.crashed, null, { timeout: 5_000 }).catch(() => {});
    const reported = errors.console.slice(consoleBefore);
    assert.ok(
      reported.some((m) => m.startsWith('error: ai-act-check: panicked at')),
      `console.error reported the panic: ${JSON.stringify(reported)}`,
    );
    for (const selector of ELEMENTS) {
      const state = await page.evaluate((s) => {
        const root = document.querySelector(s).shadowRoot;
        const alert = root.querySelector('[role="alert"]');
        const recover = root.querySelector('button[data-action="recover"]');
        return { alert: alert?.textContent.trim() ?? '', recover: Boolean(recover && recover.getBoundingClientRect().height > 0) };
      }, selector);
      assert.ok(state.alert.includes('Something went wrong'), `${selector} says something went wrong: ${JSON.stringify(state)}`);
      assert.ok(state.recover, `${selector} offers a visible way back`);
    }
    // The trap of the panic itself surfaces as one uncaught "unreachable"; nothing else broke.
    const uncaught = errors.page.slice(pageBefore).filter((m) => !/unreachable/.test(m));
    assert.deepEqual(uncaught, [], 'no other uncaught error (the error state itself must not fail)');

    // The host page goes on.
    await ping.click();
    assert.equal(await page.locator('#pings').textContent(), '2', 'the host page still responds');

    // Undo the break; "Start again" loads a fresh module instance and works.
    await page.evaluate(() => {
      Document.prototype.createElement = window.__unbroken.createElement;
      Node.prototype.cloneNode = window.__unbroken.cloneNode;
    });
    await live.locator('button[data-action="recover"]').click();
    await waitForWidget(page, '#live', { timeout: 15_000 });
    assert.equal((await stateOf(page, '#live')).questions[0], first, 'the widget starts again at its first question');
    await step(page, '#live', scenario.facts);
    assert.notEqual((await stateOf(page, '#live')).questions[0], first, 'and answers work again');
    // Another instance recovers too, with its notice.
    await page.locator('#bad-lang').locator('button[data-action="recover"]').click();
    await waitForWidget(page, '#bad-lang', { timeout: 15_000 });
    assert.equal((await notices(page, '#bad-lang')).length, 1, '#bad-lang is back, with its notice');
    assert.deepEqual(errors.page.slice(pageBefore).filter((m) => !/unreachable/.test(m)), [], 'no uncaught error while recovering');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'recovering needs nothing the CSP forbids');
  });
});
