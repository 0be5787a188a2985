// <redis-playground>: a redis-cli terminal for any page, in a shadow root
// so the host page's CSS cannot reach it and it cannot reach the page.
//
// Attributes:
//   commands  lines to run when the terminal starts, shown as if typed;
//             separated by newlines or by ";" outside quotes
//   lesson    a lesson id from lessons.json: its commands become buttons
//             that paste into the terminal, and its title names the widget
//   height    the terminal's height, a CSS length ("20em"; a bare number
//             is pixels)
//   shared    widgets with the same shared name talk to one engine (each
//             as its own client); without it a widget has its own data
//   persist   keeps the data across visits, in IndexedDB apart from the
//             main page's: persist="name" names the store, a bare persist
//             uses the shared name (or "default"); widgets with one store
//             name share one engine. If the saved data was damaged or
//             cannot be opened, a notice says so (then it lives in memory)
// The element's text, one command per line (blank lines and lines starting
// with "#" skipped), runs after `commands`, so a docs page can write its
// example inside the tag and readers without JavaScript still see it.
//
// The engine (the wasm file) is fetched only when a widget first comes near
// the viewport, is focused or is clicked, so a long page stays light.

import css from "./widget.css";
import { bind, engineFor, lesson, loadWasm, persistedEngine, storeName, type WasmAPI } from "./widget-engine";
import { Terminal } from "./terminal";

/** tagName is the element's name. */
export const tagName = "redis-playground";

// Start loading a little before a widget scrolls into sight.
const nearViewport = "200px 0px";

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** splitCommands splits a commands attribute into lines: at newlines, and
 * at semicolons that are not inside quotes (as redis-cli quotes them). */
export function splitCommands(text: string): string[] {
  const lines: string[] = [];
  let cur = "";
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== "") {
      cur += c;
      if (c === "\\" && quote === '"' && i + 1 < text.length) cur += text[++i];
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ";" || c === "\n" || c === "\r") {
      lines.push(cur);
      cur = "";
    } else {
      cur += c;
    }
  }
  lines.push(cur);
  return lines.map((l) => l.trim()).filter((l) => l !== "");
}

/** bodyCommands reads the commands written inside the element. */
export function bodyCommands(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** cssLength turns a height attribute into a CSS length. */
function cssLength(v: string | null): string {
  if (v === null || v.trim() === "") return "";
  return /^\d+(\.\d+)?$/.test(v.trim()) ? `${v.trim()}px` : v.trim();
}

let sheet: CSSStyleSheet | null = null;

/** adoptStyles gives root the widget's stylesheet: one shared constructed
 * sheet where the browser has them (a page's CSP style-src does not apply
 * to it), else a <style> element of its own. */
function adoptStyles(root: ShadowRoot): void {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.prepend(el("style", {}, css));
  }
}

let observer: IntersectionObserver | null = null;
const watched = new WeakMap<Element, RedisPlayground>();

function watch(w: RedisPlayground): void {
  if (typeof IntersectionObserver === "undefined") {
    void w.start();
    return;
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (e.isIntersecting) void watched.get(e.target)?.start();
      }
    },
    { rootMargin: nearViewport },
  );
  watched.set(w, w);
  observer.observe(w);
}

function unwatch(w: RedisPlayground): void {
  observer?.unobserve(w);
  watched.delete(w);
}

// Page-wide keys (Ctrl-C with no prompt) go to the widget used last.
const live = new Set<RedisPlayground>();

/** RedisPlayground is the <redis-playground> element. */
export class RedisPlayground extends HTMLElement {
  static observedAttributes = ["height"];

  private parts: {
    box: HTMLElement;
    title: HTMLElement;
    lessonBar: HTMLElement;
    screen: HTMLElement;
    output: HTMLElement;
    form: HTMLFormElement;
    prompt: HTMLElement;
    input: HTMLInputElement;
    typed: HTMLElement;
    hint: HTMLElement;
    status: HTMLElement;
    interrupt: HTMLButtonElement;
  } | null = null;
  private starting: Promise<void> | null = null;
  private terminal: Terminal | null = null;
  private engine: { api: WasmAPI; id: number; owned: boolean } | null = null;
  private addedTabIndex = false;

