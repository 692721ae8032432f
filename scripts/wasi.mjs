// Runs the virtsim CLI built for wasm32-wasip1 under node's WASI (node 20 or later), to
// compare wasm with native speed and results:
//   cargo build --release -p virtsim-cli --target wasm32-wasip1
//   node scripts/wasi.mjs target/wasm32-wasip1/release/virtsim.wasm bench --seconds 1
// The whole file system is visible to the module as `/`: give absolute paths.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [wasmPath, ...args] = process.argv.slice(2);
if (!wasmPath) {
  console.error('usage: node scripts/wasi.mjs VIRTSIM.wasm ARGS...');
  process.exit(2);
}
const wasi = new WASI({
  version: 'preview1',
  args: ['virtsim', ...args],
  env: {},
  preopens: { '/': '/' },
  returnOnExit: true,
});
const module = await WebAssembly.compile(readFileSync(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
