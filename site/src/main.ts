// Page entry point: start the engine and fetch the lessons at the same time,
// then wire the terminal and the lesson pane together.

import { loadEngine } from "./engine";
import { LessonPane, loadLessons } from "./lessons";
import { type InspectBridge, Inspector } from "./inspector";
import { Panes } from "./panes";
import { holdInput, openStore, rememberDB, restoringDB, type StoreAPI, wireStore } from "./persist";
import { sharedLines, shareURL, showShared } from "./share";
import { type Bridge, Terminal } from "./terminal";
import { registerServiceWorker } from "./sw-register";

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

  const bridge: Bridge & InspectBridge = engine;
  // The saved data loads before any session exists on the main engine;
  // lines typed meanwhile run once it is there.
  status.textContent = "Loading your data…";
  const form = byId<HTMLFormElement>("term-form");
  const input = byId<HTMLInputElement>("term-input");
  const release = holdInput(form, input, byId("term-output"), byId("term-prompt").textContent ?? "");
  const stored = await openStore(engine);
  document.documentElement.dataset.store = stored.state;
  document.documentElement.dataset.storeMs = stored.ms.toFixed(1);
  const root = byId("terminal");
  const terminal = new Terminal(restoringDB(bridge), {
    root,
    screen: byId("term-screen"),
    output: byId("term-output"),
    form,
    prompt: byId("term-prompt"),
    input,
    typed: byId("term-typed"),
    hint: byId("term-hint"),
    interrupt: byId<HTMLButtonElement>("term-ctrlc"),
  });
  status.textContent =
    "Type a command and press Enter. Tab completes, ↑/↓ and Ctrl-R search history, Ctrl-L clears, Ctrl-C stops waiting. On an empty line Tab moves on.";
  const refresh = wireWorkbench(bridge, terminal, root);
  if (stored.notice !== "") terminal.print(stored.notice, "note store-notice");
  rememberDB(terminal);
  wireStore(engine as typeof engine & StoreAPI, terminal, {
    reset: byId<HTMLButtonElement>("reset"),
    resetDialog: byId<HTMLDialogElement>("reset-dialog"),
    exportButton: byId<HTMLButtonElement>("export"),
    importButton: byId<HTMLButtonElement>("import"),
    importFile: byId<HTMLInputElement>("import-file"),
    dropZone: root,
  }, refresh);
  terminal.enable();
  terminal.runLines(release());
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

/** wireWorkbench adds the panes, the inspector and the share link around
 * the first terminal. */
function wireWorkbench(bridge: Bridge & InspectBridge, terminal: Terminal, root: HTMLElement): () => void {
  const panes = new Panes(bridge, byId("panes"), { root, terminal });
  const inspector = new Inspector(bridge, byId("inspector"), () => panes.active.session);
  panes.onChange(() => inspector.update());
  panes.onActive(() => inspector.update());
  inspector.refresh();

  const addPane = byId<HTMLButtonElement>("add-pane");
  const openPane = (): Terminal | null => {
    const t = panes.add();
    if (!t) return null;
    t.onRun((r) => {
      typed.push(r.line);
      // A lesson step that expects a command accepts it from any pane.
      terminal.last = r;
    });
    addPane.disabled = !panes.canAdd;
    return t;
  };
  addPane.addEventListener("click", () => openPane());
  // Lesson buttons paste into the pane in use; while the first pane only
  // listens to a channel, into another pane, opened if need be.
  terminal.pasteTarget = (from) => {
    const active = panes.active;
    if (active.showsPrompt) return active;
    const free = panes.panes.find((p) => p.terminal.showsPrompt)?.terminal;
    return free ?? openPane() ?? from;
  };
  panes.onChange(() => (addPane.disabled = !panes.canAdd));

  // What was typed in any pane, in order, for the share link; lines that
  // carry a password never go into it.
  const typed: string[] = [];
  terminal.onRun((r) => typed.push(r.line));
  const shareStatus = byId("share-status");
  byId("share").addEventListener("click", () => {
    const lines = typed.filter((l) => bridge.keepInHistory?.(l) ?? true);
    const url = shareURL(lines);
    const say = (text: string): void => {
      shareStatus.textContent = text;
      setTimeout(() => {
        if (shareStatus.textContent === text) shareStatus.textContent = "";
      }, 4000);
    };
    shareStatus.dataset.url = url;
    if (lines.length === 0) {
      say("Type some commands first, then share them.");
      return;
    }
    const n = `${lines.length} command${lines.length === 1 ? "" : "s"}`;
    const byHand = (): void => {
      // No clipboard access: show the link, selected, to copy by hand.
      shareLink.value = url;
      shareLink.hidden = false;
      shareLink.focus();
      shareLink.select();
      say(`Copy the link with ${n}:`);
    };
    shareLink.hidden = true;
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(() => say(`Link with ${n} copied.`), byHand);
    else byHand();
  });
  const shareLink = byId<HTMLInputElement>("share-link");
  shareLink.addEventListener("blur", () => (shareLink.hidden = true));
  const showHash = (): void =>
    showShared(byId("shared"), sharedLines(), {
      runAll: (lines) => {
        terminal.focus();
        terminal.runLines(lines);
      },
      paste: (line) => terminal.paste(line),
    });
  showHash();
  window.addEventListener("hashchange", showHash);
  return () => inspector.update();
}

void boot();
registerServiceWorker();
