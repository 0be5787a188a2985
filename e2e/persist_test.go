package e2e

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newProfile makes a browser context of its own (its own IndexedDB and
// localStorage) that outlives the tabs opened in it, as a browser profile
// outlives its tabs.
func newProfile(t *testing.T) context.Context {
	t.Helper()
	needBrowser(t)
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx))
	return ctx
}

// openTab opens the site in a new tab of profile and waits until it is
// ready (which includes loading the saved data).
func openTab(t *testing.T, profile context.Context) (context.Context, context.CancelFunc) {
	t.Helper()
	tab, cancel := chromedp.NewContext(profile)
	tab, cancelTimeout := context.WithTimeout(tab, 90*time.Second)
	require.NoError(t, chromedp.Do(tab, chromedp.Navigate(baseURL)))
	waitReady(t, tab)
	return tab, func() { cancelTimeout(); cancel() }
}

// awaitJS evaluates expr and waits for the promise it gives.
func awaitJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "evaluating %s", expr)
	return v
}

// redis runs lines in a new session of the main engine (database 0 first)
// and returns what the last one printed.
func redis(t *testing.T, ctx context.Context, lines ...string) string {
	t.Helper()
	q := make([]string, len(lines))
	for i, l := range lines {
		q[i] = strconv.Quote(l)
	}
	return eval[string](t, ctx, `(() => {
		const id = redisplay.newSession();
		let out = "";
		for (const l of [`+strings.Join(q, ",")+`]) out = redisplay.run(id, l).output;
		redisplay.close(id);
		return out;
	})()`)
}

// reload reloads the page, as a learner pressing F5 would.
func reload(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `window.beforeReload = true`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReloaded(t, ctx)
}

// waitReloaded waits until a new page (without window.beforeReload) is
// ready; errors while the old one goes away are expected.
func waitReloaded(t *testing.T, ctx context.Context) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var ok bool
		ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.beforeReload === undefined && `+readyExpr))
		if err == nil && ok {
			return
		}
	}
	require.FailNow(t, "the page never came back", "last error: %v", err)
}

func prompt(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.getElementById("term-prompt").textContent`)
}

func TestDataSurvivesReload(t *testing.T) {
	ctx := newPage(t)
	assert.Equal(t, "loaded", eval[string](t, ctx, `document.documentElement.dataset.store`))
	for _, tc := range []struct{ line, want string }{
		{`SET greeting "hello world"`, "OK"},
		{`RPUSH queue a b c`, "(integer) 3"},
		{`HSET user:1 name Ada born 1815`, "(integer) 2"},
		{`SADD tags redis go`, "(integer) 2"},
		{`ZADD board 10 ann 20 bob`, "(integer) 2"},
		{`SET later v EX 1000`, "OK"},
		{`SET soon v PX 300`, "OK"},
		{`SELECT 3`, "OK"},
		{`SET in3 yes`, "OK"},
	} {
		require.Equal(t, tc.want, typeLine(t, ctx, tc.line), tc.line)
	}
	// Let "soon" expire before the reload: loaded as a relative time it
	// would live again for 300 ms.
	awaitJS[bool](t, ctx, `new Promise(r => setTimeout(() => r(true), 400))`)
	reload(t, ctx)

	assert.Equal(t, "127.0.0.1:6379[3]> ", prompt(t, ctx), "the selected database is restored")
	assert.Equal(t, `"yes"`, typeLine(t, ctx, "GET in3"))
	assert.Equal(t, "OK", typeLine(t, ctx, "SELECT 0"))
	assert.Equal(t, `"hello world"`, typeLine(t, ctx, "GET greeting"))
	assert.Equal(t, "1) \"a\"\n2) \"b\"\n3) \"c\"", typeLine(t, ctx, "LRANGE queue 0 -1"))
	assert.Equal(t, `"Ada"`, typeLine(t, ctx, "HGET user:1 name"))
	assert.Equal(t, "(integer) 2", typeLine(t, ctx, "SCARD tags"))
	assert.Equal(t, "1) \"ann\"\n2) \"10\"\n3) \"bob\"\n4) \"20\"", typeLine(t, ctx, "ZRANGE board 0 -1 WITHSCORES"))
	assert.Regexp(t, `^\(integer\) (1000|9\d\d)$`, typeLine(t, ctx, "TTL later"))
	assert.Equal(t, "(nil)", typeLine(t, ctx, "GET soon"), "an expired key stays expired")
	assert.Empty(t, eval[string](t, ctx, `[...document.querySelectorAll(".store-notice")].map(e => e.textContent).join()`))

	// The database is remembered as the learner leaves it.
	reload(t, ctx)
	assert.Equal(t, "127.0.0.1:6379> ", prompt(t, ctx))
}

