// The size budget of a first visit: everything dist/index.html makes the browser download,
// brotli-compressed (quality 11, node's zlib), must stay within 150 KiB. Deterministic: the
// files are found by loading the page once, the sizes are computed, nothing is timed.
//
//   node --test tests/e2e/budget.test.mjs      (after www/build)
//   scripts/size                               the same table without the assertion

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROTLI_BUDGET, firstVisitFiles, formatTable, measure } from './sizes.mjs';

test('a first visit of index.html loads at most 150 KiB brotli', { timeout: 120_000 }, async (t) => {
  const { files, foreign, missing } = await firstVisitFiles();
  const sizes = await measure(files);
  const table = formatTable(sizes);
  // The table goes into the test report (TAP diagnostics, or the spec reporter's summary).
  t.diagnostic('first visit of dist/index.html:');
  for (const line of table.split('\n')) t.diagnostic(line);

  assert.deepEqual(foreign, [], 'the first visit requests nothing from another origin');
  assert.deepEqual(missing, [], 'every file the first visit requests is in dist/');
  for (const needed of ['index.html', 'ai-act-check.js', 'pkg/ai_act_check.js', 'pkg/ai_act_check_bg.wasm']) {
    assert.ok(files.includes(needed), `the first visit loads ${needed} (it loaded: ${files.join(', ')})`);
  }
  assert.ok(
    sizes.total.brotli <= BROTLI_BUDGET,
    `first visit is ${sizes.total.brotli} bytes brotli, over the budget of ${BROTLI_BUDGET} bytes (150 KiB): see the table`,
  );
});

// Every official language: a visitor whose browser speaks it loads the same files as an English
// visitor plus that language's core pack (lang/<code>.json), and nothing of the help, result or
// trainer texts before answering. Each first visit stays within the budget.
const LANGUAGES = ['bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'];

test('a first visit in each of the other 23 official languages loads at most 150 KiB brotli', { timeout: 300_000 }, async (t) => {
  const english = await firstVisitFiles();
  const lines = [];
  for (const code of LANGUAGES) {
    const { files, foreign, missing } = await firstVisitFiles({ locale: code });
    assert.deepEqual(foreign, [], `${code}: nothing from another origin`);
    assert.deepEqual(missing, [], `${code}: every file is in dist/`);
    const extra = files.filter((f) => !english.files.includes(f));
    assert.deepEqual(extra, [`lang/${code}.json`], `${code}: the English first visit plus lang/${code}.json only`);
    const sizes = await measure(files);
    lines.push(`${code}  ${(sizes.total.brotli / 1024).toFixed(1)} KiB`);
    assert.ok(
      sizes.total.brotli <= BROTLI_BUDGET,
      `${code}: first visit is ${sizes.total.brotli} bytes brotli, over the budget of ${BROTLI_BUDGET} bytes`,
    );
  }
  t.diagnostic(`first visit by language (brotli): ${lines.join(', ')}`);
});
