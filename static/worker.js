// A simulation worker of the page's pool: loads the same wasm module as the page and
// answers one request at a time (web-ui/src/worker/), so that the page's main thread
// never simulates. Requests carry {kind, file, text, knobs, trace}:
//   kind 'run'    -> the whole scenario: {kind: 'done', answer} (the result or the error)
//   kind 'job'    -> job `index`: {kind: 'plan', jobs} once the scenario is read, then
//                    {kind: 'outcome', bytes, index} (the job's outcome), or
//                    {kind: 'done', answer, index} with the error
//   kind 'finish' -> the result from every job's `outcomes`: {kind: 'done', answer}
// and {kind: 'progress', done, total, index} (simulated cycles) while a run or job goes on.
// Outcomes and results are Uint8Arrays (web-ui/src/worker/wire.rs; their buffers are
// transferred, not copied); an error is the JSON text {"error": {"en", "ko"}}.
import init, { worker_run, worker_job, worker_finish } from './pkg/web_ui.js';

const ready = init();

// Posts `message`, handing over the buffer of its bytes if it has any.
const post = (message, bytes) => self.postMessage(message, bytes instanceof Uint8Array ? [bytes.buffer] : []);

self.onmessage = async (event) => {
  await ready;
  const { kind, file, text, knobs, trace } = event.data;
  const index = event.data.index;
  const progress = (done, total) => self.postMessage({ kind: 'progress', done, total, index });
  if (kind === 'job') {
    const plan = (jobs) => self.postMessage({ kind: 'plan', jobs });
    const out = worker_job(file, text, knobs, trace, index, plan, progress);
    // A failed job answers with its error, as a whole run would.
    if (typeof out === 'string') post({ kind: 'done', answer: out, index });
    else post({ kind: 'outcome', bytes: out, index }, out);
  } else if (kind === 'finish') {
    const answer = worker_finish(file, text, knobs, trace, event.data.outcomes);
    post({ kind: 'done', answer }, answer);
  } else {
    const answer = worker_run(file, text, knobs, trace, progress);
    post({ kind: 'done', answer }, answer);
  }
};
