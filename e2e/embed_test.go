package e2e

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The example page of the embeddable widget (site/embed-example.html).
const embedPage = "embed-example.html"

// wasmFetchesExpr counts the page's requests for the engine.
const wasmFetchesExpr = `performance.getEntriesByType("resource").filter(e => e.name.includes("redisplay.wasm")).length`

// openEmbed opens the example page in a fresh browser context with a short
// viewport, so that no widget is near the screen until the test scrolls,
// and waits until embed.js has upgraded every widget.
func openEmbed(t *testing.T) context.Context {
	t.Helper()
	needBrowser(t)
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1000, 500), chromedp.Navigate(baseURL+embedPage)))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete" && customElements.get("redis-playground") !== undefined &&
		[...document.querySelectorAll("redis-playground")].every(w => w.shadowRoot !== null)`))
	require.NoError(t, err, "embed.js never defined <redis-playground>")
	return ctx
}

// shadowExpr is JavaScript for the first element matching sel inside
// widget id's shadow root.
func shadowExpr(id, sel string) string {
	return fmt.Sprintf(`document.getElementById(%q).shadowRoot.querySelector(%q)`, id, sel)
}

func waitWidget(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById(%q).dataset.ready === "true"`, id),
		chromedp.WithPollingTimeout(60*time.Second)))
	require.NoError(t, err, "widget %s never started", id)
}

func scrollTo(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(document.getElementById(%q).scrollIntoView({block: "center"}), true)`, id))
}

// transcript is what widget id shows: each entry's echo line and reply.
func transcript(t *testing.T, ctx context.Context, id string) [][2]string {
	t.Helper()
	return eval[[][2]string](t, ctx, fmt.Sprintf(`[...document.getElementById(%q).shadowRoot.querySelectorAll(".term-output > .entry")]
		.map(e => [e.querySelector(".echo")?.textContent ?? "", e.querySelector(".reply")?.textContent ?? e.textContent])`, id))
}

func widgetEntries(id string) string {
	return fmt.Sprintf(`document.getElementById(%q).shadowRoot.querySelectorAll(".term-output > .entry").length`, id)
}

// typeInto types line into widget id with real key events and returns the
// reply it printed.
func typeInto(t *testing.T, ctx context.Context, id, line string) string {
	t.Helper()
	before := eval[int](t, ctx, widgetEntries(id))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.JSPath(shadowExpr(id, ".term-input")), line+kb.Enter)))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](widgetEntries(id)+" > "+strconv.Itoa(before), chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "no new entry in %s", id)
	lines := transcript(t, ctx, id)
	return lines[len(lines)-1][1]
}

// settle waits for two frames and a task: long enough for the
// IntersectionObserver to have reported what is on screen.
func settle(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(true), 0))))`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
}

