package engine

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type scoredMember struct {
	member string
	score  float64
}

// sortedModel is the obvious reference: a slice sorted by (score, member).
func sortedModel(m map[string]float64) []scoredMember {
	out := make([]scoredMember, 0, len(m))
	for k, v := range m {
		out = append(out, scoredMember{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i].score, out[i].member, out[j].score, out[j].member) })
	return out
}

// checkSkiplist verifies every structural invariant: order, back links,
// tail, length, and that each span counts the nodes it skips.
func checkSkiplist(t *testing.T, z *zset) {
	t.Helper()
	l := &z.zsl
	var nodes []*zslNode
	for n := l.header.level[0].forward; n != nil; n = n.level[0].forward {
		nodes = append(nodes, n)
	}
	require.Len(t, nodes, l.length)
	require.Len(t, z.dict, l.length)
	pos := map[*zslNode]int{l.header: 0}
	for i, n := range nodes {
		pos[n] = i + 1
		if i > 0 {
			require.True(t, less(nodes[i-1].score, nodes[i-1].member, n.score, n.member), "order at %d", i)
			require.Same(t, nodes[i-1], n.backward)
		} else {
			require.Nil(t, n.backward)
		}
		require.Equal(t, z.dict[n.member], n.score)
	}
	if len(nodes) > 0 {
		require.Same(t, nodes[len(nodes)-1], l.tail)
	} else {
		require.Nil(t, l.tail)
	}
	for lvl := 0; lvl < l.level; lvl++ {
		x := l.header
		for x != nil {
			f := x.level[lvl].forward
			want := l.length - pos[x] // a link to the end spans the nodes after x
			if f != nil {
				want = pos[f] - pos[x]
			}
			require.Equal(t, want, x.level[lvl].span, "span at level %d from rank %d", lvl, pos[x])
			x = f
		}
	}
}

func TestZsetMatchesModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	z := newZset("")
	model := map[string]float64{}
	for step := 0; step < 4000; step++ {
		m := "m" + strconv.Itoa(rng.IntN(300))
		score := float64(rng.IntN(50)) // many ties, so member order matters
		switch op := rng.IntN(10); {
		case op < 5:
			if _, ok := model[m]; ok {
				z.Update(m, score)
			} else {
				z.Insert(m, score)
			}
			model[m] = score
		case op < 8:
			_, had := model[m]
			assert.Equal(t, had, z.Remove(m))
			delete(model, m)
		default:
			if z.Len() > 0 {
				s := rng.IntN(z.Len())
				e := s + rng.IntN(5)
				want := sortedModel(model)
				e = min(e, len(want)-1)
				assert.Equal(t, e-s+1, z.RemoveRange(s, e))
				for _, sm := range want[s : e+1] {
					delete(model, sm.member)
				}
			}
		}
		if step%97 == 0 {
			checkSkiplist(t, z)
		}
	}
	checkSkiplist(t, z)
	want := sortedModel(model)
	for i, sm := range want {
		r, ok := z.Rank(sm.member, false)
		require.True(t, ok)
		assert.Equal(t, i, r)
		r, _ = z.Rank(sm.member, true)
		assert.Equal(t, len(want)-1-i, r)
		assert.Equal(t, sm.member, z.At(i).member)
	}
	assert.Nil(t, z.At(len(want)))
	assert.Nil(t, z.At(-1))
	_, ok := z.Rank("absent", false)
	assert.False(t, ok)
}

