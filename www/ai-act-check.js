// <ai-act-check>: the custom element around the AI Act Check widget.
//
// Each instance gets an open shadow root, the widget's stylesheet as a constructable
// stylesheet (no <style> element, no style attribute: it runs under `style-src 'self'`) and
// its own WebAssembly app. Attribute changes are forwarded to the app. Nothing is sent
// anywhere: the module, the .wasm and the stylesheet are loaded from this file's own origin.
import init, { mount } from './pkg/ai_act_check.js';

const TAG = 'ai-act-check';
const base = new URL('.', import.meta.url);
let ready = null;

/** Loads the WebAssembly module and the stylesheet once for every instance on the page. */
function load() {
  ready ??= Promise.all([
    init({ module_or_path: new URL('pkg/ai_act_check_bg.wasm', base) }),
    fetch(new URL('ai-act-check.css', base))
      .then((response) => {
        if (!response.ok) throw new Error(`ai-act-check.css: HTTP ${response.status}`);
        return response.text();
      })
      .then((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        return sheet;
      }),
  ]).then(([, sheet]) => sheet);
  return ready;
}

class AiActCheck extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'as-of', 'theme', 'mode'];
  }

  #widget = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    load()
      .then((sheet) => {
        if (!this.isConnected || this.#widget) return;
        this.shadowRoot.adoptedStyleSheets = [sheet];
        const root = document.createElement('div');
        root.setAttribute('part', 'root');
        root.className = 'root';
        this.shadowRoot.replaceChildren(root);
        this.#widget = mount(this, root);
      })
      .catch((error) => {
        console.error('ai-act-check: the widget could not start', error);
        const message = document.createElement('p');
        message.setAttribute('part', 'notice');
        message.textContent = 'The AI Act self-check could not start in this browser.';
        this.shadowRoot.replaceChildren(message);
      });
  }

  disconnectedCallback() {
    if (this.#widget) {
      this.#widget.destroy();
      this.#widget.free();
      this.#widget = null;
    }
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue) this.#widget?.attributesChanged();
  }
}

// Defining the element twice throws; a page that loads this file twice keeps the first.
if (!customElements.get(TAG)) customElements.define(TAG, AiActCheck);
