package e2e

// Tests for the terminal beyond the basics: reverse search, paste, copy,
// several panes as several clients (pub/sub, blocking, WATCH), the
// inspector, share links, and the page's comfort (keyboard, themes, phone).

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
	"redisplay/engine/cli"
)

// paneID is the id of a pane's element: the first pane keeps the plain
// ids, pane n adds "-n".
func paneID(name string, n int) string {
	if n == 1 {
		return name
	}
	return name + "-" + strconv.Itoa(n)
}

func paneEntries(n int) string {
	return `document.querySelectorAll("#` + paneID("term-output", n) + ` > .entry").length`
}

// typeIn types line into pane n, presses Enter and returns what the pane
// printed for it.
func typeIn(t *testing.T, ctx context.Context, n int, line string) string {
	t.Helper()
	before := eval[int](t, ctx, paneEntries(n))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID(paneID("term-input", n)), line+kb.Enter)))
	waitEntries(t, ctx, n, before)
	return eval[string](t, ctx, `(() => {
		const e = document.querySelector("#`+paneID("term-output", n)+` > .entry:last-child .reply");
		return e ? e.textContent : "";
	})()`)
}

// waitEntries waits until pane n shows more than before entries.
func waitEntries(t *testing.T, ctx context.Context, n, before int) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](paneEntries(n)+" > "+strconv.Itoa(before),
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "no new entry in pane %d", n)
}

// lastPush is the text of pane n's newest pushed entry.
func lastPush(t *testing.T, ctx context.Context, n int) string {
	t.Helper()
	return eval[string](t, ctx, `document.querySelector("#`+paneID("term-output", n)+` > .entry.push:last-child")?.textContent ?? ""`)
}

func formHidden(t *testing.T, ctx context.Context, n int) bool {
	t.Helper()
	return eval[bool](t, ctx, `document.getElementById("`+paneID("term-form", n)+`").hidden`)
}

func promptOf(t *testing.T, ctx context.Context, n int) string {
	t.Helper()
	return eval[string](t, ctx, `document.getElementById("`+paneID("term-prompt", n)+`").textContent`)
}

