// Boots the wasm module and mounts the Yew app into #app.
import init, { start } from './pkg/web_ui.js';

// The page's language on <html> while the module loads, so that the loading line is read
// in it, not in index.html's English: the same rules as the page's (web-ui's
// `Lang::initial`, which sets it again before the first render): the link's `l=`, else the
// language last chosen in this browser, else the browser's own.
function initialLang() {
  const named = location.hash.replace(/^#/, '').split('&').map((kv) => /^l=(ko|en)$/.exec(kv)).find(Boolean);
  if (named) return named[1];
  try {
    const stored = localStorage.getItem('virtsim.lang');
    if (stored === 'ko' || stored === 'en') return stored;
  } catch (e) { /* storage turned off */ }
  return (navigator.language || '').toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
document.documentElement.lang = initialLang();

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
