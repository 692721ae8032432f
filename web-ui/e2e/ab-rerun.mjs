// Re-run times of two builds of the page, interleaved (A B, then B A, ...), in one run on
// one machine: docs/performance.md's way of comparing a change with the page before it.
//   cd web-ui/e2e && OLD_URL=http://127.0.0.1:8111/ NEW_URL=http://127.0.0.1:8110/ \
//     CHROMIUM=/usr/bin/chromium ROUNDS=3 PICKS=seed-table-full.toml,io-paths.toml node ab-rerun.mjs
// (WARM=1 opens every built-in scenario first, as the e2e's measurement has by then.
// OLD_CORES / NEW_CORES: the navigator.hardwareConcurrency that page sees, to compare pool
// sizes on one build: OLD_URL = NEW_URL, OLD_CORES=2 NEW_CORES=3.)
// Each round opens each page afresh, picks each scenario and moves the VM exit cost five
// times; it prints each round's median re-run time (the page's #run-status data-ms).
import { chromium } from 'playwright-core';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const here = dirname(fileURLToPath(import.meta.url));
const builtin = readdirSync(process.env.SCENARIOS_DIR || join(here, '..', '..', 'scenarios')).filter((f) => f.endsWith('.toml')).sort();
const picks = (process.env.PICKS || 'seed-table-full.toml,consolidation-density.toml,lock-holder-preemption.toml,io-paths.toml,type1-vs-type2.toml').split(',');
const servers = { old: process.env.OLD_URL || 'http://127.0.0.1:8111/', new: process.env.NEW_URL || 'http://127.0.0.1:8110/' };
const runId = (p) => p.$eval('.page', (e) => Number(e.dataset.runId));
async function afterRun(p, action) {
  const prev = await runId(p);
  await action();
  await p.waitForFunction((prev) => { const e = document.querySelector('.page'); return Number(e.dataset.runId) > prev && e.dataset.status === 'done'; }, prev, { timeout: 60000 });
}
const results = {};
for (let round = 0; round < Number(process.env.ROUNDS || 3); round++) {
  for (const [name, url] of (round % 2 ? Object.entries(servers).reverse() : Object.entries(servers))) {
    const b = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ab-')), { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    const p = await b.newPage();
    const cores = process.env[name === 'old' ? 'OLD_CORES' : 'NEW_CORES'];
    if (cores) await p.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), Number(cores));
    await p.goto(url);
    await p.waitForSelector('.page[data-status=done]', { timeout: 60000 });
    // WARM=1: first open every built-in scenario once, as the e2e's measurement does before
    // its later scenarios, so that V8 has compiled the engine's hot functions to its
    // optimizing tier (a fresh page's first re-runs are slower for it).
    if (process.env.WARM) for (let i = 0; i < builtin.length; i++) await afterRun(p, () => p.selectOption('#scenario-select', String(i)));
    for (const f of picks) {
      const i = builtin.indexOf(f);
      await afterRun(p, () => p.selectOption('#scenario-select', String(i)));
      const times = [];
      // Each press to a value the slider has not had (a page may keep recent runs' job
      // outcomes): all right, or all left when fewer than five steps are left on the right.
      const [at, top, stride] = await p.$eval('#k-exit', (e) => [Number(e.value), Number(e.max), Number(e.step) || 1]);
      for (const key of Array(5).fill((top - at) / stride >= 5 ? 'ArrowRight' : 'ArrowLeft')) {
        await afterRun(p, async () => { await p.focus('#k-exit'); await p.keyboard.press(key); });
        times.push(Number(await p.getAttribute('#run-status', 'data-ms')));
      }
      times.sort((a, b) => a - b);
      (results[f] ??= { old: [], new: [] })[name].push(times[2]);
    }
    await b.close();
  }
}
for (const [f, r] of Object.entries(results)) console.log(f, 'old', r.old.map((x) => x.toFixed(1)).join(' '), '| new', r.new.map((x) => x.toFixed(1)).join(' '));
