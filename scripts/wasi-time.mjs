// Times the virtsim CLI built for wasm32-wasip1 on one scenario under node's WASI, the
// way the page's warm workers run it: the module is compiled once and each run gets a new
// instance (the code V8 tiered up is kept), W warm-up runs, then K timed ones. Prints
// each timed run's CPU time in ms (user + system of the process, `process.cpuUsage`),
// then the fastest and the median. Compare two builds side by side (two processes at
// once, the same phase of the machine): docs/performance.md, "seed-table-full's VM jobs
// in wasm".
//   node scripts/wasi-time.mjs virtsim.wasm /abs/path/scenario.toml 3 10
import { readFileSync, openSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [wasmPath, scenario, warmUp = '3', timed = '10'] = process.argv.slice(2);
if (!wasmPath || !scenario) {
  console.error('usage: node scripts/wasi-time.mjs VIRTSIM.wasm /ABSOLUTE/SCENARIO.toml [WARM-UP] [TIMED]');
  process.exit(2);
}
const module = await WebAssembly.compile(readFileSync(wasmPath));
const devNull = openSync('/dev/null', 'w');
const times = [];
for (let i = 0; i < Number(warmUp) + Number(timed); i++) {
  const wasi = new WASI({
    version: 'preview1',
    args: ['virtsim', 'run', '--jobs', '1', '--format', 'json', scenario],
    env: {},
    preopens: { '/': '/' },
    returnOnExit: true,
    stdout: devNull,
  });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const before = process.cpuUsage();
  const code = wasi.start(instance);
  const used = process.cpuUsage(before);
  if (code !== 0) {
    console.error(`virtsim exited with ${code}`);
    process.exit(1);
  }
  if (i >= Number(warmUp)) times.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
console.log(
  times.map((t) => t.toFixed(1)).join(' '),
  '| min',
  times[0].toFixed(1),
  'median',
  times[Math.floor(times.length / 2)].toFixed(1),
);
