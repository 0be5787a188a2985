package engine

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// srvEngine returns an engine on a fake clock, one client, and the clock.
func srvEngine(t *testing.T) (*Engine, *Client, *time.Time) {
	t.Helper()
	now := time.Unix(1700000000, 123456000)
	e := New(Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	t.Cleanup(c.Close)
	return e, c, &now
}

func srvPut(e *Engine, db int, key, val string) {
	e.dbs[db].Set(key, &Object{Type: TypeString, Str: val})
}

func TestServerReplies(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want Value
	}{
		{"dbsize arity", []string{"DBSIZE", "x"}, Err("ERR wrong number of arguments for 'dbsize' command")},
		{"flushdb bad mode", []string{"FLUSHDB", "x"}, Err(ErrSyntax)},
		{"flushdb two modes", []string{"FLUSHDB", "async", "sync"}, Err(ErrSyntax)},
		{"flushdb async", []string{"FLUSHDB", "ASYNC"}, OK},
		{"flushdb sync", []string{"flushdb", "sync"}, OK},
		{"flushall bad mode", []string{"FLUSHALL", "x"}, Err(ErrSyntax)},
		{"flushall sync", []string{"FLUSHALL", "SYNC"}, OK},
		{"swapdb first", []string{"SWAPDB", "x", "1"}, Err("ERR invalid first DB index")},
		{"swapdb second", []string{"SWAPDB", "1", "x"}, Err("ERR invalid second DB index")},
		{"swapdb range", []string{"SWAPDB", "0", "16"}, Err(ErrDBIndex)},
		{"swapdb negative", []string{"SWAPDB", "-1", "0"}, Err(ErrDBIndex)},
		{"swapdb same", []string{"SWAPDB", "3", "3"}, OK},
		{"swapdb arity", []string{"SWAPDB", "0"}, Err("ERR wrong number of arguments for 'swapdb' command")},
		{"time", []string{"TIME"}, Array(Bulk("1700000000"), Bulk("123456"))},
		{"time arity", []string{"TIME", "x"}, Err("ERR wrong number of arguments for 'time' command")},
		{"command unknown sub", []string{"COMMAND", "foo"}, Err("ERR unknown subcommand 'foo'. Try COMMAND HELP.")},
		{"command count arity", []string{"COMMAND", "COUNT", "x"}, Err("ERR wrong number of arguments for 'command|count' command")},
		{"command list syntax", []string{"COMMAND", "LIST", "FILTERBY"}, Err(ErrSyntax)},
		{"command list bad filter", []string{"COMMAND", "LIST", "FILTERBY", "color", "red"}, Err(ErrSyntax)},
		{"command list module", []string{"COMMAND", "LIST", "FILTERBY", "MODULE", "m"}, Array()},
		{"command list no category", []string{"COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"}, Array()},
		{"command list pattern", []string{"COMMAND", "LIST", "FILTERBY", "PATTERN", "CLIENT|GET*"},
			Array(Bulk("client|getredir"), Bulk("client|getname"))},
		{"command info unknown", []string{"COMMAND", "INFO", "nosuch", "client|nosuch", "ping|x"}, Array(Null, Null, Null)},
		{"command docs unknown", []string{"COMMAND", "DOCS", "nosuch"}, Map()},
		{"getkeys unknown", []string{"COMMAND", "GETKEYS", "nosuch", "a"}, Err("ERR Invalid command specified")},
		{"getkeys unknown sub", []string{"COMMAND", "GETKEYS", "client", "nosuch"}, Err("ERR Invalid command specified")},
		{"getkeys keyless", []string{"COMMAND", "GETKEYS", "ping", "x"}, Err("ERR The command has no key arguments")},
		{"getkeys arity", []string{"COMMAND", "GETKEYS", "ping"}, Err("ERR wrong number of arguments for 'command|getkeys' command")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c, _ := srvEngine(t)
			assert.Equal(t, tt.want, e.Exec(c, tt.args))
		})
	}
}

