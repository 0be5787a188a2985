// Page entry point: start the engine and fetch the lessons at the same time,
// then wire the terminal and the lesson pane together.

import { loadEngine } from "./engine";
import { LessonPane, loadLessons } from "./lessons";
import { Terminal } from "./terminal";

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}

async function boot(): Promise<void> {
  const status = byId("term-status");
  const lessonsRoot = byId("lessons");
  const lessons = loadLessons();
  // Do not let a failed lessons fetch look like an unhandled rejection
  // before it is awaited below.
  lessons.catch(() => undefined);

  let engine;
  try {
    engine = await loadEngine();
  } catch (err) {
    status.textContent = `The Redis engine could not start: ${String(err)}`;
    status.classList.add("is-error");
    return;
  }

  const terminal = new Terminal(engine, {
    screen: byId("term-screen"),
    output: byId("term-output"),
    form: byId<HTMLFormElement>("term-form"),
    prompt: byId("term-prompt"),
    input: byId<HTMLInputElement>("term-input"),
    typed: byId("term-typed"),
    hint: byId("term-hint"),
  });
  status.textContent = "Type a command and press Enter. Tab completes, ↑/↓ browse history, Ctrl-L clears.";
  terminal.enable();
  document.documentElement.dataset.ready = "true";
  performance.mark("redisplay-ready");

  try {
    new LessonPane(lessonsRoot, await lessons, engine, terminal);
  } catch (err) {
    const p = document.createElement("p");
    p.className = "lesson-error";
    p.textContent = `Lessons could not be loaded (${String(err)}). The terminal works without them.`;
    lessonsRoot.replaceChildren(p);
  }
  lessonsRoot.dataset.ready = "true";
}

void boot();
