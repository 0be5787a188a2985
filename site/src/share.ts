// Share links: the commands typed so far, in the address's hash
// (#cmds=<lines joined by newlines, URI-encoded>). Opening such a link shows
// the commands, ready to run; nothing runs until the reader asks.

const param = "cmds";
// A link must stay short enough for chat apps and address bars.
const maxChars = 6000;
const maxLines = 200;

/** shareURL returns a link to this page that carries lines. */
export function shareURL(lines: string[], base = location.href): string {
  const url = new URL(base);
  let kept = lines.filter((l) => l.trim() !== "" && !/[\r\n]/.test(l)).slice(-maxLines);
  // Drop the oldest lines until the link fits.
  while (kept.length > 0 && encodeURIComponent(kept.join("\n")).length > maxChars) kept = kept.slice(1);
  url.hash = `${param}=${encodeURIComponent(kept.join("\n"))}`;
  return url.toString();
}

/** sharedLines reads the commands from a share link's hash, or []. */
export function sharedLines(hash = location.hash): string[] {
  const h = hash.replace(/^#/, "");
  for (const part of h.split("&")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq) !== param) continue;
    let text: string;
    try {
      text = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return [];
    }
    return text
      .split("\n")
      .filter((l) => l.trim() !== "")
      .slice(0, maxLines);
  }
  return [];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls = "", ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  node.append(...children);
  return node;
}

/** showShared fills root with the shared commands and buttons to run them
 * (all, or one at a time into the prompt); it shows nothing without any. */
export function showShared(
  root: HTMLElement,
  lines: string[],
  actions: { runAll: (lines: string[]) => void; paste: (line: string) => void },
): void {
  if (lines.length === 0) {
    root.hidden = true;
    return;
  }
  const list = el("ol", "shared-lines");
  let next = 0;
  const items = lines.map((line) => {
    const b = el("button", "shared-line", line);
    b.type = "button";
    b.title = "Put this command at the prompt";
    b.addEventListener("click", () => actions.paste(line));
    list.append(el("li", "", b));
    return b;
  });
  const runAll = el("button", "btn btn-primary shared-run", "Run all");
  runAll.type = "button";
  const step = el("button", "btn shared-step", "Next command");
  step.type = "button";
  const dismiss = el("button", "btn btn-quiet shared-dismiss", "Dismiss");
  dismiss.type = "button";
  const close = (): void => {
    root.hidden = true;
    // Forget the commands, so a reload does not offer them again.
    history.replaceState(null, "", location.pathname + location.search);
  };
  runAll.addEventListener("click", () => {
    close();
    actions.runAll(lines);
  });
  step.addEventListener("click", () => {
    items.forEach((b, i) => b.classList.toggle("is-next", i === next));
    actions.paste(lines[next]);
    next++;
    if (next >= lines.length) step.disabled = true;
  });
  dismiss.addEventListener("click", close);
  root.replaceChildren(
    el("h2", "shared-title", `Someone shared ${lines.length === 1 ? "a command" : `${lines.length} commands`} with you`),
    el("p", "shared-lead", "Nothing has run yet. Read them, then run them all or one at a time."),
    list,
    el("div", "shared-actions", runAll, step, dismiss),
  );
  root.hidden = false;
}
