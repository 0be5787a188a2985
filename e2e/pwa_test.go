package e2e

import (
	"context"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/site"
)

// siteServer serves a copy of the built site on a port of its own: its own
// origin, so its service worker and caches belong to one test. Its
// directory can be swapped (a new deployment) and it can be shut down (the
// network gone). It remembers the headers it sent for each path.
type siteServer struct {
	url string
	srv *http.Server
	dir atomic.Pointer[string]

	mu    sync.Mutex
	sent  map[string]http.Header
	count map[string]int
}

func newSiteServer(t *testing.T, dir string) *siteServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &siteServer{url: "http://" + ln.Addr().String() + "/", sent: map[string]http.Header{}, count: map[string]int{}}
	s.dir.Store(&dir)
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

func (s *siteServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	site.Handler(*s.dir.Load()).ServeHTTP(w, r)
	s.mu.Lock()
	s.sent[r.URL.Path] = w.Header().Clone()
	s.count[r.URL.Path]++
	s.mu.Unlock()
}

func (s *siteServer) requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count[path]
}

func (s *siteServer) headers(path string) http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent[path]
}

// copySite copies the built site into a new temporary directory.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(distDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(distDir, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	require.NoError(t, err)
	return dst
}

func newContext(t *testing.T) context.Context {
	t.Helper()
	needBrowser(t)
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// evalAsync evaluates expr and waits for the promise it gives.
func evalAsync[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "evaluating %s", expr)
	return v
}

