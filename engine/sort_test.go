package engine

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sortEngine returns an engine on a fake clock and a client of it.
func sortEngine(t *testing.T) (*Engine, *Client, *time.Time) {
	t.Helper()
	now, opts := newClock()
	e := New(opts)
	return e, e.NewClient(nil), now
}

// sortSetup runs setup commands, failing the test on any error reply.
func sortSetup(t *testing.T, e *Engine, c *Client, cmds [][]string) {
	t.Helper()
	for _, cmd := range cmds {
		v := e.Exec(c, cmd)
		require.NotEqual(t, KindError, v.Kind, "%v: %v", cmd, v.Str)
	}
}

// The expected values were read from glibc's strtod (with errno), which is
// what Redis uses to read SORT weights.
func TestSortWeight(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"", 0, true},
		{"0", 0, true},
		{"-0", 0, true},
		{" 5", 5, true},
		{"\t\n-7", -7, true},
		{"5 ", 0, false},
		{"+3", 3, true},
		{".5", 0.5, true},
		{"5.", 5, true},
		{"1e2", 100, true},
		{"1E-2", 0.01, true},
		{"0x10", 16, true},
		{"0X1p2", 4, true},
		{"-0x1.8p1", -3, true},
		{"0x.8", 0.5, true},
		{"0x", 0, false},
		{"0x.p1", 0, false},
		{"0x1.p", 0, false},
		{"1e", 0, false},
		{"1e+", 0, false},
		{".", 0, false},
		{"-", 0, false},
		{"+", 0, false},
		{" ", 0, false},
		{"00012", 12, true},
		{"1_000", 0, false},
		{"0x1_0", 0, false},
		{"inf", inf, true},
		{"-INF", -inf, true},
		{"infinity", inf, true},
		{"Infinity", inf, true},
		{"infinit", 0, false},
		{"nan", 0, false},
		{"NaN", 0, false},
		{"-nan", 0, false},
		{"nan(1)", 0, false},
		{"12abc", 0, false},
		{"1e309", 0, false},
		{"-1e309", 0, false},
		{"1.7976931348623157e308", 1.7976931348623157e+308, true},
		{"1.7976931348623159e308", 0, false},
		{"1e-400", 0, false},
		{"4.9e-324", 0, false},
		{"0x1p-1074", 5e-324, true},
		{"0x1p-1075", 0, false},
		{"2.2250738585072012e-308", 0, false},
		{"2.2250738585072013e-308", 2.2250738585072014e-308, true},
		{"0e-500", 0, true},
		{"9007199254740993", 9007199254740992, true},
		{"0x1p1024", 0, false},
		// C stops reading at a NUL byte.
		{"4\x00junk", 4, true},
		{"\x00", 0, true},
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.in), func(t *testing.T) {
			got, ok := sortWeight(tc.in)
			assert.Equal(t, tc.ok, ok)
			if tc.ok {
				assert.Equal(t, tc.want, got)
			}
		})
	}
	// Exact decimal expansions of subnormals are no underflow; one digit
	// more makes them inexact.
	tiny := new(big.Float).SetMantExp(big.NewFloat(1), -1074).Text('f', 1074)
	three := new(big.Float).SetMantExp(big.NewFloat(3), -1074).Text('f', 1074)
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{tiny, 0x1p-1074, true},
		{tiny + "1", 0, false},
		{three, 0x3p-1074, true},
		{"0." + strings.Repeat("0", 2000) + "1", 0, false},
		{"0x1.0000p-1074", 0x1p-1074, true},
		{"0x0.00000000000000000001p-994", 0x1p-1074, true},
		{"0x3p-1075", 0, false},
	} {
		got, ok := sortWeight(tc.in)
		assert.Equal(t, tc.ok, ok, "%.50s", tc.in)
		assert.Equal(t, tc.want, got, "%.50s", tc.in)
	}
	neg, ok := sortWeight("-0")
	require.True(t, ok)
	assert.True(t, math.Signbit(neg), "-0 keeps its sign")
}