  connectedCallback(): void {
    if (this.parts === null) this.render();
    this.applyHeight();
    if (this.terminal === null) {
      // Keyboard users reach a widget that has no input yet through the
      // host itself; focusing it starts the engine.
      if (!this.hasAttribute("tabindex")) {
        this.tabIndex = 0;
        this.addedTabIndex = true;
      }
      this.addEventListener("focusin", this.onFocus);
      this.addEventListener("pointerdown", this.onFocus);
      // The text inside the tag is complete only once the parser is past it.
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", () => this.preview(), { once: true });
      } else {
        this.preview();
      }
      watch(this);
    }
  }

  disconnectedCallback(): void {
    unwatch(this);
    // Moving the element fires disconnect then connect; only an element
    // that stays out of the page gives back its session and engine.
    queueMicrotask(() => {
      if (!this.isConnected) this.teardown();
    });
  }

  attributeChangedCallback(): void {
    this.applyHeight();
  }

  /** commands are the lines the widget runs when it starts. */
  get commands(): string[] {
    return [...splitCommands(this.getAttribute("commands") ?? ""), ...bodyCommands(this.textContent ?? "")];
  }

  private onFocus = (): void => {
    if (this.terminal) this.activate();
    else void this.start();
  };

  private activate(): void {
    for (const w of live) {
      if (w.terminal) w.terminal.active = w === this;
    }
  }

  private applyHeight(): void {
    if (this.parts) this.parts.box.style.height = cssLength(this.getAttribute("height"));
  }

  private render(): void {
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    const input = el("input", {
      class: "term-input",
      id: "input",
      type: "text",
      "aria-label": "Redis command",
      "aria-describedby": "status",
      autocomplete: "off",
      autocapitalize: "off",
      autocorrect: "off",
      spellcheck: "false",
      enterkeyhint: "send",
      disabled: "",
    });
    const typed = el("span", { class: "term-typed" });
    const hint = el("span", { class: "term-hint" });
    const prompt = el("label", { class: "term-prompt", for: "input" }, "127.0.0.1:6379> ");
    const form = el(
      "form",
      { class: "term-line", autocomplete: "off" },
      prompt,
      el("span", { class: "term-field" }, input, el("span", { class: "term-ghost", "aria-hidden": "true" }, typed, hint)),
    );
    const output = el("div", { class: "term-output", role: "log", "aria-live": "polite", "aria-label": "Terminal output" });
    const status = el("p", { class: "term-status", id: "status" });
    const screen = el("div", { class: "term-screen", tabindex: "-1" }, output, form, status);
    const title = el("em", { class: "term-title" }, "redis-cli");
    const interrupt = el("button", { type: "button", class: "term-ctrlc", title: "Stop waiting (Ctrl-C)", hidden: "" }, "Ctrl-C");
    const bar = el("div", { class: "term-bar", part: "bar" }, el("span", { class: "term-dots", "aria-hidden": "true" }, el("span"), el("span"), el("span")), title, interrupt);
    const lessonBar = el("div", { class: "lesson-cmds", hidden: "" });
    const box = el("section", { class: "terminal", part: "terminal", "aria-label": "Redis terminal" }, bar, lessonBar, screen);
    root.replaceChildren(box);
    adoptStyles(root);
    this.parts = { box, title, lessonBar, screen, output, form, prompt, input, typed, hint, status, interrupt };
  }

  /** preview shows the commands the widget will run, before it runs them. */
  private preview(): void {
    const p = this.parts;
    if (!p || this.terminal) return;
    p.output.replaceChildren(
      ...this.commands.map((line) =>
        el("div", { class: "entry preview" }, el("div", { class: "echo" }, el("span", { class: "echo-prompt" }, "127.0.0.1:6379> "), el("span", { class: "echo-cmd" }, line))),
      ),
    );
    p.status.textContent = "Redis starts when you reach this example.";
  }

  /** start loads the engine (once per page) and opens the terminal. */
  start(): Promise<void> {
    this.starting ??= this.open().catch((err: unknown) => {
      this.starting = null;
      const p = this.parts;
      if (p) {
        p.status.textContent = `The Redis engine could not start: ${String(err)}`;
        p.status.classList.add("is-error");
      }
    });
    return this.starting;
  }

  private async open(): Promise<void> {
    const p = this.parts;
    if (!p || this.terminal) return;
    unwatch(this);
    p.status.classList.remove("is-error");
    p.status.textContent = "Loading the Redis engine…";
    const api = await loadWasm();
    // The element may have left the page (and come back, redrawn) meanwhile.
    if (!this.isConnected || this.terminal || this.parts !== p) return;
    const store = storeName(this.getAttribute("persist"), this.getAttribute("shared"));
    let notice = "";
    let id: number;
    let owned = false;
    if (store === null) {
      ({ id, owned } = engineFor(api, this.getAttribute("shared")));
    } else {
      p.status.textContent = "Loading the saved data…";
      const { id: sid, opened } = await persistedEngine(api, store);
      if (!this.isConnected || this.terminal || this.parts !== p) return;
      id = sid;
      notice = opened.notice;
      // data-store tells the page (and tests) whether the data is saved.
      this.dataset.store = opened.state;
    }
    this.engine = { api, id, owned };

    p.output.replaceChildren();
    const terminal = new Terminal(bind(api, id), {
      root: p.box,
      screen: p.screen,
      output: p.output,
      form: p.form,
      prompt: p.prompt,
      input: p.input,
      typed: p.typed,
      hint: p.hint,
      interrupt: p.interrupt,
    });
    this.terminal = terminal;
    live.add(this);
    const hadFocus = this.matches(":focus-within");
    terminal.active = hadFocus;
    p.input.disabled = false;
    // A persisted widget whose data was repaired or could not be opened
    // says so, and keeps the notice in view.
    p.status.textContent = notice;
    p.status.hidden = notice === "";
    p.status.classList.toggle("is-notice", notice !== "");
    if (this.addedTabIndex) {
      this.removeAttribute("tabindex");
      this.addedTabIndex = false;
    }

    // Running the example must not pull the reader's focus into the
    // widget (a SUBSCRIBE would): the page keeps its keyboard.
    const before = document.activeElement;
    terminal.runLines(this.commands);
    if (hadFocus) {
      this.activate();
      terminal.focus();
    } else if (this.shadowRoot?.activeElement) {
      if (before instanceof HTMLElement && before !== document.body) before.focus({ preventScroll: true });
      else (this.shadowRoot.activeElement as HTMLElement).blur();
    }
    this.dataset.ready = "true";
    this.dispatchEvent(new CustomEvent("ready", { bubbles: true, composed: true }));

    const lessonID = this.getAttribute("lesson");
    if (lessonID) await this.showLesson(lessonID);
  }

  private async showLesson(id: string): Promise<void> {
    const p = this.parts;
    if (!p) return;
    let found;
    try {
      found = await lesson(id);
    } catch {
      return; // the terminal works without the lesson
    }
    if (!found || !this.terminal) return;
    p.title.textContent = found.title;
    const seen = new Set<string>();
    const buttons: HTMLButtonElement[] = [];
    for (const step of found.steps) {
      for (const cmd of step.commands) {
        if (seen.has(cmd)) continue;
        seen.add(cmd);
        const b = el("button", { type: "button", class: "lesson-cmd", title: step.title }, cmd);
        b.addEventListener("click", () => {
          this.activate();
          this.terminal?.paste(cmd);
        });
        buttons.push(b);
      }
    }
    p.lessonBar.replaceChildren(...buttons);
    p.lessonBar.hidden = buttons.length === 0;
  }

  private teardown(): void {
    live.delete(this);
    this.terminal?.close();
    this.terminal = null;
    if (this.engine?.owned) this.engine.api.closeEngine(this.engine.id);
    this.engine = null;
    this.starting = null;
    this.parts = null;
    this.removeEventListener("focusin", this.onFocus);
    this.removeEventListener("pointerdown", this.onFocus);
    delete this.dataset.ready;
    delete this.dataset.store;
  }
}
