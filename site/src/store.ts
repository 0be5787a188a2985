// Small wrappers around localStorage that never throw: storage can be full,
// disabled, or blocked in a private window, and the page must still work.

const prefix = "redisplay.";

/** load returns the JSON value stored under key, or fallback. */
export function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(prefix + key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/** save stores value as JSON under key, silently giving up on failure. */
export function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // Nothing useful to do: progress simply will not survive a reload.
  }
}
