// <ai-act-check>: the custom element around the AI Act Check widget.
//
// Each instance gets an open shadow root, the widget's stylesheet as a constructable
// stylesheet (no <style> element, no style attribute: it runs under `style-src 'self'`) and
// its own WebAssembly app. Attribute changes are forwarded to the app. Nothing is sent
// anywhere: the module, the .wasm and the stylesheet are loaded from this file's own origin.

const TAG = 'ai-act-check';
const base = new URL('.', import.meta.url);
const instances = new Set();
let generation = 0;
const sheets = new Map();

/** A stylesheet of the widget, fetched once for every instance on the page. */
function stylesheet(name) {
  if (!sheets.has(name)) {
    const sheet = fetch(new URL(name, base))
      .then((response) => {
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return response.text();
      })
      .then((css) => {
        const constructed = new CSSStyleSheet();
        constructed.replaceSync(css);
        return constructed;
      });
    sheet.catch(() => sheets.delete(name)); // a later start tries again
    sheets.set(name, sheet);
  }
  return sheets.get(name);
}

/**
 * One WebAssembly build: `ai_act_check` for visitors, `ai_act_check_trainer` (the same widget
 * with trainer mode) only for pages with `mode="trainer"`, so a visitor never downloads it.
 */
class Runtime {
  constructor(name) {
    this.name = name;
    this.ready = null;
    /** The module's exports once loaded; replaced by a fresh instance after a crash. */
    this.wasm = null;
    this.packs = new Map();
  }

  /** The module and its stylesheets, requested at once, in parallel. */
  load() {
    const styles = this.name === 'ai_act_check' ? ['ai-act-check.css'] : ['ai-act-check.css', 'ai-act-check-trainer.css'];
    if (!this.ready) {
      this.ready = Promise.all([generation === 0 ? this.#first() : this.#fresh(), ...styles.map(stylesheet)]).then(
        ([, ...constructed]) => constructed,
      );
      this.ready.catch(() => {
        this.ready = null; // a later start tries again
      });
    }
    return this.ready;
  }

  /**
   * The glue and its .wasm are requested at once: a static import of the glue would request
   * the .wasm only once the glue had arrived and run, one more round trip before the first
   * question (scripts/bench measures it).
   */
  #first() {
    const response = fetch(new URL(`pkg/${this.name}_bg.wasm`, base));
    response.catch(() => {}); // init() reports a failed fetch
    const glue = this.name === 'ai_act_check' ? import('./pkg/ai_act_check.js') : import('./pkg/ai_act_check_trainer.js');
    return glue.then((module) => {
      this.wasm = module;
      return module.default({ module_or_path: response });
    });
  }

  /**
   * After a crash the module's memory cannot be trusted: load a fresh instance of it (the same
   * files, from this origin) and start every widget again.
   */
  #fresh() {
    return import(new URL(`pkg/${this.name}.js?instance=${generation}`, base).href).then((module) => {
      this.wasm = module;
      this.packs.clear();
      return module.default({ module_or_path: new URL(`pkg/${this.name}_bg.wasm`, base) });
    });
  }

  /** The language an element shows: its `lang`, else the browser's, else English. */
  languageOf(element) {
    const wanted = element.getAttribute('lang') || this.wasm.preferredLanguage() || 'en';
    return this.wasm.languageCode(wanted) || 'en';
  }

  /**
   * A part of a language's texts (src/text_part.rs), from a static file next to this one:
   * lang/<code>.json (the interface and questions; English's is built in),
   * lang/<code>.details.json (help and results), lang/<code>.trainer.json (trainer mode).
   * Each is fetched from this same origin once, the first time an element needs it; a file
   * that could not be loaded is tried again the next time. Resolves to whether it is at hand.
   * Where another language's help, result or trainer texts cannot be had, English's are
   * loaded instead, and the widget shows those.
   */
  ensureTexts(code, part) {
    if (this.wasm.hasTexts(code, part)) return Promise.resolve(true);
    const file = part === 'core' ? `${code}.json` : `${code}.${part}.json`;
    if (!this.packs.has(file)) {
      // The version keeps a browser from reusing a pack of an earlier build from its cache.
      const loading = fetch(new URL(`lang/${file}?v=${this.wasm.packVersion()}`, base))
        .then((response) => {
          if (!response.ok) throw new Error(`lang/${file}: HTTP ${response.status}`);
          return response.json();
        })
        .then((pack) => {
          if (!this.wasm.registerLanguagePack(pack.code, pack.part, pack.hash, pack.texts)) throw new Error(`lang/${file} does not fit this build`);
          return true;
        })
        .catch((error) => {
          console.warn('ai-act-check: language pack not loaded', error);
          this.packs.delete(file);
          return code !== 'en' && part !== 'core' ? this.ensureTexts('en', part).then(() => false) : false;
        });
      this.packs.set(file, loading);
    }
    return this.packs.get(file);
  }

  /**
   * Loads the core texts of the language an element asks for, until what it asks for no longer
   * changes while loading (its `lang` may change meanwhile); resolves to that language.
   */
  async ensureLanguage(element) {
    for (;;) {
      const code = this.languageOf(element);
      await this.ensureTexts(code, 'core');
      if (this.languageOf(element) === code) return code;
    }
  }
}

