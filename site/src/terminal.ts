// The redis-cli look-alike: one engine session, a scrolling log of text and
// a single input line with hints, history (Up/Down, Ctrl-R), Tab completion,
// multi-line paste, and the no-prompt modes of blocked commands and pub/sub.
//
// Replies are untrusted (they are whatever the learner stored), so they only
// ever reach the page as text nodes, never as HTML.

import type { Engine } from "./engine";
import { load, save } from "./store";

const historyKey = "history";
const historyMax = 1000;
// A long-running page should not grow its DOM without bound.
const entriesMax = 1500;
// What Ctrl-C prints, as a terminal echoes it.
const interruptText = "^C";

/** Bridge is the engine with the calls the terminal uses beyond Engine; a
 * bridge built before they existed simply lacks them. */
export type Bridge = Engine & {
  subscribed?: (id: number) => boolean;
  keepInHistory?: (line: string) => boolean;
};

/** Ran is one typed line and everything it printed. */
export interface Ran {
  line: string;
  output: string;
}

/** Elements are the parts of the page the terminal drives. */
export interface TerminalElements {
  /** root is the whole pane; key presses inside it reach the terminal. */
  root?: HTMLElement;
  screen: HTMLElement;
  output: HTMLElement;
  form: HTMLFormElement;
  prompt: HTMLElement;
  input: HTMLInputElement;
  typed: HTMLElement;
  hint: HTMLElement;
  /** interrupt is an optional button that does what Ctrl-C does, for
   * touch screens; it is shown only while there is no prompt. */
  interrupt?: HTMLButtonElement;
}

function div(className: string, text?: string): HTMLDivElement {
  const el = document.createElement("div");
  el.className = className;
  if (text !== undefined) el.append(document.createTextNode(text));
  return el;
}

function span(className: string, text: string): HTMLSpanElement {
  const el = document.createElement("span");
  el.className = className;
  el.append(document.createTextNode(text));
  return el;
}

/** History is the list of typed lines all panes share and keep across
 * reloads, as every redis-cli on a machine shares ~/.rediscli_history. */
export class History {
  lines: string[] = load<string[]>(historyKey, []).filter((l) => typeof l === "string");

  add(line: string): void {
    if (line.trim() === "" || this.lines[this.lines.length - 1] === line) return;
    this.lines.push(line);
    if (this.lines.length > historyMax) this.lines.splice(0, this.lines.length - historyMax);
    save(historyKey, this.lines);
  }

  /** search returns the index of the newest line before `before` that
   * contains query, or -1. */
  search(query: string, before: number): number {
    for (let i = Math.min(before, this.lines.length) - 1; i >= 0; i--) {
      if (this.lines[i].includes(query)) return i;
    }
    return -1;
  }
}

let sharedHistory: History | null = null;

/** history returns the page's one History. */
export function history(): History {
  sharedHistory ??= new History();
  return sharedHistory;
}

/** Search is the state of a Ctrl-R reverse search. */
interface Search {
  query: string;
  /** at is the history index of the match shown, or -1. */
  at: number;
  /** original is the line as it was before Ctrl-R, for Escape. */
  original: string;
  failed: boolean;
}

/** Terminal is one interactive redis-cli pane. */
export class Terminal {
  private id: number;
  /** last is the most recent line the learner ran, for lesson checks. */
  last: Ran | null = null;
  /** active says whether this pane gets page-wide keys (Ctrl-C with no
   * prompt on screen); the pane set moves it to the pane last used. */
  active = true;
  private readonly history = history();
  private historyPos: number;
  private draft = "";
  private completions: string[] | null = null;
  private completionPos = 0;
  private completionBase = "";
  private search: Search | null = null;
  private realPrompt = "";
  private queue: string[] = [];
  private subscribed = false;
  private listeners: Array<(r: Ran) => void> = [];
  private changeListeners: Array<() => void> = [];

