package engine

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recount works out the memory estimate from scratch, walking every key.
func recount(e *Engine) int64 {
	var n int64
	for _, db := range e.dbs {
		for k, o := range db.keys {
			n += keyCost(k) + objectSize(o)
		}
	}
	return n
}

// TestMemoryAccountingMatchesRecount runs writes of every kind and checks
// after each that the running total equals a full recount, so that no
// write path forgets to charge or refund.
func TestMemoryAccountingMatchesRecount(t *testing.T) {
	now := time.Unix(1700000000, 0)
	e := New(Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	defer c.Close()
	big := strings.Repeat("x", 300)
	script := [][]string{
		{"SET", "s", "hello"}, {"APPEND", "s", big}, {"SETRANGE", "s", "400", "y"}, {"INCR", "n"},
		{"INCRBYFLOAT", "f", "1.5"}, {"GETDEL", "f"}, {"MSET", "a", "1", "b", "2"}, {"SET", "a", big},
		{"RPUSH", "l", "a", big, "c"}, {"LPUSH", "l", "z"}, {"LSET", "l", "0", big}, {"LPOP", "l"},
		{"RPOP", "l"}, {"LINSERT", "l", "BEFORE", "a", "q"}, {"LREM", "l", "0", "a"}, {"LTRIM", "l", "0", "0"},
		{"RPUSH", "l2", "1", "2", "3"}, {"LMOVE", "l2", "l", "LEFT", "RIGHT"}, {"RPOPLPUSH", "l", "l3"},
		{"SADD", "set", "1", "2", big}, {"SREM", "set", big}, {"SMOVE", "set", "set2", "1"},
		{"SADD", "set3", "2", "9"}, {"SINTERSTORE", "dst", "set", "set3"}, {"SPOP", "set3"},
		{"HSET", "h", "f", "v", "g", big}, {"HSET", "h", "f", big}, {"HDEL", "h", "g"}, {"HINCRBY", "h", "n", "5"},
		{"ZADD", "z", "1", "a", "2", big, "3", "c"}, {"ZINCRBY", "z", "5", "a"}, {"ZREM", "z", big},
		{"ZADD", "z2", "1", "x", "2", "y", "3", "w"}, {"ZREMRANGEBYRANK", "z2", "0", "0"}, {"ZPOPMIN", "z2"},
		{"ZUNIONSTORE", "z3", "2", "z", "z2"}, {"ZREMRANGEBYSCORE", "z3", "-inf", "2"},
		{"RENAME", "h", "hh"}, {"RENAME", "hh", "a-much-longer-name-for-the-hash"}, {"COPY", "z", "zc"},
		{"COPY", "l", "l", "DB", "1"}, {"MOVE", "set2", "2"}, {"SWAPDB", "0", "1"}, {"SWAPDB", "0", "1"},
		{"SORT", "l2", "ALPHA", "STORE", "sorted"}, {"DEL", "s", "nosuch"}, {"UNLINK", "zc"},
		{"SET", "t", "v", "PX", "10"}, {"EXPIRE", "a", "1"}, {"GETEX", "b", "PX", "5"},
	}
	for _, args := range script {
		v := e.Exec(c, args)
		require.False(t, v.IsError(), "%v: %v", args, v.Str)
		require.Equal(t, recount(e), e.config.used, "after %v", args)
	}
	// A blocked client served by a push pops from the list the push made.
	c2 := e.NewClient(func(Value) {})
	defer c2.Close()
	e.Exec(c2, []string{"BLPOP", "bl", "0"})
	e.Exec(c, []string{"RPUSH", "bl", big, "x"})
	assert.Equal(t, recount(e), e.config.used, "after a served BLPOP")
	e.Exec(c, []string{"MULTI"})
	e.Exec(c, []string{"LPUSH", "bl", big})
	e.Exec(c, []string{"SPOP", "set", "5"})
	e.Exec(c, []string{"EXEC"})
	assert.Equal(t, recount(e), e.config.used, "after EXEC")
	// Keys that expire are refunded when they are found expired or swept.
	now = now.Add(2 * time.Second)
	e.Exec(c, []string{"GET", "t"})
	assert.Equal(t, recount(e), e.config.used)
	e.Tick()
	assert.Equal(t, recount(e), e.config.used)
	assert.Positive(t, e.config.used)
	e.Exec(c, []string{"FLUSHALL"})
	assert.Equal(t, int64(0), e.config.used)
	assert.Equal(t, int64(0), e.UsedMemory())
}

func TestMemoryGrowsWithData(t *testing.T) {
	e, c := cfgEngine(t)
	e.Exec(c, []string{"SET", "k", "v"})
	small := e.UsedMemory()
	e.Exec(c, []string{"SET", "k", strings.Repeat("v", 10000)})
	assert.Equal(t, small+9999, e.UsedMemory())
	e.Exec(c, []string{"DEL", "k"})
	assert.Equal(t, int64(0), e.UsedMemory())
}

func TestMaxmemoryNoeviction(t *testing.T) {
	e, c := cfgEngine(t)
	require.Equal(t, OK, e.Exec(c, []string{"SET", "k", strings.Repeat("v", 1000)}))
	require.NoError(t, e.Config().Set("maxmemory", "1000"))
	oom := Err("OOM command not allowed when used memory > 'maxmemory'.")
	assert.Equal(t, oom, e.Exec(c, []string{"SET", "k2", "v"}))
	assert.Equal(t, oom, e.Exec(c, []string{"RPUSH", "l", "v"}))
	// Commands that cannot add data still run, and may free some.
	assert.Equal(t, Int(1000), e.Exec(c, []string{"STRLEN", "k"}))
	// Inside MULTI even reads are refused, since queueing takes memory.
	assert.Equal(t, OK, e.Exec(c, []string{"MULTI"}))
	assert.Equal(t, oom, e.Exec(c, []string{"GET", "k"}))
	assert.Equal(t, Err("EXECABORT Transaction discarded because of previous errors."), e.Exec(c, []string{"EXEC"}))
	assert.Equal(t, Int(1), e.Exec(c, []string{"DEL", "k"}))
	assert.Equal(t, OK, e.Exec(c, []string{"SET", "k2", "v"}))
	assert.Equal(t, int64(0), e.config.evicted)
}

// fillKeys stores n keys of about 100 bytes each, key0 first, each one
// second after the previous one so that their idle times differ.
func fillKeys(t *testing.T, e *Engine, c *Client, now *time.Time, n int, ttl bool) {
	t.Helper()
	for i := 0; i < n; i++ {
		args := []string{"SET", "key" + strconv.Itoa(i), strings.Repeat("v", 100)}
		if ttl {
			args = append(args, "EX", strconv.Itoa(1000-2*i))
		}
		require.Equal(t, OK, e.Exec(c, args))
		*now = now.Add(time.Second)
	}
}

func TestMaxmemoryEviction(t *testing.T) {
	tests := []struct {
		policy string
		ttl    bool // give the keys a time to live
		// survivors must stay; evicted must go, when known
		survivors, evicted []string
	}{
		{policy: "allkeys-lru", survivors: []string{"key19"}, evicted: []string{"key0"}},
		// The LFU cases read key0 to key9 once more than the others.
		{policy: "allkeys-lfu", survivors: []string{"key0", "key3", "key9"}},
		{policy: "allkeys-random"},
		{policy: "volatile-lru", ttl: true, survivors: []string{"key19"}, evicted: []string{"key0"}},
		{policy: "volatile-lfu", ttl: true, survivors: []string{"key0", "key3", "key9"}},
		{policy: "volatile-random", ttl: true},
		// key19 was given the shortest time to live.
		{policy: "volatile-ttl", ttl: true, survivors: []string{"key0"}, evicted: []string{"key19"}},
	}
	for _, tt := range tests {
		t.Run(tt.policy, func(t *testing.T) {
			now := time.Unix(1700000000, 0)
			e := New(Options{Clock: func() time.Time { return now }})
			c := e.NewClient(nil)
			defer c.Close()
			// Sample every key, so that LRU and TTL pick the exact best.
			require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "maxmemory-policy", tt.policy, "maxmemory-samples", "100"}))
			fillKeys(t, e, c, &now, 20, tt.ttl)
			if strings.HasSuffix(tt.policy, "-lfu") {
				for i := 0; i < 10; i++ {
					e.Exec(c, []string{"GET", "key" + strconv.Itoa(i)})
				}
			}
			limit := e.UsedMemory() - 500
			require.NoError(t, e.Config().Set("maxmemory", strconv.FormatInt(limit, 10)))
			var evicted []Write
			e.SetJournal(func(ws []Write) { evicted = append(evicted, ws...) })
			assert.Equal(t, Int(0), e.Exec(c, []string{"EXISTS", "nosuch"}), "a read command evicts too")
			assert.LessOrEqual(t, e.UsedMemory(), limit)
			n := e.config.evicted
			assert.Positive(t, n)
			assert.Equal(t, int64(20)-n, int64(e.dbs[0].Len()))
			require.Len(t, evicted, int(n), "every eviction reaches the journal")
			assert.Equal(t, "DEL", evicted[0].Args[0])
			for _, k := range tt.survivors {
				assert.Equal(t, Int(1), e.Exec(c, []string{"EXISTS", k}), k)
			}
			for _, k := range tt.evicted {
				assert.Equal(t, Int(0), e.Exec(c, []string{"EXISTS", k}), k)
			}
			info := e.Exec(c, []string{"INFO"}).Str
			assert.Contains(t, info, "evicted_keys:"+strconv.FormatInt(n, 10)+"\r\n")
			assert.Contains(t, info, "maxmemory:"+strconv.FormatInt(limit, 10)+"\r\n")
			assert.Contains(t, info, "maxmemory_policy:"+tt.policy+"\r\n")
			assert.Contains(t, info, "used_memory:"+strconv.FormatInt(e.UsedMemory(), 10)+"\r\n")
			require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "RESETSTAT"}))
			assert.Contains(t, e.Exec(c, []string{"INFO", "stats"}).Str, "evicted_keys:0\r\n")
		})
	}
}

