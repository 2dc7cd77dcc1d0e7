// Runs before a script-tag build that may refuse the engine: what it threw while loading.
(function () {
  window.__loadErrors = [];
  window.addEventListener('error', function (e) {
    window.__loadErrors.push({ message: String(e.message), name: e.error && e.error.name ? String(e.error.name) : null });
  });
})();
