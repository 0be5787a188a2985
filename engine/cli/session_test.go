package cli

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
)

// need skips the test when the engine lacks a command it uses; commands
// are being added to the engine one group at a time.
func need(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if engine.Lookup(n) == nil {
			t.Skipf("the engine has no %s command yet", n)
		}
	}
}

type pushes struct {
	mu   sync.Mutex
	text []string
}

func (p *pushes) add(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.text = append(p.text, s)
}

func (p *pushes) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.text...)
}

func newSession(t *testing.T) (*Session, *pushes, *engine.Engine) {
	t.Helper()
	now := time.Unix(1700000000, 0)
	e := engine.New(engine.Options{Clock: func() time.Time { return now }})
	p := &pushes{}
	s := NewSession(e, p.add)
	t.Cleanup(s.Close)
	return s, p, e
}

func TestRunClientSide(t *testing.T) {
	s, _, _ := newSession(t)
	tests := []struct{ line, want string }{
		{"", ""},
		{"   \t", ""},
		{`echo "a"b`, "Invalid argument(s)"},
		{`echo "abc`, "Invalid argument(s)"},
		{"0 ping", "Invalid redis-cli repeat command option value."},
		{"-1 ping", "Invalid redis-cli repeat command option value."},
		{`"" ping`, "Invalid redis-cli repeat command option value."},
		{"99999999999999999999 ping", "Invalid redis-cli repeat command option value."},
		{"clear", ClearScreen},
		{"CLEAR", ClearScreen},
		{":set hints", ""},
		{":set foo", "unknown redis-cli preference 'foo'"},
		{":set", "unknown redis-cli internal command ':set'"},
		{":x y", "unknown redis-cli internal command ':x'"},
		{"restart", "Use 'restart' only in Lua debugging mode."},
		{"help", genericHelp[:len(genericHelp)-1]},
		{"?", genericHelp[:len(genericHelp)-1]},
		{"3 help", genericHelp[:len(genericHelp)-1]},
		{"help nosuchcommand", ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			assert.Equal(t, tt.want, s.Run(tt.line))
		})
	}
	assert.False(t, s.Closed())
}

func TestParseRepeat(t *testing.T) {
	tests := []struct {
		word      string
		n         int64
		ok, valid bool
	}{
		{"3", 3, true, true},
		{"+3", 3, true, true},
		{"03", 3, true, true},
		{"0", 0, true, false},
		{"-2", -2, true, false},
		{"", 0, true, false},
		{"3a", 0, false, false},
		{"a", 0, false, false},
		{"+", 0, false, false},
		{" ", 0, false, false},
		{" 4", 4, true, true},
		{"0x10", 0, false, false},
		{"9223372036854775808", 0, true, false},
	}
	for _, tt := range tests {
		n, ok, valid := parseRepeat(tt.word)
		assert.Equal(t, []any{tt.n, tt.ok, tt.valid}, []any{n, ok, valid}, "parseRepeat(%q)", tt.word)
	}
}

func TestRunCommands(t *testing.T) {
	need(t, "ping", "echo", "set", "get", "rpush", "lrange")
	s, _, _ := newSession(t)
	tests := []struct{ line, want string }{
		{"PING", "PONG"},
		{"3 PING", "PONG\nPONG\nPONG"},
		{`echo "a\x4g"`, `"ax4g"`},
		{`echo 'it\'s'`, `"it's"`},
		{`echo a"b c"`, `"ab c"`},
		{`echo ""`, `""`},
		{`echo "\xc3\xa9"`, `"\xc3\xa9"`},
		{"SET the frameworks \"angular vue react\"", "(error) ERR syntax error"},
		{"set foo bar", "OK"},
		{"get foo", `"bar"`},
		{"get nosuch", "(nil)"},
		{"get", "(error) ERR wrong number of arguments for 'get' command"},
		{"nosuch a b", "(error) ERR unknown command 'nosuch', with args beginning with: 'a' 'b' "},
		{"rpush l a b c d e f g h i j", "(integer) 10"},
		{"lrange l 0 2", "1) \"a\"\n2) \"b\"\n3) \"c\""},
		{"lrange nosuch 0 -1", "(empty array)"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			assert.Equal(t, tt.want, s.Run(tt.line))
		})
	}
}

func TestRunRESP3(t *testing.T) {
	need(t, "hello", "incrbyfloat")
	s, _, _ := newSession(t)
	assert.Equal(t, `"1.5"`, s.Run("incrbyfloat f 1.5"))
	out := s.Run("hello 3")
	assert.Contains(t, out, "1# \"server\" => \"redis\"\n")
	assert.Equal(t, 3, s.Client().Proto)
	out = s.Run("hello 2")
	assert.Contains(t, out, " 1) \"server\"\n 2) \"redis\"\n")
}

