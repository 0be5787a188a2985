// Loading the Go engine (redisplay.wasm) and the typed view of the object it
// publishes as globalThis.redisplay.

/** RunResult is what one typed line produced. */
export interface RunResult {
  /** All text redis-cli would print for the line, without a final newline. */
  output: string;
  /** The prompt to show next, e.g. "127.0.0.1:6379[2]> ". */
  prompt: string;
  /** True when the line asked to clear the screen ("clear"). */
  clear: boolean;
  /** True while a blocked command (BLPOP ...) waits; its reply is pushed later. */
  waiting: boolean;
  /** True when the session ended (QUIT, EXIT). */
  closed: boolean;
}

/** Engine is the API the wasm bridge (wasm/main_js.go) exposes. */
export interface Engine {
  newSession(onPush?: (text: string) => void): number;
  run(id: number, line: string): RunResult;
  /** runMany runs lines in one call into the engine (cheaper than one run
   * each) and gives each one's output; it stops after a line that blocks or
   * ends the session, and gives null for an unknown session. */
  runMany?(id: number, lines: string[]): string[] | null;
  prompt(id: number): string;
  waiting(id: number): boolean;
  hint(id: number, line: string): string;
  complete(id: number, line: string): string[];
  close(id: number): void;
}

// Go is defined by wasm_exec.js, which the page loads before this module.
declare class Go {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

declare global {
  // eslint-disable-next-line no-var
  var redisplayReady: ((api: Engine) => void) | undefined;
  // eslint-disable-next-line no-var
  var redisplay: Engine | undefined;
}

/** wasmURL is the engine's address, taken from the page's preload link so the
 * preloaded response (and its cache-busting query) is reused. */
function wasmURL(): string {
  const link = document.getElementById("wasm-url") as HTMLLinkElement | null;
  return link?.href ?? "redisplay.wasm";
}

/** loadEngine fetches and starts the engine and resolves once it is ready. */
export async function loadEngine(): Promise<Engine> {
  const go = new Go();
  const ready = new Promise<Engine>((resolve) => {
    globalThis.redisplayReady = resolve;
  });
  const response = fetch(wasmURL());
  let instance: WebAssembly.Instance;
  try {
    ({ instance } = await WebAssembly.instantiateStreaming(response, go.importObject));
  } catch {
    // Some static hosts send the wrong MIME type; compile from bytes instead.
    const bytes = await (await fetch(wasmURL())).arrayBuffer();
    ({ instance } = await WebAssembly.instantiate(bytes, go.importObject));
  }
  performance.mark("redisplay-instantiated");
  const exited = go.run(instance);
  const api = await Promise.race([
    ready,
    exited.then(() => {
      throw new Error("the engine stopped while starting");
    }),
  ]);
  delete globalThis.redisplayReady;
  return api;
}
