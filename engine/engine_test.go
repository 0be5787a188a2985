package engine

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withCommand installs cmd in the table for the duration of the test.
func withCommand(t *testing.T, cmd *Command) {
	t.Helper()
	register(cmd)
	t.Cleanup(func() {
		delete(table, cmd.Name)
		delete(table, upper(cmd.Name))
	})
}

func TestDispatchErrors(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	withCommand(t, &Command{Name: "x-fixed", Arity: 2, Run: func(x *Ctx) Value { return OK }})
	withCommand(t, &Command{Name: "x-container", Arity: -2, Subcommands: []*Command{
		{Name: "sub", Arity: 3, Run: func(x *Ctx) Value { return Bulk(x.Args[2]) }},
	}})

	tests := []struct {
		args []string
		want Value
	}{
		{[]string{"nosuch"}, Err("ERR unknown command 'nosuch', with args beginning with: ")},
		{[]string{"nosuch", "a", "b"}, Err("ERR unknown command 'nosuch', with args beginning with: 'a' 'b' ")},
		{[]string{"nosuch", "a\r\nb"}, Err("ERR unknown command 'nosuch', with args beginning with: 'a  b' ")},
		{[]string{"x-fixed"}, Err("ERR wrong number of arguments for 'x-fixed' command")},
		{[]string{"X-FIXED", "a", "b"}, Err("ERR wrong number of arguments for 'x-fixed' command")},
		{[]string{"X-Fixed", "a"}, OK},
		{[]string{"x-container"}, Err("ERR wrong number of arguments for 'x-container' command")},
		{[]string{"x-container", "nope"}, Err("ERR unknown subcommand 'nope'. Try X-CONTAINER HELP.")},
		{[]string{"x-container", "SUB"}, Err("ERR wrong number of arguments for 'x-container|sub' command")},
		{[]string{"x-container", "sub", "v"}, Bulk("v")},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, e.Exec(c, tt.args), "%q", tt.args)
	}
}

func TestUnknownCommandTruncatesArgs(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	long := make([]byte, 200)
	for i := range long {
		long[i] = 'a'
	}
	got := e.Exec(c, []string{"nosuch", string(long), "next"})
	// Redis quotes at most 128 bytes of arguments and then stops.
	assert.Equal(t, "ERR unknown command 'nosuch', with args beginning with: '"+string(long[:128])+"' ", got.Str)
}

func TestPanicIsAnsweredAndDataKept(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	e.DB(0).Set("kept", &Object{Type: TypeString, Str: "v"})
	withCommand(t, &Command{Name: "x-panic", Arity: 1, Run: func(x *Ctx) Value { panic("boom") }})

	got := e.Exec(c, []string{"x-panic"})
	require.Equal(t, KindError, got.Kind)
	assert.Contains(t, got.Str, "boom")
	assert.Equal(t, "v", e.DB(0).Lookup("kept", 0).Str)
	// The engine is still usable: the lock was released.
	assert.Equal(t, KindError, e.Exec(c, []string{"x-panic"}).Kind)
}

func TestExpiry(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	e := New(Options{Clock: func() time.Time { return now }})
	db := e.DB(0)
	ms := now.UnixMilli()
	for _, k := range []string{"a", "b", "c"} {
		db.Set(k, &Object{Type: TypeString, Str: k})
	}
	db.SetExpire("a", ms+1000)
	db.SetExpire("b", ms+5000)

	assert.NotNil(t, db.Lookup("a", ms+999), "alive until its time")
	assert.Nil(t, db.Lookup("a", ms+1000), "gone at its time (lazy)")
	assert.Equal(t, 2, db.Len())

	// Setting a value clears the TTL; Replace keeps it.
	db.Replace("b", &Object{Type: TypeString, Str: "b2"})
	_, has := db.Expire("b")
	assert.True(t, has)
	db.Set("b", &Object{Type: TypeString, Str: "b3"})
	_, has = db.Expire("b")
	assert.False(t, has)

	// The active cycle removes expired keys nobody reads.
	for i := 0; i < 100; i++ {
		k := string(rune('A'+i%26)) + string(rune('a'+i/26))
		db.Set(k, &Object{Type: TypeString})
		db.SetExpire(k, ms+10)
	}
	now = now.Add(time.Second)
	e.Tick()
	assert.Equal(t, 2, db.Len(), "only the keys without a TTL remain")
	assert.Equal(t, int64(101), e.stats.expiredKeys)
}

func TestRESP2Shape(t *testing.T) {
	v := Map(Bulk("f"), Double(1.5), Bulk("g"), Set(Bool(true), Double(0.1)))
	assert.Equal(t, Array(Bulk("f"), Bulk("1.5"), Bulk("g"), Array(Int(1), Bulk("0.10000000000000001"))), v.RESP2())
	assert.Equal(t, "inf", FormatDouble(posInf()))
	assert.Equal(t, "1e+20", FormatDouble(1e20))
}

func posInf() float64 { var z float64; return 1 / z }