func TestDBSizeAndFlush(t *testing.T) {
	e, c, _ := srvEngine(t)
	srvPut(e, 0, "a", "1")
	srvPut(e, 0, "b", "2")
	srvPut(e, 1, "c", "3")
	assert.Equal(t, Int(2), e.Exec(c, []string{"DBSIZE"}))

	assert.Equal(t, OK, e.Exec(c, []string{"FLUSHDB"}))
	assert.Equal(t, Int(0), e.Exec(c, []string{"DBSIZE"}))
	assert.Equal(t, 1, e.dbs[1].Len(), "FLUSHDB leaves other databases alone")
	dirty := e.dirty

	assert.Equal(t, OK, e.Exec(c, []string{"FLUSHALL", "ASYNC"}))
	assert.Equal(t, 0, e.dbs[1].Len())
	assert.Equal(t, dirty+2, e.dirty, "one change per key plus one for FLUSHALL")
}

func TestSwapDB(t *testing.T) {
	e, c, _ := srvEngine(t)
	other := e.NewClient(nil)
	defer other.Close()
	srvPut(e, 0, "zero", "0")
	srvPut(e, 1, "one", "1")
	e.dbs[1].SetExpire("one", 1700000100000)

	require.Equal(t, OK, e.Exec(c, []string{"SWAPDB", "0", "1"}))
	assert.NotNil(t, e.dbs[0].Lookup("one", 0))
	assert.NotNil(t, e.dbs[1].Lookup("zero", 0))
	when, ok := e.dbs[0].Expire("one")
	assert.True(t, ok, "the time to live travels with the key")
	assert.Equal(t, int64(1700000100000), when)
	assert.Equal(t, 0, e.dbs[0].ID, "databases keep their numbers")
	// Another client on database 0 sees the swapped data.
	assert.Equal(t, Int(1), e.Exec(other, []string{"DBSIZE"}))
}

func TestInfoSections(t *testing.T) {
	titles := func(v Value) []string {
		var out []string
		for _, l := range strings.Split(v.Str, "\r\n") {
			if strings.HasPrefix(l, "# ") {
				out = append(out, l[2:])
			}
		}
		return out
	}
	defaults := []string{"Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace"}
	all := []string{"Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace"}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"no argument", nil, defaults},
		{"default", []string{"default"}, defaults},
		{"all", []string{"ALL"}, all},
		{"everything", []string{"everything"}, all},
		{"several in canonical order", []string{"keyspace", "Server", "cpu"}, []string{"Server", "CPU", "Keyspace"}},
		{"default plus extra", []string{"default", "commandstats"}, []string{"Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Commandstats", "Errorstats", "Cluster", "Keyspace"}},
		{"module_list", []string{"module_list"}, []string{"Modules"}},
		{"unknown", []string{"nosuch"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c, _ := srvEngine(t)
			v := e.Exec(c, append([]string{"INFO"}, tt.args...))
			require.Equal(t, KindVerbatim, v.Kind)
			assert.Equal(t, tt.want, titles(v))
		})
	}
}

func TestInfoLayout(t *testing.T) {
	e, c, now := srvEngine(t)
	*now = now.Add(90 * time.Second)
	srvPut(e, 0, "a", "1")
	srvPut(e, 0, "b", "2")
	srvPut(e, 3, "c", "3")
	nowMs := now.UnixMilli()
	e.dbs[0].SetExpire("a", nowMs+10000)
	e.dbs[0].SetExpire("b", nowMs+20000)

	v := e.Exec(c, []string{"INFO", "keyspace"})
	assert.Equal(t, "# Keyspace\r\ndb0:keys=2,expires=2,avg_ttl=15000\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n", v.Str)

	v = e.Exec(c, []string{"INFO", "server", "cluster"})
	assert.True(t, strings.HasPrefix(v.Str, "# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\n"), v.Str)
	assert.True(t, strings.HasSuffix(v.Str, "io_threads_active:0\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n"), v.Str)
	assert.Contains(t, v.Str, "\r\nuptime_in_seconds:90\r\n")
	assert.Contains(t, v.Str, "\r\nserver_time_usec:1700000090123456\r\n")

	v = e.Exec(c, []string{"INFO", "stats"})
	assert.Contains(t, v.Str, "\r\ntotal_connections_received:1\r\n")
	assert.Contains(t, v.Str, "\r\ntotal_commands_processed:3\r\n")

	v = e.Exec(c, []string{"INFO", "clients"})
	assert.Contains(t, v.Str, "\r\nconnected_clients:1\r\n")

	assert.Equal(t, "", e.Exec(c, []string{"INFO", "nosuch"}).Str)
}

