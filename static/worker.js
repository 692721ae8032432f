// A simulation worker of the page's pool: loads the same wasm module as the page and
// answers one request at a time (web-ui/src/worker/), so that the page's main thread
// never simulates. Requests carry {kind, run} (`run`: the page's run number; a worker
// keeps the runner it built for a run between requests), and the first request of a run
// to this worker also {file, text, knobs, trace}, which it keeps for the run's later ones:
//   kind 'jobs'   -> runs jobs `indices` in turn: {kind: 'outcome', index, bytes, events,
//                    ms} for each (the job's outcome, the events and the time it took), or
//                    {kind: 'done', answer} with the error
//   kind 'complete' -> takes the `outcomes` of jobs `indices` (other workers', or kept
//                    from an earlier run) into its runner of the run, no answer (an
//                    error: {kind: 'done', answer})
//   kind 'finish' -> the result from the worker's own jobs of the run, the outcomes it
//                    took and the `outcomes` of jobs `indices`: {kind: 'done', answer}
// and {kind: 'progress', index, done, total} (simulated cycles) while a job goes on.
// Outcomes and results are Uint8Arrays (sim-core/src/binary_form.rs; their buffers are
// transferred, not copied); an error is the JSON text {"error": {"en", "ko"}}.
import init, { worker_jobs, worker_complete, worker_finish } from './pkg/web_ui.js';

const ready = init();

// Posts `message`, handing over the buffer of its bytes if it has any.
const post = (message, bytes) => self.postMessage(message, bytes instanceof Uint8Array ? [bytes.buffer] : []);

// The scenario and settings of the last run that sent them.
let scenario = null;

// An exception in an async handler is only an unhandled rejection: no error event reaches
// the page, whose run would wait for this worker forever (a wasm trap; `init()` failing to
// fetch or compile the module in a worker started for a run; shown by injecting faults).
// Thrown again outside the promise it is this worker's error event: the page terminates the
// worker and gives its jobs, or the finishing work, to another (`Pool::lost`).
const failed = (e) => setTimeout(() => { throw e; });
self.onmessageerror = () => failed(new Error('a message to the worker could not be read'));
self.onmessage = (event) => {
  handle(event).catch(failed);
};

async function handle(event) {
  await ready;
  const { kind, run } = event.data;
  if (event.data.text !== undefined) {
    const { file, text, knobs, trace } = event.data;
    scenario = { run, file, text, knobs, trace };
  }
  if (!scenario || scenario.run !== run) {
    const en = 'internal error: a worker was asked to continue a run it was not sent';
    const ko = '내부 오류: 워커가 받지 않은 실행을 이어 가라는 요청을 받았습니다';
    post({ kind: 'done', answer: JSON.stringify({ error: { en, ko } }) });
    return;
  }
  const { file, text, knobs, trace } = scenario;
  if (kind === 'jobs') {
    // The time each job took here (the page shares a run's jobs out on it).
    let since = performance.now();
    const outcome = (index, bytes, events) => {
      post({ kind: 'outcome', index, bytes, events, ms: performance.now() - since }, bytes);
      since = performance.now();
    };
    const progress = (index, done, total) => self.postMessage({ kind: 'progress', index, done, total });
    const error = worker_jobs(run, file, text, knobs, trace, event.data.indices, outcome, progress);
    // A failed job answers with its error, as a failed run would.
    if (typeof error === 'string') post({ kind: 'done', answer: error });
  } else if (kind === 'complete') {
    const error = worker_complete(run, file, text, knobs, trace, event.data.indices, event.data.outcomes);
    if (typeof error === 'string') post({ kind: 'done', answer: error });
  } else if (kind === 'finish') {
    const answer = worker_finish(run, file, text, knobs, trace, event.data.indices, event.data.outcomes);
    post({ kind: 'done', answer }, answer);
  }
}
