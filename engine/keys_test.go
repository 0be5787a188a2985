package engine

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keysEngine returns an engine on a fake clock that the test moves with
// the returned pointer.
func keysEngine(t *testing.T) (*Engine, *Client, *time.Time) {
	t.Helper()
	now := time.UnixMilli(1_700_000_000_000)
	e := New(Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	t.Cleanup(c.Close)
	return e, c, &now
}

// keysPut stores a string directly, without going through SET.
func keysPut(e *Engine, db int, key, val string) {
	e.DB(db).Set(key, &Object{Type: TypeString, Str: val})
}

func keysRun(e *Engine, c *Client, args ...string) Value { return e.Exec(c, args) }

// fakeVal stands for a non-string type: COPY must use its Copy and OBJECT
// ENCODING its Encoding.
type fakeVal struct{ items []string }

func (f *fakeVal) Encoding() string { return "listpack" }
func (f *fakeVal) Copy() any        { return &fakeVal{items: append([]string(nil), f.items...)} }

// step is one command of a scripted test: advance moves the clock first.
type step struct {
	advance time.Duration
	args    []string
	want    Value
}

func runSteps(t *testing.T, e *Engine, c *Client, now *time.Time, steps []step) {
	t.Helper()
	for i, s := range steps {
		*now = now.Add(s.advance)
		assert.Equal(t, s.want, e.Exec(c, s.args), "step %d: %q", i, s.args)
	}
}

func TestExpireConditions(t *testing.T) {
	// ttl is the key's time to live before the command, 0 for none; after
	// is its PTTL afterwards.
	tests := []struct {
		name  string
		ttl   time.Duration
		args  []string
		want  int64
		after int64
	}{
		{"plain", 0, []string{"EXPIRE", "k", "10"}, 1, 10_000},
		{"plain replaces", 5 * time.Second, []string{"EXPIRE", "k", "10"}, 1, 10_000},
		{"nx without ttl", 0, []string{"EXPIRE", "k", "10", "NX"}, 1, 10_000},
		{"nx with ttl", 5 * time.Second, []string{"EXPIRE", "k", "10", "nx"}, 0, 5_000},
		{"xx without ttl", 0, []string{"EXPIRE", "k", "10", "XX"}, 0, -1},
		{"xx with ttl", 5 * time.Second, []string{"EXPIRE", "k", "10", "xx"}, 1, 10_000},
		{"gt without ttl is never greater", 0, []string{"EXPIRE", "k", "10", "GT"}, 0, -1},
		{"gt greater", 5 * time.Second, []string{"EXPIRE", "k", "10", "GT"}, 1, 10_000},
		{"gt equal", 10 * time.Second, []string{"EXPIRE", "k", "10", "GT"}, 0, 10_000},
		{"gt smaller", 20 * time.Second, []string{"EXPIRE", "k", "10", "GT"}, 0, 20_000},
		{"lt without ttl is always less", 0, []string{"EXPIRE", "k", "10", "LT"}, 1, 10_000},
		{"lt smaller", 20 * time.Second, []string{"EXPIRE", "k", "10", "LT"}, 1, 10_000},
		{"lt equal", 10 * time.Second, []string{"EXPIRE", "k", "10", "LT"}, 0, 10_000},
		{"lt greater", 5 * time.Second, []string{"EXPIRE", "k", "10", "LT"}, 0, 5_000},
		{"xx and gt together", 5 * time.Second, []string{"EXPIRE", "k", "10", "XX", "GT"}, 1, 10_000},
		{"repeated option", 0, []string{"EXPIRE", "k", "10", "NX", "nx"}, 1, 10_000},
		{"pexpire", 0, []string{"PEXPIRE", "k", "1500"}, 1, 1_500},
		{"expireat", 0, []string{"EXPIREAT", "k", "1700000030"}, 1, 30_000},
		{"pexpireat", 0, []string{"PEXPIREAT", "k", "1700000000250"}, 1, 250},
		{"past time deletes", 0, []string{"EXPIRE", "k", "-1"}, 1, -2},
		{"zero deletes", 0, []string{"PEXPIRE", "k", "0"}, 1, -2},
		{"now deletes", 0, []string{"PEXPIREAT", "k", "1700000000000"}, 1, -2},
		{"past time with lt and no ttl deletes", 0, []string{"EXPIRE", "k", "-1", "LT"}, 1, -2},
		{"past time with gt and a ttl is refused", 5 * time.Second, []string{"EXPIRE", "k", "-1", "GT"}, 0, 5_000},
		{"missing key", 0, []string{"EXPIRE", "nokey", "10"}, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c, now := keysEngine(t)
			keysPut(e, 0, "k", "v")
			if tt.ttl > 0 {
				e.DB(0).SetExpire("k", now.Add(tt.ttl).UnixMilli())
			}
			dirty := e.dirty
			got := keysRun(e, c, tt.args...)
			assert.Equal(t, Int(tt.want), got)
			assert.Equal(t, Int(tt.after), keysRun(e, c, "PTTL", "k"))
			// A change, and only a change, counts as a write.
			assert.Equal(t, tt.want, e.dirty-dirty)
		})
	}
}

