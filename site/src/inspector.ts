// The inspector: the keys of the database the active pane has selected,
// with type and a live TTL countdown, and a drawing of the chosen key.
// Everything it shows comes from redisplay.inspect, which is not a command:
// looking changes no statistics and expires nothing.
//
// Keys and values are the learner's data, so they reach the page only as
// text (textContent), never as HTML.

import type { Engine } from "./engine";

/** KeyInfo is one row of the key list. */
export interface KeyInfo {
  key: string;
  /** ref names the key as redis-cli quotes it; inspect takes it back. */
  ref: string;
  type: string;
  /** ttl is the time to live in ms, -1 without one. */
  ttl: number;
}

/** KeyDetail is the contents of one key (collections capped). */
export interface KeyDetail extends KeyInfo {
  encoding: string;
  len: number;
  str?: string;
  quoted?: string;
  bytes?: Uint8Array;
  /** items: list elements, set members, [field, value] or [member, score]. */
  items?: Array<string | [string, string] | [string, number]>;
}

/** Inspection is what redisplay.inspect answers. */
export interface Inspection {
  db: number;
  total: number;
  keys: KeyInfo[];
  key: KeyDetail | null;
}

/** InspectBridge is the engine with its inspect call. */
export type InspectBridge = Engine & {
  inspect?: (id: number, ref: string, limit: number) => Inspection | null;
};

// How many keys and elements to draw; the rest is counted.
const limit = 100;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls = "",
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  // Strings become text nodes: append never parses HTML.
  node.append(...children);
  return node;
}