func TestZsetSpans(t *testing.T) {
	z := newZset("")
	for i, m := range []string{"a", "b", "c", "d", "e"} {
		z.Insert(m, float64(i+1)) // a=1 ... e=5
	}
	tests := []struct {
		name        string
		r           scoreRange
		first, last int
		ok          bool
	}{
		{"all", scoreRange{min: math.Inf(-1), max: math.Inf(1)}, 0, 4, true},
		{"inclusive", scoreRange{min: 2, max: 4}, 1, 3, true},
		{"exclusive", scoreRange{min: 2, max: 4, minex: true, maxex: true}, 2, 2, true},
		{"point", scoreRange{min: 3, max: 3}, 2, 2, true},
		{"excluded point", scoreRange{min: 3, max: 3, minex: true}, 0, 0, false},
		{"inverted", scoreRange{min: 4, max: 2}, 0, 0, false},
		{"between members", scoreRange{min: 2.1, max: 2.9}, 0, 0, false},
		{"above", scoreRange{min: 6, max: 9}, 0, 0, false},
		{"below", scoreRange{min: -9, max: 0.5}, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, l, ok := z.ScoreSpan(&tc.r)
			assert.Equal(t, tc.ok, ok)
			if tc.ok {
				assert.Equal(t, []int{tc.first, tc.last}, []int{f, l})
			}
		})
	}

	lz := newZset("")
	for _, m := range []string{"", "a", "aa", "b", "c"} {
		lz.Insert(m, 0)
	}
	lexTests := []struct {
		min, max    string
		first, last int
		ok          bool
	}{
		{"-", "+", 0, 4, true},
		{"+", "-", 0, 0, false},
		{"-", "-", 0, 0, false},
		{"[a", "[b", 1, 3, true},
		{"(a", "(b", 2, 2, true},
		{"[", "(a", 0, 0, true},
		{"(", "+", 1, 4, true},
		{"[b", "[a", 0, 0, false},
		{"[a", "(a", 0, 0, false},
	}
	for _, tc := range lexTests {
		t.Run(tc.min+" "+tc.max, func(t *testing.T) {
			r, ok := parseLexRange(tc.min, tc.max)
			require.True(t, ok)
			f, l, ok := lz.LexSpan(&r)
			assert.Equal(t, tc.ok, ok)
			if tc.ok {
				assert.Equal(t, []int{tc.first, tc.last}, []int{f, l})
			}
		})
	}
}

func TestZsetEncoding(t *testing.T) {
	long := strings.Repeat("x", ZsetMaxListpackValue+1)
	tests := []struct {
		name  string
		build func() *zset
		want  string
	}{
		{"small", func() *zset { z := newZset("a"); z.Insert("a", 1); return z }, "listpack"},
		{"long first member", func() *zset { z := newZset(long); z.Insert(long, 1); return z }, "skiplist"},
		{"long later member", func() *zset {
			z := newZset("a")
			z.Insert("a", 1)
			z.Insert(long, 2)
			return z
		}, "skiplist"},
		{"exactly max entries", func() *zset {
			z := newZset("m")
			for i := 0; i < ZsetMaxListpackEntries; i++ {
				z.Insert("m"+strconv.Itoa(i), 1)
			}
			return z
		}, "listpack"},
		{"one more than max", func() *zset {
			z := newZset("m")
			for i := 0; i <= ZsetMaxListpackEntries; i++ {
				z.Insert("m"+strconv.Itoa(i), 1)
			}
			return z
		}, "skiplist"},
		{"never converts back", func() *zset {
			z := newZset("a")
			z.Insert(long, 1)
			z.Remove(long)
			return z
		}, "skiplist"},
		{"stores compact small results", func() *zset {
			z := newZset(long)
			z.Insert("a", 1)
			z.compactIfSmall()
			return z
		}, "listpack"},
		{"stores keep long results", func() *zset {
			z := newZset(long)
			z.Insert(long, 1)
			z.compactIfSmall()
			return z
		}, "skiplist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			z := tc.build()
			assert.Equal(t, tc.want, z.Encoding())
			assert.Equal(t, tc.want, z.Copy().(*zset).Encoding(), "a copy keeps the encoding")
		})
	}
}

func TestZsetSignedZero(t *testing.T) {
	lp := newZset("a")
	lp.Insert("a", math.Copysign(0, -1))
	s, _ := lp.Score("a")
	assert.False(t, math.Signbit(s), "a listpack stores -0 as 0")

	sk := newZset(strings.Repeat("x", 100))
	sk.Insert("a", math.Copysign(0, -1))
	s, _ = sk.Score("a")
	assert.True(t, math.Signbit(s), "a skiplist keeps -0")
	sk.Remove("a")
	sk.listpack = false
	sk.Insert("a", math.Copysign(0, -1))
	sk.compactIfSmall()
	s, _ = sk.Score("a")
	assert.False(t, math.Signbit(s), "compacting to a listpack drops the sign")
	assert.False(t, math.Signbit(sk.At(0).score))
}