func TestExpireErrors(t *testing.T) {
	e, c, _ := keysEngine(t)
	keysPut(e, 0, "k", "v")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"EXPIRE", "k", "10", "NX", "XX"}, "ERR NX and XX, GT or LT options at the same time are not compatible"},
		{[]string{"EXPIRE", "k", "10", "NX", "GT"}, "ERR NX and XX, GT or LT options at the same time are not compatible"},
		{[]string{"PEXPIRE", "k", "10", "lt", "nx"}, "ERR NX and XX, GT or LT options at the same time are not compatible"},
		{[]string{"EXPIRE", "k", "10", "GT", "LT"}, "ERR GT and LT options at the same time are not compatible"},
		{[]string{"EXPIRE", "k", "10", "sometimes"}, "ERR Unsupported option sometimes"},
		// Options are checked before the time.
		{[]string{"EXPIRE", "k", "soon", "NX", "XX"}, "ERR NX and XX, GT or LT options at the same time are not compatible"},
		{[]string{"EXPIRE", "k", "soon"}, ErrNotInteger},
		{[]string{"EXPIRE", "k", "1.5"}, ErrNotInteger},
		{[]string{"EXPIRE", "k", "9223372036854775"}, "ERR invalid expire time in 'expire' command"},
		{[]string{"EXPIRE", "k", "-9223372036854776"}, "ERR invalid expire time in 'expire' command"},
		{[]string{"PEXPIRE", "k", "9223372036854775807"}, "ERR invalid expire time in 'pexpire' command"},
		{[]string{"EXPIREAT", "k", "9223372036854776"}, "ERR invalid expire time in 'expireat' command"},
	}
	for _, tt := range tests {
		assert.Equal(t, Err(tt.want), keysRun(e, c, tt.args...), "%q", tt.args)
	}
	assert.Equal(t, Int(-1), keysRun(e, c, "TTL", "k"), "errors change nothing")
	// The largest absolute times are accepted.
	assert.Equal(t, Int(1), keysRun(e, c, "PEXPIREAT", "k", "9223372036854775807"))
	assert.Equal(t, Int(1), keysRun(e, c, "EXPIREAT", "k", "9223372036854775"))
}