func TestPromptTracksSelectAndMulti(t *testing.T) {
	need(t, "select", "ping")
	s, _, _ := newSession(t)
	assert.Equal(t, "127.0.0.1:6379> ", s.Prompt())
	assert.Equal(t, "OK", s.Run("select 2"))
	assert.Equal(t, "127.0.0.1:6379[2]> ", s.Prompt())
	assert.Equal(t, "(error) ERR DB index is out of range", s.Run("select 99"))
	assert.Equal(t, "127.0.0.1:6379[2]> ", s.Prompt())
	assert.Equal(t, "OK", s.Run("select 0"))
	assert.Equal(t, "127.0.0.1:6379> ", s.Prompt())

	if engine.Lookup("multi") == nil {
		t.Skip("the engine has no MULTI yet")
	}
	assert.Equal(t, "OK", s.Run("multi"))
	assert.Equal(t, "127.0.0.1:6379(TX)> ", s.Prompt())
	assert.Equal(t, "QUEUED", s.Run("select 3"))
	assert.Equal(t, "127.0.0.1:6379[3](TX)> ", s.Prompt())
	assert.Equal(t, "OK", s.Run("discard"))
	assert.Equal(t, "127.0.0.1:6379> ", s.Prompt())
	s.Run("multi")
	s.Run("select 4")
	assert.Equal(t, "1) OK", s.Run("exec"))
	assert.Equal(t, "127.0.0.1:6379[4]> ", s.Prompt())
}

func TestTrackWithoutEngine(t *testing.T) {
	s := &Session{}
	s.track([]string{"SELECT", "5"}, engine.OK)
	s.track([]string{"multi"}, engine.OK)
	assert.Equal(t, "127.0.0.1:6379[5](TX)> ", s.Prompt())
	s.track([]string{"select", "6"}, engine.Simple("QUEUED"))
	s.track([]string{"exec"}, engine.NullArray) // aborted by WATCH
	assert.Equal(t, "127.0.0.1:6379[5]> ", s.Prompt())
	s.track([]string{"multi"}, engine.OK)
	s.track([]string{"exec"}, engine.Err("EXECABORT Transaction discarded because of previous errors."))
	assert.Equal(t, "127.0.0.1:6379[5]> ", s.Prompt())
	s.track([]string{"multi", "x"}, engine.Err("ERR wrong number of arguments for 'multi' command"))
	assert.Equal(t, "127.0.0.1:6379[5]> ", s.Prompt())
	s.track([]string{"multi"}, engine.OK)
	s.track([]string{"reset"}, engine.Simple("RESET"))
	assert.Equal(t, "127.0.0.1:6379> ", s.Prompt())
}

func TestQuit(t *testing.T) {
	for _, line := range []string{"quit", "EXIT", "quit now"} {
		s, _, _ := newSession(t)
		assert.Equal(t, "", s.Run(line))
		assert.True(t, s.Closed())
		assert.Equal(t, "", s.Run("ping"))
	}
}

// The replies were read off redis-cli 7.0.15 against redis-server.
func TestQuitSentToServer(t *testing.T) {
	need(t, "select", "quit", "client")
	s, _, _ := newSession(t)
	assert.Equal(t, "OK", s.Run("select 2"))
	assert.Equal(t, "OK\nError: Server closed the connection", s.Run("3 quit"))
	assert.Equal(t, "not connected> ", s.Prompt())
	old := s.Client()
	assert.False(t, s.Closed())
	assert.Equal(t, "OK", s.Run("client setname x"))
	assert.NotSame(t, old, s.Client())
	assert.Equal(t, 2, s.Client().DB)
	assert.Equal(t, "127.0.0.1:6379[2]> ", s.Prompt())

	// After one QUIT redis-cli learns of the hang-up only with the next
	// command, which is lost.
	assert.Equal(t, "OK", s.Run("1 quit"))
	assert.Equal(t, "127.0.0.1:6379[2]> ", s.Prompt())
	assert.Equal(t, "Error: Server closed the connection", s.Run("client setname y"))
	assert.Equal(t, "not connected> ", s.Prompt())
	assert.Equal(t, "(nil)", s.Run("client getname"))
}

func TestHintsPreference(t *testing.T) {
	need(t, "set")
	s, _, _ := newSession(t)
	assert.Equal(t, "key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]", s.Hint("set "))
	assert.Equal(t, " value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]", s.Hint("set foo"))
	s.Run(":set nohints")
	assert.Equal(t, "", s.Hint("set "))
	s.Run(":set hints")
	assert.NotEqual(t, "", s.Hint("set "))
	assert.Contains(t, s.Complete("se"), "SET")
}

