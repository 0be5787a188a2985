// Modules and names that only scripts/build provides to the embed bundle.

/** The widget's stylesheet, bundled as text and put in each shadow root. */
declare module "*.css" {
  const text: string;
  export default text;
}

/** Go's wasm_exec.js, bundled into embed.js and run on first use: it
 * defines globalThis.Go. */
declare module "wasm-exec" {}

/** The engine's address relative to embed.js, with its content hash
 * ("redisplay.wasm?v=0123456789"), so the file can be cached for good. */
declare const __REDISPLAY_WASM__: string;