func TestFlushAllEmptiesTheSavedData(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "SET a 1")
	typeLine(t, ctx, "SELECT 5")
	typeLine(t, ctx, "SET b 2")
	reload(t, ctx)
	require.Equal(t, "(integer) 1", redis(t, ctx, "SELECT 5", "DBSIZE"))
	assert.Equal(t, "OK", typeLine(t, ctx, "FLUSHALL"))
	reload(t, ctx)
	assert.Equal(t, "(integer) 0", redis(t, ctx, "DBSIZE"))
	assert.Equal(t, "(integer) 0", redis(t, ctx, "SELECT 5", "DBSIZE"))
}

func TestResetControl(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "SET a 1")
	typeLine(t, ctx, "SELECT 2")
	typeLine(t, ctx, "SET b 2")
	eval[bool](t, ctx, `localStorage.setItem("redisplay.progress", '{"x":[0]}'), true`)

	// Cancel leaves everything as it was.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#reset"))))
	require.True(t, eval[bool](t, ctx, `document.getElementById("reset-dialog").open`))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#reset-cancel"))))
	assert.Equal(t, "(integer) 1", redis(t, ctx, "DBSIZE"))

	eval[bool](t, ctx, `window.beforeReload = true`)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#reset")),
		chromedp.Click(chromedp.CSS(`#reset-dialog input[name=lessons]`)),
		chromedp.Click(chromedp.CSS("#reset-confirm"))))
	waitReloaded(t, ctx)
	assert.Equal(t, "127.0.0.1:6379> ", prompt(t, ctx))
	assert.Equal(t, "(integer) 0", redis(t, ctx, "DBSIZE"))
	assert.Equal(t, "(integer) 0", redis(t, ctx, "SELECT 2", "DBSIZE"))
	assert.Nil(t, eval[any](t, ctx, `localStorage.getItem("redisplay.progress")`))
	// And it stays empty.
	reload(t, ctx)
	assert.Equal(t, "(integer) 0", redis(t, ctx, "SELECT 2", "DBSIZE"))
}

// TestSaveCommandsInTheBrowser runs the commands that write snapshots: in
// the page they must neither hang it (IndexedDB is asynchronous) nor lose
// data, and the old generation's records must go.
func TestSaveCommandsInTheBrowser(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "SET a 1")
	assert.Equal(t, "OK", typeLine(t, ctx, "SAVE"))
	typeLine(t, ctx, "SET b 2")
	assert.Equal(t, "Background saving started", typeLine(t, ctx, "BGSAVE"))
	typeLine(t, ctx, "SET c 3")
	assert.Equal(t, "Background append only file rewriting started", typeLine(t, ctx, "BGREWRITEAOF"))
	typeLine(t, ctx, "SET d 4")
	require.Empty(t, awaitJS[string](t, ctx, `redisplay.flush()`))
	assert.Regexp(t, `(?m)^aof_enabled:1\r?$`, redis(t, ctx, "INFO persistence"))
	files := awaitJS[[]string](t, ctx, `new Promise((resolve) => {
		const req = indexedDB.open("redisplay");
		req.onsuccess = () => {
			const keys = req.result.transaction("files").objectStore("files").getAllKeys();
			keys.onsuccess = () => { req.result.close(); resolve([...new Set(keys.result.map(k => k[0]))].sort()); };
		};
	})`)
	// One generation is left (the BGSAVE may be superseded by the
	// BGREWRITEAOF before a flush writes it).
	require.Len(t, files, 2)
	gen := strings.TrimSuffix(strings.TrimPrefix(files[0], "appendonly.aof."), ".base.aof")
	assert.Contains(t, []string{"3", "4"}, gen)
	assert.Equal(t, []string{"appendonly.aof." + gen + ".base.aof", "appendonly.aof." + gen + ".incr.aof"}, files)
	reload(t, ctx)
	assert.Equal(t, "(integer) 4", redis(t, ctx, "DBSIZE"))
	assert.Equal(t, `"4"`, redis(t, ctx, "GET d"))
}

