#!/usr/bin/env node
// The performance benchmark of the <ai-act-check> element (a benchmark, not a test: it never
// fails on a slow machine; scripts/bench builds dist/ and runs it).
//
//   node tests/e2e/bench.mjs [--runs N] [--dist DIR] [--out FILE] [--no-engine] [--engine-only]
//
//   --runs N       cold browser runs (default 7, at least 1); one extra warm-up run comes first
//                  and is not counted (it only warms the OS file cache for Chromium itself)
//   --dist DIR     the built files to serve (default dist/; scripts/bench passes a snapshot)
//   --out FILE     where the results go (default target/bench/results.json)
//   --no-engine    skip `cargo bench --bench engine`
//   --engine-only  only the engine benchmarks and the size table
//   --latency MS   add MS of network latency to every request (DevTools network emulation), to
//                  see the first visit over a real network; the targets are for localhost (0)
//
// Every browser run is cold: a new headless Chromium with a fresh, empty profile (lib.launch()),
// the files served by scripts/serve.mjs on 127.0.0.1 (Cache-Control: no-store, the strict CSP of
// an embedding site), index.html opened once, then the scenario extraterritorial-recruiting of
// ../shared/scenarios answered question by question, as tests/e2e/widget.test.mjs does.
//
// How each figure is measured (all in the page, with performance.now(), whose zero is the
// navigation start, performance.timeOrigin):
//
//   first question visible  an init script watches the element's shadow root with a
//                           MutationObserver; when a fieldset[part~=question] appears it takes the
//                           time (DOM inserted), forces style and layout (laid out), then waits
//                           for the next requestAnimationFrame and a setTimeout 0 after it: the
//                           frame that shows the question has been painted (painted; the figure
//                           compared with the target).
//   click → next question   a capture-phase click listener on window takes performance.now()
//                           when button[data-action=next] is clicked; the same MutationObserver
//                           sees the next question (or the result) and takes the DOM, layout and
//                           painted times as above. `painted` includes the wait for the next
//                           frame (the browser's 60 Hz frame clock), `laid out` does not.
//   JS heap                 CDP Runtime.getHeapUsage once the first question is painted (before
//                           any Playwright locator runs in the page, so Playwright's injected
//                           script is not counted), and again after HeapProfiler.collectGarbage.
//   WebAssembly memory      the init script wraps WebAssembly.instantiateStreaming, instantiate
//                           and compileStreaming, keeps the instance's exports.memory and reads
//                           buffer.byteLength; it also records which API compiled the .wasm
//                           (streaming or not) and when.
//   long tasks              a PerformanceObserver of type 'longtask' (tasks over 50 ms), from
//                           the start of the document to the end of the walk.
//   load phases             Resource Timing responseEnd of each file, the times the .wasm
//                           compilation started and the instance was ready, the first mutation of
//                           the shadow root (the loader mounting the app): where the time goes.
//
// Playwright's own script enters the page only after the load figures and the heap are taken
// (they are read through the DevTools protocol). The walk answers with Playwright's check/fill
// and clicks with a real (CDP) mouse click; only the time from the click on "next" is counted.
//   sizes                   the dist/ files the first visit requested, raw, gzip -9 and brotli
//                           q11 (tests/e2e/sizes.mjs).
//   engine                  `cargo bench --bench engine` (criterion, native): the medians of
//                           target/criterion/*/new/estimates.json.

import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, DIST, ROOT, launch, readScenario, recordRequests } from './lib.mjs';
import { BROTLI_BUDGET, KIB, compressedSizes, formatTable } from './sizes.mjs';

const SCENARIO_ID = 'extraterritorial-recruiting';
const AS_OF = '2026-11-22';
const MAX_STEPS = 60;
const MIB = 1024 * KIB;

