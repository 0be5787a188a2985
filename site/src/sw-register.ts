// Installing the service worker (site/sw.ts) that lets the site open with
// the network off.

/** registerServiceWorker installs sw.js once the page has loaded, so its
 * downloads do not compete with the page's own; the engine, fetched by the
 * page first, then comes from the HTTP cache. It marks the page with
 * data-offline="ready" once a worker is active. */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  const register = (): void => {
    // updateViaCache "none": the browser asks the server for sw.js on
    // every check, whatever cache headers a host sends.
    navigator.serviceWorker.register("sw.js", { updateViaCache: "none" }).catch(() => undefined);
    void navigator.serviceWorker.ready.then(() => {
      document.documentElement.dataset.offline = "ready";
    });
  };
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}
