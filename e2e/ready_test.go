package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// readyMs is the time from the start of navigation to the ready prompt, as
// the page itself marks it (performance.mark("redisplay-ready")).
const readyMsExpr = `performance.getEntriesByName("redisplay-ready")[0].startTime`

// transferExpr sums what the network moved against what the page received,
// showing whether precompressed files were served.
const transferExpr = `(() => {
	const r = performance.getEntriesByType("resource").find(e => e.name.includes("redisplay.wasm"));
	return r ? [r.encodedBodySize, r.decodedBodySize] : [0, 0];
})()`

// TestPageReadyTime reports how long a cold load (empty cache) and a warm
// reload take to reach a usable prompt. It measures; it never asserts times.
func TestPageReadyTime(t *testing.T) {
	ctx := newPage(t)
	cold := eval[float64](t, ctx, readyMsExpr)
	phases := eval[map[string]float64](t, ctx, `(() => {
		const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? 0;
		const nav = performance.getEntriesByType("navigation")[0];
		const wasm = performance.getEntriesByType("resource").find(e => e.name.includes("redisplay.wasm"));
		return {html: nav.responseEnd, wasmFetched: wasm ? wasm.responseEnd : 0,
			instantiated: at("redisplay-instantiated"), goMain: at("redisplay-go-main"), goReady: at("redisplay-go-ready"), ready: at("redisplay-ready")};
	})()`)
	t.Logf("cold load phases (ms since navigation): html %.0f, wasm fetched %.0f, compiled %.0f, Go main %.0f, engine up %.0f, ready %.0f",
		phases["html"], phases["wasmFetched"], phases["instantiated"], phases["goMain"], phases["goReady"], phases["ready"])
	sizes := eval[[]float64](t, ctx, transferExpr)
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReady(t, ctx)
	warm := eval[float64](t, ctx, readyMsExpr)
	require.Positive(t, cold)
	require.Positive(t, warm)
	t.Logf("page ready: cold %.0f ms, warm %.0f ms; wasm transferred %.0f KB for %.0f KB",
		cold, warm, sizes[0]/1024, sizes[1]/1024)
}

// BenchmarkPageReady loads the page in a fresh browser context per
// iteration and reports the mean time to a ready prompt.
func BenchmarkPageReady(b *testing.B) {
	needBrowser(b)
	var total float64
	for range b.N {
		ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		err := chromedp.Do(ctx, chromedp.Navigate(baseURL))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](readyExpr, chromedp.WithPollingTimeout(60*time.Second)))
		}
		if err != nil {
			cancel()
			b.Fatal(err)
		}
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](readyMsExpr))
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		total += ms
	}
	b.ReportMetric(total/float64(b.N), "ms-to-ready/op")
}
