package engine

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zexec(e *Engine, c *Client, args ...string) Value { return e.Exec(c, args) }

func pair(m string, s float64) Value { return Array(Bulk(m), Double(s)) }

func TestZsetReplyShapes(t *testing.T) {
	tests := []struct {
		name   string
		cmd    []string
		resp2  Value
		resp3  Value
		before []string
	}{
		{
			name:  "ZRANGE WITHSCORES nests pairs under RESP3",
			cmd:   []string{"ZRANGE", "z", "0", "1", "WITHSCORES"},
			resp2: Array(Bulk("a"), Double(1), Bulk("b"), Double(2.5)),
			resp3: Array(pair("a", 1), pair("b", 2.5)),
		},
		{
			name:  "ZRANGE without scores is flat in both",
			cmd:   []string{"ZRANGE", "z", "0", "1"},
			resp2: Array(Bulk("a"), Bulk("b")),
			resp3: Array(Bulk("a"), Bulk("b")),
		},
		{
			name:  "ZPOPMIN without count is flat in both",
			cmd:   []string{"ZPOPMIN", "z"},
			resp2: Array(Bulk("a"), Double(1)),
			resp3: Array(Bulk("a"), Double(1)),
		},
		{
			name:  "ZPOPMAX with count nests under RESP3",
			cmd:   []string{"ZPOPMAX", "z", "1"},
			resp2: Array(Bulk("c"), Double(3)),
			resp3: Array(pair("c", 3)),
		},
		{
			name:  "ZMPOP nests in both",
			cmd:   []string{"ZMPOP", "1", "z", "MIN", "COUNT", "2"},
			resp2: Array(Bulk("z"), Array(pair("a", 1), pair("b", 2.5))),
			resp3: Array(Bulk("z"), Array(pair("a", 1), pair("b", 2.5))),
		},
		{
			name:  "BZPOPMIN answers key, member, score",
			cmd:   []string{"BZPOPMIN", "z", "0"},
			resp2: Array(Bulk("z"), Bulk("a"), Double(1)),
			resp3: Array(Bulk("z"), Bulk("a"), Double(1)),
		},
		{
			name:  "ZUNION WITHSCORES nests under RESP3",
			cmd:   []string{"ZUNION", "1", "z", "WITHSCORES"},
			resp2: Array(Bulk("a"), Double(1), Bulk("b"), Double(2.5), Bulk("c"), Double(3)),
			resp3: Array(pair("a", 1), pair("b", 2.5), pair("c", 3)),
		},
		{
			name:   "ZRANDMEMBER WITHSCORES nests under RESP3",
			before: []string{"ZADD", "one", "7", "m"},
			cmd:    []string{"ZRANDMEMBER", "one", "-2", "WITHSCORES"},
			resp2:  Array(Bulk("m"), Double(7), Bulk("m"), Double(7)),
			resp3:  Array(pair("m", 7), pair("m", 7)),
		},
		{
			name:  "ZSCORE is a double",
			cmd:   []string{"ZSCORE", "z", "b"},
			resp2: Double(2.5),
			resp3: Double(2.5),
		},
		{
			name:  "ZADD INCR is a double",
			cmd:   []string{"ZADD", "z", "INCR", "1", "a"},
			resp2: Double(2),
			resp3: Double(2),
		},
	}
	for _, tc := range tests {
		for _, proto := range []int{2, 3} {
			t.Run(tc.name+"/RESP"+strconv.Itoa(proto), func(t *testing.T) {
				e := New(Options{})
				c := e.NewClient(nil)
				c.Proto = proto
				zexec(e, c, "ZADD", "z", "1", "a", "2.5", "b", "3", "c")
				if tc.before != nil {
					e.Exec(c, tc.before)
				}
				want := tc.resp2
				if proto == 3 {
					want = tc.resp3
				}
				assert.Equal(t, want, e.Exec(c, tc.cmd))
			})
		}
	}
}

func TestZsetDoubleRendering(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	zexec(e, c, "ZADD", "z", "1.1", "a", "inf", "b", "-inf", "c")
	assert.Equal(t, Bulk("1.1000000000000001"), zexec(e, c, "ZSCORE", "z", "a").RESP2())
	assert.Equal(t, Bulk("inf"), zexec(e, c, "ZSCORE", "z", "b").RESP2())
	assert.Equal(t, Bulk("-inf"), zexec(e, c, "ZSCORE", "z", "c").RESP2())
}

