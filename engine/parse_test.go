package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseInt(t *testing.T) {
	good := map[string]int64{"0": 0, "1": 1, "-1": -1, "9223372036854775807": math9223, "-9223372036854775808": -math9223 - 1}
	for s, want := range good {
		got, ok := ParseInt(s)
		assert.True(t, ok, s)
		assert.Equal(t, want, got, s)
	}
	for _, s := range []string{"", "-", "+1", "01", "-0", " 1", "1 ", "1.0", "9223372036854775808", "-9223372036854775809", "99999999999999999999", "abc", "1e3"} {
		_, ok := ParseInt(s)
		assert.False(t, ok, "%q", s)
	}
}

const math9223 = 9223372036854775807

func TestParseFloat(t *testing.T) {
	for _, s := range []string{"1", "1.5", "-0.25", "inf", "-inf", "1e10", ".5"} {
		_, ok := ParseFloat(s)
		assert.True(t, ok, s)
	}
	for _, s := range []string{"", " 1", "1 ", "abc", "nan", "1e400", "1.2.3"} {
		_, ok := ParseFloat(s)
		assert.False(t, ok, "%q", s)
	}
}
