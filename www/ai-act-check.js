// <ai-act-check>: the custom element around the AI Act Check widget.
//
// Each instance gets an open shadow root, the widget's stylesheet as a constructable
// stylesheet (no <style> element, no style attribute: it runs under `style-src 'self'`) and
// its own WebAssembly app. Attribute changes are forwarded to the app. Nothing is sent
// anywhere: the module, the .wasm and the stylesheet are loaded from this file's own origin.

const TAG = 'ai-act-check';
const base = new URL('.', import.meta.url);
const instances = new Set();
let ready = null;
/** The WebAssembly module's exports once loaded; replaced by a fresh instance after a crash. */
let wasm = null;
let generation = 0;

/** Loads the WebAssembly module and the stylesheet once for every instance on the page. */
function load() {
  ready ??= Promise.all([
    generation === 0 ? firstModule() : freshModule(),
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

/**
 * The module's glue, its .wasm and (in load) the stylesheet are requested at once, in parallel.
 * A static import of the glue would request the .wasm only once the glue had arrived and run:
 * one more round trip before the first question (scripts/bench measures it).
 */
function firstModule() {
  const response = fetch(new URL('pkg/ai_act_check_bg.wasm', base));
  response.catch(() => {}); // init() reports a failed fetch
  return import('./pkg/ai_act_check.js').then((module) => {
    wasm = module;
    return module.default({ module_or_path: response });
  });
}

/**
 * After a crash the module's memory cannot be trusted: load a fresh instance of it (the same
 * files, from this origin) and start every widget again.
 */
function freshModule() {
  return import(new URL(`pkg/ai_act_check.js?instance=${generation}`, base).href).then((module) => {
    wasm = module;
    packs.clear();
    return module.default({ module_or_path: new URL('pkg/ai_act_check_bg.wasm', base) });
  });
}

window.addEventListener('ai-act-check-panic', () => {
  // The panic is already in the console (the widget reports it there). Show every instance a
  // way back instead of a dead widget; the host page goes on.
  generation += 1;
  ready = null;
  for (const element of instances) {
    try {
      element.crashed();
    } catch (error) {
      console.error('ai-act-check: the error state could not be shown', error);
    }
  }
});

const packs = new Map();

/**
 * English is built in. Another language is a static file next to this one (lang/<code>.json),
 * fetched from the same origin the first time an element asks for it.
 */
function ensureLanguage(element) {
  const wanted = element.getAttribute('lang') || navigator.language || 'en';
  const code = wasm.languagePackFor(wanted);
  if (!code) return Promise.resolve();
  if (!packs.has(code)) {
    packs.set(
      code,
      fetch(new URL(`lang/${code}.json`, base))
        .then((response) => {
          if (!response.ok) throw new Error(`lang/${code}.json: HTTP ${response.status}`);
          return response.json();
        })
        .then((pack) => {
          if (!wasm.registerLanguagePack(pack.code, pack.hash, pack.texts)) throw new Error(`lang/${code}.json does not fit this build`);
        })
        .catch((error) => console.warn('ai-act-check: language pack not loaded', error)),
    );
  }
  return packs.get(code);
}

/**
 * A recoverable error state: a message and a button that starts the widget again. Each element
 * makes its own while everything works, so that it can be shown even when what failed is the
 * page's DOM (a panic while rendering may come from there).
 */
function crashBox(restart) {
  const box = document.createElement('div');
  box.className = 'panel crashed';
  box.setAttribute('part', 'panel');
  box.setAttribute('role', 'alert');
  const message = document.createElement('p');
  message.textContent = 'Something went wrong inside the AI Act self-check. Your answers stayed on this page and were not sent anywhere.';
  const again = document.createElement('button');
  again.type = 'button';
  again.className = 'button button-primary';
  again.setAttribute('part', 'button button-primary');
  again.dataset.action = 'recover';
  again.textContent = 'Start again';
  again.addEventListener('click', restart);
  box.append(message, again);
  return box;
}

class AiActCheck extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'as-of', 'theme', 'mode'];
  }

  #widget = null;
  #crashBox;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#crashBox = crashBox(() => this.start());
  }

  connectedCallback() {
    instances.add(this);
    this.start();
  }

  start() {
    load()
      .then((sheet) => ensureLanguage(this).then(() => sheet))
      .then((sheet) => {
        if (!this.isConnected || this.#widget) return;
        this.shadowRoot.adoptedStyleSheets = [sheet];
        const root = document.createElement('div');
        root.setAttribute('part', 'root');
        root.className = 'root';
        this.shadowRoot.replaceChildren(root);
        this.#widget = wasm.mount(this, root);
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
    instances.delete(this);
    if (this.#widget) {
      this.#widget.destroy();
      this.#widget.free();
      this.#widget = null;
    }
  }

  /** Shows the recoverable error state (made in advance: no element is created here). */
  crashed() {
    this.#widget = null;
    this.shadowRoot.replaceChildren(this.#crashBox);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#widget) return;
    if (name === 'lang') ensureLanguage(this).then(() => this.#widget?.attributesChanged());
    else this.#widget.attributesChanged();
  }
}

// Defining the element twice throws; a page that loads this file twice keeps the first.
if (!customElements.get(TAG)) customElements.define(TAG, AiActCheck);
