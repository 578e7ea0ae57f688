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
