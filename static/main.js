// Boots the wasm module and mounts the Yew app into #app.
import init, { start } from './pkg/web_ui.js';

const t0 = performance.now();
init()
  .then(() => {
    start('app');
    // First render timing, read by the browser tests' measurement step.
    requestAnimationFrame(() => { window.__virtsimFirstRenderMs = performance.now() - t0; });
  })
  .catch((err) => {
    const boot = document.getElementById('boot');
    if (boot) boot.textContent = 'virtsim failed to start: ' + err;
    console.error(err);
  });
