// The hostile page's own script. It loads the widget's loader itself, before the page's
// <script type="module" src="ai-act-check.js"> runs, and then a second copy of it under another
// URL (a separate module instance, as a page that bundles the widget twice would get). Defining
// a custom element twice throws; the loader's guarded registration must keep the first.
// The outcome is left on <html data-loaders="...">, for the test to read.
const root = document.documentElement;
try {
  await import('./ai-act-check.js');
  const first = customElements.get('ai-act-check');
  await import('./ai-act-check.js?copy=2');
  root.dataset.loaders = customElements.get('ai-act-check') === first ? 'ok' : 'redefined';
} catch (error) {
  root.dataset.loaders = `failed: ${error}`;
}
