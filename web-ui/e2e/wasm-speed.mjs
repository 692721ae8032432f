// The page's wasm against the native CLI on the same scenario, one thread each: the
// benchmark's machine (64 pCPUs, 512 vCPUs, syscall-heavy, type 1 with hardware assist,
// plus its native baseline) run by the page's module in headless Chromium (its
// `result_json`, on the page's main thread: one thread, as `virtsim run --jobs 1`), then
// by the CLI, interleaved ROUNDS times. Prints each time and the ratio of the medians.
//
// Env: BASE_URL (the served dist/, default http://127.0.0.1:8080/), CHROMIUM (default
//      /usr/bin/chromium), VIRTSIM_BIN (the native CLI, required), DURATION_MS (default
//      200: the page's module runs the scenario whole, so keep it to seconds), ROUNDS
//      (default 3).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080/';
const BIN = process.env.VIRTSIM_BIN;
if (!BIN) throw new Error('VIRTSIM_BIN: the native CLI to compare with');
const DURATION = Number(process.env.DURATION_MS || 200);
const ROUNDS = Number(process.env.ROUNDS || 3);

// The same text as `virtsim bench` (cli/src/bench.rs), at DURATION ms.
const text = `[scenario]
name = "bench"
seed = 1
duration_ms = ${DURATION}

[host]
cores = 64
memory_gib = 2048

[[platform]]
name = "type1-hw"
kind = "type1"
technique = "hardware_assist"

[[instance]]
name = "vm"
count = 128
vcpus = 4
memory_gib = 8
workload = "syscall-heavy"
`;

const dir = mkdtempSync(join(tmpdir(), 'virtsim-wasm-speed-'));
const file = join(dir, 'bench.toml');
writeFileSync(file, text);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(BASE);
  await page.evaluate(async () => {
    const m = await import('./pkg/web_ui.js');
    await m.default();
    window.__virtsim = m;
  });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wasm = [];
  const native = [];
  let events = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const page_run = await page.evaluate((t) => {
      const t0 = performance.now();
      const out = window.__virtsim.result_json('bench.toml', t);
      return { ms: performance.now() - t0, events: JSON.parse(out).events, md5: out.length };
    }, text);
    wasm.push(page_run.ms);
    events = page_run.events;
    const t0 = process.hrtime.bigint();
    const out = execFileSync(BIN, ['run', '--jobs', '1', '--format', 'json', file], { maxBuffer: 1 << 28 }).toString();
    native.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (JSON.parse(out).events !== page_run.events) throw new Error('the page and the CLI ran different events');
    console.log(`round ${round}: page wasm ${page_run.ms.toFixed(0)} ms (${(events / page_run.ms / 1e3).toFixed(1)} M events/s), native ${native.at(-1).toFixed(0)} ms (${(events / native.at(-1) / 1e3).toFixed(1)} M events/s)`);
  }
  console.log(`${(events / 1e6).toFixed(1)} M events: the page's wasm at ${(median(native) / median(wasm)).toFixed(2)}x native (medians ${median(wasm).toFixed(0)} and ${median(native).toFixed(0)} ms)`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