// waitAsync re-evaluates the promise expr until it gives true.
func waitAsync(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			require.FailNow(t, "gave up waiting: "+what, "last error: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitOffline waits until the page is controlled by an active service
// worker, which by then has filled its cache.
func waitOffline(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.dataset.offline === "ready" && navigator.serviceWorker.controller !== null`,
		chromedp.WithPollingTimeout(60*time.Second)))
	require.NoError(t, err, "no service worker took the page over")
}

const cacheNamesExpr = `caches.keys().then(k => k.sort())`

// cachedExpr lists the paths (with queries) in our offline cache.
const cachedExpr = `caches.keys().then(k => caches.open(k.find(n => n.startsWith("redisplay-"))))
	.then(c => c.keys()).then(rs => rs.map(r => { const u = new URL(r.url); return u.pathname + u.search; }).sort())`

// goOffline shuts the server down and tells the browser the network is
// gone, for the page and its service worker alike.
func goOffline(t *testing.T, ctx context.Context, s *siteServer) {
	t.Helper()
	require.NoError(t, s.srv.Close())
	offline := true
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &offline,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
	require.NoError(t, err)
	// Proof: what the worker does not keep cannot be fetched any more.
	got := evalAsync[string](t, ctx, `fetch("nothing-cached.txt?" + Math.random(), {cache: "no-store"}).then(r => "online " + r.status, () => "offline")`)
	require.Equal(t, "offline", got)
}

func TestOfflineAfterFirstVisit(t *testing.T) {
	ctx := newContext(t)
	s := newSiteServer(t, copySite(t))
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(s.url)))
	waitReady(t, ctx)
	waitOffline(t, ctx)

	names := evalAsync[[]string](t, ctx, cacheNamesExpr)
	require.Len(t, names, 1)
	assert.Regexp(t, `^redisplay-[0-9a-f]{12}$`, names[0])
	cached := evalAsync[[]string](t, ctx, cachedExpr)
	for _, want := range []string{"/", "/lessons.json", "/manifest.webmanifest", "/embed.js", "/embed-example.html", "/icons/icon.svg"} {
		assert.Contains(t, cached, want)
	}
	for _, re := range []string{`^/redisplay\.wasm\?v=[0-9a-f]{10}$`, `^/app\.js\?v=`, `^/app\.css\?v=`, `^/wasm_exec\.js\?v=`} {
		assert.True(t, slicesMatch(cached, re), "no cached file matches %s in %v", re, cached)
	}
	assert.NotContains(t, cached, "/sw.js", "the worker must not serve itself from its cache")

	// The server sent the engine precompressed; the cache holds it whole.
	assert.Contains(t, []string{"br", "gzip"}, s.headers("/redisplay.wasm").Get("Content-Encoding"))
	st, err := os.Stat(filepath.Join(distDir, "redisplay.wasm"))
	require.NoError(t, err)
	size := evalAsync[int64](t, ctx, `caches.match(performance.getEntriesByType("resource").find(e => e.name.includes("redisplay.wasm")).name)
		.then(r => r.arrayBuffer()).then(b => b.byteLength)`)
	assert.Equal(t, st.Size(), size)
	// The worker installs after the page has loaded and finds the engine
	// in the HTTP cache: a first visit downloads it once, not twice.
	assert.Equal(t, 1, s.requests("/redisplay.wasm"))
	// The worker's script is revalidated on every visit, so a new build is
	// seen at once.
	assert.Equal(t, "no-cache", s.headers("/sw.js").Get("Cache-Control"))

	goOffline(t, ctx, s)
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReady(t, ctx)
	assert.Equal(t, "OK", typeLine(t, ctx, `SET offline "still here"`))
	assert.Equal(t, `"still here"`, typeLine(t, ctx, "GET offline"))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("lessons").dataset.ready === "true"`))
	require.NoError(t, err)
	assert.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll(".lesson-error").length`), "the lessons did not load offline")

	// The widget example page works offline too.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(s.url+embedPage)))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`customElements.get("redis-playground") !== undefined`))
	require.NoError(t, err)
	scrollTo(t, ctx, "keys-example")
	waitWidget(t, ctx, "keys-example")
	assert.Equal(t, `"hello world"`, transcript(t, ctx, "keys-example")[1][1])
}

func slicesMatch(list []string, re string) bool {
	r := regexp.MustCompile(re)
	for _, s := range list {
		if r.MatchString(s) {
			return true
		}
	}
	return false
}

func TestNewBuildReplacesOfflineCache(t *testing.T) {
	ctx := newContext(t)
	s := newSiteServer(t, copySite(t))
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(s.url)))
	waitReady(t, ctx)
	waitOffline(t, ctx)
	names := evalAsync[[]string](t, ctx, cacheNamesExpr)
	require.Len(t, names, 1)
	oldCache := names[0]
	// Another app on the same origin keeps a cache the update must leave alone.
	evalAsync[bool](t, ctx, `caches.open("someone-else").then(() => true)`)

	// Build B: a changed page, and so (as scripts/build makes it) a worker
	// with another build hash.
	dirB := copySite(t)
	oldHash := strings.TrimPrefix(oldCache, "redisplay-")
	newHash := strings.Repeat("b", len(oldHash))
	require.NotEqual(t, oldHash, newHash)
	edit := func(name string, change func(string) string) {
		path := filepath.Join(dirB, name)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		changed := change(string(data))
		require.NotEqual(t, string(data), changed, "%s did not change", name)
		require.NoError(t, os.WriteFile(path, []byte(changed), 0o644))
		// The server would otherwise send the old precompressed copies.
		os.Remove(path + ".gz")
		os.Remove(path + ".br")
	}
	edit("sw.js", func(s string) string { return strings.ReplaceAll(s, oldHash, newHash) })
	edit("index.html", func(s string) string {
		return strings.Replace(s, "<head>", `<head><meta name="build" content="B">`, 1)
	})
	s.dir.Store(&dirB)

	evalAsync[bool](t, ctx, `navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)`)
	waitAsync(t, ctx, `caches.keys().then(k => k.includes("redisplay-`+newHash+`") && !k.includes("`+oldCache+`"))`,
		"the new build's cache to replace the old one")
	assert.Equal(t, []string{"redisplay-" + newHash, "someone-else"}, evalAsync[[]string](t, ctx, cacheNamesExpr))
	cached := evalAsync[[]string](t, ctx, cachedExpr)
	assert.Contains(t, cached, "/")
	assert.True(t, slicesMatch(cached, `^/redisplay\.wasm\?v=`), "the new cache lacks the engine: %v", cached)

	// With the network gone, the page comes from the new cache.
	goOffline(t, ctx, s)
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReady(t, ctx)
	assert.Equal(t, "B", eval[string](t, ctx, `document.querySelector('meta[name="build"]')?.content ?? ""`))
	assert.Equal(t, "PONG", typeLine(t, ctx, "PING"))
}

func TestManifestMakesTheSiteInstallable(t *testing.T) {
	needBrowser(t)
	// Chromium installs nothing from an incognito-like browser context, so
	// this test uses the browser's own profile.
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(baseURL)))
	waitReady(t, ctx)
	waitOffline(t, ctx)

	res, err := chromedp.Call(ctx, page.GetAppManifest, page.GetAppManifestParams{})
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	assert.Equal(t, baseURL+"manifest.webmanifest", res.URL)
	require.NotNil(t, res.Manifest)
	assert.Equal(t, "redisplay: learn Redis in your browser", res.Manifest.Name)
	assert.Equal(t, baseURL, res.Manifest.StartURL)
	assert.Equal(t, baseURL, res.Manifest.Scope)
	assert.Len(t, res.Manifest.Icons, 2)
	inst, err := chromedp.Call(ctx, page.GetInstallabilityErrors, cdp.Empty{})
	require.NoError(t, err)
	var ids []string
	for _, e := range inst.InstallabilityErrors {
		ids = append(ids, e.ErrorID)
	}
	sort.Strings(ids)
	assert.Empty(t, ids, "Chromium's installability errors")
}
