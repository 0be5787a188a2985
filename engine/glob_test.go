package engine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestGlob checks the matcher against answers redis-server 7.0.15 gave to
// KEYS for the same pattern and key ("*" alone excepted: KEYS lists every
// key for it without calling the matcher).
func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"a", "", false},
		{"*", "anything", true},
		{"**", "", false},
		{"a*", "a", true},
		{"*a", "a", true},
		{"h?llo", "hello", true},
		{"h?llo", "hllo", false},
		{"h*llo", "hllo", true},
		{"h*llo", "heeeello", true},
		{"h[ae]llo", "hello", true},
		{"h[ae]llo", "hallo", true},
		{"h[ae]llo", "hillo", false},
		{"h[^e]llo", "hallo", true},
		{"h[^e]llo", "hello", false},
		{"h[a-b]llo", "hbllo", true},
		{"h[a-b]llo", "hcllo", false},
		{"h[b-a]llo", "hallo", true},
		{"h\\*llo", "h*llo", true},
		{"h\\*llo", "hello", false},
		{"\\", "\\", true},
		{"a\\", "a\\", true},
		{"[\\]]", "]", true},
		{"[\\-]", "-", true},
		{"[a-]", "]", true},
		{"[a-]", "-", false},
		{"[a-]x", "bx", false},
		{"[a-]]", "b", false},
		{"[abc", "a", true},
		{"[abc", "c", true},
		{"[", "a", false},
		{"[^", "a", true},
		{"[]", "a", false},
		{"[]]", "]", false},
		{"[!a]", "b", false},
		{"[a-\xff]", "\xc3", false},
		{"[\x00-a]", "\xc3", false},
		{"[\x80-\x7f]", "a", true},
		{"?", "\xff", true},
		{"*?", "", false},
		{"user:*:name", "user:1000:name", true},
		{"user:*:name", "user:1000:email", false},
		{"a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
		{"*.txt", "notes.txt", true},
		{"*.txt", "notes.txt.bak", false},
		{"[A-Z]*", "Hello", true},
		{"[A-Z]*", "hello", false},
		{"a\\", "ab", false},
		{"a[\\", "a\\", true},
		{"x[^a-c]y", "xdy", true},
		{"x[^a-c]y", "xby", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Glob(tt.pattern, tt.s, false), "Glob(%q, %q)", tt.pattern, tt.s)
	}
}

func TestGlobNocase(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"HELLO*", "hello world", true},
		{"h?LLO", "Hello", true},
		{"[a-c]x", "BX", true},
		{"[A-C]x", "bx", true},
		{"[^a]", "A", false},
		{"[xyz]", "Y", true},
		{"\\[a]", "[A]", true},
		{"[\\A]", "a", false}, // an escaped byte in a class is compared exactly
		{"abc", "abd", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Glob(tt.pattern, tt.s, true), "Glob(%q, %q, nocase)", tt.pattern, tt.s)
	}
}

// TestGlobStopsEarly would hang without the early exit once a '*' has
// failed to match the rest of the pattern anywhere.
func TestGlobStopsEarly(t *testing.T) {
	pattern := strings.Repeat("a*", 30) + "b"
	assert.False(t, Glob(pattern, strings.Repeat("a", 200), false))
	assert.True(t, Glob(pattern, strings.Repeat("a", 200)+"b", false))
}
