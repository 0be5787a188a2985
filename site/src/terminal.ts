// The redis-cli look-alike: one engine session, a scrolling log of text and
// a single input line with hints, history and Tab completion.
//
// Replies are untrusted (they are whatever the learner stored), so they only
// ever reach the page as text nodes, never as HTML.

import type { Engine } from "./engine";
import { load, save } from "./store";

const historyKey = "history";
const historyMax = 1000;
// A long-running page should not grow its DOM without bound.
const entriesMax = 1500;

/** Ran is one typed line and everything it printed. */
export interface Ran {
  line: string;
  output: string;
}

/** Elements are the parts of the page the terminal drives. */
export interface TerminalElements {
  screen: HTMLElement;
  output: HTMLElement;
  form: HTMLFormElement;
  prompt: HTMLElement;
  input: HTMLInputElement;
  typed: HTMLElement;
  hint: HTMLElement;
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

/** Terminal is the interactive redis-cli pane. */
export class Terminal {
  private id: number;
  /** last is the most recent line the learner ran, for lesson checks. */
  last: Ran | null = null;
  private history: string[];
  private historyPos: number;
  private draft = "";
  private completions: string[] | null = null;
  private completionPos = 0;
  private completionBase = "";
  private listeners: Array<(r: Ran) => void> = [];

  constructor(
    private readonly engine: Engine,
    private readonly el: TerminalElements,
  ) {
    this.id = this.connect();
    this.history = load<string[]>(historyKey, []).filter((l) => typeof l === "string");
    this.historyPos = this.history.length;
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
    // Keep the hint in place while the caret moves or the field scrolls.
    for (const type of ["keyup", "click", "select", "scroll"]) {
      el.input.addEventListener(type, () => this.refreshHint());
    }
    // Ctrl-C ends a blocked command the only way redis-cli can: by quitting
    // (the page then starts a new session).
    document.addEventListener("keydown", (ev) => {
      if (this.el.form.hidden && ev.ctrlKey && (ev.key === "c" || ev.key === "C")) {
        ev.preventDefault();
        this.print("^C (redis-cli exited; starting a new session)");
        this.reconnect();
      }
    });
    // A click anywhere in the terminal types into it, unless the reader is
    // selecting text to copy.
    el.screen.addEventListener("click", () => {
      if (!window.getSelection()?.toString()) el.input.focus({ preventScroll: true });
    });
  }

  private connect(): number {
    return this.engine.newSession((text) => this.push(text));
  }

  /** reconnect starts a fresh session, as running redis-cli again would. */
  private reconnect(): void {
    this.engine.close(this.id);
    this.id = this.connect();
    this.setWaiting(false);
    this.setPrompt(this.engine.prompt(this.id));
  }

  /** setWaiting hides the prompt while a blocked command waits, as redis-cli
   * shows none until the reply arrives. */
  private setWaiting(on: boolean): void {
    this.el.form.hidden = on;
    if (!on) this.el.input.focus({ preventScroll: true });
  }

  /** onRun registers fn to hear about every line the learner runs. */
  onRun(fn: (r: Ran) => void): void {
    this.listeners.push(fn);
  }

  /** prompt is the prompt shown now. */
  get prompt(): string {
    return this.el.prompt.textContent ?? "";
  }

  /** enable makes the input usable and focuses it. */
  enable(): void {
    this.el.input.disabled = false;
    this.el.input.focus({ preventScroll: true });
  }

  /** paste puts line into the input, ready to run, as a lesson button does. */
  paste(line: string): void {
    this.el.input.value = line;
    this.completions = null;
    this.el.input.focus({ preventScroll: true });
    this.el.input.setSelectionRange(line.length, line.length);
    // Stacked on a narrow screen, the terminal may be scrolled out of sight.
    this.el.input.scrollIntoView({ block: "nearest" });
    this.refreshHint();
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
    const line = this.el.input.value;
    this.el.input.value = "";
    this.completions = null;
    this.refreshHint();
    this.addHistory(line);

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
    }
    if (line.trim() !== "") {
      this.last = { line, output: res.output };
      for (const fn of this.listeners) fn(this.last);
    }
  }

  private push(text: string): void {
    // Pushes can arrive while the engine holds its lock, so render now and
    // ask about the session only once the engine is free again.
    this.append(div("entry push", text));
    if (this.el.form.hidden) {
      setTimeout(() => {
        if (!this.engine.waiting(this.id)) {
          this.setPrompt(this.engine.prompt(this.id));
          this.setWaiting(false);
        }
      }, 0);
    }
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
    if (this.el.prompt.textContent !== p) this.el.prompt.textContent = p;
  }

  private addHistory(line: string): void {
    this.historyPos = this.history.length;
    this.draft = "";
    if (line.trim() === "" || this.history[this.history.length - 1] === line) return;
    this.history.push(line);
    if (this.history.length > historyMax) this.history.splice(0, this.history.length - historyMax);
    this.historyPos = this.history.length;
    save(historyKey, this.history);
  }

  private browse(delta: number): void {
    const next = this.historyPos + delta;
    if (next < 0 || next > this.history.length) return;
    if (this.historyPos === this.history.length) this.draft = this.el.input.value;
    this.historyPos = next;
    this.paste(next === this.history.length ? this.draft : this.history[next]);
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
    if (ev.key === "Tab" && !ev.altKey && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) {
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
    } else if (ev.ctrlKey && !ev.altKey && !ev.metaKey && (ev.key === "l" || ev.key === "L")) {
      ev.preventDefault();
      this.clear();
    }
  }

  private refreshHint(): void {
    const input = this.el.input;
    const value = input.value;
    const atEnd = input.selectionStart === value.length && input.selectionEnd === value.length;
    const fits = input.scrollWidth <= input.clientWidth + 1;
    const hint = value.trim() !== "" && atEnd && fits ? this.engine.hint(this.id, value) : "";
    if (this.el.typed.textContent !== value) this.el.typed.textContent = value;
    if (this.el.hint.textContent !== hint) this.el.hint.textContent = hint;
  }
}