func TestSortRange(t *testing.T) {
	const maxI, minI = math.MaxInt64, math.MinInt64
	tests := []struct {
		name                  string
		offset, count         int64
		n, wantStart, wantEnd int
	}{
		{"no limit", 0, -1, 5, 0, 4},
		{"first two", 0, 2, 5, 0, 1},
		{"middle", 1, 3, 5, 1, 3},
		{"count past the end", 3, 10, 5, 3, 4},
		{"offset past the end", 5, 1, 5, 4, 3},
		{"zero count", 2, 0, 5, 2, 1},
		{"negative offset", -2, 2, 5, 0, 1},
		{"negative count means all", 2, -5, 5, 2, 4},
		{"huge count", 2, maxI, 5, 2, 4},
		{"huge offset", maxI, maxI, 5, 4, 3},
		{"most negative", minI, minI, 5, 0, 4},
		{"empty", 0, -1, 0, -1, -2},
		{"empty with limit", 3, 3, 0, -1, -2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, e := sortRange(tc.offset, tc.count, tc.n)
			assert.Equal(t, []int{tc.wantStart, tc.wantEnd}, []int{s, e})
		})
	}
}

func TestSortLookup(t *testing.T) {
	e, c, _ := sortEngine(t)
	sortSetup(t, e, c, [][]string{
		{"SET", "w_a", "1"},
		{"SET", "a", "self"},
		{"HSET", "h_a", "f", "hf", "f->g", "nested"},
		{"SET", "h_a->", "arrow"},
		{"SET", "x_a_*", "firststar"},
		{"RPUSH", "l_a", "x"},
		{"SET", "w\x00_a", "nul"},
	})
	tests := []struct {
		pattern string
		want    string
		ok      bool
	}{
		{"#", "a", true},
		{"#\x00ignored", "a", true},
		{"##", "", false},
		{"w_*", "1", true},
		{"*", "self", true},
		{"nostar", "", false},
		{"h_*->f", "hf", true},
		{"h_*->f->g", "nested", true},
		{"h_*->nope", "", false},
		{"h_*->", "arrow", true},
		{"h_*", "", false},    // a hash read as a string
		{"w_*->f", "", false}, // a string read as a hash
		{"l_*", "", false},
		{"x_*_*", "firststar", true},
		{"w\x00_*", "", false}, // C never sees the '*' after a NUL
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.pattern), func(t *testing.T) {
			x := &Ctx{Engine: e, Client: c, DB: e.dbs[0], Now: e.clock().UnixMilli()}
			got, ok := sortLookup(x, tc.pattern, "a")
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSortCommand(t *testing.T) {
	bulks := func(s ...string) Value { return BulkStrings(s) }
	setup := [][]string{
		{"RPUSH", "l", "3", "10", "-2", "1.5", "01", "1"},
		{"RPUSH", "w", "banana", "Apple", "apple", "", "\xff"},
		{"SADD", "iset", "5", "-3", "100"},
		{"ZADD", "z", "1", "c", "2", "a", "3", "b"},
		{"RPUSH", "ids", "1", "2", "3"},
		{"MSET", "w_1", "30", "w_2", "10", "name_1", "one", "name_3", "three"},
		{"HSET", "h_1", "f", "x"},
		{"HSET", "h_3", "f", "a"},
		{"SET", "str", "v"},
	}
	tests := []struct {
		name string
		cmd  []string
		want Value
	}{
		{"numeric", sargs("SORT", "l"), bulks("-2", "01", "1", "1.5", "3", "10")},
		{"numeric desc", sargs("SORT", "l", "DESC"), bulks("10", "3", "1.5", "1", "01", "-2")},
		{"sort_ro", sargs("SORT_RO", "l", "LIMIT", "1", "2"), bulks("01", "1")},
		{"alpha", sargs("SORT", "w", "ALPHA"), bulks("", "Apple", "apple", "banana", "\xff")},
		{"alpha desc", sargs("sort", "w", "alpha", "desc"), bulks("\xff", "banana", "apple", "Apple", "")},
		{"not numbers", sargs("SORT", "w"), Err(errSortScores)},
		{"intset", sargs("SORT", "iset", "DESC"), bulks("100", "5", "-3")},
		{"intset nosort", sargs("SORT", "iset", "BY", "nosort"), bulks("-3", "5", "100")},
		{"zset members", sargs("SORT", "z", "ALPHA"), bulks("a", "b", "c")},
		{"zset nosort keeps scores", sargs("SORT", "z", "BY", "nosort"), bulks("c", "a", "b")},
		{"zset nosort desc limit", sargs("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "5"), bulks("a", "c")},
		{"list nosort desc", sargs("SORT", "ids", "BY", "nosort", "DESC"), bulks("3", "2", "1")},
		{"by weights, missing is 0", sargs("SORT", "ids", "BY", "w_*"), bulks("3", "2", "1")},
		{"by hash field alpha", sargs("SORT", "ids", "BY", "h_*->f", "ALPHA"), bulks("2", "3", "1")},
		{"by alpha desc puts missing last", sargs("SORT", "ids", "BY", "h_*->f", "ALPHA", "DESC"), bulks("1", "3", "2")},
		{"get", sargs("SORT", "ids", "GET", "#", "GET", "name_*"),
			Array(Bulk("1"), Bulk("one"), Bulk("2"), Null, Bulk("3"), Bulk("three"))},
		{"get limit", sargs("SORT", "ids", "DESC", "LIMIT", "0", "1", "GET", "h_*->f"), bulks("a")},
		{"missing key", sargs("SORT", "nokey", "GET", "#"), bulks()},
		{"wrong type", sargs("SORT", "str"), wrongType},
		{"syntax before type", sargs("SORT", "str", "bogus"), Err(ErrSyntax)},
		{"limit not integer", sargs("SORT", "l", "LIMIT", "x", "1"), Err(ErrNotInteger)},
		{"limit missing count", sargs("SORT", "l", "LIMIT", "1"), Err(ErrSyntax)},
		{"sort_ro has no store", sargs("SORT_RO", "l", "STORE", "d"), Err(ErrSyntax)},
		{"arity", sargs("SORT"), Err("ERR wrong number of arguments for 'sort' command")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, c, _ := sortEngine(t)
			sortSetup(t, e, c, setup)
			assert.Equal(t, tc.want, e.Exec(c, tc.cmd))
		})
	}
}

func TestSortConvertsSmallZset(t *testing.T) {
	e, c, _ := sortEngine(t)
	sortSetup(t, e, c, [][]string{{"ZADD", "z", "1", "a"}})
	require.Equal(t, Bulk("listpack"), e.Exec(c, sargs("OBJECT", "ENCODING", "z")))
	e.Exec(c, sargs("SORT_RO", "z", "BY", "nosort", "LIMIT", "0", "0"))
	assert.Equal(t, Bulk("skiplist"), e.Exec(c, sargs("OBJECT", "ENCODING", "z")))
}

func TestSortStore(t *testing.T) {
	tests := []struct {
		name     string
		setup    [][]string
		cmd      []string
		want     Value
		stored   Value // LRANGE of the destination; nil array when absent
		destType string
	}{
		{"sorted list", [][]string{{"RPUSH", "s", "2", "1"}}, sargs("SORT", "s", "STORE", "d"), Int(2), BulkStrings([]string{"1", "2"}), "list"},
		{"missing gets store empty strings", [][]string{{"RPUSH", "s", "1"}, {"SET", "v_1", "x"}},
			sargs("SORT", "s", "GET", "v_*", "GET", "u_*", "STORE", "d"), Int(2), BulkStrings([]string{"x", ""}), "list"},
		{"replaces another type", [][]string{{"RPUSH", "s", "1"}, {"SET", "d", "str"}},
			sargs("SORT", "s", "STORE", "d"), Int(1), BulkStrings([]string{"1"}), "list"},
		{"empty result deletes", [][]string{{"RPUSH", "s", "1"}, {"SET", "d", "str"}},
			sargs("SORT", "s", "LIMIT", "0", "0", "STORE", "d"), Int(0), Array(), "none"},
		{"set nosort is sorted by bytes", [][]string{{"SADD", "s", "b", "c", "a", "10", "9"}},
			sargs("SORT", "s", "BY", "nosort", "DESC", "STORE", "d"), Int(5), BulkStrings([]string{"c", "b", "a", "9", "10"}), "list"},
		{"store compares whole strings", [][]string{{"RPUSH", "s", "a\x00b", "a\x00a"}},
			sargs("SORT", "s", "ALPHA", "STORE", "d"), Int(2), BulkStrings([]string{"a\x00a", "a\x00b"}), "list"},
		{"error leaves destination", [][]string{{"RPUSH", "s", "x"}, {"SET", "d", "str"}},
			sargs("SORT", "s", "STORE", "d"), Err(errSortScores), Value{}, "string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, c, _ := sortEngine(t)
			sortSetup(t, e, c, tc.setup)
			assert.Equal(t, tc.want, e.Exec(c, tc.cmd))
			assert.Equal(t, Simple(tc.destType), e.Exec(c, sargs("TYPE", "d")))
			if tc.destType != "string" {
				assert.Equal(t, tc.stored, e.Exec(c, sargs("LRANGE", "d", "0", "-1")))
			}
		})
	}
}

func TestSortStoreClearsTTLAndTouchesWatchers(t *testing.T) {
	e, c, _ := sortEngine(t)
	other := e.NewClient(nil)
	sortSetup(t, e, c, [][]string{{"RPUSH", "s", "1"}, {"SET", "d", "x", "EX", "100"}})
	sortSetup(t, e, other, [][]string{{"WATCH", "d"}, {"MULTI"}, {"PING"}})
	assert.Equal(t, Int(1), e.Exec(c, sargs("SORT", "s", "STORE", "d")))
	assert.Equal(t, Int(-1), e.Exec(c, sargs("TTL", "d")))
	assert.Equal(t, NullArray, e.Exec(other, sargs("EXEC")), "STORE is a write WATCH sees")
}

// TestSortPartialTies pins pqsort to what Redis 7.0.15 answered: with BY,
// ALPHA and a LIMIT, weights that compare equal come out in the order its
// partial quicksort leaves them, not in the list's order.
func TestSortPartialTies(t *testing.T) {
	e, c, _ := sortEngine(t)
	setup := [][]string{{"RPUSH", "big"}, {"MSET", "t_e03", "b", "t_e07", "a", "t_e11", "b", "t_e19", "c", "t_e23", "a", "t_e31", "b", "t_e42", "a", "t_e47", "c", "t_e50", "b"}}
	for i := 1; i <= 50; i++ {
		setup[0] = append(setup[0], "e"+strconv.Itoa(100 + i)[1:])
	}
	sortSetup(t, e, c, setup)
	got := e.Exec(c, sargs("SORT", "big", "BY", "t_*", "ALPHA", "LIMIT", "0", "12"))
	want := []string{"e38", "e02", "e39", "e40", "e41", "e43", "e44", "e45", "e46", "e48", "e49", "e04"}
	assert.Equal(t, BulkStrings(want), got)
	full := e.Exec(c, sargs("SORT", "big", "BY", "t_*", "ALPHA"))
	require.Len(t, full.Elems, 50)
	assert.Equal(t, Bulk("e01"), full.Elems[0], "a full sort keeps ties in list order")
}

// TestPqsortRange checks pqsort against a full sort on distinct keys: every
// position in the requested range must hold what a full sort puts there.
func TestPqsortRange(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cmp := sortCompare(false, false, false, false)
	for round := 0; round < 500; round++ {
		n := r.IntN(120)
		items := make([]*sortItem, n)
		for i := range items {
			items[i] = &sortItem{elem: strconv.Itoa(i), score: float64(r.IntN(1000))}
		}
		want := slices.Clone(items)
		slices.SortFunc(want, cmp)
		merged := slices.Clone(items)
		mergeSort(merged, make([]*sortItem, n), cmp)
		require.Equal(t, want, merged, "round %d: merge sort", round)
		lo, hi := sortRange(int64(r.IntN(n+2)-1), int64(r.IntN(n+2)-1), n)
		pqsort(items, cmp, lo, hi)
		for i := max(lo, 0); i <= hi; i++ {
			require.Equal(t, want[i], items[i], "round %d n %d range %d..%d at %d", round, n, lo, hi, i)
		}
	}
}

// TestMergeSortIsStable checks that ties keep their input order, as glibc's
// qsort (a merge sort) keeps them for a full SORT.
func TestMergeSortIsStable(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	cmp := func(a, b *sortItem) int { return int(a.score) - int(b.score) }
	for round := 0; round < 200; round++ {
		n := r.IntN(100)
		items := make([]*sortItem, n)
		for i := range items {
			items[i] = &sortItem{elem: strconv.Itoa(i), score: float64(r.IntN(5))}
		}
		want := slices.Clone(items)
		slices.SortStableFunc(want, cmp)
		mergeSort(items, make([]*sortItem, n), cmp)
		require.Equal(t, want, items, "round %d", round)
	}
}

func BenchmarkSort(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		e := New(Options{})
		c := e.NewClient(nil)
		r := rand.New(rand.NewPCG(3, 4))
		push := []string{"RPUSH", "l"}
		for i := 0; i < n; i++ {
			push = append(push, strconv.Itoa(r.IntN(1_000_000)))
		}
		e.Exec(c, push)
		for _, opt := range [][]string{{}, {"ALPHA"}, {"BY", "nosuch_*", "LIMIT", "10", "10"}} {
			cmd := append([]string{"SORT", "l"}, opt...)
			cmd = append(cmd, "STORE", "d")
			b.Run(strconv.Itoa(n)+"/"+strings.Join(opt, "_"), func(b *testing.B) {
				for b.Loop() {
					e.Exec(c, cmd)
				}
			})
		}
	}
}