/** The targets of the issue "Performance, measured". */
const TARGETS = {
  firstQuestionMs: 120, // median, localhost, cold
  clickP95Ms: 4, // click → next question painted, p95
  heapBytes: 4 * MIB, // JS heap after load
  assessNs: 5_000, // assess, criterion median
  brotliBytes: BROTLI_BUDGET, // 150 KiB, the budget of budget.test.mjs
};

// ---------------------------------------------------------------------------------------------
// In the page.

/** Installed with page.addInitScript: runs at the start of the document, before any script. */
export function instrument() {
  if (window !== window.top) return;
  const now = () => performance.now();
  const afterPaint = (callback) => requestAnimationFrame(() => setTimeout(callback, 0));
  let resolveReady;
  const bench = {
    ready: new Promise((resolve) => (resolveReady = resolve)),
    firstMutation: null,
    firstQuestion: null,
    clicks: [],
    longTasks: [],
    wasm: null,
    compiled: null,
    state: null,
  };
  window.__bench = bench;

  // Which API compiles the .wasm, when, and its memory.
  const keep = (how, started) => (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    bench.wasm = { how, started, finished: now(), memory: instance.exports.memory };
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) {
    WebAssembly.instantiateStreaming = function (source, imports) {
      return streaming.call(this, source, imports).then(keep('instantiateStreaming', now()));
    };
  }
  const compileStreaming = WebAssembly.compileStreaming;
  if (compileStreaming) {
    WebAssembly.compileStreaming = function (source) {
      const started = now();
      return compileStreaming.call(this, source).then((module) => {
        bench.compiled = { how: 'compileStreaming', started, finished: now() };
        return module;
      });
    };
  }
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (source, imports) {
    const how = source instanceof WebAssembly.Module ? `${bench.compiled?.how ?? 'compile'} + instantiate(Module)` : 'instantiate(bytes)';
    return instantiate.call(this, source, imports).then(keep(how, now()));
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longTasks = null; // not supported
  }

  let root = null;
  let pending = null;
  const stateOf = () => {
    if (root.querySelector('[part~="result"]')) return 'result';
    const fieldset = root.querySelector('fieldset[part~="question"]');
    return fieldset ? fieldset.dataset.question || '?' : null;
  };
  const onMutation = (records) => {
    if (records) bench.firstMutation ??= now();
    const state = stateOf();
    if (state === bench.state) return;
    const dom = now();
    bench.state = state;
    if (state === null) return;
    // Style and layout of the new content, now, so that they are timed apart from the frame
    // (and a check that the step has a box: it is rendered, not hidden).
    const shown = root.querySelector(state === 'result' ? '[part~="result"]' : 'fieldset[part~="question"]');
    const height = shown ? shown.getBoundingClientRect().height : 0;
    const layout = now();
    if (!bench.firstQuestion && state !== 'result') {
      const first = { question: state, dom, layout, height };
      bench.firstQuestion = first;
      afterPaint(() => {
        first.painted = now();
        first.elements = root.querySelectorAll('*').length;
        resolveReady(true);
      });
    }
    const click = pending;
    pending = null;
    if (click) {
      const record = { from: click.from, to: state, inputDelay: click.at - click.timeStamp, dom: dom - click.at, layout: layout - click.at };
      afterPaint(() => {
        record.painted = now() - click.at;
        record.elements = root.querySelectorAll('*').length;
        bench.clicks.push(record);
      });
    }
  };
  window.addEventListener(
    'click',
    (event) => {
      const target = event.composedPath()[0];
      if (target instanceof Element && target.closest('button[data-action="next"]')) {
        pending = { at: now(), timeStamp: event.timeStamp, from: bench.state };
      }
    },
    true,
  );
  customElements.whenDefined('ai-act-check').then(() => {
    root = document.querySelector('ai-act-check')?.shadowRoot;
    if (!root) return;
    new MutationObserver(onMutation).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-question', 'part'] });
    onMutation();
  });
}

// ---------------------------------------------------------------------------------------------
// Driving one run.