func TestBytesToHuman(t *testing.T) {
	tests := []struct {
		n    uint64
		want string
	}{
		{0, "0B"},
		{1023, "1023B"},
		{1024, "1.00K"},
		{1609136, "1.53M"},
		{25276514304, "23.54G"},
		{3 << 40, "3.00T"},
		{5 << 50, "5.00P"},
		{2048 << 50, "2048.00P"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, bytesToHuman(tt.n), tt.n)
	}
}

// Key specs shaped like Redis 7.0's for a few commands, to check key
// extraction without depending on other groups' registrations.
var (
	srvSetCmd = &Command{Name: "set", Arity: -3, FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update", "variable_flags"}, Index: 1, KeyStep: 1}}}
	srvMsetCmd = &Command{Name: "mset", Arity: -3, FirstKey: 1, LastKey: -1, Step: 2,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: -1, KeyStep: 2}}}
	srvZunionstoreCmd = &Command{Name: "zunionstore", Arity: -4, FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{
			{Flags: []string{"OW", "update"}, Index: 1, KeyStep: 1},
			{Flags: []string{"RO", "access"}, Index: 2, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1},
		}}
	srvMigrateCmd = &Command{Name: "migrate", Arity: -6, FirstKey: 3, LastKey: 3, Step: 1,
		KeySpecs: []KeySpec{
			{Flags: []string{"RW", "access", "delete"}, Index: 3, KeyStep: 1},
			{Flags: []string{"RW", "access", "delete", "incomplete"}, Keyword: "KEYS", StartFrom: -2, LastKey: -1, KeyStep: 1},
		}}
	srvXreadCmd = &Command{Name: "xread", Arity: -4, KeySpecs: []KeySpec{
		{Flags: []string{"RO", "access"}, Keyword: "STREAMS", StartFrom: 1, LastKey: -1, KeyStep: 1, Limit: 2},
	}}
	srvSortCmd = &Command{Name: "sort", Arity: -2, FirstKey: 1, LastKey: 1, Step: 1, KeySpecs: []KeySpec{
		{Flags: []string{"RO", "access"}, Index: 1, KeyStep: 1},
		{Notes: "BY and GET patterns", Flags: []string{"RO", "access"}},
	}}
)

func TestCommandKeys(t *testing.T) {
	tests := []struct {
		name string
		cmd  *Command
		args []string
		want []int
		ok   bool
	}{
		{"single", srvSetCmd, []string{"set", "k", "v"}, []int{1}, true},
		{"every other", srvMsetCmd, []string{"mset", "a", "1", "b", "2"}, []int{1, 3}, true},
		{"keynum", srvZunionstoreCmd, []string{"zunionstore", "d", "2", "a", "b", "WEIGHTS", "1", "2"}, []int{1, 3, 4}, true},
		{"keynum too many", srvZunionstoreCmd, []string{"zunionstore", "d", "5", "a", "b"}, nil, false},
		{"keynum not a number", srvZunionstoreCmd, []string{"zunionstore", "d", "x", "a"}, nil, false},
		{"keyword from the end", srvMigrateCmd, []string{"migrate", "h", "p", "", "0", "5", "KEYS", "a", "b", "c"}, []int{3, 7, 8, 9}, true},
		{"keyword absent", srvMigrateCmd, []string{"migrate", "h", "p", "k", "0", "5"}, []int{3}, true},
		{"limit halves the rest", srvXreadCmd, []string{"xread", "COUNT", "2", "STREAMS", "s1", "s2", "0", "0"}, []int{4, 5}, true},
		{"unknown spec skipped", srvSortCmd, []string{"sort", "k", "BY", "w_*"}, []int{1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, ok := commandKeys(tt.cmd, tt.args)
			assert.Equal(t, tt.ok, ok)
			var pos []int
			for _, k := range keys {
				pos = append(pos, k.Pos)
			}
			assert.Equal(t, tt.want, pos)
		})
	}
}