func TestZsetCopyIsIndependent(t *testing.T) {
	z := newZset("a")
	z.Insert("a", 1)
	z.Insert("b", 2)
	c := z.Copy().(*zset)
	c.Update("a", 10)
	c.Remove("b")
	s, _ := z.Score("a")
	assert.Equal(t, 1.0, s)
	assert.Equal(t, 2, z.Len())
	assert.Equal(t, "b", z.At(1).member)
	checkSkiplist(t, z)
	checkSkiplist(t, c)
}

func TestStrtod(t *testing.T) {
	tests := []struct {
		in         string
		score      float64
		scoreOK    bool
		rangeValue float64
		rangeOK    bool
	}{
		{"1.5", 1.5, true, 1.5, true},
		{"-2", -2, true, -2, true},
		{"+7", 7, true, 7, true},
		{".5", 0.5, true, 0.5, true},
		{"5.", 5, true, 5, true},
		{"1e3", 1000, true, 1000, true},
		{"0x10", 16, true, 16, true},
		{"0x1e", 30, true, 30, true},
		{"0x1p4", 16, true, 16, true},
		{"inf", math.Inf(1), true, math.Inf(1), true},
		{"-Infinity", math.Inf(-1), true, math.Inf(-1), true},
		{"1e400", 0, false, math.Inf(1), true},
		{"1e-400", 0, false, 0, true},
		{"0e-400", 0, true, 0, true},
		{"1e-310", 1e-310, true, 1e-310, true},
		{"nan", 0, false, 0, false},
		{"", 0, false, 0, true},
		{" 1", 0, false, 1, true},
		{" ", 0, false, 0, false},
		{"1 ", 0, false, 0, false},
		{"1_0", 0, false, 0, false},
		{"0x", 0, false, 0, false},
		{"abc", 0, false, 0, false},
		{"1\x00junk", 0, false, 1, true},
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.in), func(t *testing.T) {
			f, ok := parseScore(tc.in)
			assert.Equal(t, tc.scoreOK, ok, "score")
			if tc.scoreOK {
				assert.Equal(t, tc.score, f)
			}
			f, ok = parseRangeFloat(tc.in)
			assert.Equal(t, tc.rangeOK, ok, "range")
			if tc.rangeOK {
				assert.Equal(t, tc.rangeValue, f)
			}
		})
	}
}

var benchSizes = []int{1_000, 100_000, 1_000_000}

func benchZset(n int) *zset {
	z := newZset("")
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < n; i++ {
		z.Insert("member:"+strconv.Itoa(i), float64(rng.IntN(n)))
	}
	return z
}

func BenchmarkZsetAdd(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			z := benchZset(n)
			rng := rand.New(rand.NewPCG(5, 6))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// Add then remove, so the set stays at n members.
				m := "new:" + strconv.Itoa(i)
				z.Insert(m, float64(rng.IntN(n)))
				z.Remove(m)
			}
		})
	}
}

func BenchmarkZsetRangeByRank(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			z := benchZset(n)
			rng := rand.New(rand.NewPCG(7, 8))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// ZRANGE key start start+9: a page of ten.
				start := rng.IntN(n - 10)
				k := 0
				zrangeWalk(z, start, 10, false, func(*zslNode) { k++ })
			}
		})
	}
}

func BenchmarkZsetRangeByScore(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			z := benchZset(n)
			rng := rand.New(rand.NewPCG(9, 10))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// ZRANGEBYSCORE key lo lo+5 LIMIT 0 10.
				lo := float64(rng.IntN(n))
				r := scoreRange{min: lo, max: lo + 5}
				if first, last, ok := z.ScoreSpan(&r); ok {
					zrangeWalk(z, first, min(10, last-first+1), false, func(*zslNode) {})
				}
			}
		})
	}
}