func TestEmbedLoadsWasmOnlyWhenScrolledTo(t *testing.T) {
	ctx := openEmbed(t)
	settle(t, ctx)
	// The precondition of the test: the first widget starts well below
	// the fold (the observer's margin is 200px).
	below := eval[bool](t, ctx, `document.querySelector("redis-playground").getBoundingClientRect().top > innerHeight + 300`)
	require.True(t, below, "the example page's first widget is too close to the top for this test")

	assert.Equal(t, 0, eval[int](t, ctx, wasmFetchesExpr), "the engine was fetched before any widget was near the screen")
	assert.Equal(t, "undefined", eval[string](t, ctx, `typeof redisplay`))
	assert.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll("redis-playground[data-ready]").length`))
	// Meanwhile the widget shows the commands it will run.
	assert.Equal(t, 3, eval[int](t, ctx, `document.getElementById("keys-example").shadowRoot.querySelectorAll(".entry.preview").length`))

	scrollTo(t, ctx, "keys-example")
	waitWidget(t, ctx, "keys-example")
	assert.Equal(t, [][2]string{
		{`127.0.0.1:6379> SET greeting "hello world"`, `OK`},
		{`127.0.0.1:6379> GET greeting`, `"hello world"`},
		{`127.0.0.1:6379> GET nobody-home`, `(nil)`},
	}, transcript(t, ctx, "keys-example"), "the commands inside the element run as if typed")
	assert.Equal(t, "(integer) 12", typeInto(t, ctx, "keys-example", "APPEND greeting !"))
	assert.Equal(t, 1, eval[int](t, ctx, wasmFetchesExpr))

	// A widget with a commands attribute; later widgets reuse the engine.
	scrollTo(t, ctx, "lock-example")
	waitWidget(t, ctx, "lock-example")
	assert.Equal(t, [][2]string{
		{`127.0.0.1:6379> SET lock owner-1 NX`, `OK`},
		{`127.0.0.1:6379> SET lock owner-2 NX`, `(nil)`},
		{`127.0.0.1:6379> GET lock`, `"owner-1"`},
		{`127.0.0.1:6379> SET lock owner-3 GET`, `"owner-1"`},
	}, transcript(t, ctx, "lock-example"))
	assert.Equal(t, 1, eval[int](t, ctx, wasmFetchesExpr), "the engine is fetched once for every widget")
}

func TestEmbedWidgetsKeepTheirOwnData(t *testing.T) {
	ctx := openEmbed(t)
	scrollTo(t, ctx, "iso-a")
	waitWidget(t, ctx, "iso-a")
	waitWidget(t, ctx, "iso-b")
	assert.Equal(t, [][2]string{{`127.0.0.1:6379> SET city "Lisbon"`, `OK`}}, transcript(t, ctx, "iso-a"))
	assert.Equal(t, [][2]string{{`127.0.0.1:6379> GET city`, `(nil)`}}, transcript(t, ctx, "iso-b"), "a widget saw another's data")
	assert.Equal(t, "OK", typeInto(t, ctx, "iso-b", "SET typed here"))
	assert.Equal(t, "(nil)", typeInto(t, ctx, "iso-a", "GET typed"))
	assert.Equal(t, `"Lisbon"`, typeInto(t, ctx, "iso-a", "GET city"))

	// Widgets with the same shared name are two clients of one engine.
	scrollTo(t, ctx, "shared-a")
	waitWidget(t, ctx, "shared-a")
	waitWidget(t, ctx, "shared-b")
	assert.Equal(t, [][2]string{{`127.0.0.1:6379> GET planet`, `"Mars"`}}, transcript(t, ctx, "shared-b"))
	assert.Equal(t, "OK", typeInto(t, ctx, "shared-b", "SET moon Phobos"))
	assert.Equal(t, `"Phobos"`, typeInto(t, ctx, "shared-a", "GET moon"))
	assert.Equal(t, "(nil)", typeInto(t, ctx, "shared-a", "GET city"), "a shared engine saw an unshared widget's data")
	// Each is its own client: SELECT in one does not move the other.
	assert.Equal(t, "OK", typeInto(t, ctx, "shared-a", "SELECT 3"))
	assert.Equal(t, `"Phobos"`, typeInto(t, ctx, "shared-b", "GET moon"))

	// Pub/sub across shared widgets; the SUBSCRIBE that ran on load did
	// not pull the page's focus into the widget.
	eval[bool](t, ctx, `(document.activeElement.blur(), true)`)
	scrollTo(t, ctx, "radio-sub")
	waitWidget(t, ctx, "radio-sub")
	waitWidget(t, ctx, "radio-pub")
	assert.Equal(t, "BODY", eval[string](t, ctx, `document.activeElement.tagName`))
	assert.Equal(t, "(integer) 1", typeInto(t, ctx, "radio-pub", "PUBLISH news hello"))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](shadowExpr("radio-sub", ".entry.push:last-child")+`?.textContent.includes("hello")`))
	require.NoError(t, err, "the subscriber never printed the message")
}

func TestEmbedIgnoresHostCSS(t *testing.T) {
	ctx := openEmbed(t)
	scrollTo(t, ctx, "iso-a")
	waitWidget(t, ctx, "iso-a")
	// The host page styles its own .reply, .entry and inputs loudly...
	host := eval[map[string]string](t, ctx, `(() => {
		const d = document.createElement("div"); d.className = "reply entry"; document.querySelector("article").append(d);
		const s = getComputedStyle(d); const r = {color: s.color, font: s.fontFamily, border: s.borderTopStyle}; d.remove(); return r; })()`)
	require.Equal(t, map[string]string{"color": "rgb(204, 0, 0)", "font": "cursive", "border": "dashed"}, host)
	// ...and none of it reaches the same classes inside a widget.
	inner := eval[map[string]string](t, ctx, `(() => {
		const r = getComputedStyle(`+shadowExpr("iso-a", ".reply")+`);
		const e = getComputedStyle(`+shadowExpr("iso-a", ".entry")+`);
		const i = getComputedStyle(`+shadowExpr("iso-a", ".term-input")+`);
		return {color: r.color, font: r.fontFamily, border: e.borderTopStyle, inputBg: i.backgroundColor, inputSize: i.fontSize}; })()`)
	assert.NotEqual(t, host["color"], inner["color"])
	assert.NotContains(t, inner["font"], "cursive")
	assert.Equal(t, "none", inner["border"])
	assert.NotEqual(t, "rgb(255, 255, 0)", inner["inputBg"])
	assert.Equal(t, "14px", inner["inputSize"])
}

func TestEmbedStartsOnFocus(t *testing.T) {
	ctx := openEmbed(t)
	settle(t, ctx)
	require.Equal(t, 0, eval[int](t, ctx, wasmFetchesExpr))
	// Focus without scrolling: only the focus can start it.
	eval[bool](t, ctx, `(document.getElementById("lesson-example").focus({preventScroll: true}), true)`)
	waitWidget(t, ctx, "lesson-example")
	assert.Equal(t, 1, eval[int](t, ctx, wasmFetchesExpr))
	assert.Equal(t, 1, eval[int](t, ctx, `document.querySelectorAll("redis-playground[data-ready]").length`), "only the focused widget starts")
	// The keyboard lands in the terminal, ready to type.
	assert.Equal(t, "term-input", eval[string](t, ctx, `document.getElementById("lesson-example").shadowRoot.activeElement?.className ?? ""`))

	// The lesson's commands are buttons that paste into the terminal.
	title := evalAsync[string](t, ctx, `fetch("lessons.json").then(r => r.json()).then(ls => ls.find(l => l.id === "meet-redis").title)`)
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](shadowExpr("lesson-example", ".lesson-cmd")+` !== null`))
	require.NoError(t, err, "the lesson's commands never showed")
	assert.Equal(t, title, eval[string](t, ctx, shadowExpr("lesson-example", ".term-title")+`.textContent`))
	cmd := eval[string](t, ctx, shadowExpr("lesson-example", ".lesson-cmd")+`.textContent`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(shadowExpr("lesson-example", ".lesson-cmd")))))
	assert.Equal(t, cmd, eval[string](t, ctx, shadowExpr("lesson-example", ".term-input")+`.value`))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.JSPath(shadowExpr("lesson-example", ".term-input")), kb.Enter)))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](widgetEntries("lesson-example")+" > 0"))
	require.NoError(t, err)
	lines := transcript(t, ctx, "lesson-example")
	assert.Equal(t, "127.0.0.1:6379> "+cmd, lines[len(lines)-1][0])
}

func TestEmbedWidgetAddedLater(t *testing.T) {
	ctx := openEmbed(t)
	// A widget a page script adds: commands split at ";" but not inside
	// quotes, then the text inside, where "#" lines are comments.
	eval[bool](t, ctx, `(() => {
		const w = document.createElement("redis-playground");
		w.id = "late";
		w.setAttribute("commands", 'SET motto "keep; it simple"; GET motto');
		w.setAttribute("height", "120");
		w.textContent = "\n# the length, in bytes\nSTRLEN motto\n\n";
		document.querySelector("article").prepend(w);
		return true;
	})()`)
	waitWidget(t, ctx, "late")
	assert.Equal(t, [][2]string{
		{`127.0.0.1:6379> SET motto "keep; it simple"`, `OK`},
		{`127.0.0.1:6379> GET motto`, `"keep; it simple"`},
		{`127.0.0.1:6379> STRLEN motto`, `(integer) 15`},
	}, transcript(t, ctx, "late"))
	assert.Equal(t, "120px", eval[string](t, ctx, shadowExpr("late", ".terminal")+`.style.height`))

	// Removed from the page, it gives its engine back.
	const enginesExpr = `[...Array(100).keys()].filter(i => {
		const s = redisplay.newSession(i);
		if (s < 0) return false;
		redisplay.close(s);
		return true;
	}).length`
	before := eval[int](t, ctx, enginesExpr)
	eval[bool](t, ctx, `(document.getElementById("late").remove(), true)`)
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](enginesExpr+` === `+strconv.Itoa(before-1)))
	require.NoError(t, err, "the removed widget's engine is still there")
	// Moving a widget is not removing it: it keeps its terminal and data.
	// (Counting engines here would race with the widgets that scrolling
	// brings into view, which start on their own.)
	scrollTo(t, ctx, "keys-example")
	waitWidget(t, ctx, "keys-example")
	// A line typed before the move tells its terminal apart from a
	// restarted one, which would show only its preloaded commands.
	assert.Equal(t, `"before the move"`, typeInto(t, ctx, "keys-example", `ECHO "before the move"`))
	shown := transcript(t, ctx, "keys-example")
	eval[bool](t, ctx, `(document.querySelector("article").append(document.getElementById("keys-example")), true)`)
	scrollTo(t, ctx, "keys-example")
	assert.Equal(t, shown, transcript(t, ctx, "keys-example"), "the same terminal, not a restarted one")
	assert.Equal(t, "(integer) 11", typeInto(t, ctx, "keys-example", "STRLEN greeting"))
}

// addWidget puts a widget made by page script at the top of the article,
// with attrs, and starts it without waiting for it to scroll into view.
func addWidget(t *testing.T, ctx context.Context, id string, attrs map[string]string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => {
		const w = document.createElement("redis-playground");
		w.id = %q;
		for (const [k, v] of Object.entries(%s)) w.setAttribute(k, v);
		w.setAttribute("height", "80");
		document.querySelector("article").prepend(w);
		void w.start();
		return true;
	})()`, id, jsObject(attrs)))
	waitWidget(t, ctx, id)
}