// openPane clicks "+ Terminal" and returns the new pane's number.
func openPane(t *testing.T, ctx context.Context) int {
	t.Helper()
	before := eval[int](t, ctx, `document.querySelectorAll(".terminal").length`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("add-pane"))))
	n := before + 1
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.getElementById("term-input-`+strconv.Itoa(n)+`")`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "no pane %d", n)
	return n
}

func ctrlC(t *testing.T, ctx context.Context) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("c", chromedp.KeyModifiers(kb.ModifierCtrl))))
}

func inputValue(t *testing.T, ctx context.Context, n int) string {
	t.Helper()
	return eval[string](t, ctx, `document.getElementById("`+paneID("term-input", n)+`").value`)
}

// clearInput empties the first pane's command line, as select-all and
// delete would.
func clearInput(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `(() => {
		const i = document.getElementById("term-input");
		i.value = "";
		return i.dispatchEvent(new Event("input"));
	})()`)
}

func TestHintFollowsTypedArguments(t *testing.T) {
	ctx := newPage(t)
	s := cli.NewSession(engine.New(engine.Options{}), nil)
	for _, typed := range []string{"SET k ", "SET k v ", "LPUSH q "} {
		want := s.Hint(typed)
		require.NotEmpty(t, want, typed)
		clearInput(t, ctx)
		require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, typed)))
		assert.Equal(t, want, eval[string](t, ctx, `document.getElementById("term-hint").textContent`), "hint after %q", typed)
	}
	// Once every argument is typed, the hint shows only what is optional.
	assert.NotContains(t, s.Hint("SET k v "), "value")
}

func TestTabCyclesAndLetsFocusGo(t *testing.T) {
	ctx := newPage(t)
	s := cli.NewSession(engine.New(engine.Options{}), nil)
	want := s.Complete("lpu")
	require.Equal(t, []string{"LPUSH", "LPUSHX"}, want)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, "lpu"+kb.Tab)))
	assert.Equal(t, "LPUSH", inputValue(t, ctx, 1))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, kb.Tab)))
	assert.Equal(t, "LPUSHX", inputValue(t, ctx, 1))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, kb.Tab)))
	assert.Equal(t, "lpu", inputValue(t, ctx, 1), "Tab comes back to what was typed")

	// On an empty line Tab moves on: the keyboard is never trapped.
	clearInput(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Focus(input), chromedp.KeyEvent(kb.Tab)))
	assert.NotEqual(t, "term-input", eval[string](t, ctx, `document.activeElement.id`))
}

func TestReverseSearchAcrossReload(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "SET fruit apple")
	typeLine(t, ctx, "GET fruit")
	typeLine(t, ctx, "SET fruit pear")
	typeLine(t, ctx, "AUTH secret")
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReady(t, ctx)

	search := func(keys string) {
		require.NoError(t, chromedp.Do(ctx, chromedp.Focus(input), chromedp.KeyEvent("r", chromedp.KeyModifiers(kb.ModifierCtrl))))
		if keys != "" {
			require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, keys)))
		}
	}
	search("SET")
	assert.Equal(t, "SET fruit pear", inputValue(t, ctx, 1))
	assert.Equal(t, "(reverse-i-search)`SET': ", promptOf(t, ctx, 1))
	search("")
	assert.Equal(t, "SET fruit apple", inputValue(t, ctx, 1), "Ctrl-R again looks further back")
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)))
	assert.Equal(t, "", inputValue(t, ctx, 1), "Escape gives back the line")
	assert.Equal(t, "127.0.0.1:6379> ", promptOf(t, ctx, 1))

	search("secret")
	assert.Equal(t, "(failed reverse-i-search)`secret': ", promptOf(t, ctx, 1), "a password is never kept")
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)))

	typeLine(t, ctx, "SET fruit kiwi")
	search("GET f")
	before := eval[int](t, ctx, entriesExpr)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, kb.Enter)))
	assert.Equal(t, `"kiwi"`, lastReply(t, ctx, before), "Enter runs the match")
	assert.Equal(t, before+1, eval[int](t, ctx, entriesExpr), "and only it")
	assert.Equal(t, "127.0.0.1:6379> GET fruit",
		eval[string](t, ctx, `document.querySelector("#term-output > .entry:last-child .echo").textContent`))
}

func TestMultiLinePasteRunsLineByLine(t *testing.T) {
	ctx := newPage(t)
	before := eval[int](t, ctx, entriesExpr)
	eval[bool](t, ctx, `(() => {
		const input = document.getElementById("term-input");
		input.focus();
		const dt = new DataTransfer();
		dt.setData("text/plain", "SET n 1\r\nINCR n\nGET n");
		return input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
	})()`)
	assert.Equal(t, before+2, eval[int](t, ctx, entriesExpr), "two complete lines ran")
	assert.Equal(t, "GET n", inputValue(t, ctx, 1), "the last, unfinished line waits at the prompt")
	assert.Equal(t, []string{"127.0.0.1:6379> SET n 1\nOK", "127.0.0.1:6379> INCR n\n(integer) 2"},
		eval[[]string](t, ctx, `[...document.querySelectorAll("#term-output > .entry")].slice(-2).map(e => e.innerText)`))
}

