package engine

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cfgEngine returns an engine on a fake clock and a client, and puts the
// package-wide encoding thresholds back as they were when the test ends.
func cfgEngine(t *testing.T) (*Engine, *Client) {
	t.Helper()
	h1, h2, s1, z1, z2, p := hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries,
		ZsetMaxListpackEntries, ZsetMaxListpackValue, ProtoMaxBulkLen
	t.Cleanup(func() {
		hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries = h1, h2, s1
		ZsetMaxListpackEntries, ZsetMaxListpackValue, ProtoMaxBulkLen = z1, z2, p
	})
	now := time.Unix(1700000000, 0)
	e := New(Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	t.Cleanup(c.Close)
	return e, c
}

func cfgFail(name, why string) Value {
	return Err("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why)
}

func TestConfigSetErrors(t *testing.T) {
	tests := []struct {
		args []string
		want Value
	}{
		{[]string{"foo", "bar"}, Err("ERR Unknown option or number of arguments for CONFIG SET - 'foo'")},
		{[]string{"maxmemory", "1", "foo"}, Err(ErrSyntax)},
		{[]string{"maxmemory", "x"}, cfgFail("maxmemory", "argument must be a memory value")},
		{[]string{"maxmemory", "-1"}, cfgFail("maxmemory", "argument must be a memory value")},
		{[]string{"maxmemory", "1", "MAXMEMORY", "2"}, cfgFail("MAXMEMORY", "duplicate parameter")},
		{[]string{"maxmemory", "1", "databases", "2", "foo", "bar"}, cfgFail("databases", "can't set immutable config")},
		{[]string{"dir", "data"}, cfgFail("dir", "can't set protected config")},
		{[]string{"timeout", "05"}, cfgFail("timeout", "argument couldn't be parsed into an integer")},
		{[]string{"timeout", "-1"}, cfgFail("timeout", "argument must be between 0 and 2147483647 inclusive")},
		{[]string{"proto-max-bulk-len", "10"}, cfgFail("proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive")},
		{[]string{"appendonly", "maybe"}, cfgFail("appendonly", "argument must be 'yes' or 'no'")},
		{[]string{"maxmemory-policy", "lru"}, cfgFail("maxmemory-policy", "argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction")},
		{[]string{"save", "3600"}, cfgFail("save", "Invalid save parameters")},
		{[]string{"notify-keyspace-events", "Q"}, cfgFail("notify-keyspace-events", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.")},
		{[]string{"client-output-buffer-limit", "master 1 2 3"}, cfgFail("client-output-buffer-limit", "Invalid client class specified in buffer limit configuration.")},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			e, c := cfgEngine(t)
			assert.Equal(t, tt.want, e.Exec(c, append([]string{"CONFIG", "SET"}, tt.args...)))
		})
	}
}

func TestConfigSetIsAtomic(t *testing.T) {
	e, c := cfgEngine(t)
	got := e.Exec(c, []string{"CONFIG", "SET", "maxmemory", "1mb", "maxmemory-samples", "3", "maxmemory-policy", "bogus"})
	require.True(t, got.IsError())
	v, _ := e.Config().Get("maxmemory")
	assert.Equal(t, "0", v)
	v, _ = e.Config().Get("maxmemory-samples")
	assert.Equal(t, "5", v)
	assert.Equal(t, uint64(0), e.config.maxmemory)

	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "maxmemory", "1mb", "maxmemory-policy", "ALLKEYS-LFU", "maxmemory-samples", "3"}))
	assert.Equal(t, uint64(1<<20), e.config.maxmemory)
	assert.Equal(t, policyAllKeysLFU, e.config.policy)
	assert.Equal(t, 3, e.config.samples)
	assert.Equal(t, Map(Bulk("maxmemory-policy"), Bulk("allkeys-lfu")), e.Exec(c, []string{"CONFIG", "GET", "maxmemory-policy"}))
}

func TestConfigGet(t *testing.T) {
	e, c := cfgEngine(t)
	tests := []struct {
		args []string
		want Value
	}{
		{[]string{"MAXMEMORY"}, Map(Bulk("MAXMEMORY"), Bulk("0"))},
		{[]string{"maxmemory", "MAXMEMORY"}, Map(Bulk("maxmemory"), Bulk("0"))},
		{[]string{"nosuch", "zz*"}, Map()},
		{[]string{"hash-max-*-entries"}, Map(Bulk("hash-max-listpack-entries"), Bulk("512"), Bulk("hash-max-ziplist-entries"), Bulk("512"))},
		{[]string{"key-load-delay"}, Map(Bulk("key-load-delay"), Bulk("0"))},
		{[]string{"key-load-*"}, Map()},
		{[]string{"databases"}, Map(Bulk("databases"), Bulk("16"))},
		{[]string{"MAXMEMORY-P*"}, Map(Bulk("maxmemory-policy"), Bulk("noeviction"))},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, e.Exec(c, append([]string{"CONFIG", "GET"}, tt.args...)), "%v", tt.args)
	}
	all := e.Exec(c, []string{"CONFIG", "GET", "*"})
	// Redis 7.0.15 lists 192 parameters (aliases included, hidden ones not).
	require.Len(t, all.Elems, 2*192)
	var names []string
	for i := 0; i < len(all.Elems); i += 2 {
		names = append(names, all.Elems[i].Str)
	}
	assert.True(t, sort.StringsAreSorted(names))
	assert.Contains(t, names, "slave-read-only")
	assert.NotContains(t, names, "watchdog-period")
}