func TestTTLAndLazyExpiry(t *testing.T) {
	e, c, now := keysEngine(t)
	keysPut(e, 0, "k", "v")
	keysPut(e, 0, "other", "v")
	runSteps(t, e, c, now, []step{
		{0, []string{"TTL", "k"}, Int(-1)},
		{0, []string{"PTTL", "k"}, Int(-1)},
		{0, []string{"TTL", "nokey"}, Int(-2)},
		{0, []string{"EXPIRETIME", "k"}, Int(-1)},
		{0, []string{"PEXPIRETIME", "nokey"}, Int(-2)},
		{0, []string{"PEXPIRE", "k", "10000"}, Int(1)},
		{0, []string{"EXPIRETIME", "k"}, Int(1_700_000_010)},
		{0, []string{"PEXPIRETIME", "k"}, Int(1_700_000_010_000)},
		{0, []string{"TTL", "k"}, Int(10)},
		// TTL rounds to the nearest second.
		{8500 * time.Millisecond, []string{"TTL", "k"}, Int(2)},
		{1 * time.Millisecond, []string{"TTL", "k"}, Int(1)},
		{0, []string{"PTTL", "k"}, Int(1499)},
		{0, []string{"EXISTS", "k"}, Int(1)},
		{1498 * time.Millisecond, []string{"PTTL", "k"}, Int(1)},
		// At the expiry time the key is gone.
		{1 * time.Millisecond, []string{"PTTL", "k"}, Int(-2)},
		{0, []string{"TTL", "k"}, Int(-2)},
		{0, []string{"EXISTS", "k", "other"}, Int(1)},
		{0, []string{"TYPE", "k"}, Simple("none")},
	})
	assert.Equal(t, 1, e.DB(0).Len(), "the expired key was removed on access")
}

func TestPersist(t *testing.T) {
	e, c, now := keysEngine(t)
	keysPut(e, 0, "k", "v")
	runSteps(t, e, c, now, []step{
		{0, []string{"PERSIST", "k"}, Int(0)},
		{0, []string{"PERSIST", "nokey"}, Int(0)},
		{0, []string{"EXPIRE", "k", "5"}, Int(1)},
		{0, []string{"PERSIST", "k"}, Int(1)},
		{0, []string{"TTL", "k"}, Int(-1)},
		{time.Hour, []string{"EXISTS", "k"}, Int(1)},
		{0, []string{"EXPIRE", "k", "5"}, Int(1)},
		{6 * time.Second, []string{"PERSIST", "k"}, Int(0)},
	})
}

// TestSetClearsTTL goes through SET, so it needs the string commands.
func TestSetClearsTTL(t *testing.T) {
	e, c, now := keysEngine(t)
	require.NotNil(t, Lookup("set"))
	runSteps(t, e, c, now, []step{
		{0, []string{"SET", "k", "v", "EX", "100"}, OK},
		{0, []string{"TTL", "k"}, Int(100)},
		{0, []string{"SET", "k", "w"}, OK},
		{0, []string{"TTL", "k"}, Int(-1)},
		{0, []string{"EXPIRE", "k", "100"}, Int(1)},
		{0, []string{"RENAME", "k", "j"}, OK},
		{0, []string{"TTL", "j"}, Int(100)},
	})
}

func TestDelExistsTouch(t *testing.T) {
	e, c, now := keysEngine(t)
	for _, k := range []string{"a", "b", "c"} {
		keysPut(e, 0, k, "v")
	}
	e.DB(0).SetExpire("c", now.Add(time.Second).UnixMilli())
	*now = now.Add(time.Second)
	runSteps(t, e, c, now, []step{
		{0, []string{"EXISTS", "a", "a", "b", "c", "nokey"}, Int(3)},
		{0, []string{"TOUCH", "a", "c", "nokey", "b"}, Int(2)},
		{0, []string{"DEL", "a", "a", "nokey"}, Int(1)},
		{0, []string{"UNLINK", "b", "c"}, Int(1)},
		{0, []string{"EXISTS", "a", "b", "c"}, Int(0)},
		{0, []string{"DEL", "a"}, Int(0)},
	})
}

func TestTypeNames(t *testing.T) {
	e, c, _ := keysEngine(t)
	types := map[string]ObjType{"s": TypeString, "l": TypeList, "h": TypeHash, "st": TypeSet, "z": TypeZSet, "x": TypeStream}
	for k, typ := range types {
		e.DB(0).Set(k, &Object{Type: typ, Val: &fakeVal{}})
	}
	for k, typ := range types {
		assert.Equal(t, Simple(typ.String()), keysRun(e, c, "TYPE", k))
	}
	assert.Equal(t, Simple("stream"), keysRun(e, c, "TYPE", "x"))
	assert.Equal(t, Simple("none"), keysRun(e, c, "TYPE", "nokey"))
}