func TestCommandGetKeys(t *testing.T) {
	e, c, _ := srvEngine(t)
	for _, cmd := range []*Command{srvSetCmd, srvMsetCmd, srvZunionstoreCmd, srvMigrateCmd, srvSortCmd} {
		if Lookup(cmd.Name) == nil {
			withCommand(t, cmd)
		}
	}
	tests := []struct {
		name string
		args []string
		want Value
	}{
		{"keys", []string{"COMMAND", "GETKEYS", "MSET", "a", "1", "b", "2"}, Array(Bulk("a"), Bulk("b"))},
		{"arity", []string{"COMMAND", "GETKEYS", "set", "a"}, Err("ERR Invalid number of arguments specified for command")},
		{"invalid", []string{"COMMAND", "GETKEYS", "zunionstore", "d", "5", "a"}, Err("ERR Invalid arguments specified for command")},
		{"flags of set", []string{"COMMAND", "GETKEYSANDFLAGS", "set", "k", "v"},
			Array(Array(Bulk("k"), Set(Simple("OW"), Simple("update"))))},
		{"flags of set get", []string{"COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "get"},
			Array(Array(Bulk("k"), Set(Simple("RW"), Simple("access"), Simple("update"))))},
		{"migrate keys option", []string{"COMMAND", "GETKEYS", "migrate", "h", "p", "", "0", "5", "KEYS", "a", "b"}, Array(Bulk("a"), Bulk("b"))},
		{"migrate keys option needs empty key", []string{"COMMAND", "GETKEYS", "migrate", "h", "p", "k", "0", "5", "KEYS", "a"},
			Err("ERR Invalid arguments specified for command")},
		{"migrate one key", []string{"COMMAND", "GETKEYSANDFLAGS", "migrate", "h", "p", "k", "0", "5"},
			Array(Array(Bulk("k"), Set(Simple("RW"), Simple("access"), Simple("delete"))))},
		{"sort store", []string{"COMMAND", "GETKEYSANDFLAGS", "sort", "k", "BY", "w_*", "LIMIT", "0", "1", "GET", "x", "STORE", "d"},
			Array(Array(Bulk("k"), Set(Simple("RO"), Simple("access"))), Array(Bulk("d"), Set(Simple("OW"), Simple("update"))))},
		{"flags of keynum", []string{"COMMAND", "GETKEYSANDFLAGS", "zunionstore", "d", "1", "a"},
			Array(Array(Bulk("d"), Set(Simple("OW"), Simple("update"))), Array(Bulk("a"), Set(Simple("RO"), Simple("access"))))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, e.Exec(c, tt.args))
		})
	}
}

func TestKeySpecInfo(t *testing.T) {
	// COMMAND INFO's rendering of each kind of key spec, as Redis 7.0 lays
	// them out (see COMMAND INFO sort, zunionstore and migrate there).
	unknown := Map(Bulk("type"), Bulk("unknown"), Bulk("spec"), Map())
	tests := []struct {
		name string
		ks   KeySpec
		want Value
	}{
		{"index range", KeySpec{Flags: []string{"RO", "access"}, Index: 1, KeyStep: 1},
			Map(Bulk("flags"), Set(Simple("RO"), Simple("access")),
				Bulk("begin_search"), Map(Bulk("type"), Bulk("index"), Bulk("spec"), Map(Bulk("index"), Int(1))),
				Bulk("find_keys"), Map(Bulk("type"), Bulk("range"), Bulk("spec"),
					Map(Bulk("lastkey"), Int(0), Bulk("keystep"), Int(1), Bulk("limit"), Int(0))))},
		{"keyword keynum", KeySpec{Flags: []string{"RO"}, Keyword: "STREAMS", StartFrom: -2, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1},
			Map(Bulk("flags"), Set(Simple("RO")),
				Bulk("begin_search"), Map(Bulk("type"), Bulk("keyword"), Bulk("spec"),
					Map(Bulk("keyword"), Bulk("STREAMS"), Bulk("startfrom"), Int(-2))),
				Bulk("find_keys"), Map(Bulk("type"), Bulk("keynum"), Bulk("spec"),
					Map(Bulk("keynumidx"), Int(0), Bulk("firstkey"), Int(1), Bulk("keystep"), Int(1))))},
		{"unknown with notes", KeySpec{Notes: "why", Flags: []string{"OW", "update"}},
			Map(Bulk("notes"), Bulk("why"), Bulk("flags"), Set(Simple("OW"), Simple("update")),
				Bulk("begin_search"), unknown, Bulk("find_keys"), unknown)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, keySpecInfo(tt.ks))
		})
	}
}

