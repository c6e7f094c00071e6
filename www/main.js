// Starts the page: load the wasm module built by scripts/build-web.sh.
// The module's start function mounts the app into <main id="app">.
import init from './pkg/strata_web.js';

init().catch((error) => {
  const status = document.getElementById('loading');
  if (status) {
    status.textContent = `strata could not start: ${error}. Build the page with scripts/build-web.sh.`;
    status.className = 'load-error';
  }
  throw error;
});