// TestCopyGivesRedisCliText selects the whole log and copies it: the text
// is what an interactive redis-cli 7.0.15 shows for the same lines, prompt
// included (replies taken from the real redis-cli --no-raw).
func TestCopyGivesRedisCliText(t *testing.T) {
	ctx := newPage(t)
	lines := []string{
		`SET k "a\"b"`, `GET k`, `RPUSH l x "two words" ""`, `LRANGE l 0 -1`,
		`SELECT 1`, `MULTI`, `INCR n`, `LRANGE n 0 -1`, `EXEC`,
		`SET nl "line1\nline2"`, `GET nl`, `GET é`,
	}
	for _, l := range lines {
		typeLine(t, ctx, l)
	}
	want := strings.Join([]string{
		`127.0.0.1:6379> SET k "a\"b"`, `OK`,
		`127.0.0.1:6379> GET k`, `"a\"b"`,
		`127.0.0.1:6379> RPUSH l x "two words" ""`, `(integer) 3`,
		`127.0.0.1:6379> LRANGE l 0 -1`, `1) "x"`, `2) "two words"`, `3) ""`,
		`127.0.0.1:6379> SELECT 1`, `OK`,
		`127.0.0.1:6379[1]> MULTI`, `OK`,
		`127.0.0.1:6379[1](TX)> INCR n`, `QUEUED`,
		`127.0.0.1:6379[1](TX)> LRANGE n 0 -1`, `QUEUED`,
		`127.0.0.1:6379[1](TX)> EXEC`, `1) (integer) 1`, `2) (error) WRONGTYPE Operation against a key holding the wrong kind of value`,
		`127.0.0.1:6379[1]> SET nl "line1\nline2"`, `OK`,
		`127.0.0.1:6379[1]> GET nl`, `"line1\nline2"`,
		`127.0.0.1:6379[1]> GET é`, `(nil)`,
	}, "\n")
	copied := eval[string](t, ctx, `(() => {
		const out = document.getElementById("term-output");
		const r = document.createRange();
		r.selectNodeContents(out);
		const sel = getSelection();
		sel.removeAllRanges();
		sel.addRange(r);
		const dt = new DataTransfer();
		out.dispatchEvent(new ClipboardEvent("copy", {clipboardData: dt, bubbles: true, cancelable: true}));
		return dt.getData("text/plain");
	})()`)
	assert.Equal(t, want, copied)
	// What the browser itself would copy has no hidden extra characters
	// either (no hint text, no zero-width or non-breaking spaces).
	native := eval[string](t, ctx, `getSelection().toString()`)
	assert.Equal(t, want, strings.TrimRight(native, "\n"))

	// A selection that starts inside a line copies from there.
	part := eval[string](t, ctx, `(() => {
		const out = document.getElementById("term-output");
		const cmd = out.querySelectorAll(".echo-cmd")[1].firstChild; // "GET k"
		const reply = out.querySelectorAll(".reply")[1].firstChild;  // "\"a\\\"b\""
		const r = document.createRange();
		r.setStart(cmd, 4);
		r.setEnd(reply, 3);
		const sel = getSelection();
		sel.removeAllRanges();
		sel.addRange(r);
		const dt = new DataTransfer();
		out.dispatchEvent(new ClipboardEvent("copy", {clipboardData: dt, bubbles: true, cancelable: true}));
		return dt.getData("text/plain");
	})()`)
	assert.Equal(t, "k\n\"a\\", part)
}

