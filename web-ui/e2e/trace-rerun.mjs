// Where a re-run's time goes: a Chrome trace (CDP Tracing) of N re-runs of one scenario after
// moves of the VM exit cost slider, printed as busy time per thread (the page's main thread,
// each worker, the compositor); the raw trace is written to /tmp/trace.json.
//   cd web-ui/e2e && URL=http://127.0.0.1:8105/ PICK=seed-table-full.toml N=3 \
//     CHROMIUM=/usr/bin/chromium node trace-rerun.mjs
// docs/performance.md quotes what it showed for seed-table-full (2026-12-04).
import { chromium } from 'playwright-core';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const here = dirname(fileURLToPath(import.meta.url));
const builtin = readdirSync(join(here, '..', '..', 'scenarios')).filter((f) => f.endsWith('.toml')).sort();
const pick = process.env.PICK || 'seed-table-full.toml';
const b = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tr-')), { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const p = await b.newPage();
await p.goto(process.env.URL || 'http://127.0.0.1:8105/');
await p.waitForSelector('.page[data-status=done]', { timeout: 60000 });
const runId = () => p.$eval('.page', (e) => Number(e.dataset.runId));
async function afterRun(action) {
  const prev = await runId();
  await action();
  await p.waitForFunction((prev) => { const e = document.querySelector('.page'); return Number(e.dataset.runId) > prev && e.dataset.status === 'done'; }, prev, { timeout: 60000 });
}
await afterRun(() => p.selectOption('#scenario-select', String(builtin.indexOf(pick))));
const press = () => afterRun(async () => { await p.focus('#k-exit'); await p.keyboard.press('ArrowRight'); });
await press();
const cdp = await b.newCDPSession(p);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const done = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel', transferMode: 'ReportEvents' });
const ms = [];
for (let i = 0; i < Number(process.env.N || 3); i++) { await press(); ms.push(Number(await p.getAttribute('#run-status', 'data-ms'))); await p.waitForTimeout(300); }
await cdp.send('Tracing.end');
await done;
writeFileSync('/tmp/trace.json', JSON.stringify(events));
console.log('runs (ms):', ms.join(' '));
// thread names
const names = {};
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names[e.pid + ':' + e.tid] = e.args.name;
const busy = {};
for (const e of events) {
  if (e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) {
    const k = names[e.pid + ':' + e.tid] || (e.pid + ':' + e.tid);
    busy[k] = (busy[k] || 0) + e.dur / 1000;
  }
}
console.log(busy);
await b.close();
