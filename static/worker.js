// The page's simulation worker: loads the same wasm module as the page and runs one
// scenario per message, so that the page's main thread never simulates
// (web-ui/src/worker.rs). Messages back: {kind: 'progress', done, total} while it
// runs, then {kind: 'done', json} (the result or the error, as JSON text).
import init, { worker_run } from './pkg/web_ui.js';

const ready = init();

self.onmessage = async (event) => {
  await ready;
  const { file, text, knobs, trace } = event.data;
  const json = worker_run(file, text, knobs, trace, (done, total) => {
    self.postMessage({ kind: 'progress', done, total });
  });
  self.postMessage({ kind: 'done', json });
};