func TestCommandListAndCount(t *testing.T) {
	e, c, _ := srvEngine(t)
	count := e.Exec(c, []string{"COMMAND", "COUNT"})
	assert.Equal(t, Int(int64(len(Commands()))), count)

	all := e.Exec(c, []string{"COMMAND", "LIST"})
	names := map[string]bool{}
	for _, v := range all.Elems {
		names[v.Str] = true
	}
	for _, want := range []string{"ping", "client", "client|setname", "command|docs", "info"} {
		assert.True(t, names[want], want)
	}

	conn := e.Exec(c, []string{"COMMAND", "LIST", "FILTERBY", "ACLCAT", "CONNECTION"})
	got := map[string]bool{}
	for _, v := range conn.Elems {
		got[v.Str] = true
	}
	assert.True(t, got["ping"] && got["client|list"] && got["command|info"])
	assert.False(t, got["client"], "CLIENT itself is only @slow")
	assert.False(t, got["dbsize"])

	info := e.Exec(c, []string{"COMMAND"})
	assert.Len(t, info.Elems, len(Commands()))
	assert.Equal(t, info, e.Exec(c, []string{"COMMAND", "INFO"}))
}

func TestConnectionStateInClientCommands(t *testing.T) {
	e, c, _ := srvEngine(t)
	other := e.NewClient(func(Value) {})

	e.Exec(c, []string{"SUBSCRIBE", "ch"})
	assert.Equal(t, Array(Bulk("pong"), Bulk("")), e.Exec(c, []string{"PING"}), "RESP2 subscribers get a pong message")
	assert.Equal(t, Array(Bulk("pong"), Bulk("hi")), e.Exec(c, []string{"PING", "hi"}))
	c.Proto = 3
	assert.Equal(t, Simple("PONG"), e.Exec(c, []string{"PING"}))
	line := e.Exec(c, []string{"CLIENT", "INFO"}).Str
	assert.Contains(t, line, " flags=P db=0 sub=1 psub=0 ssub=0 multi=-1 ")
	assert.NotContains(t, e.Exec(c, []string{"CLIENT", "LIST", "TYPE", "normal"}).Str, "id="+strconv.FormatInt(c.ID, 10)+" ")
	assert.Contains(t, e.Exec(c, []string{"CLIENT", "LIST", "TYPE", "pubsub"}).Str, "id="+strconv.FormatInt(c.ID, 10)+" ")
	e.Exec(c, []string{"UNSUBSCRIBE"})
	c.Proto = 2

	e.Exec(c, []string{"MULTI"})
	e.Exec(c, []string{"SET", "a", "1"})
	e.Exec(c, []string{"GET", "a"})
	line = e.Exec(other, []string{"CLIENT", "LIST", "ID", strconv.FormatInt(c.ID, 10)}).Str
	e.Exec(c, []string{"DISCARD"})
	assert.Contains(t, line, " flags=x db=0 sub=0 psub=0 ssub=0 multi=2 ")

	id := strconv.FormatInt(other.ID, 10)
	assert.Equal(t, Int(0), e.Exec(c, []string{"CLIENT", "UNBLOCK", id}), "not blocked")
	e.Exec(other, []string{"BLPOP", "q", "0"})
	assert.Equal(t, Int(1), e.Exec(c, []string{"CLIENT", "UNBLOCK", id, "ERROR"}))
	assert.False(t, other.Blocked())
	assert.Equal(t, Int(0), e.Exec(c, []string{"CLIENT", "UNBLOCK", "99"}))

	e.Exec(c, []string{"WATCH", "a"})
	e.Exec(c, []string{"PSUBSCRIBE", "p*"})
	assert.Equal(t, Simple("RESET"), e.Exec(c, []string{"RESET"}))
	assert.False(t, c.Subscribed())
	assert.Empty(t, c.watched)
}