func TestRename(t *testing.T) {
	e, c, now := keysEngine(t)
	keysPut(e, 0, "a", "1")
	keysPut(e, 0, "b", "2")
	e.DB(0).SetExpire("b", now.Add(time.Minute).UnixMilli())
	keysPut(e, 0, "c", "3")
	runSteps(t, e, c, now, []step{
		{0, []string{"RENAME", "nokey", "x"}, Err("ERR no such key")},
		{0, []string{"RENAME", "nokey", "nokey"}, Err("ERR no such key")},
		{0, []string{"RENAMENX", "nokey", "nokey"}, Err("ERR no such key")},
		{0, []string{"RENAME", "a", "a"}, OK},
		{0, []string{"RENAMENX", "a", "a"}, Int(0)},
		{0, []string{"RENAMENX", "a", "c"}, Int(0)},
		// The destination's own TTL goes; the source's comes along.
		{0, []string{"RENAME", "b", "c"}, OK},
		{0, []string{"TTL", "c"}, Int(60)},
		{0, []string{"EXISTS", "b"}, Int(0)},
		{0, []string{"RENAMENX", "c", "d"}, Int(1)},
		{0, []string{"TTL", "d"}, Int(60)},
		{0, []string{"RENAME", "d", "a"}, OK},
		{0, []string{"TTL", "a"}, Int(60)},
		{time.Minute, []string{"RENAME", "a", "z"}, Err("ERR no such key")},
	})
	assert.Equal(t, 0, e.DB(0).Len())
}

func TestCopy(t *testing.T) {
	e, c, now := keysEngine(t)
	keysPut(e, 0, "s", "hello")
	e.DB(0).SetExpire("s", now.Add(time.Minute).UnixMilli())
	orig := &fakeVal{items: []string{"x"}}
	e.DB(0).Set("l", &Object{Type: TypeList, Val: orig})
	keysPut(e, 1, "taken", "old")
	runSteps(t, e, c, now, []step{
		{0, []string{"COPY", "s", "s"}, Err(ErrSameObject)},
		{0, []string{"COPY", "s", "s", "DB", "0"}, Err(ErrSameObject)},
		{0, []string{"COPY", "nokey", "x"}, Int(0)},
		{0, []string{"COPY", "s", "t"}, Int(1)},
		{0, []string{"TTL", "t"}, Int(60)},
		{0, []string{"COPY", "s", "t"}, Int(0)},
		{0, []string{"COPY", "s", "t", "REPLACE"}, Int(1)},
		{0, []string{"COPY", "s", "s", "DB", "1"}, Int(1)},
		{0, []string{"COPY", "s", "taken", "db", "1"}, Int(0)},
		{0, []string{"COPY", "s", "taken", "db", "1", "replace"}, Int(1)},
		{0, []string{"COPY", "s", "x", "DB"}, Err(ErrSyntax)},
		{0, []string{"COPY", "s", "x", "NOW"}, Err(ErrSyntax)},
		{0, []string{"COPY", "s", "x", "DB", "16"}, Err(ErrDBIndex)},
		{0, []string{"COPY", "s", "x", "DB", "-1"}, Err(ErrDBIndex)},
		{0, []string{"COPY", "s", "x", "DB", "one"}, Err(ErrNotInteger)},
		{0, []string{"COPY", "s", "x", "DB", "2147483648"}, Err(errIntRange)},
		{0, []string{"COPY", "l", "l2"}, Int(1)},
		{0, []string{"OBJECT", "ENCODING", "l2"}, Bulk("listpack")},
	})
	got := e.DB(1).Lookup("taken", now.UnixMilli())
	require.NotNil(t, got)
	assert.Equal(t, "hello", got.Str)
	when, ok := e.DB(1).Expire("taken")
	assert.True(t, ok)
	assert.Equal(t, now.Add(time.Minute).UnixMilli(), when)

	dup := e.DB(0).Lookup("l2", now.UnixMilli()).Val.(*fakeVal)
	dup.items[0] = "changed"
	assert.Equal(t, "x", orig.items[0], "COPY must not share the value")

	// A type whose value cannot copy itself is refused.
	e.DB(0).Set("odd", &Object{Type: TypeStream, Val: 42})
	assert.Equal(t, Err(errUnknownType), keysRun(e, c, "COPY", "odd", "odd2"))
}

