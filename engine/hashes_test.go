package engine

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHashKeepsListpackOrderUntilConverted(t *testing.T) {
	h := newHash()
	for _, f := range []string{"b", "a", "c"} {
		h.Set(f, "v"+f)
	}
	h.Delete("b")
	h.Set("b", "again")
	assert.Equal(t, []hfield{{"a", "va"}, {"c", "vc"}, {"b", "again"}}, h.fields)
	assert.Equal(t, "listpack", h.Encoding())

	h.Set("long", strings.Repeat("x", hashMaxListpackValue+1))
	assert.Equal(t, "hashtable", h.Encoding())
	h.Delete("long")
	assert.Equal(t, "hashtable", h.Encoding(), "a hash never converts back")

	big := newHash()
	for i := 0; i <= hashMaxListpackEntries; i++ {
		big.Set(strconv.Itoa(i), "v")
	}
	assert.Equal(t, "hashtable", big.Encoding())
	// Removal by swapping keeps the index consistent.
	for i := 0; i <= hashMaxListpackEntries; i += 2 {
		require.True(t, big.Delete(strconv.Itoa(i)))
	}
	for i := 0; i <= hashMaxListpackEntries; i++ {
		_, ok := big.Get(strconv.Itoa(i))
		assert.Equal(t, i%2 == 1, ok, i)
	}
}

func TestPairsFollowProtocol(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	e.Exec(c, []string{"HSET", "h", "f", "v"})
	assert.Equal(t, Array(Bulk("f"), Bulk("v")), e.Exec(c, []string{"HRANDFIELD", "h", "1", "WITHVALUES"}))
	c.Proto = 3
	assert.Equal(t, Array(Array(Bulk("f"), Bulk("v"))), e.Exec(c, []string{"HRANDFIELD", "h", "-2", "WITHVALUES"}).withFirst())
	assert.Equal(t, Map(Bulk("f"), Bulk("v")), e.Exec(c, []string{"HGETALL", "h"}))
}

// withFirst keeps only the first element of an array, for replies whose
// length is known but whose repeated picks are random.
func (v Value) withFirst() Value { return Array(v.Elems[0]) }

func TestRandomPicks(t *testing.T) {
	assert.Len(t, randomPicks(3, -10), 10, "negative counts repeat")
	assert.Equal(t, []int{0, 1, 2}, randomPicks(3, 5), "a count over the size gives all, in order")
	for _, n := range []int{10, 1000} {
		p := randomPicks(n, 5)
		seen := map[int]bool{}
		for _, i := range p {
			assert.False(t, seen[i], "positive counts never repeat")
			assert.True(t, i >= 0 && i < n)
			seen[i] = true
		}
		assert.Len(t, p, 5)
	}
}

func TestSetEncodingAndOrder(t *testing.T) {
	s := newSet()
	for _, m := range []string{"10", "-3", "2"} {
		s.Add(m)
	}
	assert.Equal(t, "intset", s.Encoding())
	assert.Equal(t, []string{"-3", "2", "10"}, s.Members(), "an intset lists in ascending order")
	s.Add("07")
	assert.Equal(t, "hashtable", s.Encoding(), "07 is not a canonical integer")

	many := newSet()
	for i := 0; i < setMaxIntsetEntries; i++ {
		many.Add(strconv.Itoa(i))
	}
	assert.Equal(t, "intset", many.Encoding())
	many.Add("100000")
	assert.Equal(t, "hashtable", many.Encoding())
	for i := 0; i < setMaxIntsetEntries; i++ {
		require.True(t, many.Remove(strconv.Itoa(i)))
	}
	assert.Equal(t, []string{"100000"}, many.Members())
}

func TestParseCursor(t *testing.T) {
	for s, want := range map[string]uint64{"0": 0, "": 0, "42": 42, "+7": 7, "-1": ^uint64(0), "18446744073709551615": ^uint64(0)} {
		got, ok := parseCursor(s)
		assert.True(t, ok, s)
		assert.Equal(t, want, got, s)
	}
	for _, s := range []string{" 1", "1 ", "x", "-", "18446744073709551616", "1.5"} {
		_, ok := parseCursor(s)
		assert.False(t, ok, "%q", s)
	}
}