  constructor(
    private readonly engine: Bridge,
    private readonly el: TerminalElements,
  ) {
    this.id = this.connect();
    this.historyPos = this.history.lines.length;
    this.setPrompt(engine.prompt(this.id));

    el.form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      this.submit();
    });
    el.input.addEventListener("keydown", (ev) => this.onKey(ev));
    el.input.addEventListener("input", () => {
      this.completions = null;
      this.refreshHint();
    });
    el.input.addEventListener("paste", (ev) => this.onPaste(ev));
    // During reverse search, typed text goes to the query, not the line.
    // It is caught here rather than on keydown so that every way of typing
    // (keyboards, input methods, automation) is covered.
    el.input.addEventListener("beforeinput", (ev) => {
      // Enter (a line break) is left alone: it submits the form.
      if (!this.search || ev.inputType === "insertLineBreak") return;
      ev.preventDefault();
      if (ev.inputType === "insertText" && ev.data) this.searchType(ev.data);
    });
    // Keep the hint in place while the caret moves or the field scrolls.
    for (const type of ["keyup", "click", "select", "scroll"]) {
      el.input.addEventListener(type, () => this.refreshHint());
    }
    // With no prompt on screen (a blocked command, pub/sub), Ctrl-C is the
    // way back, as in redis-cli; focus may then be anywhere in the page.
    document.addEventListener("keydown", (ev) => {
      if (this.el.form.hidden && this.active && ev.ctrlKey && !ev.altKey && !ev.metaKey && (ev.key === "c" || ev.key === "C")) {
        if (window.getSelection()?.toString()) return; // the reader is copying
        ev.preventDefault();
        this.interrupt();
      }
    });
    el.interrupt?.addEventListener("click", () => this.interrupt());
    // A click anywhere in the terminal types into it, unless the reader is
    // selecting text to copy.
    el.screen.addEventListener("click", () => {
      if (!window.getSelection()?.toString()) this.focus();
    });
    el.output.addEventListener("copy", (ev) => this.onCopy(ev));
  }

  /** session is the engine session this pane talks through. */
  get session(): number {
    return this.id;
  }

  private connect(): number {
    return this.engine.newSession((text) => this.push(text));
  }

  /** reconnect starts a fresh session, as running redis-cli again would. */
  private reconnect(): void {
    this.engine.close(this.id);
    this.id = this.connect();
    this.subscribed = false;
    this.setWaiting(false);
    this.setPrompt(this.engine.prompt(this.id));
    this.changed();
  }

  /** close ends the pane's session for good. */
  close(): void {
    this.engine.close(this.id);
    this.changed();
  }

  /** interrupt does what Ctrl-C does in redis-cli while it shows no
   * prompt: it gives up the blocked command or leaves pub/sub mode,
   * through a new connection (back in database 0). At the prompt it
   * only clears the line being typed. */
  interrupt(): void {
    if (!this.el.form.hidden) {
      this.endSearch(false);
      this.el.input.value = "";
      this.completions = null;
      this.refreshHint();
      return;
    }
    const blocked = !this.subscribed;
    this.queue = [];
    this.print(interruptText);
    if (blocked) this.print("(redis-cli exited; starting a new session)");
    this.reconnect();
  }

  /** setWaiting hides the prompt while a blocked command waits or pub/sub
   * messages are read, as redis-cli shows none then. */
  private setWaiting(on: boolean): void {
    this.el.form.hidden = on;
    if (this.el.interrupt) this.el.interrupt.hidden = !on;
    if (on) {
      // Keep the keyboard in this pane, so Ctrl-C reaches it.
      this.el.screen.focus({ preventScroll: true });
    } else if (this.active) {
      this.el.input.focus({ preventScroll: true });
    }
  }

  /** onRun registers fn to hear about every line the learner runs. */
  onRun(fn: (r: Ran) => void): void {
    this.listeners.push(fn);
  }

  /** onChange registers fn to hear that the data may have changed: after
   * every line run and every reply or message pushed. It is called after
   * the engine is free again, so fn may call into it. */
  onChange(fn: () => void): void {
    this.changeListeners.push(fn);
  }

  private changed(): void {
    for (const fn of this.changeListeners) fn();
  }

  /** prompt is the prompt shown now. */
  get prompt(): string {
    return this.search ? this.realPrompt : (this.el.prompt.textContent ?? "");
  }

  /** enable makes the input usable and focuses it. */
  enable(): void {
    this.el.input.disabled = false;
    this.focus();
  }

  /** focus puts the keyboard in this pane. */
  focus(): void {
    if (this.el.form.hidden) this.el.screen.focus({ preventScroll: true });
    else this.el.input.focus({ preventScroll: true });
  }

  /** pasteTarget, when set, picks the pane a paste goes to: a pane with no
   * prompt on screen (listening to a channel) cannot take a command. */
  pasteTarget: ((from: Terminal) => Terminal) | null = null;

  /** showsPrompt says whether the pane takes commands now. */
  get showsPrompt(): boolean {
    return !this.el.form.hidden;
  }

  /** paste puts line into the input, ready to run, as a lesson button does. */
  paste(line: string): void {
    const target = this.pasteTarget?.(this) ?? this;
    if (target !== this) {
      target.paste(line);
      return;
    }
    this.endSearch(false);
    this.el.input.value = line;
    this.completions = null;
    this.el.input.focus({ preventScroll: true });
    this.el.input.setSelectionRange(line.length, line.length);
    // Stacked on a narrow screen, the terminal may be scrolled out of sight.
    this.el.input.scrollIntoView({ block: "nearest" });
    this.refreshHint();
  }

  /** runLines runs lines one after another, as redis-cli reads pasted
   * lines: a line that blocks holds back the rest until its reply comes. */
  runLines(lines: string[]): void {
    this.queue.push(...lines);
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.el.form.hidden) {
      this.runLine(this.queue.shift() ?? "");
    }
  }

  /** clear empties the screen, like redis-cli's "clear" and Ctrl-L. */
  clear(): void {
    this.el.output.replaceChildren();
  }

  /** print shows a note from the page itself (not from Redis). */
  print(text: string, className = "note"): void {
    this.append(div(`entry ${className}`, text));
  }

  private submit(): void {
    if (this.search) this.endSearch(true);
    const line = this.el.input.value;
    this.el.input.value = "";
    this.completions = null;
    this.refreshHint();
    this.runLine(line);
  }

  private runLine(line: string): void {
    if (this.keep(line)) this.history.add(line);
    this.historyPos = this.history.lines.length;
    this.draft = "";

    const entry = div("entry");
    const echo = div("echo");
    echo.append(span("echo-prompt", this.prompt), span("echo-cmd", line));
    entry.append(echo);
    this.append(entry);

    const res = this.engine.run(this.id, line);
    if (res.clear) {
      this.clear();
    } else if (res.output !== "") {
      entry.append(div(res.output.startsWith("(error)") ? "reply error" : "reply", res.output));
      this.scroll();
    }
    this.setPrompt(res.prompt);
    if (res.closed) {
      // redis-cli exits on QUIT; the page starts it again.
      this.print("(redis-cli exited; starting a new session)");
      this.reconnect();
    } else if (res.waiting) {
      this.setWaiting(true);
    } else if (this.engine.subscribed?.(this.id)) {
      this.subscribed = true;
      this.setWaiting(true);
    }
    if (line.trim() !== "") {
      this.last = { line, output: res.output };
      for (const fn of this.listeners) fn(this.last);
    }
    this.changed();
  }

  /** keep says whether line goes into the history (not one with a password). */
  private keep(line: string): boolean {
    if (this.engine.keepInHistory) return this.engine.keepInHistory(line);
    return line.trim() !== "";
  }

  private push(text: string): void {
    // Pushes can arrive while the engine holds its lock, so render now and
    // ask about the session only once the engine is free again.
    this.append(div("entry push", text));
    // A microtask runs once the engine call that pushed has returned.
    queueMicrotask(() => {
      if (this.el.form.hidden && !this.subscribed && !this.engine.waiting(this.id)) {
        this.setPrompt(this.engine.prompt(this.id));
        this.setWaiting(false);
        this.pump();
      }
      this.changed();
    });
  }

  private append(node: HTMLElement): void {
    const out = this.el.output;
    out.append(node);
    while (out.childElementCount > entriesMax) out.firstElementChild?.remove();
    this.scroll();
  }

  private scroll(): void {
    this.el.screen.scrollTop = this.el.screen.scrollHeight;
  }

  private setPrompt(p: string): void {
    this.realPrompt = p;
    if (this.el.prompt.textContent !== p) this.el.prompt.textContent = p;
  }

  private browse(delta: number): void {
    const lines = this.history.lines;
    const next = this.historyPos + delta;
    if (next < 0 || next > lines.length) return;
    if (this.historyPos >= lines.length) this.draft = this.el.input.value;
    this.historyPos = next;
    this.paste(next === lines.length ? this.draft : lines[next]);
  }

  private complete(): void {
    const input = this.el.input;
    if (this.completions === null) {
      this.completionBase = input.value;
      this.completions = this.engine.complete(this.id, input.value);
      this.completionPos = -1;
    }
    if (this.completions.length === 0) return;
    // Tab cycles through the candidates and then back to what was typed, as
    // linenoise does.
    this.completionPos = (this.completionPos + 1) % (this.completions.length + 1);
    const text =
      this.completionPos === this.completions.length ? this.completionBase : this.completions[this.completionPos];
    input.value = text;
    input.setSelectionRange(text.length, text.length);
    this.refreshHint();
  }

  private onKey(ev: KeyboardEvent): void {
    const ctrl = ev.ctrlKey && !ev.altKey && !ev.metaKey;
    const key = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
    if (ctrl && key === "r") {
      ev.preventDefault();
      this.searchOlder();
      return;
    }
    if (this.search && this.onSearchKey(ev, ctrl, key)) return;
    if (ev.key === "Tab" && !ev.altKey && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) {
      // On an empty line Tab moves on to the next control, so the keyboard
      // is never trapped in the terminal.
      if (this.el.input.value === "") return;
      ev.preventDefault();
      this.complete();
      return;
    }
    if (ev.key === "Escape" && this.completions !== null) {
      this.el.input.value = this.completionBase;
      this.completions = null;
      this.refreshHint();
      return;
    }
    if (ev.key !== "Shift") this.completions = null;
    if (ev.key === "ArrowUp") {
      ev.preventDefault();
      this.browse(-1);
    } else if (ev.key === "ArrowDown") {
      ev.preventDefault();
      this.browse(1);
    } else if (ctrl && key === "l") {
      ev.preventDefault();
      this.clear();
    } else if (ctrl && key === "c") {
      const input = this.el.input;
      // Ctrl-C with text selected is the reader copying.
      if (input.selectionStart !== input.selectionEnd || window.getSelection()?.toString()) return;
      ev.preventDefault();
      this.interrupt();
    }
  }

  // Reverse search: Ctrl-R shows the newest line containing what is typed
  // next; Ctrl-R again goes further back; Enter runs the match; Escape or
  // Ctrl-G gives back the line as it was; any movement key keeps the match
  // for editing.

  private searchOlder(): void {
    if (!this.search) {
      this.search = { query: "", at: -1, original: this.el.input.value, failed: false };
      this.completions = null;
      this.showSearch();
      return;
    }
    const from = this.search.at >= 0 ? this.search.at : this.history.lines.length;
    this.findMatch(from);
  }

  private findMatch(before: number): void {
    const s = this.search;
    if (!s) return;
    if (s.query === "") {
      s.failed = false;
      this.showSearch();
      return;
    }
    const at = this.history.search(s.query, before);
    s.failed = at < 0;
    if (at >= 0) s.at = at;
    this.showSearch();
  }

  private showSearch(): void {
    const s = this.search;
    if (!s) return;
    const label = `(${s.failed ? "failed " : ""}reverse-i-search)\`${s.query}': `;
    this.el.prompt.textContent = label;
    this.el.form.classList.add("is-searching");
    const line = s.at >= 0 ? this.history.lines[s.at] : "";
    this.el.input.value = line;
    const i = s.query === "" ? line.length : line.lastIndexOf(s.query);
    this.el.input.setSelectionRange(i, i);
    this.refreshHint();
  }

  /** onSearchKey handles a key during reverse search; false lets it through. */
  private onSearchKey(ev: KeyboardEvent, ctrl: boolean, key: string): boolean {
    const s = this.search;
    if (!s) return false;
    if (key === "Escape" || (ctrl && key === "g")) {
      ev.preventDefault();
      this.endSearch(false);
      return true;
    }
    if (key === "Backspace") {
      ev.preventDefault();
      s.query = s.query.slice(0, -1);
      s.at = -1;
      this.findMatch(this.history.lines.length);
      return true;
    }
    if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) return true; // see beforeinput
    if (key === "Enter") return false; // the form runs the match
    if (["ArrowLeft", "ArrowRight", "Home", "End", "ArrowUp", "ArrowDown", "Tab"].includes(key)) {
      this.endSearch(true);
      if (key === "Tab") ev.preventDefault();
      return key === "Tab";
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || key === "Shift") return true;
    return false;
  }

  /** searchType adds typed text to the search and looks again from the
   * match shown, which may still match. */
  private searchType(text: string): void {
    const s = this.search;
    if (!s) return;
    s.query += text;
    this.findMatch(s.at >= 0 ? s.at + 1 : this.history.lines.length);
  }

  /** endSearch leaves reverse search, keeping the match or going back. */
  private endSearch(keep: boolean): void {
    const s = this.search;
    if (!s) return;
    this.search = null;
    this.el.form.classList.remove("is-searching");
    this.el.prompt.textContent = this.realPrompt;
    if (!keep) this.el.input.value = s.original;
    else if (s.at >= 0) this.historyPos = s.at;
    this.refreshHint();
  }

  /** onPaste runs every complete line of a multi-line paste, as redis-cli
   * does when lines arrive together, and leaves the last part typed. */
  private onPaste(ev: ClipboardEvent): void {
    const text = ev.clipboardData?.getData("text/plain") ?? "";
    if (!/[\r\n]/.test(text)) return;
    ev.preventDefault();
    this.endSearch(false);
    const input = this.el.input;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const lines = (input.value.slice(0, start) + text + input.value.slice(end)).split(/\r\n|\r|\n/);
    const rest = lines.pop() ?? "";
    input.value = "";
    this.runLines(lines);
    input.value = rest;
    this.refreshHint();
  }

  /** onCopy puts exactly the text redis-cli would have printed on the
   * clipboard: prompt and command, then the reply, one line each. */
  private onCopy(ev: ClipboardEvent): void {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !ev.clipboardData) return;
    const text = copyText(sel, this.el.output);
    if (text === null) return;
    ev.clipboardData.setData("text/plain", text);
    ev.preventDefault();
  }

  private refreshHint(): void {
    const input = this.el.input;
    const value = input.value;
    const atEnd = input.selectionStart === value.length && input.selectionEnd === value.length;
    const fits = input.scrollWidth <= input.clientWidth + 1;
    const hint =
      !this.search && value.trim() !== "" && atEnd && fits ? this.engine.hint(this.id, value) : "";
    if (this.el.typed.textContent !== value) this.el.typed.textContent = value;
    if (this.el.hint.textContent !== hint) this.el.hint.textContent = hint;
  }
}

/** copyText is the text of the part of output that sel covers, built from
 * the log's own lines: each entry's echo line and reply lines, joined by
 * newlines, cut where the selection starts and ends. It returns null when
 * the selection is not inside output. */
export function copyText(sel: Selection, output: HTMLElement): string | null {
  if (sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  if (!output.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== output) return null;
  // Walk the text nodes in order; a new line starts at every line element
  // (echo, reply, push or note entry).
  const lines: string[] = [];
  let cur: string | null = null;
  let lineOwner: Element | null = null;
  const walker = document.createTreeWalker(output, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!range.intersectsNode(n)) continue;
    const owner = n.parentElement?.closest(".echo, .reply, .entry") ?? null;
    let text = n.textContent ?? "";
    if (n === range.endContainer) text = text.slice(0, range.endOffset);
    if (n === range.startContainer) text = text.slice(range.startOffset);
    if (owner !== lineOwner || cur === null) {
      if (cur !== null) lines.push(cur);
      cur = "";
      lineOwner = owner;
    }
    cur += text;
  }
  if (cur !== null) lines.push(cur);
  return lines.join("\n");
}