func TestMove(t *testing.T) {
	e, c, now := keysEngine(t)
	keysPut(e, 0, "k", "v")
	e.DB(0).SetExpire("k", now.Add(time.Minute).UnixMilli())
	keysPut(e, 0, "busy", "here")
	keysPut(e, 2, "busy", "there")
	runSteps(t, e, c, now, []step{
		{0, []string{"MOVE", "k", "0"}, Err(ErrSameObject)},
		{0, []string{"MOVE", "nokey", "0"}, Err(ErrSameObject)},
		{0, []string{"MOVE", "k", "16"}, Err(ErrDBIndex)},
		{0, []string{"MOVE", "k", "-1"}, Err(ErrDBIndex)},
		{0, []string{"MOVE", "k", "x"}, Err(ErrNotInteger)},
		{0, []string{"MOVE", "k", "4294967296"}, Err(errIntRange)},
		{0, []string{"MOVE", "nokey", "1"}, Int(0)},
		{0, []string{"MOVE", "busy", "2"}, Int(0)},
		{0, []string{"MOVE", "k", "1"}, Int(1)},
		{0, []string{"EXISTS", "k"}, Int(0)},
		{0, []string{"SELECT", "1"}, OK},
		{0, []string{"TTL", "k"}, Int(60)},
	})
}

func TestModifiedOnEveryChange(t *testing.T) {
	// Each Modified call counts one write, so dirty counts them.
	e, c, _ := keysEngine(t)
	keysPut(e, 0, "a", "1")
	keysPut(e, 0, "b", "2")
	tests := []struct {
		args  []string
		dirty int64
	}{
		{[]string{"RENAME", "a", "c"}, 2},
		{[]string{"COPY", "c", "d"}, 1},
		{[]string{"COPY", "c", "x", "DB", "3"}, 1},
		{[]string{"MOVE", "d", "4"}, 2},
		{[]string{"EXPIRE", "b", "100"}, 1},
		{[]string{"PERSIST", "b"}, 1},
		{[]string{"PERSIST", "b"}, 0},
		{[]string{"EXPIRE", "b", "-1"}, 1},
		{[]string{"DEL", "c", "nokey"}, 1},
		{[]string{"EXISTS", "x"}, 0},
		{[]string{"TOUCH", "x"}, 0},
	}
	for _, tt := range tests {
		dirty := e.dirty
		keysRun(e, c, tt.args...)
		assert.Equal(t, tt.dirty, e.dirty-dirty, "%q", tt.args)
	}
}

func TestKeys(t *testing.T) {
	e, c, now := keysEngine(t)
	for _, k := range []string{"user:1", "user:2", "item:1", ""} {
		keysPut(e, 0, k, "v")
	}
	e.DB(0).SetExpire("user:2", now.UnixMilli())
	got := keysRun(e, c, "KEYS", "*")
	assert.ElementsMatch(t, []Value{Bulk("user:1"), Bulk("item:1"), Bulk("")}, got.Elems)
	assert.Equal(t, Array(Bulk("user:1")), keysRun(e, c, "KEYS", "user:*"))
	assert.Equal(t, Array(), keysRun(e, c, "KEYS", "nothing*"))
	// "**" goes through the matcher, which never matches the empty key.
	assert.Len(t, keysRun(e, c, "KEYS", "**").Elems, 2)
	assert.Equal(t, 4, e.DB(0).Len(), "KEYS skips expired keys without removing them")
	// The order is stable from call to call.
	assert.Equal(t, keysRun(e, c, "KEYS", "*"), keysRun(e, c, "KEYS", "*"))
}