// TestVolatileEvictionSparesPersistentKeys checks that a volatile policy
// with nothing to evict answers OOM rather than touching keys without a
// time to live.
func TestVolatileEvictionSparesPersistentKeys(t *testing.T) {
	e, c := cfgEngine(t)
	require.Equal(t, OK, e.Exec(c, []string{"SET", "keep", strings.Repeat("v", 500)}))
	require.Equal(t, OK, e.Exec(c, []string{"SET", "temp", strings.Repeat("v", 500), "EX", "100"}))
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "maxmemory-policy", "volatile-lru", "maxmemory", "100"}))
	assert.Equal(t, Err(ErrOOM), e.Exec(c, []string{"SET", "more", "v"}))
	assert.Equal(t, Int(1), e.Exec(c, []string{"EXISTS", "keep"}))
	assert.Equal(t, Int(0), e.Exec(c, []string{"EXISTS", "temp"}))
	assert.Equal(t, int64(1), e.config.evicted)
}

// TestEvictionMakesRoomForWrites shows a learner's loop bounded: with an
// LRU policy writes keep succeeding and memory stays at the limit.
func TestEvictionMakesRoomForWrites(t *testing.T) {
	e, c := cfgEngine(t)
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "maxmemory-policy", "allkeys-lru", "maxmemory", "10kb"}))
	for i := 0; i < 1000; i++ {
		// The list written to may itself be evicted before the write, as
		// in Redis, so only success is certain, not the length.
		v := e.Exec(c, []string{"RPUSH", "list" + strconv.Itoa(i/7), strings.Repeat("x", 50)})
		require.Equal(t, KindInt, v.Kind, v.Str)
		require.LessOrEqual(t, e.UsedMemory(), int64(10240)+200, "at most one write over the limit")
	}
	assert.Positive(t, e.config.evicted)
}

