// End-to-end test of the built, served virtsim page in Debian's headless Chromium
// (playwright-core driving /usr/bin/chromium). Run by scripts/test-browser.sh.
//
// Env: BASE_URL (default http://127.0.0.1:8080/), CHROMIUM (default /usr/bin/chromium),
//      VIRTSIM_BIN (the CLI binary; enables the browser-vs-CLI parity check),
//      SCENARIOS_DIR (default ../../scenarios), MEASURE=1 (also print budgets report).
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080/';
const SCEN_DIR = process.env.SCENARIOS_DIR || join(here, '..', '..', 'scenarios');
const EVIL = '<img src=x onerror=alert(1)>';

let failures = 0;
let passed = 0;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e && e.stack || e}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

const userDataDir = mkdtempSync(join(tmpdir(), 'virtsim-e2e-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', '--disable-quic'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
const pageErrors = [];
let dialogs = 0;

async function newPage(url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  await page.goto(url);
  return page;
}
async function waitDone(page) {
  await page.waitForSelector('.page[data-status=done]', { timeout: 60000 });
}
const runId = (page) => page.$eval('.page', (p) => Number(p.dataset.runId));
// Does `action`, then waits for the run it starts to finish.
async function afterRun(page, action) {
  const prev = await runId(page);
  await action();
  await page.waitForFunction((prev) => {
    const p = document.querySelector('.page');
    return Number(p.dataset.runId) > prev && p.dataset.status === 'done';
  }, prev, { timeout: 60000 });
}
async function measuredText(page) {
  await page.click('#tab-table');
  await page.waitForSelector('#measured');
  return (await page.textContent('#measured')).trim();
}
async function setSlider(page, id, key) {
  await page.focus(id);
  await page.keyboard.press(key);
}

const builtin = readdirSync(SCEN_DIR).filter((f) => f.endsWith('.toml')).sort();
const page = await newPage(BASE);
let baseline = '';

await step('page loads and the first scenario runs', async () => {
  await page.waitForSelector('.page', { timeout: 20000 });
  await waitDone(page);
  assert(await page.isVisible('#comparison'), 'comparison table visible');
});

await step('picks a scenario from the library and runs it', async () => {
  const options = await page.$$eval('#scenario-select option', (os) => os.map((o) => o.value).filter((v) => v !== ''));
  assert(options.length === builtin.length, `library has ${options.length} scenarios, scenarios/ has ${builtin.length}`);
  const pick = options[Math.min(1, options.length - 1)];
  await afterRun(page, () => page.selectOption('#scenario-select', pick));
  assert((await page.textContent('.card.editor h2 .file')) === builtin[Number(pick)], 'editor shows the picked file');
  baseline = await measuredText(page);
  assert(/\d/.test(baseline), 'measured table has numbers');
  const rows = await page.$$eval('#comparison tbody tr', (r) => r.length);
  assert(rows >= 6, `comparison table has ${rows} rows (seed table has 6)`);
});

await step('shows the charts as SVG elements', async () => {
  await page.click('#tab-charts');
  await page.waitForSelector('#chart-relative svg rect');
  const n = await page.$$eval('.chart svg', (s) => s.length);
  assert(n >= 4, `only ${n} charts`);
  const ns = await page.$eval('#chart-relative svg', (s) => s.namespaceURI);
  assert(ns === 'http://www.w3.org/2000/svg', 'chart is a real SVG element');
});

await step('exports CSV, JSON, SVG and PNG', async () => {
  for (const [sel, ext] of [['#export-csv', '.csv'], ['#export-json', '.json'],
    ['#chart-relative figcaption button:nth-child(1)', '.svg'], ['#chart-relative figcaption button:nth-child(2)', '.png']]) {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click(sel)]);
    assert(dl.suggestedFilename().endsWith(ext), `download ${dl.suggestedFilename()} for ${sel}`);
    const path = await dl.path();
    const body = readFileSync(path);
    assert(body.length > 100, `${ext} download has ${body.length} bytes`);
    if (ext === '.json') JSON.parse(body.toString('utf8'));
    if (ext === '.png') assert(body.slice(1, 4).toString() === 'PNG', 'PNG signature');
  }
});

