package cli

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	e "redisplay/engine"
)

// Argument trees as Redis 7.0.15's COMMAND DOCS gives them.
var (
	setArgs = []e.Arg{
		{Name: "key", Type: e.ArgKey},
		{Name: "value", Type: e.ArgString},
		{Name: "condition", Type: e.ArgOneOf, Optional: true, Args: []e.Arg{
			{Name: "nx", Type: e.ArgPureToken, Token: "NX"},
			{Name: "xx", Type: e.ArgPureToken, Token: "XX"},
		}},
		{Name: "get", Type: e.ArgPureToken, Token: "GET", Optional: true},
		{Name: "expiration", Type: e.ArgOneOf, Optional: true, Args: []e.Arg{
			{Name: "seconds", Type: e.ArgInteger, Token: "EX"},
			{Name: "milliseconds", Type: e.ArgInteger, Token: "PX"},
			{Name: "unix-time-seconds", Type: e.ArgUnixTime, Token: "EXAT"},
			{Name: "unix-time-milliseconds", Type: e.ArgUnixTime, Token: "PXAT"},
			{Name: "keepttl", Type: e.ArgPureToken, Token: "KEEPTTL"},
		}},
	}
	setHint = "key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"

	sortArgs = []e.Arg{
		{Name: "key", Type: e.ArgKey},
		{Name: "pattern", Type: e.ArgPattern, Token: "BY", Optional: true},
		{Name: "limit", Type: e.ArgBlock, Token: "LIMIT", Optional: true, Args: []e.Arg{
			{Name: "offset", Type: e.ArgInteger},
			{Name: "count", Type: e.ArgInteger},
		}},
		{Name: "pattern", Type: e.ArgPattern, Token: "GET", Optional: true, Multiple: true, MultipleToken: true},
		{Name: "order", Type: e.ArgOneOf, Optional: true, Args: []e.Arg{
			{Name: "asc", Type: e.ArgPureToken, Token: "ASC"},
			{Name: "desc", Type: e.ArgPureToken, Token: "DESC"},
		}},
		{Name: "sorting", Type: e.ArgPureToken, Token: "ALPHA", Optional: true},
		{Name: "destination", Type: e.ArgKey, Token: "STORE", Optional: true},
	}
	sortHint = "key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA] [STORE destination]"

	migrateArgs = []e.Arg{
		{Name: "host", Type: e.ArgString},
		{Name: "port", Type: e.ArgInteger},
		{Name: "key_or_empty_string", Type: e.ArgOneOf, Args: []e.Arg{
			{Name: "key", Type: e.ArgKey},
			{Name: "empty_string", Type: e.ArgPureToken, Token: `""`},
		}},
		{Name: "destination-db", Type: e.ArgInteger},
		{Name: "timeout", Type: e.ArgInteger},
		{Name: "copy", Type: e.ArgPureToken, Token: "COPY", Optional: true},
		{Name: "replace", Type: e.ArgPureToken, Token: "REPLACE", Optional: true},
		{Name: "authentication", Type: e.ArgOneOf, Optional: true, Args: []e.Arg{
			{Name: "password", Type: e.ArgString, Token: "AUTH", Optional: true},
			{Name: "username_password", Type: e.ArgBlock, Token: "AUTH2", Optional: true, Args: []e.Arg{
				{Name: "username", Type: e.ArgString},
				{Name: "password", Type: e.ArgString},
			}},
		}},
		{Name: "key", Type: e.ArgKey, Token: "KEYS", Optional: true, Multiple: true},
	}
	migrateHint = `host port key|"" destination-db timeout [COPY] [REPLACE] [[AUTH password]|[AUTH2 username password]] [KEYS key [key ...]]`

	zaddArgs = []e.Arg{
		{Name: "key", Type: e.ArgKey},
		{Name: "condition", Type: e.ArgOneOf, Optional: true, Args: []e.Arg{
			{Name: "nx", Type: e.ArgPureToken, Token: "NX"},
			{Name: "xx", Type: e.ArgPureToken, Token: "XX"},
		}},
		{Name: "comparison", Type: e.ArgOneOf, Optional: true, Args: []e.Arg{
			{Name: "gt", Type: e.ArgPureToken, Token: "GT"},
			{Name: "lt", Type: e.ArgPureToken, Token: "LT"},
		}},
		{Name: "change", Type: e.ArgPureToken, Token: "CH", Optional: true},
		{Name: "increment", Type: e.ArgPureToken, Token: "INCR", Optional: true},
		{Name: "score_member", Type: e.ArgBlock, Multiple: true, Args: []e.Arg{
			{Name: "score", Type: e.ArgDouble},
			{Name: "member", Type: e.ArgString},
		}},
	}
	zaddHint = "key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]"
)

