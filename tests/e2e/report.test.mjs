// Results people keep: the ISO/IEC 42001 map on the result, the Markdown and JSON downloads
// (read back from disk), the print layout (rendered to PDF by Chromium), loading a saved result
// back, refusing a foreign file, and the command line writing the same report.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launch, ROOT, SCREENSHOTS, serveDist } from './lib.mjs';
import { installState, scenarioOrSkip, stateOf, waitForWidget, walk } from './trust-lib.mjs';

const CLI = path.join(ROOT, 'target', 'release', 'ai-act-check');

const { scenario, skip } = scenarioOrSkip('non-eu-provider-credit-scoring');

describe('results people keep', { timeout: 180_000, skip }, () => {
  let server;
  let browser;
  let page;
  let host;
  const tmp = { dir: '' };

  before(async () => {
    tmp.dir = await mkdtemp(path.join(os.tmpdir(), 'ai-act-check-report-'));
    server = await serveDist({ csp: true });
    browser = await launch({ viewport: { width: 900, height: 1000 } });
    page = browser.page;
    await installState(page);
    await page.goto(server.url);
    host = page.locator('ai-act-check');
    await page.evaluate((day) => document.querySelector('ai-act-check').setAttribute('as-of', day), scenario.facts.as_of);
    await waitForWidget(page);
    await walk(page, { facts: scenario.facts });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('maps the obligations of a high-risk provider onto ISO/IEC 42001', async () => {
    const clusters = await host.locator('[data-cluster]').evaluateAll((items) =>
      Object.fromEntries(items.map((li) => [li.dataset.cluster, li.querySelector('.badge').className])),
    );
    assert.match(clusters.risk_management, /fit-partial/);
    assert.match(clusters.human_oversight, /fit-weak/);
    assert.match(clusters.serious_incidents, /fit-gap/);
    assert.match(clusters.ai_literacy, /fit-good/);
    const gaps = await host.locator('[data-gap]').evaluateAll((items) => items.map((li) => li.dataset.gap));
    assert.deepEqual(gaps, ['conformity_and_ce_marking', 'registration', 'operator_verification']);
    const steps = await host.locator('[data-step]').evaluateAll((items) => items.map((li) => li.dataset.step));
    assert.equal(steps.length, 6, 'the six steps');
  });

  it('downloads the report as Markdown and JSON, made in the page', async () => {
    const mark = await page.evaluate(() => performance.getEntriesByType('resource').length);
    const [md] = await Promise.all([page.waitForEvent('download'), host.locator('button[data-action="download-md"]').click()]);
    assert.equal(md.suggestedFilename(), 'ai-act-check-report.md');
    const markdown = await readFile(await md.path(), 'utf8');
    for (const part of ['Yes: the AI Act applies to you as a provider', 'Annex III 5(b)', '## Your answers', 'Art. 22 —', '## ISO/IEC 42001 alignment', '## Next steps', 'not legal advice']) {
      assert.ok(markdown.includes(part), `the Markdown report has ${part}`);
    }
    const [json] = await Promise.all([page.waitForEvent('download'), host.locator('button[data-action="download-json"]').click()]);
    const report = JSON.parse(await readFile(await json.path(), 'utf8'));
    assert.equal(report.format, 'ai-act-check-report');
    assert.equal(report.assessment.complete, true);
    assert.deepEqual(report.assessment.categories, ['high_risk']);
    assert.equal(report.answers.established_in_eu, false);
    tmp.json = path.join(tmp.dir, 'saved.json');
    await writeFile(tmp.json, JSON.stringify(report));
    tmp.markdown = markdown;
    tmp.report = report;
    const fetched = await page.evaluate((m) => performance.getEntriesByType('resource').slice(m).map((e) => e.name), mark);
    assert.deepEqual(fetched, [], 'downloads make no request');
  });

  it('writes the same report on the command line', async () => {
    const facts = path.join(tmp.dir, 'facts.json');
    await writeFile(facts, JSON.stringify(scenario.facts));
    const json = JSON.parse(execFileSync(CLI, ['report', facts, '--format', 'json'], { encoding: 'utf8' }));
    assert.deepEqual(json, tmp.report, 'the browser and the CLI give the same JSON report');
    const markdown = execFileSync(CLI, ['report', facts, '--format', 'md'], { encoding: 'utf8' });
    assert.equal(markdown, tmp.markdown, 'the browser and the CLI give the same Markdown report');
  });

  it('prints the result alone through the print dialog', async () => {
    await page.evaluate(() => {
      window.print = () => {
        const host = document.querySelector('ai-act-check');
        window.__printedWith = {
          printing: host.hasAttribute('data-printing'),
          sheets: document.adoptedStyleSheets.length,
          open: [...host.shadowRoot.querySelectorAll('details.why, details.answers, details.iso')].map((d) => d.open),
        };
      };
    });
    await host.locator('button[data-action="print"]').click();
    await page.waitForFunction(() => window.__printedWith);
    assert.deepEqual(await page.evaluate(() => window.__printedWith), { printing: true, sheets: 1, open: [true, true, true] }, 'the widget alone, unfolded');
    // What the print dialog shows, while it is open.
    await page.evaluate(() => {
      const host = document.querySelector('ai-act-check');
      for (const d of host.shadowRoot.querySelectorAll('details')) d.open = true;
    });
    const pdf = path.join(SCREENSHOTS, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    assert.ok((await stat(pdf)).size > 20_000, 'the PDF has the report');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0, 'the page prints normally again');
    assert.equal(await page.evaluate(() => document.querySelector('ai-act-check').hasAttribute('data-printing')), false);
  });

  it('loads a saved result back, and refuses a foreign or broken file', async () => {
    await host.locator('button[data-action="restart"]').last().click();
    await page.waitForFunction(() => window.__aiActCheckStateOf('ai-act-check')?.questions?.[0] === 'subject');
    const input = host.locator('input[type="file"][data-action="import"]');
    const bad = path.join(tmp.dir, 'foreign.json');
    await writeFile(bad, JSON.stringify({ subject: 'ai_system' }));
    await input.setInputFiles(bad);
    await page.waitForFunction(() => document.querySelector('ai-act-check').shadowRoot.querySelector('.import [role="alert"]'));
    assert.match(await host.locator('.import [role="alert"]').textContent(), /not a result saved by this self-check/);
    const broken = path.join(tmp.dir, 'broken.json');
    await writeFile(broken, '{"format": "ai-act-check-report", ');
    await input.setInputFiles(broken);
    await page.waitForFunction(() => /not JSON/.test(document.querySelector('ai-act-check').shadowRoot.querySelector('.import [role="alert"]')?.textContent));
    const tampered = path.join(tmp.dir, 'tampered.json');
    await writeFile(tampered, JSON.stringify({ ...tmp.report, answers: { ...tmp.report.answers, roles: ['hacker'] } }));
    await input.setInputFiles(tampered);
    await page.waitForFunction(() => /“roles”/.test(document.querySelector('ai-act-check').shadowRoot.querySelector('.import [role="alert"]')?.textContent));
    assert.equal((await stateOf(page, 'ai-act-check')).questions[0], 'subject', 'nothing was loaded');

    await input.setInputFiles(tmp.json);
    await page.waitForFunction(() => window.__aiActCheckStateOf('ai-act-check')?.result);
    const verdict = await host.locator('[part~="verdict"]').textContent();
    assert.match(verdict, /^Yes: the AI Act applies to you as a provider/);
    await host.locator('details.answers > summary').click();
    await host.locator('button[data-action="edit"][data-question="established_in_eu"]').click();
    await page.waitForFunction(() => window.__aiActCheckStateOf('ai-act-check')?.questions?.length);
    assert.equal((await stateOf(page, 'ai-act-check')).questions[0], 'established_in_eu', 'the loaded answers can be changed');
  });
});