func TestRandomkey(t *testing.T) {
	e, c, now := keysEngine(t)
	assert.Equal(t, Null, keysRun(e, c, "RANDOMKEY"))
	for i := range 5 {
		keysPut(e, 0, "k"+strconv.Itoa(i), "v")
		e.DB(0).SetExpire("k"+strconv.Itoa(i), now.Add(time.Second).UnixMilli())
	}
	got := keysRun(e, c, "RANDOMKEY")
	assert.Equal(t, KindBulk, got.Kind)
	assert.Contains(t, []string{"k0", "k1", "k2", "k3", "k4"}, got.Str)
	*now = now.Add(time.Second)
	assert.Equal(t, Null, keysRun(e, c, "RANDOMKEY"), "expired keys are dropped, not answered")
	assert.Equal(t, 0, e.DB(0).Len())
}

func TestObject(t *testing.T) {
	e, c, now := keysEngine(t)
	long := "0123456789012345678901234567890123456789012345"
	put := func(key string, o *Object) { e.DB(0).Set(key, o) }
	put("int", &Object{Type: TypeString, Str: "123"})
	put("bigint", &Object{Type: TypeString, Str: "10000"})
	put("neg", &Object{Type: TypeString, Str: "-1"})
	put("lead0", &Object{Type: TypeString, Str: "0123"})
	put("short", &Object{Type: TypeString, Str: "hello"})
	put("long", &Object{Type: TypeString, Str: long})
	put("appended", &Object{Type: TypeString, Str: "12", Raw: true})
	put("list", &Object{Type: TypeList, Val: &fakeVal{}})
	put("bare", &Object{Type: TypeZSet, Val: 1})
	runSteps(t, e, c, now, []step{
		{0, []string{"OBJECT", "ENCODING", "int"}, Bulk("int")},
		{0, []string{"OBJECT", "ENCODING", "lead0"}, Bulk("embstr")},
		{0, []string{"OBJECT", "ENCODING", "short"}, Bulk("embstr")},
		{0, []string{"OBJECT", "ENCODING", "long"}, Bulk("raw")},
		{0, []string{"OBJECT", "ENCODING", "appended"}, Bulk("raw")},
		{0, []string{"OBJECT", "ENCODING", "list"}, Bulk("listpack")},
		{0, []string{"OBJECT", "ENCODING", "bare"}, Bulk("skiplist")},
		{0, []string{"OBJECT", "ENCODING", "nokey"}, Null},
		{0, []string{"OBJECT", "REFCOUNT", "int"}, Int(2147483647)},
		{0, []string{"OBJECT", "REFCOUNT", "bigint"}, Int(1)},
		{0, []string{"OBJECT", "REFCOUNT", "neg"}, Int(1)},
		{0, []string{"OBJECT", "REFCOUNT", "short"}, Int(1)},
		{0, []string{"OBJECT", "REFCOUNT", "nokey"}, Null},
		{0, []string{"COPY", "int", "int2"}, Int(1)},
		{0, []string{"OBJECT", "REFCOUNT", "int2"}, Int(1)},
		{0, []string{"OBJECT", "ENCODING", "int2"}, Bulk("int")},
		{0, []string{"OBJECT", "FREQ", "int"}, Err(errNoLFU)},
		{0, []string{"OBJECT", "FREQ", "nokey"}, Null},
		{0, []string{"OBJECT", "IDLETIME", "nokey"}, Null},
		{0, []string{"OBJECT", "IDLETIME", "short"}, Int(0)},
		{10 * time.Second, []string{"OBJECT", "IDLETIME", "short"}, Int(10)},
		// Inspecting does not count as use...
		{0, []string{"TYPE", "short"}, Simple("string")},
		{0, []string{"TTL", "short"}, Int(-1)},
		{0, []string{"EXISTS", "short"}, Int(1)},
		{0, []string{"OBJECT", "IDLETIME", "short"}, Int(10)},
		// ...but TOUCH does.
		{0, []string{"TOUCH", "short"}, Int(1)},
		{1500 * time.Millisecond, []string{"OBJECT", "IDLETIME", "short"}, Int(1)},
		{0, []string{"OBJECT", "HELP"}, cmdObjectHelp(nil)},
	})
	help := cmdObjectHelp(nil)
	assert.Equal(t, Simple("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"), help.Elems[0])
	assert.Len(t, help.Elems, 12)
}