/** formatTTL writes a time to live the way a person reads it. */
export function formatTTL(ms: number): string {
  if (ms < 0) return "";
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Inspector draws into root for the session that session() names. */
export class Inspector {
  private selected = "";
  private pending = false;
  private deadlines = new Map<HTMLElement, number>();
  private timer = 0;
  private readonly list: HTMLElement;
  private readonly view: HTMLElement;
  private readonly title: HTMLElement;
  private readonly count: HTMLElement;

  constructor(
    private readonly engine: InspectBridge,
    root: HTMLElement,
    private readonly session: () => number,
  ) {
    this.title = el("h2", "insp-title", "Keys");
    this.count = el("span", "insp-count");
    this.list = el("ul", "insp-keys");
    this.list.setAttribute("aria-label", "Keys in this database");
    this.view = el("div", "insp-view");
    this.view.setAttribute("aria-live", "off");
    root.replaceChildren(el("div", "insp-head", this.title, this.count), el("div", "insp-body", this.list, this.view));
    this.list.addEventListener("click", (ev) => {
      const b = (ev.target as Element | null)?.closest<HTMLButtonElement>(".insp-key");
      if (b?.dataset.ref !== undefined) this.select(b.dataset.ref);
    });
    // Up and Down move between keys, as in any list.
    this.list.addEventListener("keydown", (ev) => {
      if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
      const buttons = [...this.list.querySelectorAll<HTMLButtonElement>(".insp-key")];
      const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = buttons[i + (ev.key === "ArrowDown" ? 1 : -1)];
      if (next) {
        ev.preventDefault();
        next.focus();
        this.select(next.dataset.ref ?? "");
      }
    });
    if (!engine.inspect) root.hidden = true;
  }

  /** select shows the key named by ref (a redis-cli quoted name). */
  select(ref: string): void {
    this.selected = ref;
    this.refresh();
  }

  /** update asks for a refresh once the current work is done: it may be
   * called while the engine is busy (from a push), and many changes in a
   * row are drawn once. */
  update(): void {
    if (this.pending) return;
    this.pending = true;
    // A microtask runs once the current call into the engine has returned
    // (so its lock is free), and unlike a timer it is not slowed down in a
    // background tab.
    queueMicrotask(() => {
      this.pending = false;
      this.refresh();
    });
  }

  /** refresh reads the keyspace now and redraws. */
  refresh(): void {
    const ins = this.engine.inspect?.(this.session(), this.selected, limit);
    if (!ins) return;
    this.deadlines.clear();
    const now = performance.now();
    this.title.textContent = ins.db === 0 ? "Keys" : `Keys in db ${ins.db}`;
    this.count.textContent =
      ins.total > ins.keys.length ? `first ${ins.keys.length} of ${ins.total}` : plural(ins.total, "key");

    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.ref : undefined;
    const items: HTMLElement[] = [];
    for (const k of ins.keys) {
      const b = el("button", "insp-key", el("span", "insp-name", k.key), el("span", `insp-type t-${k.type}`, k.type));
      b.type = "button";
      b.dataset.ref = k.ref;
      b.setAttribute("aria-pressed", String(k.ref === this.selected));
      if (k.ttl >= 0) {
        const ttl = el("span", "insp-ttl", formatTTL(k.ttl));
        ttl.title = "time to live";
        this.deadlines.set(ttl, now + k.ttl);
        b.append(ttl);
      }
      items.push(el("li", "", b));
    }
    if (ins.keys.length === 0) items.push(el("li", "insp-empty", "No keys yet. Try SET greeting hello."));
    this.list.replaceChildren(...items);
    if (focused !== undefined) this.list.querySelector<HTMLElement>(`[data-ref="${CSS.escape(focused)}"]`)?.focus();

    this.view.replaceChildren(...this.draw(ins.key));
    this.view.dataset.type = ins.key?.type ?? "";
    this.tick();
  }

  /** tick counts the TTLs down between refreshes and refreshes when one
   * runs out (the key is then gone). */
  private tick(): void {
    clearTimeout(this.timer);
    if (this.deadlines.size === 0) return;
    const now = performance.now();
    let expired = false;
    for (const [node, at] of this.deadlines) {
      const left = at - now;
      if (left <= 0) expired = true;
      const text = formatTTL(Math.max(left, 0));
      if (node.textContent !== text) node.textContent = text;
    }
    if (expired) {
      // Let the engine's own clock pass the deadline too.
      this.timer = window.setTimeout(() => this.refresh(), 50);
      return;
    }
    this.timer = window.setTimeout(() => this.tick(), 250);
  }

  private draw(d: KeyDetail | null): Node[] {
    if (!d) {
      if (this.selected === "") return [el("p", "insp-hint", "Choose a key to see its value drawn.")];
      return [el("p", "insp-hint", "That key is gone.")];
    }
    const head = el("div", "insp-detail-head", el("strong", "insp-name", d.key), el("span", `insp-type t-${d.type}`, d.type));
    const facts = [d.type === "string" ? plural(d.len, "byte") : plural(d.len, d.type === "hash" ? "field" : d.type === "list" ? "element" : "member"), `encoding ${d.encoding}`];
    const meta = el("p", "insp-meta", facts.join(" · "));
    if (d.ttl >= 0) {
      const ttl = el("span", "insp-ttl", formatTTL(d.ttl));
      this.deadlines.set(ttl, performance.now() + d.ttl);
      meta.append(" · expires in ", ttl);
    }
    const body = this.drawValue(d);
    const shown = d.items?.length ?? 0;
    const more = d.type !== "string" && d.len > shown ? [el("p", "insp-more", `… and ${d.len - shown} more`)] : [];
    return [head, meta, body, ...more];
  }

  private drawValue(d: KeyDetail): HTMLElement {
    const items = d.items ?? [];
    switch (d.type) {
      case "string":
        return drawString(d);
      case "list":
        return drawList(items as string[], d.len);
      case "set":
        return drawSet(items as string[]);
      case "hash":
        return drawHash(items as Array<[string, string]>);
      case "zset":
        return drawZset(items as Array<[string, number]>);
    }
    return el("p", "insp-hint", `A ${d.type}; try XRANGE ${d.key} - + in a terminal.`);
  }
}

function drawString(d: KeyDetail): HTMLElement {
  const box = el("div", "viz-string");
  // A value that is not UTF-8 text is shown as redis-cli quotes it.
  const text = d.str?.includes("\uFFFD") && d.quoted ? d.quoted : (d.str ?? "");
  box.append(el("div", "viz-value", text));
  if (d.bytes && d.bytes.length > 0) {
    const bits = el("div", "viz-bits");
    bits.setAttribute("aria-label", "bits, most significant first");
    d.bytes.forEach((byte, i) => {
      const cells = el("span", "viz-byte-bits");
      for (let b = 7; b >= 0; b--) {
        const on = (byte >> b) & 1;
        cells.append(el("span", on ? "bit on" : "bit", String(on)));
      }
      const printable = byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`;
      bits.append(el("span", "viz-byte", cells, el("span", "viz-byte-label", `${printable} · offset ${i * 8}`)));
    });
    box.append(bits);
  }
  return box;
}

function drawList(items: string[], len: number): HTMLElement {
  const row = el("ol", "viz-list");
  row.setAttribute("aria-label", "list elements, head first");
  items.forEach((v, i) => {
    row.append(el("li", "viz-cell", el("span", "viz-idx", String(i)), el("span", "viz-val", v), el("span", "viz-idx neg", String(i - len))));
  });
  return row;
}

// Members get a steady size and tilt from their text, so the cloud does not
// reshuffle on every refresh.
function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function drawSet(items: string[]): HTMLElement {
  const cloud = el("ul", "viz-set");
  cloud.setAttribute("aria-label", "set members, in no particular order");
  for (const m of items) {
    const h = hashOf(m);
    const chip = el("li", `viz-member s${h % 3}`, m);
    chip.style.setProperty("--tilt", `${(h % 7) - 3}deg`);
    cloud.append(chip);
  }
  return cloud;
}

function drawHash(items: Array<[string, string]>): HTMLElement {
  const table = el("table", "viz-hash");
  table.append(el("thead", "", el("tr", "", el("th", "", "field"), el("th", "", "value"))));
  const body = el("tbody");
  for (const [f, v] of items) body.append(el("tr", "", el("td", "", f), el("td", "", v)));
  table.append(body);
  return table;
}

function scoreText(s: number): string {
  if (s === Infinity) return "inf";
  if (s === -Infinity) return "-inf";
  return String(s);
}

function drawZset(items: Array<[string, number]>): HTMLElement {
  const chart = el("ol", "viz-zset");
  chart.setAttribute("aria-label", "members by rank, lowest score first");
  const finite = items.map(([, s]) => s).filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  const span = hi - lo || 1;
  items.forEach(([m, s], rank) => {
    let width: number;
    if (s === Infinity) width = 100;
    else if (s === -Infinity) width = 0;
    else width = (Math.abs(s) / span) * 100;
    const bar = el("span", s < 0 ? "viz-bar neg" : "viz-bar");
    bar.style.width = `${Math.max(width, 1).toFixed(1)}%`;
    chart.append(
      el("li", "viz-rank", el("span", "viz-idx", String(rank)), el("span", "viz-val", m), el("span", "viz-track", bar), el("span", "viz-score", scoreText(s))),
    );
  });
  return chart;
}
