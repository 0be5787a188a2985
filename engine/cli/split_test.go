package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		want []string // nil means Split fails
	}{
		{"", []string{}},
		{"   \t ", []string{}},
		{"PING", []string{"PING"}},
		{"  set  foo   bar  ", []string{"set", "foo", "bar"}},
		{"a\tb\nc\rd", []string{"a", "b", "c", "d"}},
		// \v and \f start no new word inside one, but are skipped between words.
		{"a\vb \fc", []string{"a\vb", "c"}},
		{`SET the frameworks "angular vue react"`, []string{"SET", "the", "frameworks", "angular vue react"}},
		{`"a\x4g"`, []string{"ax4g"}},
		{`"\x41\x4a\x4A"`, []string{"AJJ"}},
		{`"\xc3\xa9"`, []string{"\xc3\xa9"}},
		{`"\n\r\t\b\a\z\\\""`, []string{"\n\r\t\b\az\\\""}},
		{`"\x4"`, []string{"x4"}},
		{`'it\'s'`, []string{"it's"}},
		{`'a\nb'`, []string{`a\nb`}},
		{`'a\\b'`, []string{`a\\b`}},
		{`'say "hi"'`, []string{`say "hi"`}},
		{`"say 'hi'"`, []string{`say 'hi'`}},
		{`""`, []string{""}},
		{`''`, []string{""}},
		{`SET k ""`, []string{"SET", "k", ""}},
		{`a"b c"`, []string{"ab c"}},
		{`a'b c'`, []string{"ab c"}},
		{`a"b c" d`, []string{"ab c", "d"}},
		{"\"a\"\tb", []string{"a", "b"}},
		{`"a"b`, nil},
		{`'a'b`, nil},
		{`"a""b"`, nil},
		{`"abc`, nil},
		{`'abc`, nil},
		{`"abc\"`, nil},
		{`"abc\`, nil},
		{`echo "a`, nil},
		{`a"`, nil},
		// The line ends at a NUL byte, as redis-cli reads a C string.
		{"a\x00b c", []string{"a"}},
		{`é ü`, []string{"é", "ü"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := Split(tt.line)
			if tt.want == nil {
				require.ErrorIs(t, err, ErrInvalidArgs)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"foo", "foo"},
		{"", `""`},
		{"a b", `"a b"`},
		{`it's`, `"it's"`},
		{`say "hi"`, `"say \"hi\""`},
		{"\xc3\xa9\x00\n", `"\xc3\xa9\x00\n"`},
		{`back\slash`, `"back\\slash"`},
	}
	for _, tt := range tests {
		got := Quote(tt.in)
		assert.Equal(t, tt.want, got, "Quote(%q)", tt.in)
		back, err := Split(got)
		require.NoError(t, err)
		assert.Equal(t, []string{tt.in}, back)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"SET k v", `"a\x4g"`, `'it\'s'`, `a"b c"`, `"a"b`, `""`, "3 PING", `"\xc3\xa9"`, "\t\v\f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args, err := Split(line)
		if err != nil {
			return
		}
		quoted := ""
		for i, a := range args {
			if i > 0 {
				quoted += " "
			}
			quoted += Quote(a)
		}
		back, err := Split(quoted)
		if err != nil {
			t.Fatalf("Split(%q) after quoting %q: %v", quoted, args, err)
		}
		if len(back) != len(args) {
			t.Fatalf("Split(%q) = %q, want %q", quoted, back, args)
		}
		for i := range args {
			if back[i] != args[i] {
				t.Fatalf("Split(%q) = %q, want %q", quoted, back, args)
			}
		}
	})
}