func TestConfigAliasesShareValues(t *testing.T) {
	e, c := cfgEngine(t)
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "hash-max-ziplist-entries", "100", "hash-max-listpack-entries", "200"}))
	assert.Equal(t, Map(Bulk("hash-max-ziplist-entries"), Bulk("200")), e.Exec(c, []string{"CONFIG", "GET", "hash-max-ziplist-entries"}))
	assert.Equal(t, 200, hashMaxListpackEntries)
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "slave-priority", "7"}))
	v, _ := e.Config().Get("replica-priority")
	assert.Equal(t, "7", v)
}

func TestConfigNormalizes(t *testing.T) {
	tests := []struct{ name, set, want string }{
		{"maxmemory", "10kb", "10240"},
		{"maxmemory", "2GB", "2147483648"},
		{"maxmemory", "99999999999999999999999", "18446744073709551615"},
		{"hz", "0", "1"},
		{"hz", "1000", "500"},
		{"loglevel", "WARNING", "warning"},
		{"shutdown-on-sigint", "default nosave now", "nosave now"},
		{"notify-keyspace-events", "Kxg$", "g$xK"},
		{"notify-keyspace-events", "Agmn", "Am"},
		{"maxmemory-clients", "10%", "10%"},
		{"latency-tracking-info-percentiles", "50.0 99.99", "50 99.99"},
		{"client-output-buffer-limit", "pubsub 1kb 2 3", "normal 0 0 0 slave 268435456 67108864 60 pubsub 1024 2 3"},
		{"activerehashing", "NO", "no"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.set, func(t *testing.T) {
			e, c := cfgEngine(t)
			require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", tt.name, tt.set}))
			assert.Equal(t, Map(Bulk(tt.name), Bulk(tt.want)), e.Exec(c, []string{"CONFIG", "GET", tt.name}))
		})
	}
}

func TestConfigThresholdsAreLive(t *testing.T) {
	e, c := cfgEngine(t)
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "set-max-intset-entries", "1", "zset-max-listpack-value", "2", "hash-max-listpack-value", "1"}))
	e.Exec(c, []string{"SADD", "s", "1", "2"})
	e.Exec(c, []string{"ZADD", "z", "1", "abc"})
	e.Exec(c, []string{"HSET", "h", "ab", "1"})
	for key, want := range map[string]string{"s": "hashtable", "z": "skiplist", "h": "hashtable"} {
		assert.Equal(t, Bulk(want), e.Exec(c, []string{"OBJECT", "ENCODING", key}), key)
	}
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "proto-max-bulk-len", "1mb"}))
	assert.Equal(t, int64(1<<20), ProtoMaxBulkLen)
}

func TestConfigAPI(t *testing.T) {
	e, c := cfgEngine(t)
	// The front end's Set may change what CONFIG SET may not.
	require.NoError(t, e.Config().Set("maxmemory", "64mb"))
	require.NoError(t, e.Config().Set("dir", "/data"))
	assert.Equal(t, uint64(64<<20), e.config.maxmemory)
	assert.Equal(t, Map(Bulk("dir"), Bulk("/data")), e.Exec(c, []string{"CONFIG", "GET", "dir"}))
	assert.EqualError(t, e.Config().Set("maxmemory", "lots"), "argument must be a memory value")
	assert.Error(t, e.Config().Set("nosuch", "1"))
	_, ok := e.Config().Get("nosuch")
	assert.False(t, ok)
}

// cfgPersister is a Persister that reports its own settings.
type cfgPersister struct{ aof bool }

func (cfgPersister) Save(int64, func(func([]string))) error                 { return nil }
func (cfgPersister) BackgroundSave(int64, bool, func(func([]string))) error { return nil }
func (p cfgPersister) Status() PersistStatus                                { return PersistStatus{AOFEnabled: p.aof} }
func (cfgPersister) ConfigValue(name string) (string, bool) {
	if name == "appendfsync" {
		return "always", true
	}
	return "", false
}

func TestConfigFromPersister(t *testing.T) {
	e, c := cfgEngine(t)
	get := func(name string) string { v, _ := e.Config().Get(name); return v }
	assert.Equal(t, "no", get("appendonly"))
	e.SetPersister(cfgPersister{aof: true})
	assert.Equal(t, "yes", get("appendonly"))
	assert.Equal(t, "always", get("appendfsync"))
	assert.Equal(t, "", get("save"))
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "SET", "appendfsync", "no"}))
	assert.Equal(t, "no", get("appendfsync"))
}

func TestConfigResetstatRewriteHelp(t *testing.T) {
	e, c := cfgEngine(t)
	e.Exec(c, []string{"SET", "k", "v"})
	e.Exec(c, []string{"GET", "k"})
	e.Exec(c, []string{"GET", "nosuch"})
	require.Equal(t, OK, e.Exec(c, []string{"CONFIG", "RESETSTAT"}))
	info := e.Exec(c, []string{"INFO", "stats"}).Str
	assert.Contains(t, info, "keyspace_hits:0\r\n")
	assert.Contains(t, info, "keyspace_misses:0\r\n")
	assert.Contains(t, info, "total_commands_processed:1\r\n")
	assert.Equal(t, Err("ERR The server is running without a config file"), e.Exec(c, []string{"CONFIG", "REWRITE"}))
	help := e.Exec(c, []string{"CONFIG", "HELP"})
	require.NotEmpty(t, help.Elems)
	assert.Equal(t, Simple("CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"), help.Elems[0])
}