func TestPanesPubSub(t *testing.T) {
	ctx := newPage(t)
	sub := openPane(t, ctx)
	assert.Equal(t, "Reading messages... (press Ctrl-C to quit)\n1) \"subscribe\"\n2) \"news\"\n3) (integer) 1",
		typeIn(t, ctx, sub, "SUBSCRIBE news"))
	assert.True(t, formHidden(t, ctx, sub), "no prompt while reading messages")

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("term-input"))))
	before := eval[int](t, ctx, paneEntries(sub))
	assert.Equal(t, "(integer) 1", typeIn(t, ctx, 1, "PUBLISH news hello"))
	waitEntries(t, ctx, sub, before)
	assert.Equal(t, "1) \"message\"\n2) \"news\"\n3) \"hello\"", lastPush(t, ctx, sub))
	assert.Equal(t, "1) \"news\"\n2) (integer) 1", typeIn(t, ctx, 1, "PUBSUB NUMSUB news"))

	// Ctrl-C in the subscribed pane leaves pub/sub mode.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID(paneID("term-screen", sub)))))
	ctrlC(t, ctx)
	assert.False(t, formHidden(t, ctx, sub))
	assert.Equal(t, "127.0.0.1:6379> ", promptOf(t, ctx, sub))
	assert.Equal(t, "(integer) 0", typeIn(t, ctx, 1, "PUBLISH news again"))
	assert.Equal(t, "PONG", typeIn(t, ctx, sub, "PING"))

	// A pattern subscriber sees the pattern too.
	typeIn(t, ctx, sub, "PSUBSCRIBE n*")
	before = eval[int](t, ctx, paneEntries(sub))
	assert.Equal(t, "(integer) 1", typeIn(t, ctx, 1, "PUBLISH news hi"))
	waitEntries(t, ctx, sub, before)
	assert.Equal(t, "1) \"pmessage\"\n2) \"n*\"\n3) \"news\"\n4) \"hi\"", lastPush(t, ctx, sub))
}

func TestPanesBlockingPop(t *testing.T) {
	ctx := newPage(t)
	other := openPane(t, ctx)
	assert.Equal(t, "", typeIn(t, ctx, 1, "BLPOP jobs 0"))
	assert.True(t, formHidden(t, ctx, 1))

	before := eval[int](t, ctx, paneEntries(1))
	assert.Equal(t, "(integer) 1", typeIn(t, ctx, other, "RPUSH jobs build"))
	waitEntries(t, ctx, 1, before)
	assert.Regexp(t, `^1\) "jobs"\n2\) "build"(\n\(\d+\.\d\ds\))?$`, lastPush(t, ctx, 1))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById("term-form").hidden`))
	require.NoError(t, err, "the prompt comes back")
	assert.Equal(t, "(integer) 0", typeIn(t, ctx, other, "LLEN jobs"))

	// On a touch screen, the bar's Ctrl-C button stops the wait.
	assert.True(t, eval[bool](t, ctx, `document.getElementById("term-ctrlc").hidden`), "no Ctrl-C button at the prompt")
	typeIn(t, ctx, 1, "BLPOP nothing 0")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("term-ctrlc"))))
	assert.False(t, formHidden(t, ctx, 1))
	assert.Equal(t, "PONG", typeIn(t, ctx, 1, "PING"))
}

func TestPanesTransactionsAndWatch(t *testing.T) {
	ctx := newPage(t)
	other := openPane(t, ctx)
	typeIn(t, ctx, 1, "SET balance 10")
	assert.Equal(t, "OK", typeIn(t, ctx, 1, "WATCH balance"))
	assert.Equal(t, "OK", typeIn(t, ctx, 1, "MULTI"))
	assert.Equal(t, "127.0.0.1:6379(TX)> ", promptOf(t, ctx, 1))
	assert.Equal(t, "127.0.0.1:6379> ", promptOf(t, ctx, other), "the other client is not in the transaction")
	assert.Equal(t, "QUEUED", typeIn(t, ctx, 1, "INCRBY balance 5"))
	assert.Equal(t, "OK", typeIn(t, ctx, other, "SET balance 100"))
	assert.Equal(t, "(nil)", typeIn(t, ctx, 1, "EXEC"), "WATCH aborts the transaction")
	assert.Equal(t, "127.0.0.1:6379> ", promptOf(t, ctx, 1))
	assert.Equal(t, `"100"`, typeIn(t, ctx, 1, "GET balance"))

	// Untouched, the same transaction commits.
	typeIn(t, ctx, 1, "WATCH balance")
	typeIn(t, ctx, 1, "MULTI")
	typeIn(t, ctx, 1, "INCRBY balance 5")
	assert.Equal(t, "1) (integer) 105", typeIn(t, ctx, 1, "EXEC"))
	// A command that cannot be queued dooms the transaction.
	typeIn(t, ctx, other, "MULTI")
	assert.Contains(t, typeIn(t, ctx, other, "NOSUCH"), "(error) ERR unknown command 'NOSUCH'")
	assert.Equal(t, "(error) EXECABORT Transaction discarded because of previous errors.", typeIn(t, ctx, other, "EXEC"))
	assert.Equal(t, "127.0.0.1:6379> ", promptOf(t, ctx, other))
}

// pick clicks the inspector's entry for key.
func pick(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	sel := `.insp-key[data-ref='"` + key + `"']`
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(`+strconv.Quote(sel)+`)`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the inspector lists %s", key)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".insp-detail-head .insp-name")?.textContent === `+strconv.Quote(key),
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the inspector shows %s", key)
}