func TestObjectUnderLFU(t *testing.T) {
	e, c, _ := keysEngine(t)
	saved := lfuPolicy
	lfuPolicy = func(*Engine) bool { return true }
	t.Cleanup(func() { lfuPolicy = saved })
	keysPut(e, 0, "k", "v")
	assert.Equal(t, Int(lfuInitVal), keysRun(e, c, "OBJECT", "FREQ", "k"))
	assert.Equal(t, Err(errLFUIdle), keysRun(e, c, "OBJECT", "IDLETIME", "k"))
}

func TestScanErrors(t *testing.T) {
	e, c, _ := keysEngine(t)
	keysPut(e, 0, "k", "v")
	tests := []struct {
		args []string
		want Value
	}{
		{[]string{"SCAN", "abc"}, Err(errInvalidCursor)},
		{[]string{"SCAN", " 0"}, Err(errInvalidCursor)},
		{[]string{"SCAN", "0 "}, Err(errInvalidCursor)},
		{[]string{"SCAN", "18446744073709551616"}, Err(errInvalidCursor)},
		{[]string{"SCAN", "abc", "COUNT", "0"}, Err(errInvalidCursor)},
		{[]string{"SCAN", "0", "COUNT", "0"}, Err(ErrSyntax)},
		{[]string{"SCAN", "0", "COUNT", "-3"}, Err(ErrSyntax)},
		{[]string{"SCAN", "0", "COUNT", "x"}, Err(ErrNotInteger)},
		{[]string{"SCAN", "0", "COUNT"}, Err(ErrSyntax)},
		{[]string{"SCAN", "0", "MATCH"}, Err(ErrSyntax)},
		{[]string{"SCAN", "0", "TYPE"}, Err(ErrSyntax)},
		{[]string{"SCAN", "0", "LIMIT", "3"}, Err(ErrSyntax)},
		// strtoul's leniency: empty, signed and wrapped cursors are fine.
		{[]string{"SCAN", ""}, Array(Bulk("0"), Array(Bulk("k")))},
		{[]string{"SCAN", "+0"}, Array(Bulk("0"), Array(Bulk("k")))},
		{[]string{"SCAN", "0", "type", "STRING"}, Array(Bulk("0"), Array(Bulk("k")))},
		{[]string{"SCAN", "0", "type", "list"}, Array(Bulk("0"), Array())},
		{[]string{"SCAN", "0", "type", "nosuchtype"}, Array(Bulk("0"), Array())},
		{[]string{"SCAN", "0", "match", "k*", "count", "5"}, Array(Bulk("0"), Array(Bulk("k")))},
		{[]string{"SCAN", "0", "match", "x*"}, Array(Bulk("0"), Array())},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, keysRun(e, c, tt.args...), "%q", tt.args)
	}
}

// scanAll walks a whole SCAN, calling between after every call.
func scanAll(t *testing.T, e *Engine, c *Client, count string, between func()) []string {
	t.Helper()
	var got []string
	cursor := "0"
	for range 100_000 {
		r := keysRun(e, c, "SCAN", cursor, "COUNT", count)
		require.Equal(t, KindArray, r.Kind, "%v", r)
		cursor = r.Elems[0].Str
		for _, k := range r.Elems[1].Elems {
			got = append(got, k.Str)
		}
		if cursor == "0" {
			return got
		}
		between()
	}
	t.Fatal("SCAN never finished")
	return nil
}