// burstJS starts writing RPUSH burst "<n>:<ms>" with n counting up, in
// batches that leave the page free between them.
const burstJS = `(() => {
	window.burst = { n: 0 };
	const id = redisplay.newSession();
	window.burstTimer = setInterval(() => {
		for (let i = 0; i < 100; i++) { redisplay.run(id, "RPUSH burst " + burst.n + ":" + Date.now()); burst.n++; }
	}, 4);
	return true;
})()`

func TestKilledTabLoadsAPrefix(t *testing.T) {
	profile := newProfile(t)
	tab, closeTab := openTab(t, profile)
	eval[bool](t, tab, burstJS)
	_, err := chromedp.Run(tab, chromedp.Poll[bool](`burst.n >= 3000`, chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err)
	// Everything before this flush is committed once it resolves.
	durable := awaitJS[int](t, tab, `(() => { const n = burst.n; return redisplay.flush().then(e => { if (e) throw new Error(e); return n; }); })()`)
	_, err = chromedp.Run(tab, chromedp.Poll[bool](`burst.n >= `+strconv.Itoa(durable+8000), chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err)
	type mark struct {
		N  int   `json:"n"`
		At int64 `json:"at"`
	}
	before := eval[mark](t, tab, `({ n: burst.n, at: Date.now() })`)
	// Kill the renderer mid-burst: no pagehide, no last flush.
	crashCtx, cancelCrash := context.WithTimeout(tab, 5*time.Second)
	chromedp.Call(crashCtx, page.Crash, cdp.Empty{})
	cancelCrash()
	checkCtx, cancelCheck := context.WithTimeout(tab, 3*time.Second)
	_, err = chromedp.Run(checkCtx, chromedp.Evaluate[int](`burst.n`))
	cancelCheck()
	require.Error(t, err, "the tab was killed, not closed")
	closeTab()

	tab2, closeTab2 := openTab(t, profile)
	defer closeTab2()
	assert.Equal(t, "loaded", eval[string](t, tab2, `document.documentElement.dataset.store`))
	out := redis(t, tab2, "LRANGE burst 0 -1")
	re := regexp.MustCompile(`^ *\d+\) "(\d+):(\d+)"$`)
	lines := strings.Split(out, "\n")
	require.GreaterOrEqual(t, len(lines), durable, "everything flushed before the kill is there")
	var lastAt int64
	for i, l := range lines {
		m := re.FindStringSubmatch(l)
		require.NotNil(t, m, "line %d: %q", i, l)
		require.Equal(t, strconv.Itoa(i), m[1], "what loaded is a prefix of the burst")
		lastAt, _ = strconv.ParseInt(m[2], 10, 64)
	}
	t.Logf("burst: %d written by %d ms, %d flushed for sure, %d loaded; the last loaded was written %d ms before the kill was ordered",
		before.N, before.At, durable, len(lines), before.At-lastAt)
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := newPage(t)
	for _, l := range []string{
		`SET greeting "hello world"`, `RPUSH queue a b c`, `HSET user:1 name Ada`, `SADD tags redis go`,
		`ZADD board 10 ann 20 bob`, `SET later v EX 1000`, `SELECT 4`, `SET in4 "x y"`,
	} {
		typeLine(t, ctx, l)
	}
	dir := t.TempDir()
	_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior:         cdpbrowser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
		DownloadPath:     dir,
	})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#export"))))
	file := filepath.Join(dir, "redisplay-data.aof")
	var data []byte
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b, err := os.ReadFile(file); err == nil && len(b) > 0 {
			data = b
			break
		}
	}
	require.NotEmpty(t, data, "the export was never downloaded")
	assert.Contains(t, string(data), "$8\r\ngreeting\r\n$11\r\nhello world\r\n")

	// A fresh profile takes the file through the file picker.
	fresh := newPage(t)
	require.Equal(t, "(integer) 0", redis(t, fresh, "DBSIZE"))
	require.NoError(t, chromedp.Do(fresh, chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{file})))
	_, err = chromedp.Run(fresh, chromedp.Poll[bool](`document.querySelector(".import-note") !== null`, chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
	assert.Regexp(t, `^Imported \d+ commands from redisplay-data\.aof\.$`, eval[string](t, fresh, `document.querySelector(".import-note").textContent`))
	for _, q := range [][]string{
		{"GET greeting"}, {"LRANGE queue 0 -1"}, {"HGETALL user:1"}, {"SMISMEMBER tags redis go nope"},
		{"ZRANGE board 0 -1 WITHSCORES"}, {"SELECT 4", "GET in4"}, {"DBSIZE"},
	} {
		assert.Equal(t, redis(t, ctx, q...), redis(t, fresh, q...), "%v", q)
	}
	assert.Regexp(t, `^\(integer\) (1000|9\d\d)$`, redis(t, fresh, "TTL later"))
	// Imported data is saved like typed data.
	reload(t, fresh)
	assert.Equal(t, `"hello world"`, redis(t, fresh, "GET greeting"))

	// A file that is not Redis commands says so and loads nothing more.
	bad := filepath.Join(t.TempDir(), "notes.txt")
	require.NoError(t, os.WriteFile(bad, []byte("*1\r\n$4\r\nPING\r\nhello\r\n"), 0o644))
	require.NoError(t, chromedp.Do(fresh, chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{bad})))
	_, err = chromedp.Run(fresh, chromedp.Poll[bool](`document.querySelector(".import-note.is-error") !== null`, chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
	t.Log(eval[string](t, fresh, `document.querySelector(".import-note.is-error").textContent`))

	// Dropping the file on the terminal imports it too.
	require.Equal(t, "OK", redis(t, fresh, "FLUSHALL"))
	eval[bool](t, fresh, `(() => {
		const bytes = Uint8Array.from(atob(`+strconv.Quote(base64.StdEncoding.EncodeToString(data))+`), c => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], "dropped.aof"));
		const target = document.getElementById("terminal");
		target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
		target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
		return true;
	})()`)
	_, err = chromedp.Run(fresh, chromedp.Poll[bool](`[...document.querySelectorAll(".import-note")].some(e => e.textContent.includes("dropped.aof"))`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
	assert.Equal(t, redis(t, ctx, "DBSIZE"), redis(t, fresh, "DBSIZE"))
	assert.Equal(t, `"x y"`, redis(t, fresh, "SELECT 4", "GET in4"))
}

// lastRecordJS finds the newest record of the log (the incr file of the
// highest generation) in the page's IndexedDB and gives [name, seq].
const lastRecordJS = `new Promise((resolve, reject) => {
	const req = indexedDB.open("redisplay");
	req.onerror = () => reject(req.error);
	req.onsuccess = () => {
		const db = req.result;
		const keys = db.transaction("files").objectStore("files").getAllKeys();
		keys.onsuccess = () => {
			const logs = keys.result.filter(k => k[0].endsWith(".incr.aof"));
			logs.sort((a, b) => a[0] === b[0] ? a[1] - b[1] : (parseInt(a[0].split(".")[2]) - parseInt(b[0].split(".")[2])));
			db.close();
			resolve(logs[logs.length - 1]);
		};
	};
})`

// putRecordJS writes value under key [name, seq] in the page's IndexedDB.
func putRecordJS(name string, seq int, value string) string {
	return `new Promise((resolve, reject) => {
		const req = indexedDB.open("redisplay");
		req.onsuccess = () => {
			const db = req.result;
			const tx = db.transaction("files", "readwrite");
			tx.objectStore("files").put(` + value + `, [` + strconv.Quote(name) + `, ` + strconv.Itoa(seq) + `]);
			tx.oncomplete = () => { db.close(); resolve(true); };
			tx.onerror = () => reject(tx.error);
		};
	})`
}

func TestCorruptRecordLoadsAPrefix(t *testing.T) {
	for _, tc := range []struct {
		name, garbage, notice string
		// after adds a good record after the damage, which must not load.
		after bool
	}{
		// A record cut short, as a torn write could leave it.
		{"torn", `new TextEncoder().encode("*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$10\r\nshort")`, "unexpected end of file", false},
		{"torn-then-more", `new TextEncoder().encode("*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$10\r\nshort")`, "invalid record", true},
		// Something that is not a record at all.
		{"foreign", `new TextEncoder().encode("hello, world\r\n")`, "invalid record", true},
		// A value no version of the page writes.
		{"not-bytes", `{ surprise: 42 }`, "is not bytes", true},
		// A record missing from the middle.
		{"gap", ``, "record 3 is missing", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := newPage(t)
			typeLine(t, ctx, "SET a 1")
			require.Empty(t, awaitJS[string](t, ctx, `redisplay.flush()`))
			typeLine(t, ctx, "SET b 2")
			require.Empty(t, awaitJS[string](t, ctx, `redisplay.flush()`))
			last := awaitJS[[]any](t, ctx, lastRecordJS)
			require.Len(t, last, 2)
			name, seq := last[0].(string), int(last[1].(float64))
			if tc.garbage != "" {
				require.True(t, awaitJS[bool](t, ctx, putRecordJS(name, seq+1, tc.garbage)))
			}
			if tc.after {
				require.True(t, awaitJS[bool](t, ctx, putRecordJS(name, seq+2,
					`new TextEncoder().encode("*3\r\n$3\r\nSET\r\n$5\r\nafter\r\n$1\r\nx\r\n")`)))
			}

			reload(t, ctx)
			assert.Equal(t, "repaired", eval[string](t, ctx, `document.documentElement.dataset.store`))
			notice := eval[string](t, ctx, `document.querySelector(".store-notice")?.textContent ?? ""`)
			assert.Contains(t, notice, tc.notice)
			t.Log(notice)
			assert.Equal(t, `"1"`, typeLine(t, ctx, "GET a"))
			assert.Equal(t, `"2"`, typeLine(t, ctx, "GET b"))
			assert.Equal(t, "(nil)", typeLine(t, ctx, "GET after"), "nothing after the damage loads")

			// The repaired store takes new writes and loads cleanly.
			typeLine(t, ctx, "SET c 3")
			reload(t, ctx)
			assert.Equal(t, "loaded", eval[string](t, ctx, `document.documentElement.dataset.store`))
			assert.Equal(t, "(integer) 3", redis(t, ctx, "DBSIZE"))
			assert.Equal(t, "(nil)", redis(t, ctx, "GET after"))
		})
	}
}

// TestCommandsTypedWhileLoading checks that a line entered before the
// saved data is there runs once it is, against that data. A second tab
// waits for the first to let go of the data, which holds its load back.
func TestCommandsTypedWhileLoading(t *testing.T) {
	profile := newProfile(t)
	first, closeFirst := openTab(t, profile)
	typeLine(t, first, "SET a 1")
	require.Empty(t, awaitJS[string](t, first, `redisplay.flush()`))

	second, cancel := chromedp.NewContext(profile)
	defer cancel()
	second, cancelTimeout := context.WithTimeout(second, 90*time.Second)
	defer cancelTimeout()
	require.NoError(t, chromedp.Do(second, chromedp.Navigate(baseURL)))
	_, err := chromedp.Run(second, chromedp.Poll[bool](`!document.getElementById("term-input").disabled`,
		chromedp.WithPollingTimeout(60*time.Second)))
	require.NoError(t, err)
	require.False(t, eval[bool](t, second, readyExpr), "the second tab waits for the data")
	require.NoError(t, chromedp.Do(second, chromedp.SendKeys(input, "INCR a"+kb.Enter)))
	closeFirst()

	waitReady(t, second)
	assert.Equal(t, "loaded", eval[string](t, second, `document.documentElement.dataset.store`))
	_, err = chromedp.Run(second, chromedp.Poll[bool](`[...document.querySelectorAll("#term-output .reply")].some(e => e.textContent === "(integer) 2")`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the line typed during loading ran after it, on the loaded data")
}

// TestPersistCost measures what saving adds to each write: bursts of
// 10^4 SETs on the saved main engine, each followed by a flush that waits
// for IndexedDB, against the same bursts on an engine that is not saved
// (the best of three rounds each). It reports; it asserts nothing about
// time.
func TestPersistCost(t *testing.T) {
	ctx := newPage(t)
	type cost struct {
		Saved, Memory, Flush float64
		Bytes, Records       int
	}
	c := awaitJS[cost](t, ctx, `(async () => {
		const n = 10000;
		const burst = (id, round) => {
			const t0 = performance.now();
			for (let i = 0; i < n; i++) redisplay.run(id, "SET key:" + i + " value:" + round + ":" + i);
			return performance.now() - t0;
		};
		burst(redisplay.newSession(redisplay.newEngine()), -1); // warm up
		const mem = redisplay.newSession(redisplay.newEngine());
		const id = redisplay.newSession();
		await redisplay.flush();
		let best = { Saved: Infinity, Memory: Infinity, Flush: Infinity };
		for (let round = 0; round < 3; round++) {
			best.Memory = Math.min(best.Memory, burst(mem, round));
			best.Saved = Math.min(best.Saved, burst(id, round));
			const t0 = performance.now();
			const err = await redisplay.flush();
			if (err) throw new Error(err);
			best.Flush = Math.min(best.Flush, performance.now() - t0);
		}
		const [records, bytes] = await new Promise((resolve) => {
			const req = indexedDB.open("redisplay");
			req.onsuccess = () => {
				const all = req.result.transaction("files").objectStore("files").getAll();
				all.onsuccess = () => { req.result.close(); resolve([all.result.length, all.result.reduce((s, v) => s + v.byteLength, 0)]); };
			};
		});
		return { ...best, Records: records, Bytes: bytes };
	})()`)
	perCmd := func(ms float64) float64 { return ms * 1000 / 10000 }
	t.Logf("10^4 SETs: %.1f ms on the saved engine (%.2f µs/command), %.1f ms in memory (%.2f µs/command); flush to IndexedDB %.1f ms (%.2f µs/command)",
		c.Saved, perCmd(c.Saved), c.Memory, perCmd(c.Memory), c.Flush, perCmd(c.Flush))
	t.Logf("cost of saving: %.2f µs/command (journal %.2f + flush %.2f); IndexedDB holds %d records, %d bytes, after 3×10^4 SETs",
		perCmd(c.Saved+c.Flush-c.Memory), perCmd(c.Saved-c.Memory), perCmd(c.Flush), c.Records, c.Bytes)
	assert.Positive(t, c.Records)

	// What it costs to load that back.
	t.Logf("opening the store took %s ms on a fresh page", eval[string](t, ctx, `document.documentElement.dataset.storeMs`))
	reload(t, ctx)
	t.Logf("loading it back (10^4 keys) took %s ms", eval[string](t, ctx, `document.documentElement.dataset.storeMs`))
	assert.Equal(t, "(integer) 10000", redis(t, ctx, "DBSIZE"))
}

// TestNoStorageCarriesOnInMemory hides IndexedDB from the page, as some
// private modes and locked-down browsers do: the page still works, in
// memory, and says that nothing is saved.
func TestNoStorageCarriesOnInMemory(t *testing.T) {
	profile := newProfile(t)
	tab, cancel := chromedp.NewContext(profile)
	defer cancel()
	tab, cancelTimeout := context.WithTimeout(tab, 90*time.Second)
	defer cancelTimeout()
	_, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `Object.defineProperty(window, "indexedDB", { value: undefined })`,
	})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(tab, chromedp.Navigate(baseURL)))
	waitReady(t, tab)
	assert.Equal(t, "memory", eval[string](t, tab, `document.documentElement.dataset.store`))
	assert.Contains(t, eval[string](t, tab, `document.querySelector(".store-notice")?.textContent ?? ""`), "in memory only")
	assert.Equal(t, "OK", typeLine(t, tab, "SET a 1"))
	assert.Equal(t, `"1"`, typeLine(t, tab, "GET a"))
	assert.Empty(t, awaitJS[string](t, tab, `redisplay.flush()`))
}
