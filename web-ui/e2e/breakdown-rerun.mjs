// Where each re-run's time goes, re-run by re-run: a Chrome trace (CDP Tracing) of N moves
// of the VM exit cost slider on one scenario, cut into windows from the slider's keydown to
// the page's `data-status=done`, and for each window the main thread's and each worker's
// busy time (RunTask), when each worker started and ended its work, and the page's own
// figure (`#run-status` `data-ms`, which starts when the run loop starts and stops when the
// result is read, before its render).
//   cd web-ui/e2e && URL=http://127.0.0.1:8105/ PICK=seed-table-full.toml N=8 WARMUP=4 \
//     CHROMIUM=/usr/bin/chromium node breakdown-rerun.mjs
// The columns (ms from the keydown): `start` the first worker task, `w0`/`w1` each worker's
// busy time and [first start–last end], `last` the last worker task's end, `done` the
// status change, `main` the main thread's busy time inside the window (and before the
// first worker task, `main<`), `page` the page's data-ms. The raw trace goes to
// /tmp/breakdown-trace.json. docs/performance.md quotes what it showed.
import { chromium } from 'playwright-core';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const builtin = readdirSync(process.env.SCENARIOS_DIR || join(here, '..', '..', 'scenarios'))
  .filter((f) => f.endsWith('.toml'))
  .sort();
const pick = process.env.PICK || 'seed-table-full.toml';
const b = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bd-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const p = await b.newPage();
await p.goto(process.env.URL || 'http://127.0.0.1:8105/');
await p.waitForSelector('.page[data-status=done]', { timeout: 60000 });
const runId = () => p.$eval('.page', (e) => Number(e.dataset.runId));
async function afterRun(action) {
  const prev = await runId();
  await action();
  await p.waitForFunction(
    (prev) => {
      const e = document.querySelector('.page');
      return Number(e.dataset.runId) > prev && e.dataset.status === 'done';
    },
    prev,
    { timeout: 60000 },
  );
}
await afterRun(() => p.selectOption('#scenario-select', String(builtin.indexOf(pick))));
// Marks the trace can see: the keydown (before the page's own handler) and the status change.
await p.evaluate(() => {
  document.addEventListener('keydown', () => performance.mark('bd-key'), { capture: true });
  const page = document.querySelector('.page');
  new MutationObserver(() => {
    if (page.dataset.status === 'done') performance.mark('bd-done');
  }).observe(page, { attributes: true, attributeFilter: ['data-status'] });
});
const [at, top, stride] = await p.$eval('#k-exit', (e) => [Number(e.value), Number(e.max), Number(e.step) || 1]);
const n = Number(process.env.N || 8);
const warmup = Number(process.env.WARMUP || 4);
const key = (top - at) / stride >= n + warmup ? 'ArrowRight' : 'ArrowLeft';
const press = () =>
  afterRun(async () => {
    await p.focus('#k-exit');
    await p.keyboard.press(key);
  });
for (let i = 0; i < warmup; i++) await press();
const cdp = await b.newCDPSession(p);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const complete = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', {
  categories: 'devtools.timeline,toplevel,blink.user_timing,v8.execute',
  transferMode: 'ReportEvents',
});
const pageMs = [];
for (let i = 0; i < n; i++) {
  await press();
  pageMs.push(Number(await p.getAttribute('#run-status', 'data-ms')));
  await p.waitForTimeout(250);
}
await cdp.send('Tracing.end');
await complete;
writeFileSync('/tmp/breakdown-trace.json', JSON.stringify(events));
await b.close();

const names = {};
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names[e.pid + ':' + e.tid] = e.args.name;
const marks = (name) =>
  events
    .filter((e) => e.name === name && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b' || e.ph === 'X'))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
const keys = marks('bd-key');
const dones = marks('bd-done');
const tasks = {};
for (const e of events) {
  if (e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > 0) {
    // By thread (both workers have the same name); with the task's thread CPU time
    // (`tdur`), which a loaded machine does not stretch.
    const k = e.pid + ':' + e.tid;
    (tasks[k] ??= []).push([e.ts, e.ts + e.dur, e.tdur ?? e.dur]);
  }
}
const threadNames = Object.keys(tasks);
const keyThread = events.find((e) => e.name === 'bd-key');
const mainName = keyThread ? keyThread.pid + ':' + keyThread.tid : threadNames.find((t) => names[t] === 'CrRendererMain');
const workerNames = threadNames.filter((t) => (names[t] || '').startsWith('DedicatedWorker'));
// A task cut by the window keeps the share of its CPU time that its cut wall time has.
const clip = (list, a, z) =>
  list
    .filter(([s, e]) => e > a && s < z)
    .map(([s, e, c]) => [Math.max(s, a), Math.min(e, z), e > s ? (c * (Math.min(e, z) - Math.max(s, a))) / (e - s) : 0]);
const busy = (list) => list.reduce((t, [, , c]) => t + c, 0) / 1000;
const rows = [];
for (let i = 0; i < keys.length; i++) {
  const a = keys[i];
  const z = dones.find((d) => d > a);
  if (z === undefined) continue;
  const w = workerNames
    .map((name) => ({ name, list: clip(tasks[name] || [], a, z) }))
    .filter((x) => busy(x.list) > 0.5);
  const first = Math.min(...w.map((x) => x.list[0][0]));
  const last = Math.max(...w.map((x) => x.list[x.list.length - 1][1]));
  const main = clip(tasks[mainName] || [], a, z);
  rows.push({
    start: (first - a) / 1000,
    workers: w.map((x) => ({ busy: busy(x.list), from: (x.list[0][0] - a) / 1000, to: (x.list[x.list.length - 1][1] - a) / 1000 })),
    last: (last - a) / 1000,
    done: (z - a) / 1000,
    main: busy(main),
    mainBefore: busy(clip(main, a, first)),
    mainDuring: busy(clip(main, first, last)),
    mainAfter: busy(clip(main, last, z)),
  });
}
const f = (x) => x.toFixed(1).padStart(6);
console.log(`${pick}: ${rows.length} re-runs (page data-ms: ${pageMs.map((x) => x.toFixed(1)).join(' ')})`);
console.log('  start   last   done |  main  main< main= main> | workers: busy [from-to]');
for (const r of rows) {
  console.log(
    `${f(r.start)} ${f(r.last)} ${f(r.done)} | ${f(r.main)} ${f(r.mainBefore)} ${f(r.mainDuring)} ${f(r.mainAfter)} | ` +
      r.workers.map((w) => `${w.busy.toFixed(1)} [${w.from.toFixed(1)}-${w.to.toFixed(1)}]`).join('  '),
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (rows.length) {
  console.log(
    `medians: start ${median(rows.map((r) => r.start)).toFixed(1)}, last ${median(rows.map((r) => r.last)).toFixed(1)}, done ${median(rows.map((r) => r.done)).toFixed(1)}, ` +
      `main ${median(rows.map((r) => r.main)).toFixed(1)} (before ${median(rows.map((r) => r.mainBefore)).toFixed(1)}, during ${median(rows.map((r) => r.mainDuring)).toFixed(1)}, after ${median(rows.map((r) => r.mainAfter)).toFixed(1)}), ` +
      `workers' busy sum ${median(rows.map((r) => r.workers.reduce((t, w) => t + w.busy, 0))).toFixed(1)}, page ${median(pageMs).toFixed(1)}`,
  );
}
