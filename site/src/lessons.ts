// The lesson pane: a list of lessons, one step at a time, buttons that paste
// commands into the terminal, and a Check that proves the step was done.

import type { Engine } from "./engine";
import { load, save } from "./store";
import type { Terminal } from "./terminal";

/** Expect is one command and the exact text redis-cli prints for it. */
export interface Expect {
  cmd: string;
  out: string;
}

/** Step is one lesson step as scripts/build writes it to lessons.json. */
export interface Step {
  title: string;
  /** html is our own compiled Markdown, trusted; commands are .lesson-cmd buttons. */
  html: string;
  commands: string[];
  check: Expect[] | null;
  last: Expect | null;
}

/** Lesson is one lesson of lessons.json. */
export interface Lesson {
  id: string;
  title: string;
  intro: string;
  steps: Step[];
}

type Progress = Record<string, number[]>;
interface Position {
  lesson: string | null;
  step: number;
}

/** loadLessons fetches the compiled lessons shipped beside the page. */
export async function loadLessons(): Promise<Lesson[]> {
  const res = await fetch("lessons.json");
  if (!res.ok) throw new Error(`lessons.json: ${res.status}`);
  return (await res.json()) as Lesson[];
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = el("button", { type: "button", class: className, text });
  b.addEventListener("click", onClick);
  return b;
}

/** sameCommand compares typed lines the way a reader would: the command name
 * in any case, the arguments exactly, spacing ignored. */
export function sameCommand(a: string, b: string): boolean {
  const wa = a.trim().split(/\s+/);
  const wb = b.trim().split(/\s+/);
  if (wa.length !== wb.length || wa[0].toLowerCase() !== wb[0].toLowerCase()) return false;
  return wa.every((w, i) => i === 0 || w === wb[i]);
}