func TestInspectorDrawsEachType(t *testing.T) {
	ctx := newPage(t)
	for _, l := range []string{
		"SET greeting hi",
		"RPUSH queue a b c",
		"SADD colors red green blue",
		"HSET user name Ada lang Go",
		"ZADD board 25 bob 10 ann 7 cy",
	} {
		typeLine(t, ctx, l)
	}
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".insp-key").length === 5`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
	assert.Equal(t, []string{"board zset", "colors set", "greeting string", "queue list", "user hash"},
		eval[[]string](t, ctx, `[...document.querySelectorAll(".insp-key")].map(b => b.querySelector(".insp-name").textContent + " " + b.querySelector(".insp-type").textContent)`))

	cases := []struct {
		key  string
		expr string
		want any
	}{
		{"greeting", `[document.querySelector(".viz-value").textContent, ...[...document.querySelectorAll(".viz-byte-bits")].map(b => b.textContent)]`,
			[]any{"hi", "01101000", "01101001"}},
		{"queue", `[...document.querySelectorAll(".viz-list .viz-cell")].map(c => [...c.children].map(x => x.textContent).join(" "))`,
			[]any{"0 a -3", "1 b -2", "2 c -1"}},
		{"colors", `[...document.querySelectorAll(".viz-set .viz-member")].map(m => m.textContent).sort()`,
			[]any{"blue", "green", "red"}},
		{"user", `[...document.querySelectorAll(".viz-hash tbody tr")].map(r => r.cells[0].textContent + "=" + r.cells[1].textContent)`,
			[]any{"name=Ada", "lang=Go"}},
		{"board", `[...document.querySelectorAll(".viz-zset .viz-rank")].map(r => r.querySelector(".viz-idx").textContent + " " + r.querySelector(".viz-val").textContent + " " + r.querySelector(".viz-score").textContent)`,
			[]any{"0 cy 7", "1 ann 10", "2 bob 25"}},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			pick(t, ctx, tc.key)
			assert.Equal(t, tc.want, eval[any](t, ctx, tc.expr))
		})
	}
	// The highest score has the longest bar.
	widths := eval[[]float64](t, ctx, `[...document.querySelectorAll(".viz-bar")].map(b => b.getBoundingClientRect().width)`)
	require.Len(t, widths, 3)
	assert.Less(t, widths[0], widths[1])
	assert.Less(t, widths[1], widths[2])

	// A change made in another pane shows at once.
	pick(t, ctx, "queue")
	other := openPane(t, ctx)
	typeIn(t, ctx, other, "RPUSH queue d")
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".viz-list .viz-cell").length === 4`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the list drawing follows RPUSH from pane 2")
	assert.Equal(t, "3 d -1", eval[string](t, ctx, `[...document.querySelector(".viz-list .viz-cell:last-child").children].map(x => x.textContent).join(" ")`))

	// A large collection is capped, with a count of the rest.
	typeIn(t, ctx, other, "RPUSH big "+strings.Repeat("x ", 150))
	pick(t, ctx, "big")
	assert.Equal(t, 100, eval[int](t, ctx, `document.querySelectorAll(".viz-list .viz-cell").length`))
	assert.Equal(t, "… and 50 more", eval[string](t, ctx, `document.querySelector(".insp-more").textContent`))

	// Deleting the key in view says it is gone.
	typeIn(t, ctx, other, "DEL big")
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".insp-view .insp-hint")?.textContent === "That key is gone."`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
}

func TestInspectorTTLCountsDown(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "SET session x EX 90")
	typeLine(t, ctx, "SELECT 3")
	typeLine(t, ctx, "SET elsewhere y")
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".insp-title").textContent === "Keys in db 3"`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the inspector follows SELECT")
	assert.Equal(t, []string{"elsewhere"}, eval[[]string](t, ctx, `[...document.querySelectorAll(".insp-key .insp-name")].map(n => n.textContent)`))
	typeLine(t, ctx, "SELECT 0")
	ttlExpr := `(document.querySelector(".insp-key[data-ref='\"session\"'] .insp-ttl")?.textContent ?? "")`
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](ttlExpr+` !== ""`, chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
	first := eval[string](t, ctx, ttlExpr)
	assert.Regexp(t, `^1m [23][0-9]s$`, first)
	// The countdown moves on its own, with no command typed.
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](ttlExpr+` !== `+strconv.Quote(first), chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the TTL counts down")

	// A key that runs out leaves the list by itself.
	typeLine(t, ctx, "SET flash z PX 300")
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector(".insp-key[data-ref='\"flash\"']")`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the expired key disappears")
}

func TestRepliesAndKeysAreNeverHTML(t *testing.T) {
	ctx := newPage(t)
	const payload = `<img src=x onerror="window.pwned=1">`
	typeLine(t, ctx, `SET '`+payload+`' '`+payload+`'`)
	typeLine(t, ctx, `RPUSH list '`+payload+`'`)
	typeLine(t, ctx, `HSET hash '`+payload+`' '`+payload+`'`)
	typeLine(t, ctx, `SADD set '`+payload+`'`)
	assert.Equal(t, `1) "`+strings.ReplaceAll(payload, `"`, `\"`)+`"`, typeLine(t, ctx, `LRANGE list 0 -1`))
	for _, key := range []string{"list", "hash", "set"} {
		pick(t, ctx, key)
		assert.Contains(t, eval[string](t, ctx, `document.querySelector(".insp-view").textContent`), payload)
	}
	assert.Contains(t, eval[string](t, ctx, `document.querySelector(".insp-keys").textContent`), payload)

	// And through a share link.
	link := shareLink(t, ctx)
	reader := newPageAt(t, link)
	assert.Contains(t, eval[string](t, reader, `document.getElementById("shared").textContent`), payload)

	for _, c := range []context.Context{ctx, reader} {
		assert.Equal(t, 0, eval[int](t, c, `document.querySelectorAll("img, script:not([src])").length`), "something was parsed as HTML")
		assert.False(t, eval[bool](t, c, `window.pwned === 1`))
	}
}

// shareLink presses Share and returns the link it made.
func shareLink(t *testing.T, ctx context.Context) string {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("share"))))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.getElementById("share-status").dataset.url`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
	return eval[string](t, ctx, `document.getElementById("share-status").dataset.url`)
}