await step('switches between English and Korean', async () => {
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert((await page.textContent('#tab-table')) === '비교표', 'Korean tab label');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

await step('moving a slider re-runs and shows new numbers', async () => {
  const before = await measuredText(page);
  let after = before;
  for (const [id, key] of [['#k-exit', 'End'], ['#k-instances', 'ArrowRight'], ['#k-host-cores', 'Home']]) {
    await afterRun(page, () => setSlider(page, id, key));
    after = await measuredText(page);
    if (after !== before) break;
  }
  assert(after !== before, 'numbers did not change after moving sliders');
});

await step('timeline, stack/paths and coursework views render', async () => {
  await page.click('#tab-timeline');
  await page.waitForSelector('.timeline-box svg rect, .timeline .empty');
  await page.click('#tab-paths');
  await page.waitForSelector('.paths table.path');
  await page.click('#tab-questions');
  await page.waitForSelector('.questions, #panel-questions .empty');
});

await step('an invalid scenario shows the error with its line', async () => {
  const text = 'name = "broken"\nseed = "not a number\n';
  await page.fill('#scenario-text', text);
  await page.waitForSelector('#editor-error');
  const err = await page.textContent('#editor-error');
  assert(/:2:\d+/.test(err), `error names line 2: ${err}`);
  assert(/line 2/.test(err), `error says line 2: ${err}`);
});

await step('an oversized scenario gives an error, not a frozen tab', async () => {
  // Pasted in one go (page.fill would type it through the input method).
  const t0 = Date.now();
  await page.$eval('#scenario-text', (ta) => {
    ta.value = 'name = "big"\n' + '# padding\n'.repeat(40000);
    ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await page.waitForSelector('#editor-error');
  const err = await page.textContent('#editor-error');
  assert(/at most/.test(err), `size error shown: ${err.slice(0, 200)}`);
  console.log(`     oversized text handled in ${Date.now() - t0} ms`);
});

await step('a long run shows progress and can be cancelled', async () => {
  // The slowest built-in scenario, made longer with the duration slider.
  const slow = builtin.indexOf('memory-shadow-vs-nested.toml');
  await afterRun(page, () => page.selectOption('#scenario-select', String(slow >= 0 ? slow : 0)));
  const prev = await runId(page);
  await setSlider(page, '#k-duration', 'End');
  await page.waitForSelector('.page[data-status=running]');
  await page.waitForSelector('.progress progress');
  await page.waitForFunction(() => /\d+% · [\d,]+ \/ [\d,]+ cycles simulated/.test(document.querySelector('.progress')?.textContent || ''), null, { timeout: 20000 });
  // The tab stays responsive while the run goes on.
  const t0 = Date.now();
  await page.evaluate(() => 1 + 1);
  assert(Date.now() - t0 < 500, 'page answered within 500 ms during a run');
  await page.click('#cancel');
  await page.waitForSelector('.page[data-status=cancelled]');
  assert(await runId(page) > prev, 'cancel ends the run');
});

await step('the measured table shows every CPU share and the instance groups', async () => {
  await afterRun(page, () => page.selectOption('#scenario-select', String(builtin.indexOf('containers-vs-vms.toml'))));
  await measuredText(page);
  const heads = await page.textContent('#measured thead');
  for (const h of ['Guest user %', 'Guest kernel %', 'Hypervisor %', 'Device emulation %', 'Host OS / engine %', 'Idle %', 'Steal %']) {
    assert(heads.includes(h), `measured table lacks ${h}: ${heads}`);
  }
  const kinds = await page.textContent('#measured tbody');
  assert(/scheduler/.test(kinds), `Kind column names the scheduler: ${kinds}`);
  assert(/bridge network|host network/.test(kinds), `Kind column names the container network: ${kinds}`);
  assert(await page.isVisible('#groups'), 'per-group table shown');
  const rows = await page.$$eval('#groups tbody tr', (r) => r.length);
  assert(rows >= 3, `per-group table has ${rows} rows`);
});

await step('stack and paths open on a blocking op with per-layer subtotals', async () => {
  await page.click('#tab-paths');
  await page.waitForSelector('#layer-subtotals tbody tr');
  const op = await page.$eval('#path-op', (s) => s.options[s.selectedIndex].textContent);
  assert(op !== 'system call', `paths open on ${op}`);
  await page.click('#tab-table');
});

await step('the timeline overview shows every category, not only the longest segments', async () => {
  await page.click('#tab-timeline');
  await page.waitForSelector('.timeline-box svg rect[fill]', { timeout: 60000 });
  const fills = await page.$$eval('.timeline-box svg rect[fill]', (r) => new Set(r.map((x) => x.getAttribute('fill'))).size);
  assert(fills >= 2, `timeline overview draws ${fills} categories`);
  const marks = await page.$$eval('.timeline-box svg path.trap', (m) => m.map((x) => Number(/M([\d.]+)/.exec(x.getAttribute('d'))[1])));
  if (marks.length > 50) {
    const max = Math.max(...marks);
    assert(max > 700, `trap markers reach only x=${max}`);
  }
  await page.click('#tab-table');
});

await step('a control that makes the scenario invalid is blamed beside it', async () => {
  await afterRun(page, () => page.selectOption('#scenario-select', String(builtin.indexOf('vdi-network.toml'))));
  const before = await page.textContent('#k-instances-out');
  const seed = await page.inputValue('#k-seed');
  await page.selectOption('#k-workload', 'cpu-bound');
  await page.waitForSelector('#k-workload-error');
  assert(/desktop/.test(await page.textContent('#k-workload-error')), 'error explains the workload');
  assert((await page.textContent('#k-instances-out')) === before, 'other sliders keep their values');
  assert((await page.inputValue('#k-seed')) === seed, 'seed stays');
  assert(await page.isDisabled('#run'), 'run disabled');
  assert(await page.isVisible('#stale-note'), 'results marked stale');
  assert(!(await page.isVisible('#editor-error')), 'no editor error for a control');
  await afterRun(page, () => page.click('#k-workload-error button'));
  assert(!(await page.isVisible('#stale-note')), 'stale note gone after re-run');
});

let shareUrl = '';
await step('a share link reproduces the run', async () => {
  await afterRun(page, () => page.selectOption('#scenario-select', String(Math.min(1, builtin.length - 1))));
  await afterRun(page, () => setSlider(page, '#k-instances', 'ArrowRight'));
  const expected = await measuredText(page);
  await page.click('#share');
  shareUrl = page.url();
  assert(shareUrl.includes('#s='), `share link in the address bar: ${shareUrl}`);
  const other = await newPage(shareUrl);
  await waitDone(other);
  const got = await measuredText(other);
  assert(got === expected, `shared run differs:\n${got}\n---\n${expected}`);
  await other.close();
});

await step('a hostile scenario name stays text', async () => {
  const src = readFileSync(join(SCEN_DIR, builtin[0]), 'utf8');
  const evil = src.replace(/^name\s*=.*$/m, `name = ${JSON.stringify(EVIL)}`);
  assert(evil.includes(EVIL), 'scenario has a name line');
  await page.fill('#scenario-text', evil);
  await page.waitForSelector('#editor-status .scenario-name');
  assert((await page.textContent('#editor-status .scenario-name')) === EVIL, 'name shown verbatim');
  await afterRun(page, () => page.click('#run-edited'));
  for (const tab of ['#tab-table', '#tab-charts', '#tab-paths', '#tab-questions', '#tab-timeline']) {
    await page.click(tab);
    await page.waitForTimeout(100);
  }
  await page.click('#share');
  const evilPage = await newPage(page.url());
  await waitDone(evilPage);
  await evilPage.waitForTimeout(300);
  for (const p of [page, evilPage]) {
    const imgs = await p.$$eval('img', (i) => i.length);
    assert(imgs === 0, `${imgs} <img> elements were created`);
  }
  assert(dialogs === 0, 'an alert fired');
  await evilPage.close();
});

if (process.env.VIRTSIM_BIN) {
  await step(`browser results equal the CLI's for all ${builtin.length} built-in scenarios`, async () => {
    const fresh = await newPage(BASE);
    await fresh.waitForFunction(() => window.__virtsimFirstRenderMs !== undefined, null, { timeout: 20000 });
    const mismatches = [];
    for (const f of builtin) {
      const path = join(SCEN_DIR, f);
      const cli = execFileSync(process.env.VIRTSIM_BIN, ['run', path, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const text = readFileSync(path, 'utf8');
      const web = await fresh.evaluate(async ([file, text]) => {
        const m = await import('./pkg/web_ui.js');
        return m.result_json(file, text);
      }, [f, text]);
      const a = sha256(cli.trimEnd()), b = sha256(web.trimEnd());
      console.log(`     ${f}: cli ${a.slice(0, 16)} web ${b.slice(0, 16)} ${a === b ? 'equal' : 'DIFFERENT'}`);
      if (a !== b) mismatches.push(f);
    }
    await fresh.close();
    assert(mismatches.length === 0, `different results: ${mismatches.join(', ')}`);
  });
}

await step('no errors in the page', async () => {
  assert(pageErrors.length === 0, pageErrors.join('\n'));
});

if (process.env.MEASURE) {
  console.log('\n# measurements (headless Chromium, localhost)');
  const renders = [];
  for (let i = 0; i < 5; i++) {
    const p = await newPage(BASE + '?m=' + i);
    await p.waitForFunction(() => window.__virtsimFirstRenderMs !== undefined, null, { timeout: 20000 });
    const nav = await p.evaluate(() => ({ fr: window.__virtsimFirstRenderMs, start: performance.timeOrigin, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, load: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd }));
    renders.push(nav.fr + (nav.load || 0));
    await p.close();
  }
  renders.sort((a, b) => a - b);
  console.log(`first render (navigation start -> app mounted): median ${renders[2].toFixed(0)} ms (of 5: ${renders.map((r) => r.toFixed(0)).join(', ')})`);
  const p = await newPage(BASE);
  await waitDone(p);
  for (let i = 0; i < builtin.length; i++) {
    await afterRun(p, () => p.selectOption('#scenario-select', String(i)));
    const times = [];
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowRight', 'ArrowLeft', 'ArrowRight']) {
      await afterRun(p, () => setSlider(p, '#k-exit', key));
      times.push(Number(await p.getAttribute('#run-status', 'data-ms')));
    }
    times.sort((a, b) => a - b);
    console.log(`re-run after slider change, ${builtin[i]}: median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms`);
  }
  await p.close();
}

await browser.close();
rmSync(userDataDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