/**
 * Serves `root` with scripts/serve.mjs (the strict CSP of an embedding site, no-store) in a
 * process of its own, so that the server does not share an event loop with Playwright.
 */
export async function startServer(root) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs'), root, '--port', '0', '--csp'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/ at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`scripts/serve.mjs exited with ${code}: ${out}`)));
  });
  child.removeAllListeners('exit');
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Answers the current fieldset with the scenario's value (as widget.test.mjs does). */
async function answer(fieldset, question, value) {
  const input = (selector) => fieldset.locator(selector);
  if (value === true) return input('input[type="radio"][value="yes"]').check();
  if (value === false) return input('input[type="radio"][value="no"]').check();
  if (typeof value === 'number') return input('input[type="number"]').fill(String(value));
  if (Array.isArray(value)) {
    const boxes = input('input[type="checkbox"]');
    const offered = await boxes.evaluateAll((inputs) => inputs.map((i) => i.value));
    for (let i = 0; i < offered.length; i++) await boxes.nth(i).setChecked(value.includes(offered[i]));
    return;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return input('input[type="date"]').fill(value);
  if (typeof value === 'string') return input(`input[type="radio"][value="${value}"]`).check();
  throw new Error(`question "${question}": cannot enter ${JSON.stringify(value)}`);
}

async function cdpEval(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

const heapUsage = async (cdp) => {
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { used: usage.usedSize, total: usage.totalSize, embedder: usage.embedderHeapUsedSize ?? null, backingStorage: usage.backingStorageSize ?? null };
};

/** One cold run: a fresh browser and profile, index.html, the first question, the walk. */
export async function run(server, facts, { extraInitScript = null, latencyMs = 0 } = {}) {
  const browser = await launch();
  const { page, context } = browser;
  try {
    page.setDefaultTimeout(15_000);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(`(${instrument.toString()})();`);
    // For experiments: more instrumentation, whose findings go in window.__benchExtra.
    if (extraInitScript) await page.addInitScript(extraInitScript);
    const cdp = await context.newCDPSession(page);
    if (latencyMs > 0) {
      // A network round trip of latencyMs for every request (DevTools network emulation).
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
    }
    const blankHeap = await heapUsage(cdp);
    const recorder = recordRequests(page);

    // The new document (and the init script's window.__bench) exists by DOMContentLoaded; the
    // first question comes later (it waits for the .wasm), and `ready` keeps its time anyway.
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    const ready = await cdpEval(
      cdp,
      `Promise.race([window.__bench.ready, new Promise((resolve) => setTimeout(() => resolve(false), 30000))])`,
    );
    if (!ready) throw new Error(`no question after 30 s${errors.length ? `: ${errors.join('; ')}` : ''}`);
    // The load as the page saw it; the heap before anything of Playwright's runs in the page.
    const load = await cdpEval(
      cdp,
      `(() => {
        const b = window.__bench;
        const nav = performance.getEntriesByType('navigation')[0];
        const files = {};
        for (const e of performance.getEntriesByType('resource')) {
          files[new URL(e.name).pathname] = { start: e.startTime, responseEnd: e.responseEnd };
        }
        return {
          firstQuestion: b.firstQuestion,
          firstMutation: b.firstMutation,
          domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
          loadEvent: nav?.loadEventEnd ?? null,
          wasm: b.wasm && {
            how: b.wasm.how,
            started: b.compiled?.started ?? b.wasm.started,
            finished: b.wasm.finished,
            memory: b.wasm.memory.buffer.byteLength,
          },
          files,
        };
      })()`,
    );
    const heap = await heapUsage(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGc = await heapUsage(cdp);
    const requestsAtFirstQuestion = recorder.mark();

    // The walk. The date is fixed so that the path is the scenario's.
    await page.evaluate((asOf) => document.querySelector('ai-act-check').setAttribute('as-of', asOf), AS_OF);
    const host = page.locator('ai-act-check').first();
    const steps = [];
    for (let step = 0; ; step++) {
      const state = await page.evaluate(() => window.__bench.state);
      if (state === 'result') break;
      if (step >= MAX_STEPS) throw new Error(`no result after ${MAX_STEPS} steps: ${steps.join(' > ')}`);
      if (!Object.hasOwn(facts, state)) throw new Error(`question "${state}" has no answer in ${SCENARIO_ID}`);
      const fieldset = host.locator(`fieldset[part~="question"][data-question="${state}"]`);
      await answer(fieldset, state, facts[state]);
      steps.push(state);
      await host.locator('button[data-action="next"]').click();
      await page.waitForFunction((n) => window.__bench.clicks.length >= n, steps.length);
    }
    // Let the last long-task entries arrive.
    await page.waitForTimeout(300);
    const walk = await page.evaluate(() => ({
      clicks: window.__bench.clicks,
      longTasks: window.__bench.longTasks,
      wasmMemory: window.__bench.wasm?.memory.buffer.byteLength ?? null,
      extra: window.__benchExtra ?? null,
    }));
    const heapAtResult = await heapUsage(cdp);
    return {
      load,
      heap,
      heapAfterGc,
      heapAtResult,
      blankHeap,
      requests: recorder.requests.slice(0, requestsAtFirstQuestion),
      requestsAfterFirstQuestion: recorder.since(requestsAtFirstQuestion),
      steps,
      ...walk,
      errors,
    };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Engine benchmarks (criterion).

async function engineBenchmarks() {
  const started = Date.now();
  const logFile = path.join(ROOT, 'target', 'bench', 'cargo-bench.log');
  console.error('bench: cargo bench --bench engine (log: target/bench/cargo-bench.log) ...');
  const out = spawnSync('cargo', ['bench', '--bench', 'engine'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MIB });
  await writeFile(logFile, `${out.stdout ?? ''}\n${out.stderr ?? ''}`);
  const walk = /walk as_of (\S+): (\d+) complete paths, (\d+) distinct states/.exec(out.stdout ?? '');
  if (out.status !== 0) return { error: `cargo bench exited with ${out.status ?? out.signal} (see target/bench/cargo-bench.log)`, results: [] };
  const criterion = path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'criterion');
  const results = [];
  const visit = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue;
      const sub = path.join(dir, entry.name);
      if (entry.name === 'new') {
        const estimates = path.join(sub, 'estimates.json');
        const info = await stat(estimates).catch(() => null);
        if (!info || info.mtimeMs < started) continue; // not from this run
        const meta = JSON.parse(await readFile(path.join(sub, 'benchmark.json'), 'utf8'));
        const e = JSON.parse(await readFile(estimates, 'utf8'));
        results.push({
          name: meta.full_id ?? meta.title,
          medianNs: e.median.point_estimate,
          medianLowNs: e.median.confidence_interval.lower_bound,
          medianHighNs: e.median.confidence_interval.upper_bound,
          meanNs: e.mean.point_estimate,
        });
      } else if (entry.name !== 'report') await visit(sub);
    }
  };
  await visit(criterion);
  results.sort((a, b) => a.name.localeCompare(b.name));
  return {
    error: results.length ? null : 'criterion wrote no estimates',
    results,
    walk: walk ? { asOf: walk[1], paths: walk[2], states: Number(walk[3]) } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics and the table.

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = sorted(xs);
  return s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] : null;
}
const summary = (xs) => ({ n: xs.length, median: median(xs), p95: percentile(xs, 95), min: xs.length ? Math.min(...xs) : null, max: xs.length ? Math.max(...xs) : null });

const ms = (x) => (x == null ? '-' : `${x.toFixed(1)} ms`);
const mib = (x) => (x == null ? '-' : `${(x / MIB).toFixed(2)} MiB`);
const kib = (x) => (x == null ? '-' : `${(x / KIB).toFixed(1)} KiB`);
const time = (ns) => (ns == null ? '-' : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n');
}

function parseArgs(argv) {
  const options = { runs: 7, dist: DIST, out: path.join(ROOT, 'target', 'bench', 'results.json'), engine: true, browser: true, latency: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--dist') options.dist = path.resolve(argv[++i]);
    else if (arg === '--out') options.out = path.resolve(argv[++i]);
    else if (arg === '--no-engine') options.engine = false;
    else if (arg === '--engine-only') options.browser = false;
    else if (arg === '--latency') options.latency = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs wants a whole number of at least 1');
  if (!(options.latency >= 0)) throw new Error('--latency wants a number of milliseconds');
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  await mkdir(path.dirname(options.out), { recursive: true });
  await mkdir(path.join(ROOT, 'target', 'bench'), { recursive: true });
  const scenario = readScenario(SCENARIO_ID);
  // Timings on a busy machine measure the machine: give a build that just ran up to a minute
  // to settle (the 1-minute load average below half the CPUs), then go on anyway.
  for (let waited = 0; options.browser && os.loadavg()[0] > os.cpus().length / 2 && waited < 60; waited += 5) {
    if (waited === 0) console.error(`bench: waiting up to 60 s for the machine to settle (load average ${os.loadavg()[0].toFixed(2)})`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  const chromium = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '',
    memory: os.totalmem(),
    loadAverageAtStart: os.loadavg(),
    node: process.version,
    chromium,
    date: new Date().toISOString(),
  };

  const runs = [];
  const failures = [];
  let files = [];
  if (options.browser) {
    if (!scenario) throw new Error(`../shared/scenarios/${SCENARIO_ID}.json is not there`);
    const server = await startServer(options.dist);
    try {
      console.error(`bench: serving ${path.relative(ROOT, options.dist) || '.'} at ${server.url}; 1 warm-up run + ${options.runs} cold runs`);
      // A run that fails (a timeout on a very slow machine) is reported and left out.
      const runOptions = { latencyMs: options.latency };
      await run(server, scenario.facts, runOptions).catch((error) => failures.push(`warm-up: ${error.message}`));
      for (let i = 0; i < options.runs; i++) {
        try {
          const r = await run(server, scenario.facts, runOptions);
          console.error(
            `bench: run ${i + 1}/${options.runs}: first question ${ms(r.load.firstQuestion.painted)}, ` +
              `${r.clicks.length} clicks (median ${ms(median(r.clicks.map((c) => c.painted)))}), ${r.longTasks?.length ?? '?'} long tasks`,
          );
          runs.push(r);
        } catch (error) {
          console.error(`bench: run ${i + 1}/${options.runs} failed: ${error.message}`);
          failures.push(`run ${i + 1}: ${error.message}`);
        }
      }
    } finally {
      await server.close();
    }
    const origin = new URL(server.url).origin;
    for (const r of runs) {
      for (const { url } of r.requests) {
        const u = new URL(url);
        if (u.origin !== origin) continue;
        let rel = decodeURIComponent(u.pathname).replace(/^\/+/, '');
        if (rel === '' || rel.endsWith('/')) rel += 'index.html';
        if (!files.includes(rel)) files.push(rel);
      }
    }
  }
  if (!files.length) {
    // No browser run: the files a first visit of index.html loads.
    files = ['index.html', 'demo.css', 'ai-act-check.js', 'pkg/ai_act_check.js', 'ai-act-check.css', 'pkg/ai_act_check_bg.wasm'];
  }
  const rows = [];
  for (const file of files) rows.push({ file, ...compressedSizes(await readFile(path.join(options.dist, file))) });
  const total = rows.reduce((s, r) => ({ raw: s.raw + r.raw, gzip: s.gzip + r.gzip, brotli: s.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const sizes = { rows, total };

  const engine = options.engine ? await engineBenchmarks() : { error: 'skipped (--no-engine)', results: [] };
  machine.loadAverageAtEnd = os.loadavg();

  // Summaries.
  const first = (key) => summary(runs.map((r) => r.load.firstQuestion[key]));
  const clicks = runs.flatMap((r) => r.clicks);
  const resultClicks = clicks.filter((c) => c.to === 'result');
  const questionClicks = clicks.filter((c) => c.to !== 'result');
  const fileTime = (suffix) => summary(runs.map((r) => Object.entries(r.load.files).find(([p]) => p.endsWith(suffix))?.[1].responseEnd).filter((x) => x != null));
  const longTasks = runs.map((r) => r.longTasks ?? []);
  const assess = engine.results.filter((r) => r.name.startsWith('assess/'));
  const worstAssess = assess.reduce((w, r) => (!w || r.medianNs > w.medianNs ? r : w), null);
  const browser = runs.length
    ? {
        firstQuestion: { domInserted: first('dom'), laidOut: first('layout'), painted: first('painted') },
        phases: {
          domContentLoaded: summary(runs.map((r) => r.load.domContentLoaded)),
          loaderJs: fileTime('/ai-act-check.js'),
          glueJs: fileTime('/pkg/ai_act_check.js'),
          css: fileTime('/ai-act-check.css'),
          wasmFetched: fileTime('.wasm'),
          wasmStarted: summary(runs.map((r) => r.load.wasm?.started).filter((x) => x != null)),
          wasmInstantiated: summary(runs.map((r) => r.load.wasm?.finished).filter((x) => x != null)),
          shadowContent: summary(runs.map((r) => r.load.firstMutation)),
          mountToQuestion: summary(runs.map((r) => r.load.firstQuestion.dom - r.load.firstMutation)),
          loaderToPainted: summary(
            runs
              .map((r) => r.load.firstQuestion.painted - (Object.entries(r.load.files).find(([p]) => p.endsWith('/ai-act-check.js'))?.[1].responseEnd ?? NaN))
              .filter((x) => Number.isFinite(x)),
          ),
        },
        wasmApi: [...new Set(runs.map((r) => r.load.wasm?.how ?? 'unknown'))],
        heapUsed: summary(runs.map((r) => r.heap.used)),
        heapUsedAfterGc: summary(runs.map((r) => r.heapAfterGc.used)),
        blinkHeap: summary(runs.map((r) => r.heap.embedder).filter((x) => x != null)),
        heapBlank: summary(runs.map((r) => r.blankHeap.used)),
        heapAtResult: summary(runs.map((r) => r.heapAtResult.used)),
        wasmMemory: summary(runs.map((r) => r.load.wasm?.memory).filter((x) => x != null)),
        wasmMemoryAtResult: summary(runs.map((r) => r.wasmMemory).filter((x) => x != null)),
        elementsAtFirstQuestion: summary(runs.map((r) => r.load.firstQuestion.elements)),
        elementsAtResult: summary(resultClicks.map((c) => c.elements)),
        steps: runs[0].steps.length,
        clicks: {
          all: { dom: summary(clicks.map((c) => c.dom)), laidOut: summary(clicks.map((c) => c.layout)), painted: summary(clicks.map((c) => c.painted)), inputDelay: summary(clicks.map((c) => c.inputDelay)) },
          toQuestion: { laidOut: summary(questionClicks.map((c) => c.layout)), painted: summary(questionClicks.map((c) => c.painted)) },
          toResult: { laidOut: summary(resultClicks.map((c) => c.layout)), painted: summary(resultClicks.map((c) => c.painted)) },
        },
        longTasks: {
          total: longTasks.reduce((s, l) => s + l.length, 0),
          perRun: longTasks.map((l) => l.length),
          longestMs: Math.max(0, ...longTasks.flat().map((t) => t.duration)),
          tasks: longTasks.map((l) => l.map((t) => ({ start: Math.round(t.start), duration: Math.round(t.duration) }))),
        },
        requestsAfterFirstQuestion: runs.flatMap((r) => r.requestsAfterFirstQuestion.map((q) => q.url)),
        errors: runs.flatMap((r) => r.errors),
      }
    : null;

  const check = (name, target, value, fmt, ok) => ({ name, target, value, shown: value == null ? 'not measured' : fmt(value), met: value == null ? null : ok(value) });
  const targets = [
    check('first question visible, median (cold, localhost)', `≤ ${TARGETS.firstQuestionMs} ms`, browser?.firstQuestion.painted.median, ms, (v) => v <= TARGETS.firstQuestionMs),
    check('click → next question painted, p95', `≤ ${TARGETS.clickP95Ms} ms`, browser?.clicks.all.painted.p95, ms, (v) => v <= TARGETS.clickP95Ms),
    // The same clicks without the wait for the next frame (60 Hz: 0 to 16.7 ms, which no page
    // can shorten): the main thread's work from the click to the new step laid out.
    check('  the same, rendered (no frame wait), p95', `≤ ${TARGETS.clickP95Ms} ms`, browser?.clicks.all.laidOut.p95, ms, (v) => v <= TARGETS.clickP95Ms),
    check('  the same, rendered (no frame wait), median', `≤ ${TARGETS.clickP95Ms} ms`, browser?.clicks.all.laidOut.median, ms, (v) => v <= TARGETS.clickP95Ms),
    check('JS heap after load', `≤ ${mib(TARGETS.heapBytes)}`, browser?.heapUsed.median, mib, (v) => v <= TARGETS.heapBytes),
    check(`assess, median (slowest: ${worstAssess?.name ?? '-'})`, `≤ ${time(TARGETS.assessNs)}`, worstAssess?.medianNs, time, (v) => v <= TARGETS.assessNs),
    check('first visit, brotli total', `≤ ${kib(TARGETS.brotliBytes)}`, total.brotli, kib, (v) => v <= TARGETS.brotliBytes),
  ];

  const results = { machine, options: { runs: options.runs, dist: options.dist, latencyMs: options.latency, scenario: SCENARIO_ID, asOf: AS_OF }, sizes, browser, engine, targets, failures, runs };
  await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);

  // The readable report.
  const out = [];
  out.push(`AI Act Check benchmark: ${machine.cpus} × ${machine.cpu}, ${chromium}, node ${machine.node}`);
  out.push(`load average at start ${machine.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')}, at end ${machine.loadAverageAtEnd.map((x) => x.toFixed(2)).join(' ')}`);
  if (machine.loadAverageAtStart[0] > machine.cpus / 2) {
    out.push(
      `warning: the machine was busy before the runs (1-minute load average ${machine.loadAverageAtStart[0].toFixed(2)} on ${machine.cpus} CPUs): ` +
        'the times are inflated; run again on a quiet machine',
    );
  }
  out.push('', `First visit of index.html (${files.length} files)`, formatTable(sizes));
  if (browser) {
    const b = browser;
    const row = (label, s, f) => [label, f(s.median), f(s.min), f(s.max)];
    const latency = options.latency ? `, ${options.latency} ms network latency per request (targets are for localhost)` : '';
    out.push('', `Browser: ${runs.length} cold runs (fresh profile each), times from navigation start${latency}`);
    out.push(
      table([
        ['', 'median', 'min', 'max'],
        row('first question painted', b.firstQuestion.painted, ms),
        row('  first question in the DOM', b.firstQuestion.domInserted, ms),
        row('  first question laid out', b.firstQuestion.laidOut, ms),
        row('  DOMContentLoaded', b.phases.domContentLoaded, ms),
        row('  ai-act-check.js loaded', b.phases.loaderJs, ms),
        row('  pkg/ai_act_check.js loaded', b.phases.glueJs, ms),
        row('  ai-act-check.css loaded', b.phases.css, ms),
        row('  .wasm compilation started', b.phases.wasmStarted, ms),
        row('  .wasm loaded', b.phases.wasmFetched, ms),
        row('  .wasm instantiated', b.phases.wasmInstantiated, ms),
        row('  shadow root filled (mount)', b.phases.shadowContent, ms),
        row('  mount → question in the DOM', b.phases.mountToQuestion, ms),
        row('  ai-act-check.js loaded → painted', b.phases.loaderToPainted, ms),
        row('JS heap used after load', b.heapUsed, mib),
        row('  after a forced GC', b.heapUsedAfterGc, mib),
        row('  empty page (about:blank)', b.heapBlank, mib),
        row('  at the result (with Playwright\'s script)', b.heapAtResult, mib),
        row('Blink (DOM) heap after load', b.blinkHeap, mib),
        row('WebAssembly memory after load', b.wasmMemory, mib),
        row('  at the result', b.wasmMemoryAtResult, mib),
        row('elements in the shadow root, question', b.elementsAtFirstQuestion, String),
        row('  at the result', b.elementsAtResult, String),
      ]),
    );
    out.push(`.wasm compiled with: ${b.wasmApi.join(', ')}`);
    const boxless = runs.filter((r) => !(r.load.firstQuestion.height > 0)).length;
    if (boxless) out.push(`warning: in ${boxless} runs the first question had no layout box when it was timed`);
    const c = b.clicks;
    const crow = (label, s) => [label, String(s.n), ms(s.median), ms(s.p95), ms(s.max)];
    out.push('', `Clicks on "next": ${b.steps} answers × ${runs.length} runs (click listener → next question or result)`);
    out.push(
      table([
        ['', 'n', 'median', 'p95', 'max'],
        crow('painted (next frame shown)', c.all.painted),
        crow('  in the DOM', c.all.dom),
        crow('  laid out', c.all.laidOut),
        crow('  to a question, laid out', c.toQuestion.laidOut),
        crow('  to a question, painted', c.toQuestion.painted),
        crow('  to the result, laid out', c.toResult.laidOut),
        crow('  to the result, painted', c.toResult.painted),
        crow('input delay (event.timeStamp → listener)', c.all.inputDelay),
      ]),
    );
    out.push(
      '',
      `Long tasks (> 50 ms), load and walk: ${b.longTasks.total} in ${runs.length} runs (per run: ${b.longTasks.perRun.join(', ')}), longest ${ms(b.longTasks.longestMs)}`,
    );
    if (b.requestsAfterFirstQuestion.length) out.push(`requests after the first question: ${b.requestsAfterFirstQuestion.join(', ')}`);
    if (b.errors.length) out.push(`page errors: ${b.errors.join('; ')}`);
  }
  if (failures.length) out.push('', `failed runs (left out): ${failures.join('; ')}`);
  out.push('', 'Engine: cargo bench --bench engine (criterion, native, opt-level 3)');
  if (engine.error) out.push(`  ${engine.error}`);
  if (engine.results.length) {
    out.push(table([['', 'median', '95% CI of the median'], ...engine.results.map((r) => [r.name, time(r.medianNs), `${time(r.medianLowNs)} … ${time(r.medianHighNs)}`])]));
    if (engine.walk) out.push(`(the walk: every answer path for as_of ${engine.walk.asOf}, ${engine.walk.paths} complete paths, ${engine.walk.states} distinct states)`);
  }
  out.push('', 'Targets');
  out.push(table([['', 'target', 'measured', ''], ...targets.map((t) => [t.name, t.target, t.shown, t.met == null ? '-' : t.met ? 'met' : 'MISSED'])]));
  out.push('', `results: ${path.relative(process.cwd(), options.out) || options.out}`);
  console.log(out.join('\n'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`bench: error: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  });
}