const runtimes = { visitor: new Runtime('ai_act_check'), trainer: new Runtime('ai_act_check_trainer') };
const runtimeOf = (element) => (element.getAttribute('mode')?.trim() === 'trainer' ? runtimes.trainer : runtimes.visitor);

window.addEventListener('ai-act-check-panic', () => {
  // The panic is already in the console (the widget reports it there). Show every instance a
  // way back instead of a dead widget; the host page goes on.
  generation += 1;
  for (const runtime of Object.values(runtimes)) runtime.ready = null;
  for (const element of instances) {
    try {
      element.crashed();
    } catch (error) {
      console.error('ai-act-check: the error state could not be shown', error);
    }
  }
});

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

/** Why there is no widget: in its language where its module loaded, else in English. */
function startFailed(runtime, element) {
  try {
    return runtime.wasm.interfaceText(runtime.languageOf(element), 'ui.start_failed');
  } catch {
    return 'The AI Act self-check could not start in this browser.';
  }
}

class AiActCheck extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'as-of', 'theme', 'mode'];
  }

  #widget = null;
  #runtime = null;
  #crashBox;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#crashBox = crashBox(() => this.start());
    // The widget asks for texts it is about to show (a result, trainer mode); the help and
    // result texts are also fetched as soon as the visitor starts to answer.
    // The event names the language the widget shows (English when another's texts failed).
    this.addEventListener('ai-act-check-needs-texts', (event) => this.#texts(event.detail?.part, event.detail?.lang));
    for (const type of ['pointerdown', 'keydown', 'focusin']) this.addEventListener(type, () => this.#texts('details'));
  }

  #texts(part, shown) {
    const runtime = this.#runtime;
    if (!this.#widget || !runtime || !['details', 'trainer'].includes(part)) return;
    const code = runtime.wasm.languageCode(shown || '') || runtime.languageOf(this);
    if (runtime.wasm.hasTexts(code, part)) return;
    runtime.ensureTexts(code, part).then(() => {
      if (this.#runtime === runtime) this.#widget?.textsChanged();
    });
  }

  connectedCallback() {
    instances.add(this);
    this.start();
  }

  start() {
    const runtime = runtimeOf(this);
    const started = generation;
    runtime
      .load()
      .then(async (constructed) => {
        const code = await runtime.ensureLanguage(this);
        // Restored answers open on the result: its texts come first, so it shows complete.
        if (runtime.wasm.restoresAnswers(this)) await runtime.ensureTexts(code, 'details');
        return constructed;
      })
      .then((constructed) => {
        if (!this.isConnected || this.#widget) return;
        // The mode changed meanwhile (another build), or the module crashed: start again.
        if (runtimeOf(this) !== runtime || generation !== started) {
          this.start();
          return;
        }
        this.shadowRoot.adoptedStyleSheets = constructed;
        const root = document.createElement('div');
        root.setAttribute('part', 'root');
        root.className = 'root';
        this.shadowRoot.replaceChildren(root);
        this.#runtime = runtime;
        this.#widget = runtime.wasm.mount(this, root);
        this.#translateCrashBox();
      })
      .catch((error) => {
        console.error('ai-act-check: the widget could not start', error);
        const message = document.createElement('p');
        message.setAttribute('part', 'notice');
        message.textContent = startFailed(runtime, this);
        this.shadowRoot.replaceChildren(message);
      });
  }

  disconnectedCallback() {
    instances.delete(this);
    this.#unmount();
  }

  #unmount() {
    if (this.#widget) {
      this.#widget.destroy();
      this.#widget.free();
      this.#widget = null;
    }
  }

  /** The error state speaks the widget's language; its texts are set while the app still works. */
  #translateCrashBox() {
    const { wasm } = this.#runtime;
    const code = this.getAttribute('lang') || wasm.preferredLanguage() || 'en';
    this.#crashBox.querySelector('p').textContent = wasm.interfaceText(code, 'ui.crash');
    this.#crashBox.querySelector('button').textContent = wasm.interfaceText(code, 'ui.error_retry');
  }

  /** Shows the recoverable error state (made in advance: no element is created here). */
  crashed() {
    this.#widget = null;
    this.shadowRoot.replaceChildren(this.#crashBox);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#widget) return;
    if (name === 'mode' && runtimeOf(this) !== this.#runtime) {
      // Visitor and trainer mode are different builds: start again in the other one.
      this.#unmount();
      this.start();
    } else if (name === 'lang') {
      // Quick changes (A → B → C) settle on the last: only the load that ends on the element's
      // current language renders.
      const runtime = this.#runtime;
      runtime.ensureLanguage(this).then((code) => {
        if (this.#runtime !== runtime || runtime.languageOf(this) !== code) return;
        this.#widget?.attributesChanged();
        if (this.#widget) this.#translateCrashBox();
      });
    }
    else this.#widget.attributesChanged();
  }
}

// Defining the element twice throws; a page that loads this file twice keeps the first.
if (!customElements.get(TAG)) customElements.define(TAG, AiActCheck);