// jsObject writes attrs as a JavaScript object literal.
func jsObject(attrs map[string]string) string {
	s := "{"
	for k, v := range attrs {
		s += strconv.Quote(k) + ": " + strconv.Quote(v) + ","
	}
	return s + "}"
}

// reloadEmbed reloads the example page, as a reader coming back would.
func reloadEmbed(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `window.beforeReload = true`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.beforeReload === undefined && document.readyState === "complete" &&
		customElements.get("redis-playground") !== undefined`))
	require.NoError(t, err, "the page never came back")
}

func TestEmbedPersistKeepsDataAcrossVisits(t *testing.T) {
	ctx := openEmbed(t)
	widgets := []struct {
		id    string
		attrs map[string]string
		store string // data-store once started: "" when not persisted
	}{
		{"kept", map[string]string{"persist": "notes"}, "loaded"},
		{"gone", map[string]string{}, ""},
		{"other", map[string]string{"persist": "scratch"}, "loaded"},
		{"named-by-shared", map[string]string{"persist": "", "shared": "team"}, "loaded"},
	}
	start := func() {
		for _, w := range widgets {
			addWidget(t, ctx, w.id, w.attrs)
			assert.Equal(t, w.store, eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).dataset.store ?? ""`, w.id)), w.id)
			assert.True(t, eval[bool](t, ctx, shadowExpr(w.id, ".term-status")+`.hidden`), "%s shows a notice", w.id)
		}
	}
	start()
	assert.Equal(t, "OK", typeInto(t, ctx, "kept", "SET note hello"))
	assert.Equal(t, "OK", typeInto(t, ctx, "gone", "SET note forgotten"))
	assert.Equal(t, "(nil)", typeInto(t, ctx, "other", "GET note"), "two persist names share data")
	assert.Equal(t, "OK", typeInto(t, ctx, "other", "SET note elsewhere"))
	assert.Equal(t, "(integer) 1", typeInto(t, ctx, "named-by-shared", "RPUSH todo milk"))
	// The main page's store is another database again.
	assert.Equal(t, []string{}, awaitJS[[]string](t, ctx, `indexedDB.databases().then(ds => ds.map(d => d.name).filter(n => n === "redisplay"))`))

	reloadEmbed(t, ctx)
	start()
	assert.Equal(t, `"hello"`, typeInto(t, ctx, "kept", "GET note"), "the persisted widget forgot")
	assert.Equal(t, "(nil)", typeInto(t, ctx, "gone", "GET note"), "a widget without persist remembered")
	assert.Equal(t, `"elsewhere"`, typeInto(t, ctx, "other", "GET note"))
	assert.Equal(t, `1) "milk"`, typeInto(t, ctx, "named-by-shared", "LRANGE todo 0 -1"))
	// A second widget with the same name is another client of that data.
	addWidget(t, ctx, "kept-too", map[string]string{"persist": "notes"})
	assert.Equal(t, "OK", typeInto(t, ctx, "kept-too", "SET seen yes"))
	assert.Equal(t, `"yes"`, typeInto(t, ctx, "kept", "GET seen"))
	names := awaitJS[[]string](t, ctx, `indexedDB.databases().then(ds => ds.map(d => d.name).sort())`)
	assert.Equal(t, []string{"redisplay-widget-notes", "redisplay-widget-scratch", "redisplay-widget-team"}, names)
}

