package engine

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// strStep is one command of a scenario: advance the fake clock by wait,
// then run args and expect want.
type strStep struct {
	wait time.Duration
	args []string
	want Value
}

func sargs(args ...string) []string { return args }

// runStrScenario runs steps on a fresh engine whose clock only moves when a
// step says so.
func runStrScenario(t *testing.T, steps []strStep) *Engine {
	t.Helper()
	now := time.UnixMilli(1700000000000)
	e := New(Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	for i, s := range steps {
		now = now.Add(s.wait)
		got := e.Exec(c, s.args)
		assert.Equal(t, s.want, got, "step %d: %q", i, s.args)
	}
	return e
}

const strWrongType = "WRONGTYPE Operation against a key holding the wrong kind of value"

func TestStringCommands(t *testing.T) {
	tests := []struct {
		name  string
		steps []strStep
	}{
		{"set and get", []strStep{
			{0, sargs("SET", "k", "v"), OK},
			{0, sargs("GET", "k"), Bulk("v")},
			{0, sargs("set", "k", "w"), OK},
			{0, sargs("GET", "k"), Bulk("w")},
			{0, sargs("GET", "nosuch"), Null},
			{0, sargs("SET", "bin", "a\x00b"), OK},
			{0, sargs("GET", "bin"), Bulk("a\x00b")},
		}},
		{"set conditions", []strStep{
			{0, sargs("SET", "k", "1", "NX"), OK},
			{0, sargs("SET", "k", "2", "NX"), Null},
			{0, sargs("SET", "k", "3", "XX"), OK},
			{0, sargs("SET", "other", "3", "xx"), Null},
			{0, sargs("SET", "k", "4", "NX", "XX"), Err("ERR syntax error")},
			{0, sargs("SET", "k", "4", "NX", "NX"), Null},
			{0, sargs("GET", "k"), Bulk("3")},
		}},
		{"set get", []strStep{
			{0, sargs("SET", "k", "1", "GET"), Null},
			{0, sargs("SET", "k", "2", "GET"), Bulk("1")},
			{0, sargs("SET", "k", "3", "NX", "GET"), Bulk("2")},
			{0, sargs("GET", "k"), Bulk("2")},
			{0, sargs("SET", "n", "1", "XX", "GET"), Null},
			{0, sargs("GET", "n"), Null},
			{0, sargs("SET", "n", "1", "NX", "GET"), Null},
			{0, sargs("GET", "n"), Bulk("1")},
		}},
		{"set expire options", []strStep{
			{0, sargs("SET", "ex", "v", "EX", "10"), OK},
			{0, sargs("SET", "px", "v", "PX", "1500"), OK},
			{0, sargs("SET", "exat", "v", "EXAT", "1700000020"), OK},
			{0, sargs("SET", "pxat", "v", "PXAT", "1700000000500"), OK},
			{499 * time.Millisecond, sargs("GET", "pxat"), Bulk("v")},
			{time.Millisecond, sargs("GET", "pxat"), Null},
			{999 * time.Millisecond, sargs("GET", "px"), Bulk("v")},
			{time.Millisecond, sargs("GET", "px"), Null},
			{8 * time.Second, sargs("GET", "ex"), Bulk("v")},
			{time.Second, sargs("GET", "ex"), Null},
			{9 * time.Second, sargs("GET", "exat"), Bulk("v")},
			{time.Second, sargs("GET", "exat"), Null},
		}},
		{"set keepttl and plain set", []strStep{
			{0, sargs("SET", "k", "1", "EX", "10"), OK},
			{0, sargs("SET", "k", "2", "KEEPTTL"), OK},
			{10 * time.Second, sargs("GET", "k"), Null},
			{0, sargs("SET", "k", "1", "EX", "10"), OK},
			{0, sargs("SET", "k", "2"), OK},
			{20 * time.Second, sargs("GET", "k"), Bulk("2")},
		}},
		{"set expire in the past", []strStep{
			{0, sargs("SET", "k", "v", "EXAT", "1"), OK},
			{0, sargs("GET", "k"), Null},
			{0, sargs("SET", "k", "v"), OK},
			{0, sargs("SET", "k", "w", "PXAT", "1", "GET"), Bulk("v")},
			{0, sargs("GET", "k"), Null},
		}},
		{"set expire errors", []strStep{
			{0, sargs("SET", "k", "v", "EX", "0"), Err("ERR invalid expire time in 'set' command")},
			{0, sargs("SET", "k", "v", "PX", "-1"), Err("ERR invalid expire time in 'set' command")},
			{0, sargs("SET", "k", "v", "EXAT", "0"), Err("ERR invalid expire time in 'set' command")},
			{0, sargs("SET", "k", "v", "EX", "9223372036854776"), Err("ERR invalid expire time in 'set' command")},
			{0, sargs("SET", "k", "v", "PX", "9223372036854775807"), Err("ERR invalid expire time in 'set' command")},
			{0, sargs("SET", "k", "v", "EX", "x"), Err(ErrNotInteger)},
			{0, sargs("SET", "k", "v", "EX"), Err(ErrSyntax)},
			{0, sargs("SET", "k", "v", "EX", "1", "PX", "1"), Err(ErrSyntax)},
			{0, sargs("SET", "k", "v", "KEEPTTL", "EX", "1"), Err(ErrSyntax)},
			{0, sargs("SET", "k", "v", "PERSIST"), Err(ErrSyntax)},
			{0, sargs("SETEX", "k", "0", "v"), Err("ERR invalid expire time in 'setex' command")},
			{0, sargs("PSETEX", "k", "-5", "v"), Err("ERR invalid expire time in 'psetex' command")},
			{0, sargs("GET", "k"), Null},
		}},
		{"setnx setex psetex", []strStep{
			{0, sargs("SETNX", "k", "1"), Int(1)},
			{0, sargs("SETNX", "k", "2"), Int(0)},
			{0, sargs("SETEX", "e", "2", "v"), OK},
			{0, sargs("PSETEX", "p", "2000", "v"), OK},
			{1999 * time.Millisecond, sargs("MGET", "k", "e", "p"), Array(Bulk("1"), Bulk("v"), Bulk("v"))},
			{time.Millisecond, sargs("MGET", "k", "e", "p"), Array(Bulk("1"), Null, Null)},
		}},
		{"getset getdel", []strStep{
			{0, sargs("GETSET", "k", "1"), Null},
			{0, sargs("SET", "k", "1", "EX", "5"), OK},
			{0, sargs("GETSET", "k", "2"), Bulk("1")},
			{10 * time.Second, sargs("GETDEL", "k"), Bulk("2")},
			{0, sargs("GETDEL", "k"), Null},
			{0, sargs("GET", "k"), Null},
		}},
		{"getex", []strStep{
			{0, sargs("GETEX", "nosuch", "EX", "0"), Null},
			{0, sargs("SET", "k", "v"), OK},
			{0, sargs("GETEX", "k"), Bulk("v")},
			{0, sargs("GETEX", "k", "EX", "0"), Err("ERR invalid expire time in 'getex' command")},
			{0, sargs("GETEX", "k", "KEEPTTL"), Err(ErrSyntax)},
			{0, sargs("GETEX", "k", "PERSIST", "EX", "1"), Err(ErrSyntax)},
			{0, sargs("GETEX", "k", "EX", "10"), Bulk("v")},
			{9 * time.Second, sargs("GETEX", "k", "PX", "2000"), Bulk("v")},
			{1999 * time.Millisecond, sargs("GET", "k"), Bulk("v")},
			{0, sargs("GETEX", "k", "PERSIST"), Bulk("v")},
			{time.Hour, sargs("GET", "k"), Bulk("v")},
			{0, sargs("GETEX", "k", "EXAT", "1900000000"), Bulk("v")},
			{0, sargs("GETEX", "k", "PXAT", "1"), Bulk("v")},
			{0, sargs("GET", "k"), Null},
		}},
		{"mset msetnx mget", []strStep{
			{0, sargs("MSET", "a", "1", "b", "2"), OK},
			{0, sargs("MSET", "a", "1", "b"), Err("ERR wrong number of arguments for 'mset' command")},
			{0, sargs("MSETNX", "b", "x", "c", "y"), Int(0)},
			{0, sargs("MSETNX", "c", "x", "d", "y"), Int(1)},
			{0, sargs("MSETNX", "e"), Err("ERR wrong number of arguments for 'msetnx' command")},
			{0, sargs("RPUSH", "l", "x"), Int(1)},
			{0, sargs("MGET", "a", "b", "c", "d", "l", "zz"), Array(Bulk("1"), Bulk("2"), Bulk("x"), Bulk("y"), Null, Null)},
		}},
		{"append strlen", []strStep{
			{0, sargs("APPEND", "k", "ab"), Int(2)},
			{0, sargs("APPEND", "k", "cd"), Int(4)},
			{0, sargs("APPEND", "k", ""), Int(4)},
			{0, sargs("STRLEN", "k"), Int(4)},
			{0, sargs("STRLEN", "nosuch"), Int(0)},
			{0, sargs("GET", "k"), Bulk("abcd")},
		}},
		{"getrange substr", []strStep{
			{0, sargs("SET", "k", "This is a string"), OK},
			{0, sargs("GETRANGE", "k", "0", "3"), Bulk("This")},
			{0, sargs("GETRANGE", "k", "-3", "-1"), Bulk("ing")},
			{0, sargs("GETRANGE", "k", "0", "-1"), Bulk("This is a string")},
			{0, sargs("GETRANGE", "k", "10", "100"), Bulk("string")},
			{0, sargs("GETRANGE", "k", "-1", "-5"), Bulk("")},
			{0, sargs("GETRANGE", "k", "-100", "-100"), Bulk("T")},
			{0, sargs("GETRANGE", "k", "3", "-100"), Bulk("")},
			{0, sargs("GETRANGE", "nosuch", "0", "-1"), Bulk("")},
			{0, sargs("GETRANGE", "k", "a", "1"), Err(ErrNotInteger)},
			{0, sargs("SUBSTR", "k", "5", "6"), Bulk("is")},
		}},
		{"setrange", []strStep{
			{0, sargs("SET", "k", "Hello World"), OK},
			{0, sargs("SETRANGE", "k", "6", "Redis"), Int(11)},
			{0, sargs("SETRANGE", "k", "13", "!"), Int(14)},
			{0, sargs("GET", "k"), Bulk("Hello Redis\x00\x00!")},
			{0, sargs("SETRANGE", "new", "2", "x"), Int(3)},
			{0, sargs("GET", "new"), Bulk("\x00\x00x")},
			{0, sargs("SETRANGE", "none", "2", ""), Int(0)},
			{0, sargs("GET", "none"), Null},
			{0, sargs("SETRANGE", "k", "-1", "x"), Err("ERR offset is out of range")},
			{0, sargs("SETRANGE", "k", "536870912", "x"), Err("ERR string exceeds maximum allowed size (proto-max-bulk-len)")},
		}},
		{"incr decr", []strStep{
			{0, sargs("INCR", "n"), Int(1)},
			{0, sargs("INCRBY", "n", "41"), Int(42)},
			{0, sargs("DECR", "n"), Int(41)},
			{0, sargs("DECRBY", "n", "-9"), Int(50)},
			{0, sargs("GET", "n"), Bulk("50")},
			{0, sargs("SET", "max", "9223372036854775807"), OK},
			{0, sargs("INCR", "max"), Err("ERR increment or decrement would overflow")},
			{0, sargs("SET", "min", "-9223372036854775808"), OK},
			{0, sargs("DECR", "min"), Err("ERR increment or decrement would overflow")},
			{0, sargs("DECRBY", "x", "-9223372036854775808"), Err("ERR decrement would overflow")},
			{0, sargs("SET", "s", "01"), OK},
			{0, sargs("INCR", "s"), Err(ErrNotInteger)},
			{0, sargs("INCRBY", "n", "1.5"), Err(ErrNotInteger)},
		}},
		{"incr keeps ttl", []strStep{
			{0, sargs("SET", "n", "1", "EX", "10"), OK},
			{0, sargs("INCR", "n"), Int(2)},
			{0, sargs("INCRBYFLOAT", "n", "0.5"), Bulk("2.5")},
			{0, sargs("APPEND", "n", "1"), Int(4)},
			{0, sargs("SETRANGE", "n", "0", "3"), Int(4)},
			{9 * time.Second, sargs("GET", "n"), Bulk("3.51")},
			{time.Second, sargs("GET", "n"), Null},
		}},
		{"incrbyfloat", []strStep{
			{0, sargs("INCRBYFLOAT", "f", "10.5"), Bulk("10.5")},
			{0, sargs("INCRBYFLOAT", "f", "0.1"), Bulk("10.6")},
			{0, sargs("INCRBYFLOAT", "f", "5.0e3"), Bulk("5010.60000000000000009")},
			{0, sargs("INCRBYFLOAT", "g", "0.1"), Bulk("0.1")},
			{0, sargs("INCRBYFLOAT", "g", "0.2"), Bulk("0.3")},
			{0, sargs("INCRBYFLOAT", "g", "-0.3"), Bulk("0")},
			{0, sargs("INCRBYFLOAT", "g", "abc"), Err(ErrNotFloat)},
			{0, sargs("INCRBYFLOAT", "g", "inf"), Err("ERR increment would produce NaN or Infinity")},
			{0, sargs("SET", "s", "x"), OK},
			{0, sargs("INCRBYFLOAT", "s", "1"), Err(ErrNotFloat)},
		}},
		{"wrong type", []strStep{
			{0, sargs("RPUSH", "l", "x"), Int(1)},
			{0, sargs("GET", "l"), Err(strWrongType)},
			{0, sargs("SET", "l", "v", "GET"), Err(strWrongType)},
			{0, sargs("GETSET", "l", "v"), Err(strWrongType)},
			{0, sargs("GETDEL", "l"), Err(strWrongType)},
			{0, sargs("GETEX", "l", "PERSIST"), Err(strWrongType)},
			{0, sargs("APPEND", "l", "v"), Err(strWrongType)},
			{0, sargs("STRLEN", "l"), Err(strWrongType)},
			{0, sargs("GETRANGE", "l", "0", "1"), Err(strWrongType)},
			{0, sargs("SETRANGE", "l", "0", "v"), Err(strWrongType)},
			{0, sargs("INCR", "l"), Err(strWrongType)},
			{0, sargs("DECRBY", "l", "1"), Err(strWrongType)},
			{0, sargs("INCRBYFLOAT", "l", "1"), Err(strWrongType)},
			{0, sargs("LCS", "l", "x"), Err("ERR The specified keys must contain string values")},
			{0, sargs("SETNX", "l", "v"), Int(0)},
			{0, sargs("SET", "l", "v"), OK},
			{0, sargs("GET", "l"), Bulk("v")},
		}},
		{"lcs", []strStep{
			{0, sargs("MSET", "a", "ohmytext", "b", "mynewtext"), OK},
			{0, sargs("LCS", "a", "b"), Bulk("mytext")},
			{0, sargs("LCS", "a", "b", "LEN"), Int(6)},
			{0, sargs("LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"), Map(
				Bulk("matches"), Array(
					Array(Array(Int(4), Int(7)), Array(Int(5), Int(8)), Int(4)),
				),
				Bulk("len"), Int(6))},
			{0, sargs("LCS", "a", "b", "IDX"), Map(
				Bulk("matches"), Array(
					Array(Array(Int(4), Int(7)), Array(Int(5), Int(8))),
					Array(Array(Int(2), Int(3)), Array(Int(0), Int(1))),
				),
				Bulk("len"), Int(6))},
			{0, sargs("LCS", "a", "nosuch", "IDX"), Map(Bulk("matches"), Array(), Bulk("len"), Int(0))},
			{0, sargs("LCS", "a", "b", "LEN", "IDX"), Err("ERR If you want both the length and indexes, please just use IDX.")},
			{0, sargs("LCS", "a", "b", "MINMATCHLEN"), Err(ErrSyntax)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			strWithListStub(t)
			runStrScenario(t, tt.steps)
		})
	}
}

// strWithListStub provides RPUSH for the wrong-type cases while the list
// commands may not be registered yet.
func strWithListStub(t *testing.T) {
	if Lookup("rpush") != nil {
		return
	}
	withCommand(t, &Command{Name: "rpush", Arity: -3, Run: func(x *Ctx) Value {
		x.DB.Set(x.Args[1], &Object{Type: TypeList, Val: x.Args[2:]})
		return Int(int64(len(x.Args) - 2))
	}})
}

func TestStringWritesMarkKeysModified(t *testing.T) {
	tests := []struct {
		setup []string
		args  []string
		dirty int64
	}{
		{nil, sargs("SET", "k", "v"), 1},
		{sargs("SET", "k", "v"), sargs("SET", "k", "v", "NX"), 0},
		{nil, sargs("SET", "k", "v", "XX"), 0},
		{nil, sargs("MSET", "a", "1", "b", "2"), 2},
		{sargs("SET", "a", "1"), sargs("MSETNX", "a", "1", "b", "2"), 0},
		{nil, sargs("APPEND", "k", "v"), 1},
		{nil, sargs("SETRANGE", "k", "0", ""), 0},
		{sargs("SET", "k", "v"), sargs("SETRANGE", "k", "0", "w"), 1},
		{nil, sargs("INCR", "k"), 1},
		{nil, sargs("INCRBYFLOAT", "k", "1"), 1},
		{sargs("SET", "k", "v"), sargs("GETEX", "k"), 0},
		{sargs("SET", "k", "v"), sargs("GETEX", "k", "PERSIST"), 0},
		{sargs("SET", "k", "v", "EX", "9"), sargs("GETEX", "k", "PERSIST"), 1},
		{sargs("SET", "k", "v"), sargs("GETEX", "k", "EX", "9"), 1},
		{sargs("SET", "k", "v"), sargs("GETDEL", "k"), 1},
		{nil, sargs("GETDEL", "k"), 0},
		{nil, sargs("GET", "k"), 0},
		{nil, sargs("INCR", "k", "extra"), 0},
	}
	for _, tt := range tests {
		e := New(Options{})
		c := e.NewClient(nil)
		if tt.setup != nil {
			require.False(t, e.Exec(c, tt.setup).IsError())
		}
		before := e.dirty
		e.Exec(c, tt.args)
		assert.Equal(t, tt.dirty, e.dirty-before, "%q", tt.args)
	}
}

func TestStringReadsCountKeyspaceHits(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	e.Exec(c, sargs("SET", "k", "v"))
	e.Exec(c, sargs("GET", "k"))
	e.Exec(c, sargs("GET", "nosuch"))
	e.Exec(c, sargs("MGET", "k", "k", "nosuch"))
	e.Exec(c, sargs("INCR", "n")) // a write: not counted
	assert.Equal(t, int64(3), e.stats.hits)
	assert.Equal(t, int64(2), e.stats.misses)
}

func TestStringLengthLimit(t *testing.T) {
	saved := ProtoMaxBulkLen
	ProtoMaxBulkLen = 10
	t.Cleanup(func() { ProtoMaxBulkLen = saved })
	tests := []struct {
		args []string
		want Value
	}{
		{sargs("APPEND", "k", "0123456789"), Int(10)},
		{sargs("APPEND", "k", "x"), Err("ERR string exceeds maximum allowed size (proto-max-bulk-len)")},
		{sargs("SETRANGE", "k", "9", "y"), Int(10)},
		{sargs("SETRANGE", "k", "10", "y"), Err("ERR string exceeds maximum allowed size (proto-max-bulk-len)")},
		{sargs("SETRANGE", "new", "8", "ab"), Int(10)},
		{sargs("SETRANGE", "new2", "8", "abc"), Err("ERR string exceeds maximum allowed size (proto-max-bulk-len)")},
		// (1+1)*(1+0)*4 bytes of table fit; (2+1)*(1+1)*4 do not.
		{sargs("LCS", "a", "nosuch"), Bulk("")},
		{sargs("SET", "a", "xy"), OK},
		{sargs("SET", "b", "x"), OK},
		{sargs("LCS", "a", "b"), Err("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")},
	}
	e := New(Options{})
	c := e.NewClient(nil)
	for _, tt := range tests {
		assert.Equal(t, tt.want, e.Exec(c, tt.args), "%q", tt.args)
	}
}

func TestStringEncoding(t *testing.T) {
	tests := []struct {
		args []string
		key  string
		want string
	}{
		{sargs("SET", "k", "12345"), "k", "int"},
		{sargs("SET", "k", "-42"), "k", "int"},
		{sargs("SET", "k", "012"), "k", "embstr"},
		{sargs("SET", "k", "12345678901234567890"), "k", "embstr"},
		{sargs("SET", "k", strings.Repeat("a", 44)), "k", "embstr"},
		{sargs("SET", "k", strings.Repeat("a", 45)), "k", "raw"},
		{sargs("APPEND", "new", "12"), "new", "int"},
		{sargs("APPEND", "k", ""), "k", "raw"},
		{sargs("SETRANGE", "r", "0", "1"), "r", "raw"},
		{sargs("INCR", "i"), "i", "int"},
		{sargs("INCRBYFLOAT", "f", "3"), "f", "embstr"},
		{sargs("MSET", "m", "7"), "m", "int"},
	}
	e := New(Options{})
	c := e.NewClient(nil)
	for _, tt := range tests {
		require.False(t, e.Exec(c, tt.args).IsError(), "%q", tt.args)
		o := e.DB(0).Lookup(tt.key, 0)
		require.NotNil(t, o)
		assert.Equal(t, tt.want, StringEncoding(o), "%q", tt.args)
	}
}

// TestStringIntegerRules pins the integer syntax the string commands accept.
func TestStringIntegerRules(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"1", 1, true},
		{"-1", -1, true},
		{"9223372036854775807", 9223372036854775807, true},
		{"-9223372036854775808", -9223372036854775808, true},
		{"9223372036854775808", 0, false},
		{"-9223372036854775809", 0, false},
		{"99999999999999999999", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"-0", 0, false},
		{"01", 0, false},
		{"+1", 0, false},
		{" 1", 0, false},
		{"1 ", 0, false},
		{"1.0", 0, false},
		{"1\x00", 0, false},
		{"00000000000000000000001", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseInt(tt.in)
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}

// The expected texts below were read from redis-server 7.0.15 on amd64.
func TestLongDouble(t *testing.T) {
	tests := []struct {
		a, b string
		want string // "" when a parse fails, "overflow" for a non-finite sum
	}{
		{"10.5", "0.1", "10.6"},
		{"0.1", "0.2", "0.3"},
		{"5200", "1e-3", "5200.00099999999999989"},
		{"0", "1.23456789012345678901234567890", "1.23456789012345679"},
		{"0", "123456789.123456789", "123456789.12345678899873747"},
		{"1e20", "1", "100000000000000000000"},
		{"0", "1e30", "1000000000000000000024696061952"},
		{"0", "-0.00000000000000001", "-0.00000000000000001"},
		{"0", "-1e-20", "0"},
		{"0", "0.000003814697265625", "0.00000381469726562"},
		{"0", "0.000011444091796875", "0.00001144409179688"},
		{"0", "18446744073709551617", "18446744073709551616"},
		{"0", "-9223372036854775808", "-9223372036854775808"},
		{"0", "3.14159265358979323846264338327950288", "3.14159265358979324"},
		{"0", "+1.5", "1.5"},
		{"0", ".5", "0.5"},
		{"0", "5.", "5"},
		{"0", "0x1p-2", "0.25"},
		{"0", "0X1.8P1", "3"},
		{"0", "-0x.8", "-0.5"},
		{"0", "007.50", "7.5"},
		{"0", "-0", "0"},
		{"0", "0.0e999999", "0"},
		{"0", "1e-4950", "0"},
		{"0", "0x1p-16445", "0"},
		{"0", "0x1.8p-16446", "0"},
		{"0", "0x1p-16446", ""},
		{"0", "1.2e4932", ""},
		{"0", "1e-5000", ""},
		{"0", "1e5000", ""},
		{"0", "1e99999999999999999999999", ""},
		{"0", "nan", ""},
		{"0", "nan(123)", ""},
		{"0", " 1", ""},
		{"0", "1 ", ""},
		{"0", "\t1", ""},
		{"0", "1e", ""},
		{"0", "1e+", ""},
		{"0", "0x", ""},
		{"0", "0x1p", ""},
		{"0", ".", ""},
		{"0", "-", ""},
		{"0", "1,5", ""},
		{"0", "infinit", ""},
		{"0", "2\x00junk", ""},
		{"0", "", ""},
		{"0", "inf", "overflow"},
		{"0", "-Infinity", "overflow"},
		{"1.5", "-inf", "overflow"},
		{"-1e4932", "-1e4932", "overflow"},
		{"1.7976931348623157e308", "1.7976931348623157e308",
			"359538626972463139991842093548208868096772893888658356970628841530353257046248792709403737216774171128857586838851041378617416726902272110715794556052955234146997955372576789671236326588091188869859074894581254961338834769297758245552436667197907705664206565009503223382416235440319971852753604933726679072768"},
	}
	for _, tt := range tests {
		a, ok := ParseLongDouble(tt.a)
		require.True(t, ok, tt.a)
		b, ok := ParseLongDouble(tt.b)
		if tt.want == "" {
			assert.False(t, ok, "%q", tt.b)
			continue
		}
		require.True(t, ok, "%q", tt.b)
		sum, ok := a.Add(b)
		if tt.want == "overflow" {
			assert.True(t, !ok || sum.IsInf(), "%q + %q", tt.a, tt.b)
			continue
		}
		require.True(t, ok)
		assert.False(t, sum.IsInf())
		assert.Equal(t, tt.want, sum.HumanString(), "%q + %q", tt.a, tt.b)
	}
}

func TestLongDoubleFromInt(t *testing.T) {
	for _, n := range []int64{0, 1, -1, 9223372036854775807, -9223372036854775808} {
		d := LongDoubleFromInt(n)
		assert.Equal(t, strconv.FormatInt(n, 10), d.HumanString())
		assert.Equal(t, float64(n), d.Float64())
	}
}

func TestLongDoubleLargest(t *testing.T) {
	// The largest finite long double, and a value just above it that
	// still rounds down to it.
	for _, s := range []string{"1.18973149535723176502e+4932", "1.18973149535723176503e+4932"} {
		d, ok := ParseLongDouble(s)
		require.True(t, ok, s)
		got := d.HumanString()
		assert.Len(t, got, 4933)
		assert.True(t, strings.HasPrefix(got, "11897314953572317650212638530309702051690633222946242004403237338917"), got[:80])
	}
}

func TestStringCommandTable(t *testing.T) {
	tests := []struct {
		name       string
		arity      int
		flags      []string
		deprecated bool
		replacedBy string
	}{
		{"set", -3, []string{"write", "denyoom"}, false, ""},
		{"get", 2, []string{"readonly", "fast"}, false, ""},
		{"getset", 3, []string{"write", "denyoom", "fast"}, true, "`SET` with the `!GET` argument"},
		{"substr", 4, []string{"readonly"}, true, "`GETRANGE`"},
		{"setnx", 3, []string{"write", "denyoom", "fast"}, false, ""},
		{"mset", -3, []string{"write", "denyoom"}, false, ""},
		{"lcs", -3, []string{"readonly"}, false, ""},
		{"getex", -2, []string{"write", "fast"}, false, ""},
		{"incrbyfloat", 3, []string{"write", "denyoom", "fast"}, false, ""},
	}
	for _, tt := range tests {
		c := Lookup(tt.name)
		require.NotNil(t, c, tt.name)
		assert.Equal(t, tt.arity, c.Arity, tt.name)
		assert.Equal(t, tt.flags, c.Flags, tt.name)
		assert.Equal(t, "string", c.Group, tt.name)
		assert.Equal(t, tt.deprecated, len(c.DocFlags) == 1 && c.DocFlags[0] == "deprecated", tt.name)
		assert.Equal(t, tt.replacedBy, c.ReplacedBy, tt.name)
		assert.NotEmpty(t, c.Summary, tt.name)
		assert.NotNil(t, c.Run, tt.name)
	}
	// MSET's keys are every other argument; LCS reads two.
	mset := Lookup("mset")
	assert.Equal(t, []int{1, -1, 2}, []int{mset.FirstKey, mset.LastKey, mset.Step})
	assert.Equal(t, 2, mset.KeySpecs[0].KeyStep)
	lcs := Lookup("lcs")
	assert.Equal(t, []int{1, 2, 1}, []int{lcs.FirstKey, lcs.LastKey, lcs.Step})
}
