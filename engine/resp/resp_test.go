package resp

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
)

// readAll feeds in to a Reader and collects every request and the final
// error, the way the server loop consumes them.
func readAll(rd io.Reader) ([][]string, error) {
	r := NewReader(rd)
	var all [][]string
	for {
		cmds, err := r.ReadBatch(nil)
		all = append(all, cmds...)
		if err != nil {
			return all, err
		}
	}
}

func TestReadBatch(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want [][]string
		err  string // protocol error text, "" for io.EOF
	}{
		{"multibulk", "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", [][]string{{"GET", "k"}}, ""},
		{"pipelined", "*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$0\r\n\r\n", [][]string{{"PING"}, {"SET", "a", ""}}, ""},
		{"binary", "*1\r\n$4\r\na\r\nb\r\n", [][]string{{"a\r\nb"}}, ""},
		{"empty multibulk", "*0\r\n*-1\r\n*1\r\n$1\r\nx\r\n", [][]string{{"x"}}, ""},
		{"inline", "SET a b\r\nGET a\n", [][]string{{"SET", "a", "b"}, {"GET", "a"}}, ""},
		{"inline blank lines", "\r\n\n  \r\nPING\r\n", [][]string{{"PING"}}, ""},
		{"inline quotes", `SET "a b" 'c d'` + "\r\n", [][]string{{"SET", "a b", "c d"}}, ""},
		{"inline escapes", `ECHO "\x41\n\t\"\\q" 'it\'s'` + "\n", [][]string{{"ECHO", "A\n\t\"\\q", "it's"}}, ""},
		{"inline quote mid word", `ECHO a"b c"d` + "\n", nil, ErrUnbalanced},
		{"inline quote joins", `ECHO a"b c"` + "\n", [][]string{{"ECHO", "ab c"}}, ""},
		{"inline NUL ends line", "ECHO a\x00b c\n", [][]string{{"ECHO", "a"}}, ""},
		{"inline unbalanced", "SET \"a b\r\n", nil, ErrUnbalanced},
		{"inline unbalanced after good", "PING\r\nSET 'a\r\n", [][]string{{"PING"}}, ErrUnbalanced},
		{"invalid multibulk", "*x\r\n", nil, ErrInvalidMultibulk},
		{"multibulk plus sign", "*+1\r\n", nil, ErrInvalidMultibulk},
		{"multibulk leading zero", "*01\r\n", nil, ErrInvalidMultibulk},
		{"multibulk too large", "*2147483648\r\n", nil, ErrInvalidMultibulk},
		{"expected dollar", "*1\r\n+OK\r\n", nil, "ERR Protocol error: expected '$', got '+'"},
		{"invalid bulk", "*1\r\n$-1\r\n", nil, ErrInvalidBulk},
		{"bulk too big", "*1\r\n$536870913\r\n", nil, ErrInvalidBulk},
		{"bulk junk", "*1\r\n$1x\r\n", nil, ErrInvalidBulk},
		{"good then bad", "*1\r\n$4\r\nPING\r\n*1\r\n$z\r\n", [][]string{{"PING"}}, ErrInvalidBulk},
		{"too big inline", strings.Repeat("a", MaxInline+1), nil, ErrBigInline},
		{"too big mbulk count", "*" + strings.Repeat("1", MaxInline+1), nil, ErrBigMultibulk},
		{"too big bulk count", "*1\r\n$" + strings.Repeat("1", MaxInline+1), nil, ErrBigBulkCount},
		{"truncated", "*2\r\n$3\r\nGET\r\n", nil, ""},
	}
	for _, tt := range tests {
		for _, mode := range []string{"whole", "bytewise"} {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				var rd io.Reader = strings.NewReader(tt.in)
				if mode == "bytewise" {
					rd = iotest.OneByteReader(rd)
				}
				got, err := readAll(rd)
				assert.Equal(t, tt.want, got)
				if tt.err == "" {
					assert.ErrorIs(t, err, io.EOF)
				} else {
					require.True(t, IsProtocolError(err), "got %v", err)
					assert.Equal(t, tt.err, err.Error())
				}
			})
		}
	}
}

func TestReadBatchBigBulk(t *testing.T) {
	big := strings.Repeat("x", 3*MaxInline+5)
	in := "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + strconv.Itoa(len(big)) + "\r\n" + big + "\r\n*1\r\n$4\r\nPING\r\n"
	got, err := readAll(iotest.HalfReader(strings.NewReader(in)))
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, [][]string{{"SET", "k", big}, {"PING"}}, got)
}

