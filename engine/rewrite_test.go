package engine

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rewriteLines(e *Engine) []string {
	var out []string
	e.Rewrite(func(args []string) { out = append(out, strings.Join(args, " ")) })
	return out
}

func TestRewrite(t *testing.T) {
	now, opts := newClock()
	e := New(opts)
	c := e.NewClient(nil)
	for _, cmd := range []string{
		"SET s v", "RPUSH l a b", "SADD set 2 1", "HSET h f v g w", "ZADD z 1 a 0.1 b inf c",
		"SET ttl v PX 1500", "SET gone v PX 10", "SELECT 2", "SET other x",
	} {
		require.NotEqual(t, KindError, e.Exec(c, strings.Fields(cmd)).Kind, cmd)
	}
	*now = now.Add(time.Second) // "gone" has expired, not yet removed
	assert.Equal(t, []string{
		"SELECT 0",
		"HSET h f v g w",
		"RPUSH l a b",
		"SET s v",
		"SADD set 1 2",
		"SET ttl v", "PEXPIREAT ttl 1700000001500",
		"ZADD z 0.1 b 1 a inf c",
		"SELECT 2",
		"SET other x",
	}, rewriteLines(e))
}

// TestRewriteChunks: big values are rebuilt with several commands of at
// most 64 elements each.
func TestRewriteChunks(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	c := e.NewClient(nil)
	args := []string{"RPUSH", "l"}
	for i := 0; i < 130; i++ {
		args = append(args, strconv.Itoa(i))
	}
	e.Exec(c, args)
	lines := rewriteLines(e)
	require.Len(t, lines, 4)
	assert.Len(t, strings.Fields(lines[1]), 66)
	assert.Len(t, strings.Fields(lines[3]), 4)
}

// TestRewriteRoundTrip replays a rewrite into a new engine and gets the
// same rewrite back, scores to the last bit included.
func TestRewriteRoundTrip(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	c := e.NewClient(nil)
	scores := []float64{0.1, 1.0 / 3, -2.5e-310, math.MaxFloat64, math.SmallestNonzeroFloat64, 123456789.123456789, math.Inf(-1)}
	for i, f := range scores {
		e.Exec(c, []string{"ZADD", "z", RewriteScore(f), "m" + strconv.Itoa(i)})
	}
	for i := 0; i < 300; i++ {
		e.Exec(c, []string{"HSET", "h", "f" + strconv.Itoa(i), strings.Repeat("v", i%70)})
		e.Exec(c, []string{"SADD", "s", "x" + strconv.Itoa(i*13%300)})
	}
	e.Exec(c, []string{"SREM", "s", "x13", "x26"})
	e.Exec(c, []string{"HDEL", "h", "f7"})

	e2 := New(opts)
	c2 := e2.NewClient(nil)
	e.Rewrite(func(args []string) {
		require.NotEqual(t, KindError, e2.Exec(c2, append([]string(nil), args...)).Kind)
	})
	assert.Equal(t, rewriteLines(e), rewriteLines(e2))
	for i, f := range scores {
		got := e2.Exec(c2, []string{"ZSCORE", "z", "m" + strconv.Itoa(i)})
		assert.Equal(t, Double(f), got)
	}
}

func TestRewriteScore(t *testing.T) {
	for _, tt := range []struct {
		f    float64
		want string
	}{
		{1, "1"}, {0.1, "0.1"}, {-0.5, "-0.5"}, {1e300, "1e+300"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"},
		{5e-324, "5e-324"},
	} {
		assert.Equal(t, tt.want, RewriteScore(tt.f))
		back, ok := ParseFloat(tt.want)
		require.True(t, ok)
		assert.Equal(t, tt.f, back)
	}
}
