package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"redisplay/site"
)

var (
	// baseURL is where the site is served, with a trailing slash.
	baseURL string
	// browser is the context of the one Chromium all tests share; each test
	// opens its own browser context in it, with its own storage.
	browser context.Context
	// browserMissing says why there is no browser, when there is none.
	browserMissing string
	// distDir is the built site the tests serve.
	distDir string
)

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	chromium := chromiumPath()
	if chromium == "" {
		browserMissing = "no chromium found (apt-get install chromium, or set CHROMIUM)"
		return m.Run()
	}

	dist := os.Getenv("DIST")
	if dist == "" {
		tmp, err := os.MkdirTemp("", "redisplay-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		dist = filepath.Join(tmp, "dist")
		cmd := exec.Command("go", "run", "../scripts/build", "-q", "-o", dist)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: building the site:", err)
			return 1
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	distDir = dist
	srv := &http.Server{Handler: site.Handler(dist), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	baseURL = "http://" + ln.Addr().String() + "/"

	profile, err := os.MkdirTemp("", "redisplay-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer removeAllRetry(profile)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// Start the browser now, so the first test does not pay for it.
	if err := chromedp.Do(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: starting chromium:", err)
		return 1
	}
	browser = ctx
	return m.Run()
}

// removeAllRetry removes dir, retrying while the browser's helper processes
// still write into it after it exits.
func removeAllRetry(dir string) {
	for range 50 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// needBrowser skips the test without a browser, or fails it in CI, where a
// missing browser is a broken setup rather than a choice.
func needBrowser(t testing.TB) {
	t.Helper()
	if browserMissing == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal(browserMissing)
	}
	t.Skip(browserMissing)
}