func TestEmbedPersistDamagedDataShowsANotice(t *testing.T) {
	ctx := openEmbed(t)
	// A store whose only record is not bytes, as no version writes it.
	awaitJS[bool](t, ctx, `new Promise((resolve, reject) => {
		const req = indexedDB.open("redisplay-widget-broken", 1);
		req.onupgradeneeded = () => req.result.createObjectStore("files");
		req.onerror = () => reject(req.error);
		req.onsuccess = () => {
			const tx = req.result.transaction("files", "readwrite");
			const os = tx.objectStore("files");
			const name = "appendonly.aof.1.incr.aof";
			os.put(new Uint8Array(0), [name, 0]);
			os.put({ surprise: 42 }, [name, 1]);
			tx.oncomplete = () => { req.result.close(); resolve(true); };
			tx.onerror = () => reject(tx.error);
		};
	})`)
	addWidget(t, ctx, "broken", map[string]string{"persist": "broken"})
	assert.Equal(t, "repaired", eval[string](t, ctx, `document.getElementById("broken").dataset.store`))
	assert.False(t, eval[bool](t, ctx, shadowExpr("broken", ".term-status")+`.hidden`), "no notice")
	notice := eval[string](t, ctx, shadowExpr("broken", ".term-status")+`.textContent`)
	assert.Contains(t, notice, "damaged")
	assert.Contains(t, notice, "is not bytes")
	assert.Equal(t, "OK", typeInto(t, ctx, "broken", "SET after repair"))
}
