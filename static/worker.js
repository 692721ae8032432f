// A simulation worker of the page's pool: loads the same wasm module as the page and
// answers one request at a time (web-ui/src/worker/), so that the page's main thread
// never simulates. Requests carry {kind, file, text, knobs, trace}:
//   kind 'run'    -> the whole scenario: {kind: 'done', json} (the result or the error)
//   kind 'job'    -> job `index`: {kind: 'plan', jobs} once the scenario is read, then
//                    {kind: 'outcome', json, index} (the job's outcome), or
//                    {kind: 'done', json, index} with the error
//   kind 'finish' -> the result from every job's `outcomes`: {kind: 'done', json}
// and {kind: 'progress', done, total, index} (simulated cycles) while a run or job goes on.
import init, { worker_run, worker_job, worker_finish } from './pkg/web_ui.js';

const ready = init();

self.onmessage = async (event) => {
  await ready;
  const { kind, file, text, knobs, trace } = event.data;
  const index = event.data.index;
  const progress = (done, total) => self.postMessage({ kind: 'progress', done, total, index });
  if (kind === 'job') {
    const plan = (jobs) => self.postMessage({ kind: 'plan', jobs });
    const json = worker_job(file, text, knobs, trace, index, plan, progress);
    // A failed job answers with its error, as a whole run would.
    self.postMessage({ kind: json.startsWith('{"error"') ? 'done' : 'outcome', json, index });
  } else if (kind === 'finish') {
    self.postMessage({ kind: 'done', json: worker_finish(file, text, knobs, trace, event.data.outcomes) });
  } else {
    self.postMessage({ kind: 'done', json: worker_run(file, text, knobs, trace, progress) });
  }
};