func TestZsetWritesAndKeyLifetime(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	db := e.DB(0)
	tests := []struct {
		name      string
		cmd       []string
		want      Value
		dirty     bool
		keyExists bool
	}{
		{"create", []string{"ZADD", "z", "1", "a", "2", "b"}, Int(2), true, true},
		{"same score changes nothing", []string{"ZADD", "z", "1", "a"}, Int(0), false, true},
		{"XX on a new member changes nothing", []string{"ZADD", "z", "XX", "5", "c"}, Int(0), false, true},
		{"GT refuses a lower score", []string{"ZADD", "z", "GT", "CH", "0", "a"}, Int(0), false, true},
		{"update counts with CH", []string{"ZADD", "z", "CH", "9", "a"}, Int(1), true, true},
		{"removing nothing", []string{"ZREM", "z", "nope"}, Int(0), false, true},
		{"removing one", []string{"ZREM", "z", "a"}, Int(1), true, true},
		{"removing the last deletes the key", []string{"ZREM", "z", "b"}, Int(1), true, false},
		{"XX does not create", []string{"ZADD", "z", "XX", "1", "a"}, Int(0), false, false},
		{"INCR XX on a missing key", []string{"ZADD", "z", "XX", "INCR", "1", "a"}, Null, false, false},
		{"ZINCRBY creates", []string{"ZINCRBY", "z", "2", "a"}, Double(2), true, true},
		{"pop to empty deletes", []string{"ZPOPMIN", "z", "5"}, Array(Bulk("a"), Double(2)), true, false},
		{"store of nothing", []string{"ZUNIONSTORE", "z", "1", "missing"}, Int(0), false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.dirty
			assert.Equal(t, tc.want, e.Exec(c, tc.cmd))
			assert.Equal(t, tc.dirty, e.dirty > before, "dirty")
			assert.Equal(t, tc.keyExists, db.Lookup("z", 0) != nil, "key exists")
		})
	}
}

func TestZaddNaNKeepsEarlierState(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	zexec(e, c, "ZADD", "z", "inf", "a")
	assert.Equal(t, Err(errScoreNaN), zexec(e, c, "ZINCRBY", "z", "-inf", "a"))
	assert.Equal(t, Double(math.Inf(1)), zexec(e, c, "ZSCORE", "z", "a"))
}

// fakeSet stands in for the set type: anything with Members() works.
type fakeSet []string

func (s fakeSet) Members() []string { return s }

func TestZsetOpsAcceptSets(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	e.DB(0).Set("s", &Object{Type: TypeSet, Val: fakeSet{"a", "x"}})
	zexec(e, c, "ZADD", "z", "5", "a", "7", "b")
	assert.Equal(t, Array(Bulk("x"), Double(1), Bulk("a"), Double(6), Bulk("b"), Double(7)),
		zexec(e, c, "ZUNION", "2", "s", "z", "WITHSCORES"))
	assert.Equal(t, Array(Bulk("a"), Double(20)),
		zexec(e, c, "ZINTER", "2", "s", "z", "WEIGHTS", "20", "1", "AGGREGATE", "MAX", "WITHSCORES"))
	assert.Equal(t, Array(Bulk("x")), zexec(e, c, "ZDIFF", "2", "s", "z"))
	assert.Equal(t, Int(1), zexec(e, c, "ZINTERCARD", "2", "z", "s"))
	assert.Equal(t, Int(2), zexec(e, c, "ZDIFFSTORE", "d", "1", "s"))
	assert.Equal(t, Array(Bulk("a"), Bulk("x")), zexec(e, c, "ZRANGE", "d", "0", "-1"))
}

func TestBlockingZpopServedByZadd(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	var r1, r2, r3 pushRecorder
	c1, c2, c3, w := e.NewClient(r1.push), e.NewClient(r2.push), e.NewClient(r3.push), e.NewClient(nil)

	require.Equal(t, None, zexec(e, c1, "BZPOPMIN", "a", "b", "0"))
	require.Equal(t, None, zexec(e, c2, "BZPOPMAX", "b", "0"))
	require.Equal(t, None, zexec(e, c3, "BZMPOP", "0", "1", "b", "MAX", "COUNT", "5"))
	assert.Equal(t, 3, e.BlockedClients())

	// Three members in one ZADD: each waiter, oldest first, takes its share.
	assert.Equal(t, Int(4), zexec(e, w, "ZADD", "b", "1", "x", "2", "y", "3", "z", "4", "w"))
	assert.Equal(t, []Value{Array(Bulk("b"), Bulk("x"), Double(1))}, r1.got)
	assert.Equal(t, []Value{Array(Bulk("b"), Bulk("w"), Double(4))}, r2.got)
	assert.Equal(t, []Value{Array(Bulk("b"), Array(pair("z", 3), pair("y", 2)))}, r3.got)
	assert.Equal(t, 0, e.BlockedClients())
	assert.Nil(t, e.DB(0).Lookup("b", 0), "the emptied set is deleted")
}