/** LessonPane renders lessons into root and checks steps against the engine. */
export class LessonPane {
  private progress: Progress = load<Progress>("progress", {});
  private pos: Position = load<Position>("position", { lesson: null, step: 0 });
  private checkSession = 0;
  private checkDB = 0;
  private status!: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly lessons: Lesson[],
    private readonly engine: Engine,
    private readonly terminal: Terminal,
  ) {
    // One delegated listener serves every command button of every step.
    root.addEventListener("click", (ev) => {
      const target = ev.target as Element | null;
      const cmd = target?.closest<HTMLElement>(".lesson-cmd");
      if (cmd?.dataset.cmd !== undefined) {
        ev.preventDefault();
        terminal.paste(cmd.dataset.cmd);
      }
    });
    const current = this.lesson(this.pos.lesson);
    if (current) this.showStep(current, this.pos.step);
    else this.showList();
  }

  private lesson(id: string | null): Lesson | undefined {
    return this.lessons.find((l) => l.id === id);
  }

  private done(l: Lesson): Set<number> {
    return new Set(this.progress[l.id] ?? []);
  }

  private markDone(l: Lesson, step: number): void {
    const d = this.done(l);
    d.add(step);
    this.progress[l.id] = [...d].sort((a, b) => a - b);
    save("progress", this.progress);
  }

  private go(lesson: string | null, step: number): void {
    this.pos = { lesson, step };
    save("position", this.pos);
  }

  private showList(): void {
    this.go(null, 0);
    const list = el("ol", { class: "lesson-list" });
    for (const l of this.lessons) {
      const n = this.done(l).size;
      const item = el(
        "button",
        { type: "button", class: "lesson-link", "data-lesson": l.id },
        el("span", { class: "lesson-link-title", text: l.title }),
        el("span", { class: "lesson-link-progress", text: n === l.steps.length ? "✓ done" : `${n}/${l.steps.length}` }),
      );
      if (n === l.steps.length) item.classList.add("is-done");
      item.addEventListener("click", () => this.open(l));
      list.append(el("li", {}, item));
    }
    this.root.replaceChildren(
      el("div", { class: "lesson-head" }, el("h2", { text: "Lessons" })),
      el(
        "p",
        { class: "lesson-lead" },
        "Pick a lesson. Click a command to paste it into the terminal, press Enter to run it, then press Check.",
      ),
      list,
    );
  }

  private open(l: Lesson): void {
    // Resume at the first step not yet done.
    const d = this.done(l);
    const first = l.steps.findIndex((_, i) => !d.has(i));
    this.showStep(l, first < 0 ? 0 : first);
  }

  private showStep(l: Lesson, index: number, note?: string): void {
    if (l.steps.length === 0) return this.showList();
    index = Math.max(0, Math.min(index, l.steps.length - 1));
    this.go(l.id, index);
    const step = l.steps[index];
    const d = this.done(l);

    const dots = el("ol", { class: "step-dots", "aria-label": "Steps" });
    l.steps.forEach((s, i) => {
      const b = button(String(i + 1), "step-dot", () => this.showStep(l, i));
      b.title = s.title;
      b.setAttribute("aria-label", `Step ${i + 1}: ${s.title}${d.has(i) ? " (done)" : ""}`);
      if (d.has(i)) b.classList.add("is-done");
      if (i === index) b.setAttribute("aria-current", "step");
      dots.append(el("li", {}, b));
    });

    const body = el("div", { class: "lesson-body" });
    if (index === 0 && l.intro) {
      const intro = el("div", { class: "lesson-intro" });
      intro.innerHTML = l.intro; // our own compiled Markdown
      body.append(intro);
    }
    const content = el("div", { class: "step-content" });
    content.innerHTML = step.html; // our own compiled Markdown
    body.append(
      el("h3", { class: "step-title" }, `${index + 1}. `, step.title, d.has(index) ? el("span", { class: "step-done", text: " ✓" }) : ""),
      content,
    );

    this.status = el("div", { class: "lesson-status", role: "status", "aria-live": "polite" });
    if (note) this.setStatus("ok", note);

    const canCheck = (step.check?.length ?? 0) > 0 || step.last !== null;
    const actions = el(
      "div",
      { class: "lesson-actions" },
      button("← Back", "btn btn-quiet", () => (index > 0 ? this.showStep(l, index - 1) : this.showList())),
      canCheck
        ? button("Check", "btn btn-primary lesson-check", () => this.check(l, index))
        : button("Next →", "btn btn-primary lesson-next", () => this.advance(l, index)),
      canCheck && index < l.steps.length - 1 ? button("Skip", "btn btn-quiet", () => this.showStep(l, index + 1)) : "",
    );

    this.root.replaceChildren(
      el(
        "div",
        { class: "lesson-head" },
        button("All lessons", "btn btn-quiet lesson-back", () => this.showList()),
        el("h2", { class: "lesson-title", text: l.title }),
        dots,
      ),
      body,
      actions,
      this.status,
    );
    this.root.scrollTop = 0;
  }

  private setStatus(kind: "ok" | "fail" | "info", text: string, detail?: string): void {
    this.status.className = `lesson-status is-${kind}`;
    this.status.replaceChildren(el("p", { text }));
    if (detail) this.status.append(el("pre", { class: "lesson-diff", text: detail }));
  }

  private advance(l: Lesson, index: number, note?: string): void {
    this.markDone(l, index);
    if (index + 1 < l.steps.length) {
      this.showStep(l, index + 1, note);
      return;
    }
    this.showFinished(l);
  }

  private showFinished(l: Lesson): void {
    const i = this.lessons.indexOf(l);
    const next = this.lessons[i + 1];
    const all = this.lessons.every((x) => this.done(x).size === x.steps.length);
    // A reload after the end shows the list, with this lesson ticked.
    this.go(null, 0);
    this.root.replaceChildren(
      el("div", { class: "lesson-head" }, button("All lessons", "btn btn-quiet lesson-back", () => this.showList())),
      el(
        "div",
        { class: "lesson-complete", role: "status", "data-lesson": l.id },
        el("h2", { text: `✓ ${l.title}: done` }),
        el("p", { text: all ? "You finished every lesson. The terminal is yours." : "Nicely done." }),
        next ? button(`Next: ${next.title} →`, "btn btn-primary", () => this.open(next)) : "",
      ),
    );
  }

  private check(l: Lesson, index: number): void {
    const step = l.steps[index];
    if (step.check && step.check.length > 0) {
      const got = this.runChecks(step.check);
      if (got !== null) {
        this.setStatus(
          "fail",
          "Not quite yet. Run the step's commands, then check again.",
          `> ${got.cmd}\nexpected:\n${got.out}\ngot:\n${got.actual}`,
        );
        return;
      }
    }
    if (step.last) {
      const last = this.terminal.last;
      if (!last || !sameCommand(last.line, step.last.cmd) || last.output !== step.last.out) {
        this.setStatus("fail", `Not quite yet. Run ${step.last.cmd} in the terminal, then check again.`);
        return;
      }
    }
    this.advance(l, index, `✓ Step ${index + 1} done.`);
  }

  /** runChecks runs read-only commands in a session of its own, so the
   * learner's client state (selected db, MULTI, subscriptions) is untouched,
   * and returns the first mismatch or null. */
  private runChecks(checks: Expect[]): (Expect & { actual: string }) | null {
    if (this.checkSession === 0) this.checkSession = this.engine.newSession();
    const m = /\[(\d+)\]/.exec(this.terminal.prompt);
    const db = m ? Number(m[1]) : 0;
    if (db !== this.checkDB) {
      this.engine.run(this.checkSession, `SELECT ${db}`);
      this.checkDB = db;
    }
    for (const c of checks) {
      const actual = this.engine.run(this.checkSession, c.cmd).output;
      if (actual !== c.out) return { ...c, actual };
    }
    return null;
  }
}
