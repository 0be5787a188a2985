package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// benchPage opens the site in a browser context of its own for a benchmark.
func benchPage(b *testing.B) context.Context {
	b.Helper()
	needBrowser(b)
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	b.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 10*time.Minute)
	b.Cleanup(cancelTimeout)
	require.NoError(b, chromedp.Do(ctx, chromedp.Navigate(baseURL)))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](readyExpr, chromedp.WithPollingTimeout(60*time.Second)))
	require.NoError(b, err, "the terminal never became ready")
	return ctx
}

// benchJS runs body (a JavaScript function body that returns the
// milliseconds it measured for n commands) once per iteration and reports
// the time per command as measured in the page, leaving out the
// round trips to the browser.
func benchJS(b *testing.B, ctx context.Context, n int, setup, body string) {
	b.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {`+setup+`; return true; })()`))
	require.NoError(b, err)
	var ms float64
	for b.Loop() {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(async () => { const n = `+strconv.Itoa(n)+`; `+body+` })()`,
			chromedp.EvalAwaitPromise))
		require.NoError(b, err)
		ms += v
	}
	b.ReportMetric(ms*1000/float64(n*b.N), "µs/cmd")
}

// BenchmarkBridgeRun measures one command through the wasm bridge, in
// pieces: a bare crossing (waiting), a string back (prompt), a whole
// redisplay.run on an engine that is not saved and on the saved main
// engine, the batched runMany, the inspector's read of 10^4 keys, and a
// line submitted through the terminal's form (history, echo, reply, and
// the inspector's refresh after each line, or once for the lot as after a
// paste: terminal-no-await). Reproduce with
//
//	go test ./e2e -run '^$' -bench BridgeRun -benchtime 3x
func BenchmarkBridgeRun(b *testing.B) {
	ctx := benchPage(b)
	const n = 10000
	setup := `window.benchMem = redisplay.newSession(redisplay.newEngine());
		window.benchSaved = redisplay.newSession();
		window.benchLines = Array.from({ length: ` + strconv.Itoa(n) + ` }, (_, i) => "SET key:" + i + " value:" + i);
		// Warm up (the JIT, and the keys exist from now on).
		for (const l of benchLines) { redisplay.run(benchMem, l); redisplay.run(benchSaved, l); }`
	loop := func(call string) string {
		return `const t0 = performance.now();
			for (let i = 0; i < n; i++) ` + call + `;
			return performance.now() - t0;`
	}
	b.Run("waiting", func(b *testing.B) {
		benchJS(b, ctx, n, setup, loop(`redisplay.waiting(benchMem)`))
	})
	b.Run("prompt", func(b *testing.B) {
		benchJS(b, ctx, n, setup, loop(`redisplay.prompt(benchMem)`))
	})
	b.Run("run-memory", func(b *testing.B) {
		benchJS(b, ctx, n, setup, loop(`redisplay.run(benchMem, benchLines[i])`))
	})
	b.Run("run-saved", func(b *testing.B) {
		benchJS(b, ctx, n, setup, loop(`redisplay.run(benchSaved, benchLines[i])`))
	})
	b.Run("runMany-memory", func(b *testing.B) {
		benchJS(b, ctx, n, setup, `const t0 = performance.now();
			redisplay.runMany(benchMem, benchLines);
			return performance.now() - t0;`)
	})
	b.Run("inspect-10k-keys", func(b *testing.B) {
		benchJS(b, ctx, 100, setup, loop(`redisplay.inspect(benchSaved, "", 200)`))
	})
	// Through the terminal: one line per submit, with the microtasks (the
	// inspector's refresh) run between lines as they are between key
	// presses. Fewer lines, since each one adds to the page. Once on a
	// fresh page, once with the main engine holding the 10^4 keys above.
	terminal := `const input = document.getElementById("term-input");
		const t0 = performance.now();
		for (let i = 0; i < n; i++) {
			input.value = benchLines[i];
			input.form.requestSubmit();
			await null;
		}
		return performance.now() - t0;`
	const typed = 300
	b.Run("terminal-10k-keys", func(b *testing.B) {
		benchJS(b, ctx, typed, setup, terminal)
	})
	b.Run("terminal-fresh", func(b *testing.B) {
		benchJS(b, benchPage(b), typed, `window.benchLines = Array.from({ length: `+strconv.Itoa(typed)+` }, (_, i) => "SET key:" + i + " value:" + i)`, terminal)
	})
	b.Run("terminal-no-await", func(b *testing.B) {
		benchJS(b, benchPage(b), typed, `window.benchLines = Array.from({ length: `+strconv.Itoa(typed)+` }, (_, i) => "SET key:" + i + " value:" + i)`,
			strings.Replace(terminal, "await null;", "", 1))
	})
}

// TestRunMany checks that the batched call gives each line's output, as
// run gives it, and leaves the session where run would.
func TestRunMany(t *testing.T) {
	ctx := newPage(t)
	type result struct {
		Many   []string
		One    []string
		Prompt string
		Bad    bool
		Block  []string
		Wait   bool
	}
	r := eval[result](t, ctx, `(() => {
		const lines = ["SET a 1", "INCR a", "GET a", "SELECT 2", "GET a", "", "RPUSH l x y", "LRANGE l 0 -1", "NOSUCH"];
		const many = redisplay.newSession(redisplay.newEngine());
		const one = redisplay.newSession(redisplay.newEngine());
		return {
			Many: redisplay.runMany(many, lines),
			One: lines.map(l => redisplay.run(one, l).output),
			Prompt: redisplay.prompt(many),
			Bad: redisplay.runMany(12345, lines) === null,
			Block: redisplay.runMany(many, ["LPUSH q a", "BLPOP nothing 0", "LPOP q"]),
			Wait: redisplay.waiting(many),
		};
	})()`)
	assert.Equal(t, r.One, r.Many)
	assert.Equal(t, []string{"OK", "(integer) 2", `"2"`, "OK", "(nil)", "", "(integer) 2", "1) \"x\"\n2) \"y\"",
		"(error) ERR unknown command 'NOSUCH', with args beginning with: "}, r.Many)
	assert.Equal(t, "127.0.0.1:6379[2]> ", r.Prompt)
	assert.True(t, r.Bad, "an unknown session gives null")
	assert.Equal(t, []string{"(integer) 1", ""}, r.Block, "a line that blocks holds back the rest")
	assert.True(t, r.Wait)
}