// newPageAt opens url in a fresh browser context and waits until ready.
func newPageAt(t *testing.T, url string) context.Context {
	t.Helper()
	needBrowser(t)
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url)))
	waitReady(t, ctx)
	return ctx
}

func TestShareLinkRunsNothingUntilAsked(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "SET visits 1")
	typeLine(t, ctx, "AUTH hunter2")
	other := openPane(t, ctx)
	typeIn(t, ctx, other, "INCR visits")
	typeLine(t, ctx, "GET visits")
	link := shareLink(t, ctx)
	assert.Contains(t, link, "#cmds=")
	assert.NotContains(t, link, "hunter2", "a password never goes into a link")

	reader := newPageAt(t, link)
	assert.False(t, eval[bool](t, reader, `document.getElementById("shared").hidden`))
	assert.Equal(t, []string{"SET visits 1", "INCR visits", "GET visits"},
		eval[[]string](t, reader, `[...document.querySelectorAll(".shared-line")].map(b => b.textContent)`))
	assert.Equal(t, 0, eval[int](t, reader, entriesExpr), "nothing ran")
	assert.Equal(t, 0, eval[int](t, reader, `document.querySelectorAll(".insp-key").length`), "no key was made")

	// One at a time: the next command waits at the prompt.
	require.NoError(t, chromedp.Do(reader, chromedp.Click(chromedp.CSS(".shared-step"))))
	assert.Equal(t, "SET visits 1", inputValue(t, reader, 1))
	assert.Equal(t, 0, eval[int](t, reader, entriesExpr))

	require.NoError(t, chromedp.Do(reader, chromedp.Click(chromedp.CSS(".shared-run"))))
	_, err := chromedp.Run(reader, chromedp.Poll[bool](entriesExpr+" === 3", chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
	assert.Equal(t, `"2"`, eval[string](t, reader, `document.querySelector("#term-output > .entry:last-child .reply").textContent`))
	assert.True(t, eval[bool](t, reader, `document.getElementById("shared").hidden`))
	assert.Equal(t, "", eval[string](t, reader, `location.hash`), "a reload does not offer them again")
}

func TestThemeFollowsSystem(t *testing.T) {
	ctx := newPage(t)
	bg := func(scheme string) string {
		require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		})))
		return eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
	}
	light, dark := bg("light"), bg("dark")
	assert.NotEqual(t, light, dark)
	assert.Equal(t, "rgb(15, 17, 21)", dark)
}

