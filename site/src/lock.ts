// A reloading tab releases its locks as its old page goes away, so a
// short wait lets the new page take over.
const lockWait = 5000;

/** holdLock takes the Web Lock name for the life of the page, so that two
 * tabs never append to one saved log; it resolves false if another tab
 * keeps the lock past lockWait. Browsers without Web Locks simply share. */
export function holdLock(name: string): Promise<boolean> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      abort.abort();
      resolve(false);
    }, lockWait);
    locks
      .request(name, { signal: abort.signal }, () => {
        clearTimeout(timer);
        resolve(true);
        // Never settles: the lock goes when the page does.
        return new Promise<void>(() => undefined);
      })
      .catch(() => resolve(false));
  });
}
