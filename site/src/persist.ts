// The main page's data across reloads: the engine's log in IndexedDB (the Go
// side is wasm/persist_js.go), the selected database in localStorage, and
// the Reset, Export and Import controls.

import type { Engine } from "./engine";
import { holdLock } from "./lock";
import { load, save } from "./store";
import type { Terminal } from "./terminal";

/** Opened is what redisplay.openStore reports. */
export interface Opened {
  /** state is "loaded", "repaired" (damage dropped) or "memory" (nothing
   * is saved this session). */
  state: "loaded" | "repaired" | "memory";
  /** notice says what was dropped, or why nothing is saved; "" if all is well. */
  notice: string;
  /** ms is how long loading took. */
  ms: number;
}

/** StoreAPI is the part of globalThis.redisplay this file uses. */
export interface StoreAPI {
  openStore(done: (r: Opened) => void): void;
  flush(): Promise<string>;
  exportData(): Uint8Array;
  importData(data: Uint8Array): { commands: number; error: string };
}

const dbKey = "db";
// Held for the life of the page: two tabs appending to one log would
// interleave their records.
const lockName = "redisplay-data";

/** openStore loads the saved data into the main engine. It never fails:
 * when storage is unusable the page carries on in memory and says so. */
export async function openStore(api: Engine & Partial<StoreAPI>): Promise<Opened> {
  if (!api.openStore) return { state: "memory", notice: "", ms: 0 };
  if (!(await holdLock(lockName))) {
    return {
      state: "memory",
      notice: "redisplay is open in another tab, which keeps the saved data; this tab keeps its data in memory only.",
      ms: 0,
    };
  }
  const opened = await new Promise<Opened>((resolve) => api.openStore?.(resolve));
  keepFlushed(api as StoreAPI);
  return opened;
}

/** keepFlushed writes the log out when the page is hidden or goes away;
 * the Go side flushes once a second on its own. */
function keepFlushed(api: StoreAPI): void {
  const flush = (): void => void api.flush();
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
}

/** dbOf reads the database number from a prompt like "127.0.0.1:6379[2]> ". */
export function dbOf(prompt: string): number {
  const m = /\[(\d+)\]/.exec(prompt);
  return m ? Number(m[1]) : 0;
}

/** restoringDB wraps the bridge so that the first session made through it
 * (the main terminal's) starts in the database selected before the
 * reload. */
export function restoringDB<T extends Engine>(api: T): T {
  const db = load<number>(dbKey, 0);
  if (!Number.isInteger(db) || db <= 0) return api;
  let done = false;
  const wrapped = Object.create(api) as T;
  wrapped.newSession = (onPush?: (text: string) => void): number => {
    const id = api.newSession(onPush);
    if (!done) {
      done = true;
      if (api.run(id, `SELECT ${db}`).output !== "OK") save(dbKey, 0);
    }
    return id;
  };
  return wrapped;
}

/** rememberDB keeps the main terminal's database for the next visit. */
export function rememberDB(terminal: Terminal): void {
  let last = dbOf(terminal.prompt);
  terminal.onChange(() => {
    const db = dbOf(terminal.prompt);
    if (db !== last) {
      last = db;
      save(dbKey, db);
    }
  });
}

/** holdInput lets the learner type while the data loads: lines entered
 * meanwhile are shown as waiting and handed back by the function returned,
 * to be run once the terminal exists. */
export function holdInput(form: HTMLFormElement, input: HTMLInputElement, output: HTMLElement, prompt: string): () => string[] {
  const lines: string[] = [];
  const shown: HTMLElement[] = [];
  const onSubmit = (ev: Event): void => {
    ev.preventDefault();
    ev.stopImmediatePropagation();
    lines.push(input.value);
    const echo = document.createElement("div");
    echo.className = "entry echo is-held";
    echo.textContent = prompt + input.value;
    output.append(echo);
    shown.push(echo);
    input.value = "";
  };
  form.addEventListener("submit", onSubmit);
  input.disabled = false;
  return () => {
    form.removeEventListener("submit", onSubmit);
    for (const e of shown) e.remove();
    return lines;
  };
}

/** StoreControls are the page's Reset, Export and Import controls. */
export interface StoreControls {
  reset: HTMLButtonElement;
  resetDialog: HTMLDialogElement;
  exportButton: HTMLButtonElement;
  importButton: HTMLButtonElement;
  importFile: HTMLInputElement;
  /** dropZone takes files dropped on it (the terminal). */
  dropZone: HTMLElement;
}

/** wireStore makes the Reset, Export and Import controls work. */
export function wireStore(api: Engine & StoreAPI, terminal: Terminal, c: StoreControls, onImported: () => void): void {
  c.reset.addEventListener("click", () => c.resetDialog.showModal());
  c.resetDialog.addEventListener("close", () => {
    if (c.resetDialog.returnValue !== "reset") return;
    const forgetLessons = c.resetDialog.querySelector<HTMLInputElement>("input[name=lessons]")?.checked ?? false;
    void reset(api, forgetLessons);
  });

  c.exportButton.addEventListener("click", () => {
    const blob = new Blob([api.exportData() as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "redisplay-data.aof";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  });

  const importFiles = async (files: FileList | null | undefined): Promise<void> => {
    const file = files?.[0];
    if (!file) return;
    let data: Uint8Array;
    try {
      data = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      terminal.print(`Could not read ${file.name}: ${String(err)}`, "note import-note is-error");
      return;
    }
    const r = api.importData(data);
    const n = `${r.commands} command${r.commands === 1 ? "" : "s"}`;
    terminal.print(
      r.error === "" ? `Imported ${n} from ${file.name}.` : `Imported ${n} from ${file.name}, then stopped: ${r.error}.`,
      r.error === "" ? "note import-note" : "note import-note is-error",
    );
    onImported();
    void api.flush();
  };
  c.importButton.addEventListener("click", () => c.importFile.click());
  c.importFile.addEventListener("change", () => {
    void importFiles(c.importFile.files).finally(() => (c.importFile.value = ""));
  });
  c.dropZone.addEventListener("dragover", (ev) => {
    if (!ev.dataTransfer?.types.includes("Files")) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = "copy";
    c.dropZone.classList.add("is-drop-target");
  });
  c.dropZone.addEventListener("dragleave", () => c.dropZone.classList.remove("is-drop-target"));
  c.dropZone.addEventListener("drop", (ev) => {
    c.dropZone.classList.remove("is-drop-target");
    if (!ev.dataTransfer?.files.length) return;
    ev.preventDefault();
    void importFiles(ev.dataTransfer.files);
  });
}

/** reset empties every database (FLUSHALL is logged like any write),
 * forgets the selected database and, if asked, the lesson progress, then
 * reloads the page once the empty state is stored. */
async function reset(api: Engine & StoreAPI, forgetLessons: boolean): Promise<void> {
  const id = api.newSession();
  api.run(id, "FLUSHALL");
  api.close(id);
  save(dbKey, 0);
  if (forgetLessons) {
    try {
      localStorage.removeItem("redisplay.progress");
      localStorage.removeItem("redisplay.position");
    } catch {
      // Storage blocked: there is no progress to forget either.
    }
  }
  await api.flush();
  location.reload();
}