func TestPhoneWidth(t *testing.T) {
	ctx := newPage(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)))
	openPane(t, ctx)
	typeLine(t, ctx, "RPUSH phone "+strings.Repeat("item ", 12))
	pick(t, ctx, "phone")
	assert.LessOrEqual(t, eval[int](t, ctx, `document.documentElement.scrollWidth`), 390, "nothing sticks out sideways")
	// Panes stack instead of squeezing side by side.
	xs := eval[[]float64](t, ctx, `[...document.querySelectorAll(".terminal")].map(s => s.getBoundingClientRect().left)`)
	require.Len(t, xs, 2)
	assert.Equal(t, xs[0], xs[1])
}

func TestHelpIsShownAsRedisCliPrintsIt(t *testing.T) {
	ctx := newPage(t)
	for _, args := range [][]string{{"SET"}, {"@hash"}, {}} {
		line := strings.TrimSpace("HELP " + strings.Join(args, " "))
		want := cli.Help(args)
		require.NotEmpty(t, want)
		assert.Equal(t, want, typeLine(t, ctx, line), line)
	}
}

// TestLessonPasteAvoidsListeningPane: while the first pane listens to a
// channel, a lesson's command goes to a pane that can take it.
func TestLessonPasteAvoidsListeningPane(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "SUBSCRIBE alerts")
	require.True(t, formHidden(t, ctx, 1))
	eval[bool](t, ctx, `(() => {
		const b = document.createElement("button");
		b.className = "lesson-cmd";
		b.dataset.cmd = "PUBLISH alerts hi";
		b.id = "e2e-cmd";
		document.getElementById("lessons").append(b);
		return true;
	})()`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("e2e-cmd"))))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("term-input-2")?.value === "PUBLISH alerts hi"`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "a second pane opened with the command")
	before := eval[int](t, ctx, paneEntries(1))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("term-input-2"), kb.Enter)))
	waitEntries(t, ctx, 1, before)
	assert.Equal(t, "1) \"message\"\n2) \"alerts\"\n3) \"hi\"", lastPush(t, ctx, 1))
}
