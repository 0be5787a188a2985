package e2e

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"
)

// input is the terminal's command field.
var input = chromedp.ID("term-input")

// readyExpr is true once the engine runs and the prompt takes input.
const readyExpr = `document.documentElement.dataset.ready === "true"`

// newPage opens the site in a fresh browser context (empty storage and
// cache) and waits for the terminal to be ready.
func newPage(t *testing.T) context.Context {
	t.Helper()
	needBrowser(t)
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(baseURL)))
	waitReady(t, ctx)
	return ctx
}

func waitReady(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](readyExpr, chromedp.WithPollingTimeout(60*time.Second)))
	require.NoError(t, err, "the terminal never became ready")
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, "evaluating %s", expr)
	return v
}

const entriesExpr = `document.querySelectorAll("#term-output > .entry").length`

// typeLine types line into the terminal with real key events, presses
// Enter, and returns the text the terminal printed for it.
func typeLine(t *testing.T, ctx context.Context, line string) string {
	t.Helper()
	before := eval[int](t, ctx, entriesExpr)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, line+kb.Enter)))
	return lastReply(t, ctx, before)
}

// lastReply waits until the terminal shows more than before entries and
// returns the reply text of the newest one ("" when it printed nothing).
func lastReply(t *testing.T, ctx context.Context, before int) string {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](entriesExpr+" > "+strconv.Itoa(before),
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "no new terminal entry")
	return eval[string](t, ctx, `(() => {
		const e = document.querySelector("#term-output > .entry:last-child .reply");
		return e ? e.textContent : "";
	})()`)
}