func TestBlockedReplyArrivesThroughPush(t *testing.T) {
	need(t, "blpop", "rpush")
	s, p, e := newSession(t)
	assert.Equal(t, "", s.Run("blpop q 0"))
	assert.True(t, s.Waiting())
	other := NewSession(e, nil)
	defer other.Close()
	assert.Equal(t, "(integer) 1", other.Run("rpush q x"))
	assert.Equal(t, []string{"1) \"q\"\n2) \"x\""}, p.all())
	assert.False(t, s.Waiting())
}

func TestSlowReplyShowsElapsedTime(t *testing.T) {
	c := &engine.Client{Proto: 2}
	s := &Session{client: c}
	start := time.Unix(100, 0)
	s.now = func() time.Time { return start.Add(5040 * time.Millisecond) }
	var got []string
	s.push = func(text string) { got = append(got, text) }
	s.waiting, s.since = true, start
	s.onPush(c, engine.Null)
	s.onPush(c, engine.Push(engine.Bulk("message"), engine.Bulk("c"), engine.Bulk("m")))
	require.Len(t, got, 2)
	assert.Equal(t, "(nil)\n(5.04s)", got[0])
	assert.Equal(t, "1) \"message\"\n2) \"c\"\n3) \"m\"", got[1])
}

func TestInvalidatePush(t *testing.T) {
	c := &engine.Client{Proto: 3}
	s := &Session{client: c, now: time.Now}
	var got []string
	s.push = func(text string) { got = append(got, text) }
	s.onPush(c, engine.Push(engine.Bulk("invalidate"), engine.BulkStrings([]string{"a", "b"})))
	assert.Equal(t, []string{"-> invalidate: 'a', 'b'"}, got)
}

func TestRawOutput(t *testing.T) {
	tests := []struct {
		line string
		raw  bool
	}{
		{"info", true},
		{"INFO keyspace", true},
		{"lolwut", true},
		{"client list", true},
		{"CLIENT INFO", true},
		{"client id", false},
		{"memory doctor", true},
		{"memory usage k", false},
		{"cluster info", true},
		{"cluster info x", false},
		{"latency doctor", true},
		{"latency graph cmd", true},
		{"latency graph", false},
		{"debug htstats 0", true},
		{"get info", false},
	}
	for _, tt := range tests {
		argv, err := Split(tt.line)
		require.NoError(t, err)
		assert.Equal(t, tt.raw, rawOutput(argv), tt.line)
	}
}

func TestSubscribePrintsReadingMessages(t *testing.T) {
	need(t, "subscribe")
	s, _, _ := newSession(t)
	out := s.Run("subscribe ch")
	assert.Equal(t, "Reading messages... (press Ctrl-C to quit)\n1) \"subscribe\"\n2) \"ch\"\n3) (integer) 1", out)
}

func TestRepeatIsCapped(t *testing.T) {
	need(t, "ping")
	s, _, _ := newSession(t)
	defer func(old int64) { MaxRepeat = old }(MaxRepeat)
	MaxRepeat = 2
	assert.Equal(t, "PONG\nPONG", s.Run("5 ping"))
	assert.Equal(t, "PONG", s.Run("1 ping"))
}

func TestSlowLineShowsElapsedTime(t *testing.T) {
	need(t, "ping", "blpop")
	s, _, _ := newSession(t)
	clock := time.Unix(100, 0)
	s.now = func() time.Time {
		clock = clock.Add(600 * time.Millisecond)
		return clock
	}
	assert.Equal(t, "PONG\n(0.60s)", s.Run("ping"))
	assert.Equal(t, "(0.60s)", s.Run("help nosuch"))
	// A blocked command's time is told with its reply.
	assert.Equal(t, "", s.Run("blpop q 0"))
}

func TestInterrupt(t *testing.T) {
	need(t, "blpop", "rpush", "select", "ping")
	s, p, e := newSession(t)
	assert.True(t, s.Interrupt(), "Ctrl-C at the prompt ends redis-cli")
	assert.False(t, s.Closed())

	s.Run("select 3")
	assert.Equal(t, "", s.Run("blpop q 0"))
	assert.True(t, s.Interrupt(), "Ctrl-C under a blocked command ends redis-cli")
	assert.False(t, s.Waiting())
	other := NewSession(e, nil)
	defer other.Close()
	assert.Equal(t, "OK", other.Run("select 3"))
	assert.Equal(t, "(integer) 1", other.Run("rpush q x"), "the abandoned BLPOP must not take the element")
	assert.Empty(t, p.all())
	assert.Equal(t, "127.0.0.1:6379> ", s.Prompt())
	assert.Equal(t, 0, s.Client().DB)
	assert.Equal(t, "PONG", s.Run("ping"))
}

func TestInterruptLeavesPubSub(t *testing.T) {
	s := &Session{}
	s.pubsub = true
	s.link = linkDown // no engine behind it: only the state is checked
	assert.False(t, s.Interrupt())
	assert.False(t, s.Subscribed())
}
