// The whole flow in German, French, Polish and Irish, as a visitor whose browser speaks that
// language: the widget picks it without a `lang` attribute, loads its pack from the same
// origin, asks every question and gives the result in it, with no English left on screen, and
// the Markdown report it downloads is the one the command line writes in that language. The
// language switcher changes the language mid-way and keeps the answers.
//
//   node --test tests/e2e/languages.test.mjs          (after www/build)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launch, ROOT, serveDist } from './lib.mjs';
import { installState, scenarioOrSkip, stateOf, waitForWidget, walk } from './trust-lib.mjs';

const CLI = path.join(ROOT, 'target', 'release', 'ai-act-check');
const { scenario, skip } = scenarioOrSkip('extraterritorial-recruiting');

/** English words that no other official language writes as words of its own. */
const ENGLISH =
  /(?<![\p{L}\p{N}_])(the|and|your|you|which|whether|with|this|that|from|must|should|shall|their|been|does|only|when|where|what)(?![\p{L}\p{N}_])/iu;

/** The widget's visible text, without the EUR-Lex links' citations and the language names. */
const visibleText = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('ai-act-check').shadowRoot;
    const panel = root.querySelector('.panel').cloneNode(true);
    panel.querySelectorAll('select, .visually-hidden').forEach((e) => e.remove());
    return panel.innerText ?? panel.textContent;
  });

for (const code of ['de', 'fr', 'pl', 'ga']) {
  describe(`the whole flow in ${code}`, { skip, timeout: 180_000 }, () => {
    let server;
    let browser;
    let page;
    let dir;

    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), `ai-act-check-${code}-`));
      server = await serveDist({ csp: true });
      browser = await launch({ locale: code, viewport: { width: 900, height: 1000 } });
      page = browser.page;
      await installState(page);
      await page.goto(server.url);
      await page.evaluate((day) => document.querySelector('ai-act-check').setAttribute('as-of', day), scenario.facts.as_of);
      await waitForWidget(page);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it(`speaks ${code} from the browser's language, and every question is in ${code}`, async () => {
      const panelLang = await page.evaluate(() => document.querySelector('ai-act-check').shadowRoot.querySelector('.panel').lang);
      assert.equal(panelLang, code);
      // The help texts arrive with lang/<code>.details.json when the visitor first acts: opening
      // the first question's help shows them.
      await page.locator('ai-act-check [part~="help"] summary').click();
      await page.waitForFunction(() =>
        [...document.querySelector('ai-act-check').shadowRoot.querySelectorAll('[part~="help"] p')].some((p) => p.textContent.trim().length > 40),
      );
      const english = [];
      await walk(page, {
        facts: scenario.facts,
        onQuestion: async (question) => {
          const text = await visibleText(page);
          const found = text.match(ENGLISH);
          if (found) english.push(`${question}: "${found[0]}" in ${text.slice(0, 200)}`);
        },
      });
      assert.deepEqual(english, [], 'no English on any question');
      assert.deepEqual(await stateOf(page, 'ai-act-check'), { result: true });
    });

    it(`gives the result in ${code}, the same as the command line's report`, async () => {
      const text = await visibleText(page);
      assert.doesNotMatch(text, ENGLISH, 'no English on the result');
      const host = page.locator('ai-act-check');
      const [download] = await Promise.all([page.waitForEvent('download'), host.locator('button[data-action="download-md"]').click()]);
      const markdown = await readFile(await download.path(), 'utf8');
      const facts = path.join(dir, 'facts.json');
      await writeFile(facts, JSON.stringify(scenario.facts));
      const expected = execFileSync(CLI, ['report', facts, '--format', 'md', '--lang', code], { encoding: 'utf8' });
      assert.equal(markdown, expected, `the ${code} report of the page is the command line's`);
      const verdict = await host.locator('[part~="verdict"]').textContent();
      assert.ok(expected.includes(verdict.trim()), `the verdict "${verdict}" is the report's`);
      const link = await host.locator('[part~="citations"] a').first().getAttribute('href');
      assert.match(link, new RegExp(`/legal-content/${code.toUpperCase()}/TXT/`), 'EUR-Lex in the visitor’s language');
    });

    it('switches language on the result: every part of it follows, the ISO/IEC 42001 map too', async () => {
      const host = page.locator('ai-act-check');
      const iso = async () => host.locator('[part~="iso"] summary').textContent();
      const before = await iso();
      await host.locator('[part~="language"] select').selectOption('en');
      await page.waitForFunction(() => document.querySelector('ai-act-check').shadowRoot.querySelector('.panel')?.lang === 'en');
      await page.waitForFunction(
        (previous) => document.querySelector('ai-act-check').shadowRoot.querySelector('[part~="iso"] summary')?.textContent !== previous,
        before,
      );
      assert.equal(await iso(), 'ISO/IEC 42001 alignment');
      assert.match(await host.locator('[part~="verdict"]').textContent(), /^Yes: the AI Act applies to you/);
      await host.locator('[part~="language"] select').selectOption(code);
      await page.waitForFunction((lang) => document.querySelector('ai-act-check').shadowRoot.querySelector('.panel')?.lang === lang, code);
      await page.waitForFunction((text) => document.querySelector('ai-act-check').shadowRoot.querySelector('[part~="iso"] summary')?.textContent === text, before);
    });

    it('switches language mid-way and keeps the answers', async () => {
      const host = page.locator('ai-act-check');
      await host.locator('button[data-action="restart"]').click();
      await walk(page, { facts: scenario.facts, until: (q) => q === 'established_in_eu' });
      const before = await stateOf(page, 'ai-act-check');
      const other = code === 'fr' ? 'de' : 'fr';
      await host.locator('[part~="language"] select').selectOption(other);
      await page.waitForFunction(
        (lang) => document.querySelector('ai-act-check').shadowRoot.querySelector('.panel')?.lang === lang,
        other,
      );
      assert.deepEqual(await stateOf(page, 'ai-act-check'), before, 'the same question, the answers kept');
      assert.equal(await host.getAttribute('lang'), other, 'the choice is the element’s lang attribute');
      await host.locator('[part~="language"] select').selectOption(code);
      await page.waitForFunction(
        (lang) => document.querySelector('ai-act-check').shadowRoot.querySelector('.panel')?.lang === lang,
        code,
      );
      await walk(page, { facts: scenario.facts });
      const verdict = await host.locator('[part~="verdict"]').textContent();
      assert.doesNotMatch(verdict, ENGLISH);
      assert.deepEqual(await stateOf(page, 'ai-act-check'), { result: true });
    });
  });
}
