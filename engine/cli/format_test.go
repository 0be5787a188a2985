package cli

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	e "redisplay/engine"
)

func TestFormat(t *testing.T) {
	letters := make([]e.Value, 10)
	for i := range letters {
		letters[i] = e.Bulk(string(rune('a' + i)))
	}
	tests := []struct {
		name string
		v    e.Value
		want string
	}{
		{"status", e.OK, "OK"},
		{"error", e.Err("ERR syntax error"), "(error) ERR syntax error"},
		{"integer", e.Int(-42), "(integer) -42"},
		{"bulk", e.Bulk("auth0"), `"auth0"`},
		{"empty bulk", e.Bulk(""), `""`},
		{"escapes", e.Bulk("\\\"\n\r\t\a\b"), `"\\\"\n\r\t\a\b"`},
		{"non-printable", e.Bulk("\x00\x01\x1f\x7f"), `"\x00\x01\x1f\x7f"`},
		{"utf-8", e.Bulk("é"), `"\xc3\xa9"`},
		{"html stays text", e.Bulk("<img onerror=x>"), `"<img onerror=x>"`},
		{"single quote", e.Bulk("it's"), `"it's"`},
		{"nil", e.Null, "(nil)"},
		{"nil array", e.NullArray, "(nil)"},
		{"double", e.Double(1.5), "(double) 1.5"},
		{"double inf", e.Double(math.Inf(-1)), "(double) -inf"},
		{"double 17 digits", e.Double(0.1), "(double) 0.10000000000000001"},
		{"true", e.Bool(true), "(true)"},
		{"false", e.Bool(false), "(false)"},
		{"verbatim", e.Value{Kind: e.KindVerbatim, Str: "This is a verbatim\nstring"}, "This is a verbatim\nstring"},
		{"none", e.None, ""},
		{"empty array", e.Array(), "(empty array)"},
		{"empty map", e.Map(), "(empty hash)"},
		{"empty set", e.Set(), "(empty set)"},
		{"array", e.Array(e.Bulk("Alice"), e.Bulk("Bob")), "1) \"Alice\"\n2) \"Bob\""},
		{"mixed array", e.Array(e.Null, e.Int(3), e.Err("ERR x"), e.OK),
			"1) (nil)\n2) (integer) 3\n3) (error) ERR x\n4) OK"},
		{"ten elements align", e.Array(letters...),
			" 1) \"a\"\n 2) \"b\"\n 3) \"c\"\n 4) \"d\"\n 5) \"e\"\n 6) \"f\"\n 7) \"g\"\n 8) \"h\"\n 9) \"i\"\n10) \"j\""},
		{"nested", e.Array(e.Array(e.Bulk("Palermo"), e.Bulk("190.4424")), e.Array(e.Bulk("Catania"), e.Bulk("56.4413"))),
			"1) 1) \"Palermo\"\n   2) \"190.4424\"\n2) 1) \"Catania\"\n   2) \"56.4413\""},
		{"nested under wide index", e.Array(append(letters, e.Array(e.Int(1), e.Array(e.Bulk("x"), e.Bulk("y"))))...),
			" 1) \"a\"\n 2) \"b\"\n 3) \"c\"\n 4) \"d\"\n 5) \"e\"\n 6) \"f\"\n 7) \"g\"\n 8) \"h\"\n 9) \"i\"\n10) \"j\"\n" +
				"11) 1) (integer) 1\n    2) 1) \"x\"\n       2) \"y\""},
		{"nested empty", e.Array(e.Array(), e.Bulk("x")), "1) (empty array)\n2) \"x\""},
		{"map", e.Map(e.Bulk("f"), e.Bulk("v"), e.Bulk("g"), e.Int(2)), "1# \"f\" => \"v\"\n2# \"g\" => (integer) 2"},
		{"set", e.Set(e.Bulk("b"), e.Bulk("a")), "1~ \"b\"\n2~ \"a\""},
		{"zrange withscores resp3", e.Array(e.Array(e.Bulk("a"), e.Double(1.5)), e.Array(e.Bulk("b"), e.Double(2))),
			"1) 1) \"a\"\n   2) (double) 1.5\n2) 1) \"b\"\n   2) (double) 2"},
		{"map with nested values", e.Map(e.Bulk("server"), e.Bulk("redis"), e.Bulk("modules"), e.Array(),
			e.Bulk("list"), e.Array(e.Bulk("x"), e.Map(e.Bulk("k"), e.Bulk("v")))),
			"1# \"server\" => \"redis\"\n2# \"modules\" => (empty array)\n3# \"list\" => \n   1) \"x\"\n" +
				"   2) 1# \"k\" => \"v\""},
		// COMMAND DOCS GET under RESP3, as redis-cli 7.0.15 prints it: a
		// value that takes one line stays on the key's line.
		{"map values on their own line", e.Map(e.Bulk("get"), e.Map(
			e.Bulk("summary"), e.Bulk("Get the value of a key"),
			e.Bulk("arguments"), e.Array(e.Map(e.Bulk("name"), e.Bulk("key"), e.Bulk("key_spec_index"), e.Int(0))),
			e.Bulk("spec"), e.Map(e.Bulk("index"), e.Int(1)),
			e.Bulk("one"), e.Array(e.Array(e.Bulk("x"))),
		)), "1# \"get\" => \n" +
			"   1# \"summary\" => \"Get the value of a key\"\n" +
			"   2# \"arguments\" => \n" +
			"      1) 1# \"name\" => \"key\"\n" +
			"         2# \"key_spec_index\" => (integer) 0\n" +
			"   3# \"spec\" => 1# \"index\" => (integer) 1\n" +
			"   4# \"one\" => 1) 1) \"x\""},
		{"empty push", e.Push(), "(empty push)"},
		{"push", e.Push(e.Bulk("message"), e.Bulk("ch"), e.Bulk("hi")), "1) \"message\"\n2) \"ch\"\n3) \"hi\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Format(tt.v))
		})
	}
}

func TestFormatRaw(t *testing.T) {
	tests := []struct {
		name string
		v    e.Value
		want string
	}{
		{"bulk with final newline", e.Bulk("id=3 addr=127.0.0.1:5 name=\n"), "id=3 addr=127.0.0.1:5 name="},
		{"info crlf", e.Bulk("# Server\r\nredis_version:7.0.15\r\n"), "# Server\r\nredis_version:7.0.15"},
		{"error", e.Err("ERR syntax error"), "ERR syntax error"},
		{"integer", e.Int(7), "7"},
		{"nil", e.Null, ""},
		{"array", e.Array(e.Bulk("a"), e.Int(1), e.Array(e.Bulk("b"), e.Bulk("c"))), "a\n1\nb\nc"},
		{"map", e.Map(e.Bulk("a"), e.Int(1), e.Bulk("b"), e.Int(2)), "a 1\nb 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, FormatRaw(tt.v))
		})
	}
}
