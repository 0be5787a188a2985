// One wasm instance for every <redis-playground> on a page, started the
// first time a widget needs it, holding one engine (keyspace) per widget or
// per shared="name" group.

import type { Engine } from "./engine";
import type { Lesson } from "./lessons";
import { holdLock } from "./lock";
import type { Opened } from "./persist";
import type { Bridge } from "./terminal";

/** WasmAPI is globalThis.redisplay as wasm/main_js.go publishes it. */
export type WasmAPI = Omit<Bridge, "newSession"> & {
  newEngine(): number;
  closeEngine(id: number): void;
  newSession(engine: number, onPush?: (text: string) => void): number;
  openStore?(engine: number, name: string, done: (r: Opened) => void): void;
  flush?(): Promise<string>;
};

// Go is defined by wasm_exec.js once the "wasm-exec" module has run.
declare class Go {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

declare global {
  // eslint-disable-next-line no-var
  var redisplayReady: ((api: Engine) => void) | undefined;
}

/** base is where embed.js was loaded from: the engine and the lessons sit
 * beside it, whatever page includes it. */
const base = import.meta.url;

let wasm: Promise<WasmAPI> | null = null;

/** loadWasm downloads and starts the engine once per page; every caller
 * gets the same instance. A failed start (offline, say) is forgotten, so
 * the next widget to need it tries again. */
export function loadWasm(): Promise<WasmAPI> {
  if (!wasm) {
    wasm = start(new URL(__REDISPLAY_WASM__, base).href);
    wasm.catch(() => {
      wasm = null;
    });
  }
  return wasm;
}

async function start(url: string): Promise<WasmAPI> {
  performance.mark("redisplay-embed-load");
  await import("wasm-exec");
  const go = new Go();
  const ready = new Promise<Engine>((resolve) => {
    globalThis.redisplayReady = resolve;
  });
  let instance: WebAssembly.Instance;
  try {
    ({ instance } = await WebAssembly.instantiateStreaming(fetch(url), go.importObject));
  } catch {
    // A host that sends the wrong MIME type defeats streaming compilation.
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    ({ instance } = await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject));
  }
  const exited = go.run(instance);
  const api = await Promise.race([
    ready,
    exited.then(() => {
      throw new Error("the engine stopped while starting");
    }),
  ]);
  delete globalThis.redisplayReady;
  return api as unknown as WasmAPI;
}

const sharedEngines = new Map<string, number>();

/** engineFor returns the engine a widget talks to: the one its shared
 * group uses (made on first use), or a new one of its own. owned says
 * whether the widget alone uses it, so it may close it when removed. */
export function engineFor(api: WasmAPI, shared: string | null): { id: number; owned: boolean } {
  if (shared === null || shared === "") return { id: api.newEngine(), owned: true };
  let id = sharedEngines.get(shared);
  if (id === undefined) {
    id = api.newEngine();
    sharedEngines.set(shared, id);
  }
  return { id, owned: false };
}

/** storeName is the store a widget keeps its data in across visits: the
 * persist attribute's value, else its shared name, else "default"; null
 * when it has no persist attribute. */
export function storeName(persist: string | null, shared: string | null): string | null {
  if (persist === null) return null;
  return persist.trim() || shared?.trim() || "default";
}

const persisted = new Map<string, Promise<{ id: number; opened: Opened }>>();
let flushing = false;

/** persistedEngine returns the engine that keeps store name's data (in
 * IndexedDB database "redisplay-widget-" + name, apart from the main
 * page's and every other name's), loading it on first use. Every widget
 * with that name shares it, and none closes it: its data outlives them.
 * It never fails: when storage is unusable the engine works in memory and
 * opened.notice says why. */
export function persistedEngine(api: WasmAPI, name: string): Promise<{ id: number; opened: Opened }> {
  let p = persisted.get(name);
  if (!p) {
    p = openPersisted(api, name);
    persisted.set(name, p);
  }
  return p;
}

async function openPersisted(api: WasmAPI, name: string): Promise<{ id: number; opened: Opened }> {
  const id = api.newEngine();
  if (!api.openStore) return { id, opened: { state: "memory", notice: "This engine cannot save data.", ms: 0 } };
  if (!(await holdLock(`redisplay-widget-${name}`))) {
    return {
      id,
      opened: {
        state: "memory",
        notice: "This terminal's saved data is open in another tab; here it keeps its data in memory only.",
        ms: 0,
      },
    };
  }
  const opened = await new Promise<Opened>((resolve) => api.openStore?.(id, name, resolve));
  if (!flushing) {
    // Nothing of the last second is lost on a reload or a closed tab.
    flushing = true;
    const flush = (): void => void api.flush?.();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") flush();
    });
  }
  return { id, opened };
}



/** bind returns the Bridge a Terminal expects, with its sessions opened on
 * engine id. */
export function bind(api: WasmAPI, id: number): Bridge {
  return {
    newSession: (onPush?: (text: string) => void) => api.newSession(id, onPush),
    run: (s, line) => api.run(s, line),
    prompt: (s) => api.prompt(s),
    waiting: (s) => api.waiting(s),
    hint: (s, line) => api.hint(s, line),
    complete: (s, line) => api.complete(s, line),
    close: (s) => api.close(s),
    subscribed: api.subscribed ? (s) => api.subscribed?.(s) ?? false : undefined,
    keepInHistory: api.keepInHistory ? (line) => api.keepInHistory?.(line) ?? true : undefined,
  };
}

let lessons: Promise<Lesson[]> | null = null;

/** lesson fetches the compiled lessons beside embed.js (once) and returns
 * the one with id, or undefined. */
export async function lesson(id: string): Promise<Lesson | undefined> {
  if (!lessons) {
    lessons = fetch(new URL("lessons.json", base)).then((res) => {
      if (!res.ok) throw new Error(`lessons.json: ${res.status}`);
      return res.json() as Promise<Lesson[]>;
    });
    lessons.catch(() => {
      lessons = null;
    });
  }
  return (await lessons).find((l) => l.id === id);
}