func TestExemptFromMaxmemory(t *testing.T) {
	e, c := cfgEngine(t)
	require.NoError(t, e.Config().Set("maxmemory", "1"))
	e.ExemptFromMaxmemory(c, true)
	assert.Equal(t, OK, e.Exec(c, []string{"SET", "k", "v"}), "a loading client writes past the limit")
	e.ExemptFromMaxmemory(c, false)
	assert.Equal(t, Err(ErrOOM), e.Exec(c, []string{"SET", "k2", "v"}))
}

func TestLFUCounters(t *testing.T) {
	now := time.Unix(1700000040, 0) // 20 s into a minute
	e := New(Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	defer c.Close()
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"}))
	e.Exec(c, []string{"SET", "k", "v"})
	assert.Equal(t, Int(lfuInitVal), e.Exec(c, []string{"OBJECT", "FREQ", "k"}), "a new key starts at 5")
	e.Exec(c, []string{"GET", "k"})
	assert.Equal(t, Int(6), e.Exec(c, []string{"OBJECT", "FREQ", "k"}), "the first access always counts")
	for i := 0; i < 1000; i++ {
		e.Exec(c, []string{"GET", "k"})
	}
	f := e.Exec(c, []string{"OBJECT", "FREQ", "k"}).Int
	assert.Greater(t, f, int64(6))
	assert.Less(t, f, int64(40), "the counter grows logarithmically")
	// A counter loses one per lfu-decay-time minutes without access.
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "lfu-decay-time", "2"}))
	now = now.Add(4 * time.Minute)
	assert.Equal(t, Int(f-2), e.Exec(c, []string{"OBJECT", "FREQ", "k"}))
	now = now.Add(time.Hour)
	assert.Equal(t, Int(0), e.Exec(c, []string{"OBJECT", "FREQ", "k"}))
}
