package e2e

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
	"redisplay/engine/cli"
)

// The tutorial's examples and what redis-cli 7.0.15 (--no-raw, as on a
// terminal) prints for them, in order on one connection.
var tutorial = []struct{ line, want string }{
	{`SET service "auth0"`, `OK`},
	{`GET service`, `"auth0"`},
	{`GET users`, `(nil)`},
	{`SET framework angular`, `OK`},
	{`SET framework react`, `OK`},
	{`GET framework`, `"react"`},
	{`DEL framework`, `(integer) 1`},
	{`GET framework`, `(nil)`},
	{`SET "the frameworks" "angular vue react"`, `OK`},
	{`SET the frameworks "angular vue react"`, `(error) ERR syntax error`},
	{`SET "the frameworks" angular vue react`, `(error) ERR syntax error`},
	{`GET "the frameworks"`, `"angular vue react"`},
	{`SET "unbalanced`, `Invalid argument(s)`},
	{`SET a"b c"`, `(error) ERR wrong number of arguments for 'set' command`},
	{`SETNX service "heroku aws"`, `(integer) 0`},
	{`SETNX services "heroku aws"`, `(integer) 1`},
	{`SET notification "Anomaly detected"`, `OK`},
	{`EXPIRE notification 30`, `(integer) 1`},
	{`SET dialog "Continue?"`, `OK`},
	{`TTL dialog`, `(integer) -1`},
	{`TTL nosuch`, `(integer) -2`},
	{`3 PING`, "PONG\nPONG\nPONG"},
}

func TestTutorialExamples(t *testing.T) {
	ctx := newPage(t)
	for _, tc := range tutorial {
		assert.Equal(t, tc.want, typeLine(t, ctx, tc.line), "> %s", tc.line)
	}
	// The TTL counts down from 30 in whole seconds; it can't be more.
	ttl := typeLine(t, ctx, "TTL notification")
	assert.Regexp(t, `^\(integer\) (30|[12][0-9])$`, ttl)

	// Each command is echoed after the prompt, as typed.
	echo := eval[string](t, ctx, `document.querySelector("#term-output > .entry:last-child .echo").textContent`)
	assert.Equal(t, "127.0.0.1:6379> TTL notification", echo)
}

func TestPromptFollowsSelectAndMulti(t *testing.T) {
	ctx := newPage(t)
	prompt := func() string { return eval[string](t, ctx, `document.getElementById("term-prompt").textContent`) }
	assert.Equal(t, "127.0.0.1:6379> ", prompt())
	assert.Equal(t, "OK", typeLine(t, ctx, "SELECT 2"))
	assert.Equal(t, "127.0.0.1:6379[2]> ", prompt())
	assert.Equal(t, "OK", typeLine(t, ctx, "MULTI"))
	assert.Equal(t, "127.0.0.1:6379[2](TX)> ", prompt())
	assert.Equal(t, "OK", typeLine(t, ctx, "DISCARD"))
	assert.Equal(t, "127.0.0.1:6379[2]> ", prompt())
	assert.Equal(t, "OK", typeLine(t, ctx, "SELECT 0"))
	assert.Equal(t, "127.0.0.1:6379> ", prompt())
}

func TestHintWhileTyping(t *testing.T) {
	ctx := newPage(t)
	want := cli.NewSession(engine.New(engine.Options{}), nil).Hint("SET ")
	require.Contains(t, want, "key value [NX|XX]", "the cli package's hint for SET")

	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, "SET ")))
	hint := eval[string](t, ctx, `document.getElementById("term-hint").textContent`)
	assert.Equal(t, want, hint)
	// The hint is drawn in a colour of its own, after the typed text.
	typed := eval[string](t, ctx, `document.getElementById("term-typed").textContent`)
	assert.Equal(t, "SET ", typed)

	// Running the line clears the hint.
	typeLine(t, ctx, "")
	assert.Equal(t, "", eval[string](t, ctx, `document.getElementById("term-hint").textContent`))
}

func TestTabCompletes(t *testing.T) {
	ctx := newPage(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, "setn"+kb.Tab)))
	value, err := chromedp.Run(ctx, chromedp.Value(input))
	require.NoError(t, err)
	assert.Equal(t, "SETNX", value)
}

func TestHistorySurvivesReload(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "SET greeting hello")
	typeLine(t, ctx, "GET greeting")

	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReady(t, ctx)
	value := func() string {
		v, err := chromedp.Run(ctx, chromedp.Value(input))
		require.NoError(t, err)
		return v
	}
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, kb.ArrowUp)))
	assert.Equal(t, "GET greeting", value())
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, kb.ArrowUp)))
	assert.Equal(t, "SET greeting hello", value())
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, kb.ArrowDown)))
	assert.Equal(t, "GET greeting", value())
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, kb.ArrowDown)))
	assert.Equal(t, "", value())
}