func TestBlockingZpopIgnoresOtherTypes(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	var r pushRecorder
	c, w := e.NewClient(r.push), e.NewClient(nil)
	require.Equal(t, None, zexec(e, c, "BZPOPMIN", "k", "0"))
	zexec(e, w, "RPUSH", "k", "v")
	assert.Empty(t, r.got, "a list does not serve BZPOPMIN")
	assert.True(t, c.Blocked())
	e.DB(0).Delete("k", 0)
	zexec(e, w, "ZADD", "k", "1", "m")
	assert.Equal(t, []Value{Array(Bulk("k"), Bulk("m"), Double(1))}, r.got)
}

func TestBlockingZpopTimeouts(t *testing.T) {
	now, opts := newClock()
	e := New(opts)
	var r pushRecorder
	c := e.NewClient(r.push)
	tests := []struct {
		cmd     []string
		timeout time.Duration
	}{
		{[]string{"BZPOPMIN", "q", "1.5"}, 1500 * time.Millisecond},
		{[]string{"BZPOPMAX", "q", "q2", "0.25"}, 250 * time.Millisecond},
		{[]string{"BZMPOP", "2", "1", "q", "MIN", "COUNT", "3"}, 2 * time.Second},
	}
	for i, tc := range tests {
		t.Run(tc.cmd[0], func(t *testing.T) {
			require.Equal(t, None, e.Exec(c, tc.cmd))
			*now = now.Add(tc.timeout - time.Millisecond)
			e.Tick()
			assert.Len(t, r.got, i, "not yet")
			*now = now.Add(time.Millisecond)
			e.Tick()
			require.Len(t, r.got, i+1)
			assert.Equal(t, NullArray, r.got[i])
			assert.False(t, c.Blocked())
		})
	}
}

func TestZrandmember(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	members := map[string]float64{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
	for m, s := range members {
		zexec(e, c, "ZADD", "z", strconv.FormatFloat(s, 'g', -1, 64), m)
	}
	seen := map[string]bool{}
	for i := 0; i < 500; i++ {
		v := zexec(e, c, "ZRANDMEMBER", "z")
		require.Equal(t, KindBulk, v.Kind)
		require.Contains(t, members, v.Str)
		seen[v.Str] = true
	}
	assert.Len(t, seen, len(members), "every member comes up sooner or later")

	for _, n := range []int{2, 3, 4} {
		v := zexec(e, c, "ZRANDMEMBER", "z", strconv.Itoa(n), "WITHSCORES")
		require.Len(t, v.Elems, 2*n)
		distinct := map[string]bool{}
		for i := 0; i < len(v.Elems); i += 2 {
			m := v.Elems[i].Str
			assert.Equal(t, Double(members[m]), v.Elems[i+1], "score of %s", m)
			distinct[m] = true
		}
		assert.Len(t, distinct, n, "a positive count gives distinct members")
	}
	// The set is a listpack, so a sample comes back in set order.
	v := zexec(e, c, "ZRANDMEMBER", "z", "3")
	for i := 1; i < len(v.Elems); i++ {
		assert.Less(t, v.Elems[i-1].Str, v.Elems[i].Str)
	}
	assert.Equal(t, BulkStrings([]string{"a", "b", "c", "d", "e"}), zexec(e, c, "ZRANDMEMBER", "z", "50"))

	v = zexec(e, c, "ZRANDMEMBER", "z", "-40")
	require.Len(t, v.Elems, 40, "a negative count repeats")
	counts := map[string]int{}
	for _, el := range v.Elems {
		counts[el.Str]++
	}
	repeated := false
	for _, n := range counts {
		repeated = repeated || n > 1
	}
	assert.True(t, repeated)
}

func TestZrangeStoreAndOpsReplaceDestination(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	db := e.DB(0)
	zexec(e, c, "ZADD", "src", "1", "a", "2", "b")
	zexec(e, c, "SET", "dst", "x")
	db.SetExpire("dst", 1<<60)
	assert.Equal(t, Int(2), zexec(e, c, "ZRANGESTORE", "dst", "src", "0", "-1"))
	o := db.Lookup("dst", 0)
	require.NotNil(t, o)
	assert.Equal(t, TypeZSet, o.Type)
	_, hasTTL := db.Expire("dst")
	assert.False(t, hasTTL, "the store clears the old time to live")
	assert.Equal(t, "listpack", o.Val.(*zset).Encoding())

	assert.Equal(t, Int(0), zexec(e, c, "ZRANGESTORE", "dst", "src", "5", "9"))
	assert.Nil(t, db.Lookup("dst", 0), "an empty result deletes the destination")
}
