// The main thread's cost of an edit that leaves the library's largest scenario with many
// independent errors, against the same edit leaving it valid or with one error: the time
// from the editor's change to the page's next frame (validation, the error list's render,
// CodeMirror's markers), median of ROUNDS, and the longest task seen (PerformanceObserver).
// Env: BASE_URL, CHROMIUM, SCENARIOS_DIR, FILE (default full-para-hybrid.toml), ROUNDS.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080/';
const SCEN_DIR = process.env.SCENARIOS_DIR || join(here, '..', '..', 'scenarios');
const FILE = process.env.FILE || 'full-para-hybrid.toml';
const ROUNDS = Number(process.env.ROUNDS || 15);
const text = readFileSync(join(SCEN_DIR, FILE), 'utf8');

// One error: the first `workload = "..."` misspelt. Many: that, and EXTRA more instance
// tables at the end, each with its workload misspelt (one independent error each; the
// page lists 20 and says how many more).
const EXTRA = Number(process.env.EXTRA || 30);
const oneBad = text.replace(/^(workload = ")([a-z-]+)"/m, (_, a, w) => `${a}${w}x"`);
let allBad = oneBad;
for (let i = 0; i < EXTRA; i++) allBad += `\n[[instance]]\nname = "extra-${i}"\nworkload = "web-sever"\n`;
const count = 1 + EXTRA;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
await page.goto(BASE);
await page.waitForSelector('#cm-host .cm-content');
await page.evaluate(() => {
  window.longest = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longest = Math.max(window.longest, e.duration); }).observe({ type: 'longtask', buffered: false });
});
async function edit(t) {
  return page.evaluate(async (t) => {
    const v = document.querySelector('#cm-host').virtsimView;
    const t0 = performance.now();
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: t } });
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, t);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const out = {};
for (const [name, t] of [['valid', text], ['one error', oneBad], [`${count} errors`, allBad]]) {
  const times = [];
  await edit(text + '\n# warm ' + name);
  await page.evaluate(() => { window.longest = 0; });
  let shown;
  for (let i = 0; i < ROUNDS; i++) {
    // A different text each time (the page keeps the last valid reading).
    times.push(await edit(t + `\n# ${i}`));
    shown = await page.evaluate(() => ({ items: document.querySelectorAll('#editor-error .error-list li').length, marks: document.querySelectorAll('#cm-host .cm-lintRange-error').length, more: document.querySelector('#editor-error .error-more')?.textContent || '' }));
    await edit(text);
  }
  out[name] = { median_ms: +median(times).toFixed(1), max_ms: +Math.max(...times).toFixed(1), longest_task_ms: await page.evaluate(() => window.longest), ...shown };
}
console.log(JSON.stringify({ base: BASE, file: FILE, rounds: ROUNDS, ...out }, null, 1));
await browser.close();