func TestFormatArgs(t *testing.T) {
	tests := []struct {
		name string
		args []e.Arg
		want string
	}{
		{"none", nil, ""},
		{"set", setArgs, setHint},
		{"sort: multiple token", sortArgs, sortHint},
		{"migrate: oneof of blocks, quoted token", migrateArgs, migrateHint},
		{"zadd: repeated block", zaddArgs, zaddHint},
		{"lpush: repeated", []e.Arg{{Name: "key", Type: e.ArgKey}, {Name: "element", Type: e.ArgString, Multiple: true}},
			"key element [element ...]"},
		{"ping: optional", []e.Arg{{Name: "message", Type: e.ArgString, Optional: true}}, "[message]"},
		{"empty name", []e.Arg{{Type: e.ArgString}}, `""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, FormatArgs(tt.args))
		})
	}
}

// testTable is a help table over a few commands, so that hint and help
// tests do not depend on which commands the engine has so far.
func testTable() []helpEntry {
	return buildEntries([]*e.Command{
		{Name: "set", Group: "string", Since: "1.0.0", Summary: "Set a key", Args: setArgs},
		{Name: "get", Group: "string", Since: "1.0.0", Summary: "Get a key", Args: []e.Arg{{Name: "key", Type: e.ArgKey}}},
		{Name: "getrange", Group: "string", Since: "2.4.0", Summary: "Get part", Args: []e.Arg{
			{Name: "key", Type: e.ArgKey}, {Name: "start", Type: e.ArgInteger}, {Name: "end", Type: e.ArgInteger}}},
		{Name: "ping", Group: "connection", Since: "1.0.0", Summary: "Ping", Args: []e.Arg{{Name: "message", Type: e.ArgString, Optional: true}}},
		{Name: "multi", Group: "transactions", Since: "1.2.0", Summary: "Start"},
		{Name: "zadd", Group: "sorted-set", Since: "1.2.0", Summary: "Add", Args: zaddArgs},
		{Name: "object", Group: "generic", Since: "2.2.3", Summary: "Container", Subcommands: []*e.Command{
			{Name: "encoding", Group: "generic", Since: "2.2.3", Summary: "Encoding", Args: []e.Arg{{Name: "key", Type: e.ArgKey}}},
			{Name: "freq", Group: "generic", Since: "4.0.0", Summary: "Frequency", Args: []e.Arg{{Name: "key", Type: e.ArgKey}}},
		}},
	})
}

// The expectations were read off redis-cli 7.0.15 in a terminal.
func TestHint(t *testing.T) {
	table := testTable()
	tests := []struct {
		line string
		want string
		ok   bool
	}{
		{"set", " " + setHint, true},
		{"set ", setHint, true},
		{"SeT ", setHint, true},
		{"  set  ", setHint, true},
		{"set foo", " value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]", true},
		{"set foo ", "value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]", true},
		{`set "a b" `, "value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]", true},
		{"set foo bar ", "[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]", true},
		{"SET a b c d e ", "[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]", true},
		{"zadd k ", "[NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]", true},
		{"zadd k 1 ", "[NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]", true},
		{"ping", " [message]", true},
		{"ping x y ", "[message]", true},
		{"multi", " ", true},
		{"multi ", "", true},
		{"get", " key", true},
		{"getrange k 1", " end", true},
		{"getrange k 1 2 3 ", "", true},
		{"object", " ", true},
		{"object encoding", " key", true},
		{"object encoding k", " ", true},
		{"OBJECT FREQ ", "key", true},
		{"object nosuch ", "", true},
		{"", "", false},
		{"   ", "", false},
		{"x", "", false},
		{"gett", "", false},
		{"3 set ", "", false},
		{`get "a`, "", false},
		{`get a"b`, "", false},
		{"help set", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := hint(table, tt.line)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestComplete(t *testing.T) {
	table := testTable()
	tests := []struct {
		line string
		want []string
	}{
		{"g", []string{"GET", "GETRANGE"}},
		{"GET", []string{"GET", "GETRANGE"}},
		{"getr", []string{"GETRANGE"}},
		{"obj", []string{"OBJECT", "OBJECT ENCODING", "OBJECT FREQ"}},
		{"object f", []string{"OBJECT FREQ"}},
		{"zz", nil},
		{"@", nil},
		{"help @s", []string{"help @sorted-set", "help @string"}},
		{"HELP  s", []string{"HELP  SET"}},
		{"help ", []string{"help @connection", "help @generic", "help @sorted-set", "help @string", "help @transactions",
			"help GET", "help GETRANGE", "help MULTI", "help OBJECT", "help OBJECT ENCODING", "help OBJECT FREQ",
			"help PING", "help SET", "help ZADD"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			assert.Equal(t, tt.want, complete(table, tt.line))
		})
	}
}

func TestHelp(t *testing.T) {
	table := testTable()
	tests := []struct {
		name  string
		topic []string
		want  string
	}{
		{"command", []string{"SET"}, "\n  SET " + setHint + "\n  summary: Set a key\n  since: 1.0.0\n  group: string\n"},
		{"no params", []string{"multi"}, "\n  MULTI \n  summary: Start\n  since: 1.2.0\n  group: transactions\n"},
		{"container lists its subcommands", []string{"object"},
			"\n  OBJECT \n  summary: Container\n  since: 2.2.3\n  group: generic\n" +
				"\n  OBJECT ENCODING key\n  summary: Encoding\n  since: 2.2.3\n  group: generic\n" +
				"\n  OBJECT FREQ key\n  summary: Frequency\n  since: 4.0.0\n  group: generic\n"},
		{"subcommand", []string{"object", "FREQ"}, "\n  OBJECT FREQ key\n  summary: Frequency\n  since: 4.0.0\n  group: generic\n"},
		{"group, without the group line", []string{"@STRING"},
			"\n  GET key\n  summary: Get a key\n  since: 1.0.0\n" +
				"\n  GETRANGE key start end\n  summary: Get part\n  since: 2.4.0\n" +
				"\n  SET " + setHint + "\n  summary: Set a key\n  since: 1.0.0\n"},
		{"unknown", []string{"nosuch"}, ""},
		{"too many words", []string{"set", "foo"}, ""},
		{"unknown group", []string{"@bogus"}, ""},
		{"generic", nil, genericHelp[:len(genericHelp)-1]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, help(table, tt.topic))
		})
	}
}

func TestCommandHelp(t *testing.T) {
	set := &e.Command{Name: "set", Group: "string", Since: "1.0.0", Summary: "Set a key", Args: setArgs}
	assert.Equal(t, "  SET "+setHint+"\n  summary: Set a key\n  since: 1.0.0\n  group: string", CommandHelp(set))
	if c := e.Lookup("client"); c != nil && c.Subcommand("list") != nil {
		assert.True(t, strings.HasPrefix(CommandHelp(c.Subcommand("list")), "  CLIENT LIST "))
	}
}