func TestScanReturnsEachKeyOnce(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 100, 1000} {
		e, c, _ := keysEngine(t)
		want := make([]string, n)
		for i := range want {
			want[i] = "key:" + strconv.Itoa(i)
			keysPut(e, 0, want[i], "v")
		}
		for _, count := range []string{"1", "10", "1000"} {
			got := scanAll(t, e, c, count, func() {})
			assert.ElementsMatch(t, want, got, "n=%d count=%s", n, count)
		}
	}
}

func TestScanCountIsABatchSize(t *testing.T) {
	e, c, _ := keysEngine(t)
	for i := range 1000 {
		keysPut(e, 0, strconv.Itoa(i), "v")
	}
	r := keysRun(e, c, "SCAN", "0", "COUNT", "50")
	// Whole buckets are taken, so a batch may pass COUNT by a little.
	assert.GreaterOrEqual(t, len(r.Elems[1].Elems), 50)
	assert.Less(t, len(r.Elems[1].Elems), 60)
	assert.NotEqual(t, "0", r.Elems[0].Str)
	// Cursors are bucket numbers, smaller than the table (1024 here).
	n, err := strconv.ParseUint(r.Elems[0].Str, 10, 64)
	require.NoError(t, err)
	assert.Less(t, n, uint64(1024))
}

// TestScanWhileChanging checks SCAN's guarantee: a key present from the
// start to the end of a walk is returned, whatever is added or removed
// between calls, and (our stronger promise) no key comes twice.
func TestScanWhileChanging(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		e, c, _ := keysEngine(t)
		stable := map[string]bool{}
		for i := range 200 {
			k := "stable:" + strconv.Itoa(i)
			keysPut(e, 0, k, "v")
			stable[k] = true
		}
		next := 0
		var churn []string
		between := func() {
			// Grow and shrink the keyspace a lot, so the table size the
			// cursors are counted in changes under the walk.
			for range rng.IntN(300) {
				k := "new:" + strconv.Itoa(next)
				next++
				keysPut(e, 0, k, "v")
				churn = append(churn, k)
			}
			for range rng.IntN(300) {
				if len(churn) == 0 {
					break
				}
				i := rng.IntN(len(churn))
				keysRun(e, c, "DEL", churn[i])
				churn = append(churn[:i], churn[i+1:]...)
			}
			if rng.IntN(4) == 0 {
				// Another client's walk starting rebuilds the cached order.
				keysRun(e, c, "SCAN", "0")
			}
		}
		got := scanAll(t, e, c, strconv.Itoa(1+rng.IntN(20)), between)
		seen := map[string]int{}
		for _, k := range got {
			seen[k]++
		}
		for k := range stable {
			assert.Equal(t, 1, seen[k], "round %d: %s", round, k)
		}
		for k, n := range seen {
			assert.Equal(t, 1, n, "round %d: %s returned twice", round, k)
		}
	}
}

func TestScanSkipsExpired(t *testing.T) {
	e, c, now := keysEngine(t)
	keysPut(e, 0, "live", "v")
	keysPut(e, 0, "dead", "v")
	e.DB(0).SetExpire("dead", now.UnixMilli())
	assert.Equal(t, Array(Bulk("0"), Array(Bulk("live"))), keysRun(e, c, "SCAN", "0"))
	assert.Equal(t, 1, e.DB(0).Len(), "SCAN removes the expired keys it meets")
}

func TestScanCacheIsBounded(t *testing.T) {
	var dbs []*DB
	for range scanCacheSize + 3 {
		e, c, _ := keysEngine(t)
		keysPut(e, 0, "k", "v")
		keysRun(e, c, "SCAN", "0")
		dbs = append(dbs, e.DB(0))
	}
	scanCache.Lock()
	defer scanCache.Unlock()
	assert.Len(t, scanCache.dbs, scanCacheSize)
	assert.Equal(t, dbs[len(dbs)-1], scanCache.dbs[0], "the newest walk is kept")
}
