// embed.js: the one script a page includes to get <redis-playground>
// terminals. It defines the element and nothing else; the engine is
// fetched later, when a widget first needs it (see widget.ts).
//
//   <script type="module" src="https://example.org/redisplay/embed.js"></script>
//   <redis-playground>
//   SET greeting "hello"
//   GET greeting
//   </redis-playground>
//
// The engine (redisplay.wasm) and lessons.json are loaded from beside
// embed.js. A host page with a Content-Security-Policy must allow that
// origin in script-src and connect-src, and 'wasm-unsafe-eval'. Starting
// the engine defines the globals Go, fs and process (Go's wasm_exec.js
// needs them) and redisplay.

import { RedisPlayground, tagName } from "./widget";

// A page that includes embed.js twice (two copies at different addresses)
// keeps the first definition.
if (!customElements.get(tagName)) customElements.define(tagName, RedisPlayground);