func TestReadBatchGroupsPipeline(t *testing.T) {
	// Everything already buffered comes back in one batch.
	in := strings.Repeat("*1\r\n$4\r\nPING\r\n", 100)
	r := NewReader(strings.NewReader(in))
	cmds, err := r.ReadBatch(nil)
	require.NoError(t, err)
	assert.Len(t, cmds, 100)
	assert.Zero(t, r.Buffered())
}

func TestSplitArgs(t *testing.T) {
	tests := []struct {
		in    string
		want  []string
		valid bool
	}{
		{"", nil, true},
		{"  a  b ", []string{"a", "b"}, true},
		{"a\vb", []string{"a\vb"}, true},
		{`"a"b`, nil, false},
		{`'a'b`, nil, false},
		{`"a\"`, nil, false},
		{`""`, []string{""}, true},
		{`"\x4g"`, []string{"x4g"}, true},
		{`'\n'`, []string{`\n`}, true},
		{`"\a\b\r"`, []string{"\a\b\r"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, valid := SplitArgs([]byte(tt.in), nil)
			assert.Equal(t, tt.valid, valid)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"-1", -1, true}, {"9223372036854775807", math.MaxInt64, true},
		{"-9223372036854775808", math.MinInt64, true}, {"9223372036854775808", 0, false},
		{"-0", 0, false}, {"00", 0, false}, {"", 0, false}, {"-", 0, false}, {" 1", 0, false},
		{"99999999999999999999", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseInt([]byte(tt.in))
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestAppendValue(t *testing.T) {
	m := engine.Map(engine.Bulk("a"), engine.Double(1.5), engine.Bulk("b"), engine.Null)
	tests := []struct {
		name  string
		v     engine.Value
		resp2 string
		resp3 string
	}{
		{"simple", engine.OK, "+OK\r\n", "+OK\r\n"},
		{"simple newline", engine.Simple("a\r\nb"), "+a  b\r\n", "+a  b\r\n"},
		{"error", engine.Err("ERR x"), "-ERR x\r\n", "-ERR x\r\n"},
		{"int", engine.Int(-42), ":-42\r\n", ":-42\r\n"},
		{"bulk", engine.Bulk("hé\r\n"), "$5\r\nhé\r\n\r\n", "$5\r\nhé\r\n\r\n"},
		{"empty bulk", engine.Bulk(""), "$0\r\n\r\n", "$0\r\n\r\n"},
		{"null", engine.Null, "$-1\r\n", "_\r\n"},
		{"null array", engine.NullArray, "*-1\r\n", "_\r\n"},
		{"empty array", engine.Array(), "*0\r\n", "*0\r\n"},
		{"array", engine.Array(engine.Int(1), engine.Array(engine.Null)), "*2\r\n:1\r\n*1\r\n$-1\r\n", "*2\r\n:1\r\n*1\r\n_\r\n"},
		{"map", m, "*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$-1\r\n", "%2\r\n$1\r\na\r\n,1.5\r\n$1\r\nb\r\n_\r\n"},
		{"set", engine.Set(engine.Bulk("x")), "*1\r\n$1\r\nx\r\n", "~1\r\n$1\r\nx\r\n"},
		{"push", engine.Push(engine.Bulk("message")), "*1\r\n$7\r\nmessage\r\n", ">1\r\n$7\r\nmessage\r\n"},
		{"double", engine.Double(0.1), "$19\r\n0.10000000000000001\r\n", ",0.10000000000000001\r\n"},
		{"double int", engine.Double(3), "$1\r\n3\r\n", ",3\r\n"},
		{"double inf", engine.Double(math.Inf(-1)), "$4\r\n-inf\r\n", ",-inf\r\n"},
		{"double big", engine.Double(1e21), "$5\r\n1e+21\r\n", ",1e+21\r\n"},
		{"true", engine.Bool(true), ":1\r\n", "#t\r\n"},
		{"false", engine.Bool(false), ":0\r\n", "#f\r\n"},
		{"verbatim", engine.Value{Kind: engine.KindVerbatim, Str: "a\nb"}, "$3\r\na\nb\r\n", "=7\r\ntxt:a\nb\r\n"},
		{"none", engine.None, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.resp2, string(AppendValue(nil, tt.v, 2)))
			assert.Equal(t, tt.resp3, string(AppendValue(nil, tt.v, 3)))
			// The RESP2 encoding must agree with the engine's own RESP2 shape.
			if tt.v.Kind != engine.KindNone {
				assert.Equal(t, tt.resp2, string(AppendValue(nil, tt.v.RESP2(), 2)))
			}
		})
	}
}

func TestAppendValueAppends(t *testing.T) {
	b := AppendValue([]byte("x"), engine.Int(1), 2)
	assert.Equal(t, "x:1\r\n", string(b))
}

func TestReadValue(t *testing.T) {
	tests := []struct {
		in   string
		want engine.Value
	}{
		{"+OK\r\n", engine.OK},
		{"-ERR no\r\n", engine.Err("ERR no")},
		{":12\r\n", engine.Int(12)},
		{"$3\r\na\nb\r\n", engine.Bulk("a\nb")},
		{"$-1\r\n", engine.Null},
		{"*-1\r\n", engine.NullArray},
		{"_\r\n", engine.Null},
		{"*2\r\n:1\r\n$0\r\n\r\n", engine.Array(engine.Int(1), engine.Bulk(""))},
		{"%1\r\n+a\r\n#t\r\n", engine.Map(engine.Simple("a"), engine.Bool(true))},
		{"~1\r\n,1.5\r\n", engine.Set(engine.Double(1.5))},
		{">1\r\n,-inf\r\n", engine.Push(engine.Double(math.Inf(-1)))},
		{"=8\r\ntxt:abcd\r\n", engine.Value{Kind: engine.KindVerbatim, Str: "abcd"}},
		{"!5\r\nERR x\r\n", engine.Err("ERR x")},
		{"(123456789012345678901234567890\r\n", engine.Bulk("123456789012345678901234567890")},
		{"|1\r\n+key\r\n+val\r\n:7\r\n", engine.Int(7)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ReadValue(bufio.NewReader(strings.NewReader(tt.in)))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestReadValueErrors(t *testing.T) {
	for _, in := range []string{
		"", "+OK\n", "+a\rb\r\n", ":x\r\n", "$3\r\nab\r\n", "$3\r\nabcde", "*2\r\n:1\r\n", "?\r\n",
		"#x\r\n", ",1_0\r\n", ",0x10\r\n", "=3\r\nabc\r\n", "%-1\r\n", "$-2\r\n", "(1a\r\n",
		strings.Repeat("*1\r\n", maxDepth+2),
	} {
		_, err := ReadValue(bufio.NewReader(strings.NewReader(in)))
		assert.Error(t, err, "%q", in)
	}
}

func TestRoundTrip(t *testing.T) {
	v := engine.Array(
		engine.Map(engine.Bulk("k"), engine.Set(engine.Int(1), engine.Bool(false))),
		engine.Push(engine.Bulk("m"), engine.Double(-2.5)),
		engine.Value{Kind: engine.KindVerbatim, Str: "v"},
		engine.Null, engine.NullArray, engine.Err("E x"), engine.Simple("s"),
	)
	for _, proto := range []int{2, 3} {
		enc := AppendValue(nil, v, proto)
		got, err := ReadValue(bufio.NewReader(bytes.NewReader(enc)))
		require.NoError(t, err)
		want := v
		if proto == 2 {
			want = v.RESP2()
		} else {
			want.Elems = append([]engine.Value(nil), v.Elems...)
			want.Elems[4] = engine.Null // RESP3 has one null
		}
		assert.Equal(t, want, got, "proto %d", proto)
	}
}

func BenchmarkReadBatch(b *testing.B) {
	in := []byte(strings.Repeat("*3\r\n$3\r\nSET\r\n$16\r\nkey:__rand_int__\r\n$3\r\nxxx\r\n", 16))
	rd := bytes.NewReader(in)
	r := NewReader(rd)
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	cmds := make([][]string, 0, 16)
	for b.Loop() {
		rd.Reset(in)
		r.err = nil
		var err error
		cmds, err = r.ReadBatch(cmds[:0])
		if err != nil || len(cmds) != 16 {
			b.Fatal(err, len(cmds))
		}
	}
}

func BenchmarkAppendValue(b *testing.B) {
	v := engine.Array(engine.Bulk("hello"), engine.Int(42), engine.Double(1.5), engine.Null)
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendValue(buf[:0], v, 2)
	}
}