func TestRepliesAreText(t *testing.T) {
	ctx := newPage(t)
	const payload = `<img src=x onerror=alert(1)>`
	assert.Equal(t, "OK", typeLine(t, ctx, `SET xss "`+payload+`"`))
	assert.Equal(t, `"`+payload+`"`, typeLine(t, ctx, "GET xss"))
	assert.Equal(t, "OK", typeLine(t, ctx, `SET "`+payload+`" 1`))
	assert.Equal(t, `1) "`+payload+`"`, typeLine(t, ctx, `KEYS <*`))
	assert.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll("#term-output img, #term-output script").length`),
		"a reply was parsed as HTML")
}

func TestClear(t *testing.T) {
	ctx := newPage(t)
	typeLine(t, ctx, "PING")
	require.Positive(t, eval[int](t, ctx, entriesExpr))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, "clear"+kb.Enter)))
	assert.Equal(t, 0, eval[int](t, ctx, entriesExpr))

	typeLine(t, ctx, "PING")
	require.NoError(t, chromedp.Do(ctx, chromedp.Focus(input), chromedp.KeyEvent("l", chromedp.KeyModifiers(kb.ModifierCtrl))))
	assert.Equal(t, 0, eval[int](t, ctx, entriesExpr))
}

func TestAccessibleNames(t *testing.T) {
	ctx := newPage(t)
	got := eval[map[string]string](t, ctx, `({
		role: document.getElementById("term-output").getAttribute("role"),
		live: document.getElementById("term-output").getAttribute("aria-live"),
		label: document.getElementById("term-input").getAttribute("aria-label"),
	})`)
	assert.Equal(t, map[string]string{"role": "log", "live": "polite", "label": "Redis command"}, got)
}

// TestBlockedCommand checks the path replies take when they come later: a
// BLPOP with no data hides the prompt until another client pushes.
func TestBlockedCommand(t *testing.T) {
	ctx := newPage(t)
	formHidden := func() bool { return eval[bool](t, ctx, `document.getElementById("term-form").hidden`) }

	assert.Equal(t, "", typeLine(t, ctx, "BLPOP queue 0"))
	require.True(t, formHidden(), "no prompt while BLPOP waits")

	// Another client, as a second redis-cli would be.
	before := eval[int](t, ctx, entriesExpr)
	eval[string](t, ctx, `(() => { const id = redisplay.newSession(); return redisplay.run(id, "RPUSH queue hello").output; })()`)
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](entriesExpr+" > "+strconv.Itoa(before)))
	require.NoError(t, err)
	pushed := eval[string](t, ctx, `document.querySelector("#term-output > .entry.push:last-child").textContent`)
	// redis-cli adds "(N.NNs)" when the wait took half a second or more.
	assert.Regexp(t, `^1\) "queue"\n2\) "hello"(\n\(\d+\.\d\ds\))?$`, pushed)
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById("term-form").hidden`))
	require.NoError(t, err, "the prompt comes back after the reply")

	// Ctrl-C gives up waiting by starting a new session, as quitting and
	// restarting redis-cli would.
	assert.Equal(t, "", typeLine(t, ctx, "BLPOP other 0"))
	require.True(t, formHidden())
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("c", chromedp.KeyModifiers(kb.ModifierCtrl))))
	assert.False(t, formHidden())
	assert.Equal(t, "PONG", typeLine(t, ctx, "PING"))
}

// TestMemoryIsBounded checks that the page's engine has a memory limit, so
// a runaway loop gets Redis's OOM error instead of crashing the tab.
func TestMemoryIsBounded(t *testing.T) {
	ctx := newPage(t)
	assert.Equal(t, "1) \"maxmemory\"\n2) \"67108864\"", typeLine(t, ctx, "CONFIG GET maxmemory"))
	assert.Equal(t, "OK", typeLine(t, ctx, "CONFIG SET maxmemory 1"))
	// Whatever the first write finds, after it the data exceeds one byte.
	typeLine(t, ctx, "SET bounded:a v")
	assert.Equal(t, "(error) OOM command not allowed when used memory > 'maxmemory'.", typeLine(t, ctx, "SET bounded:b v"))
	assert.Equal(t, "(nil)", typeLine(t, ctx, "GET bounded:b"), "reads still work")
	assert.Equal(t, "OK", typeLine(t, ctx, "CONFIG SET maxmemory 64mb"))
}
