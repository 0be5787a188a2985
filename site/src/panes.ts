// Several terminals side by side, each its own client of the one engine:
// SUBSCRIBE in one and PUBLISH in another, BLPOP here and RPUSH there.

import { type Bridge, Terminal, type TerminalElements } from "./terminal";

// More panes than this would be too narrow to read.
const panesMax = 4;

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

/** Pane is one terminal and the section that holds it. */
export interface Pane {
  n: number;
  root: HTMLElement;
  terminal: Terminal;
}

/** Panes keeps the page's terminals and knows which one was used last. */
export class Panes {
  readonly panes: Pane[] = [];
  private activePane: Pane;
  private nextN = 2;
  private activeListeners: Array<(t: Terminal) => void> = [];
  private changeListeners: Array<() => void> = [];

  constructor(
    private readonly engine: Bridge,
    private readonly container: HTMLElement,
    first: { root: HTMLElement; terminal: Terminal },
  ) {
    this.activePane = { n: 1, ...first };
    this.adopt(this.activePane);
  }

  /** active is the terminal used last: the inspector shows its database. */
  get active(): Terminal {
    return this.activePane.terminal;
  }

  /** count is the number of panes open. */
  get count(): number {
    return this.panes.length;
  }

  /** canAdd says whether another pane fits. */
  get canAdd(): boolean {
    return this.panes.length < panesMax;
  }

  onActive(fn: (t: Terminal) => void): void {
    this.activeListeners.push(fn);
  }

  /** onChange hears of every command run and reply pushed in any pane. */
  onChange(fn: () => void): void {
    this.changeListeners.push(fn);
  }

  private adopt(p: Pane): void {
    this.panes.push(p);
    p.root.addEventListener("focusin", () => this.setActive(p));
    p.root.addEventListener("pointerdown", () => this.setActive(p));
    p.terminal.onChange(() => {
      for (const fn of this.changeListeners) fn();
    });
    this.container.dataset.panes = String(this.panes.length);
  }

  private setActive(p: Pane): void {
    if (this.activePane === p) return;
    this.activePane = p;
    for (const q of this.panes) {
      q.terminal.active = q === p;
      q.root.classList.toggle("is-active", q === p);
    }
    for (const fn of this.activeListeners) fn(p.terminal);
  }

  /** add opens a new pane with a client of its own and focuses it. */
  add(): Terminal | null {
    if (!this.canAdd) return null;
    const n = this.nextN++;
    const id = (name: string) => `${name}-${n}`;
    const input = el("input", {
      class: "term-input",
      id: id("term-input"),
      type: "text",
      "aria-label": `Redis command, terminal ${n}`,
      autocomplete: "off",
      autocapitalize: "off",
      autocorrect: "off",
      spellcheck: "false",
      enterkeyhint: "send",
    });
    const typed = el("span", { class: "term-typed", id: id("term-typed") });
    const hint = el("span", { class: "term-hint", id: id("term-hint") });
    const prompt = el("label", { class: "term-prompt", id: id("term-prompt"), for: id("term-input") });
    const form = el(
      "form",
      { class: "term-line", id: id("term-form"), autocomplete: "off" },
      prompt,
      el("span", { class: "term-field" }, input, el("span", { class: "term-ghost", "aria-hidden": "true" }, typed, hint)),
    );
    const output = el("div", {
      class: "term-output",
      id: id("term-output"),
      role: "log",
      "aria-live": "polite",
      "aria-label": `Terminal ${n} output`,
    });
    const screen = el("div", { class: "term-screen", id: id("term-screen"), tabindex: "-1" }, output, form);
    const interrupt = el("button", { type: "button", class: "term-ctrlc", title: "Stop waiting (Ctrl-C)", hidden: "" }, "Ctrl-C");
    const close = el("button", { type: "button", class: "term-close", "aria-label": `Close terminal ${n}`, title: "Close this terminal" }, "×");
    const bar = el(
      "div",
      { class: "term-bar" },
      el("span", { class: "term-dots", "aria-hidden": "true" }, el("span"), el("span"), el("span")),
      el("em", {}, `redis-cli · client ${n}`),
      interrupt,
      close,
    );
    const root = el("section", { class: "terminal", id: id("terminal"), "aria-label": `Redis terminal ${n}`, "data-pane": String(n) }, bar, screen);
    this.container.append(root);

    const elements: TerminalElements = { root, screen, output, form, prompt, input, typed, hint, interrupt };
    const terminal = new Terminal(this.engine, elements);
    terminal.active = false;
    const pane: Pane = { n, root, terminal };
    this.adopt(pane);
    close.addEventListener("click", () => this.remove(pane));
    terminal.print(`Client ${n}: a separate connection, with its own database, transaction and subscriptions.`);
    terminal.enable();
    this.setActive(pane);
    return terminal;
  }

  /** remove closes a pane other than the first and its client. */
  remove(p: Pane): void {
    const i = this.panes.indexOf(p);
    if (i <= 0) return;
    this.panes.splice(i, 1);
    p.terminal.close();
    p.root.remove();
    this.container.dataset.panes = String(this.panes.length);
    const next = this.panes[Math.min(i, this.panes.length - 1)];
    this.setActive(next);
    next.terminal.focus();
    for (const fn of this.changeListeners) fn();
  }
}
