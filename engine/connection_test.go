package engine_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
	"redisplay/engine/resp"
)

// connTestEngine returns an engine on a fake clock and one client of it.
func connTestEngine(t *testing.T) (*engine.Engine, *engine.Client, *time.Time) {
	t.Helper()
	now := time.Unix(1700000000, 250000000)
	e := engine.New(engine.Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	t.Cleanup(c.Close)
	return e, c, &now
}

// connWire returns what c would receive for v: the RESP bytes for its protocol.
func connWire(c *engine.Client, v engine.Value) string {
	if c.Proto == 2 {
		v = v.RESP2()
	}
	return string(resp.AppendValue(nil, v, c.Proto))
}

// connRun executes a command and returns the bytes the client receives.
func connRun(e *engine.Engine, c *engine.Client, args ...string) string {
	return connWire(c, e.Exec(c, args))
}

func TestConnectionReplies(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"ping", []string{"PING"}, "+PONG\r\n"},
		{"ping message", []string{"ping", "hi there"}, "$8\r\nhi there\r\n"},
		{"ping too many", []string{"PING", "a", "b"}, "-ERR wrong number of arguments for 'ping' command\r\n"},
		{"echo", []string{"ECHO", "a\r\nb"}, "$4\r\na\r\nb\r\n"},
		{"echo arity", []string{"ECHO"}, "-ERR wrong number of arguments for 'echo' command\r\n"},
		{"select ok", []string{"SELECT", "15"}, "+OK\r\n"},
		{"select range", []string{"SELECT", "16"}, "-ERR DB index is out of range\r\n"},
		{"select negative", []string{"SELECT", "-1"}, "-ERR DB index is out of range\r\n"},
		{"select not int", []string{"SELECT", "1.0"}, "-ERR value is not an integer or out of range\r\n"},
		{"select leading zero", []string{"SELECT", "01"}, "-ERR value is not an integer or out of range\r\n"},
		{"select beyond int32", []string{"SELECT", "4294967296"}, "-ERR value is not an integer or out of range\r\n"},
		{"hello bad proto", []string{"HELLO", "4"}, "-NOPROTO unsupported protocol version\r\n"},
		{"hello proto 1", []string{"HELLO", "1"}, "-NOPROTO unsupported protocol version\r\n"},
		{"hello not int", []string{"HELLO", "two"}, "-ERR Protocol version is not an integer or out of range\r\n"},
		{"hello bad option", []string{"HELLO", "2", "foo"}, "-ERR Syntax error in HELLO option 'foo'\r\n"},
		{"hello setname missing", []string{"HELLO", "2", "SETNAME"}, "-ERR Syntax error in HELLO option 'SETNAME'\r\n"},
		{"hello auth short", []string{"HELLO", "2", "AUTH", "u"}, "-ERR Syntax error in HELLO option 'AUTH'\r\n"},
		{"hello bad name", []string{"HELLO", "2", "SETNAME", "a b"}, "-ERR Client names cannot contain spaces, newlines or special characters.\r\n"},
		{"hello wrong user", []string{"HELLO", "3", "AUTH", "alice", "pw"}, "-WRONGPASS invalid username-password pair or user is disabled.\r\n"},
		{"reset arity", []string{"RESET", "x"}, "-ERR wrong number of arguments for 'reset' command\r\n"},
		{"client arity", []string{"CLIENT"}, "-ERR wrong number of arguments for 'client' command\r\n"},
		{"client unknown", []string{"CLIENT", "setinfo", "a", "b"}, "-ERR unknown subcommand 'setinfo'. Try CLIENT HELP.\r\n"},
		{"client getname unset", []string{"CLIENT", "GETNAME"}, "$-1\r\n"},
		{"client setname space", []string{"CLIENT", "SETNAME", "a b"}, "-ERR Client names cannot contain spaces, newlines or special characters.\r\n"},
		{"client setname utf8", []string{"CLIENT", "SETNAME", "é"}, "-ERR Client names cannot contain spaces, newlines or special characters.\r\n"},
		{"client setname arity", []string{"CLIENT", "SETNAME"}, "-ERR wrong number of arguments for 'client|setname' command\r\n"},
		{"client id", []string{"CLIENT", "ID"}, ":1\r\n"},
		{"client getredir", []string{"CLIENT", "GETREDIR"}, ":-1\r\n"},
		{"client trackinginfo", []string{"CLIENT", "TRACKINGINFO"}, "*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n"},
		{"client caching", []string{"CLIENT", "CACHING", "yes"}, "-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled\r\n"},
		{"client no-evict", []string{"CLIENT", "NO-EVICT", "ON"}, "+OK\r\n"},
		{"client no-evict bad", []string{"CLIENT", "NO-EVICT", "x"}, "-ERR syntax error\r\n"},
		{"client reply on", []string{"CLIENT", "REPLY", "on"}, "+OK\r\n"},
		{"client reply bad", []string{"CLIENT", "REPLY", "x"}, "-ERR syntax error\r\n"},
		{"client tracking off", []string{"CLIENT", "TRACKING", "off"}, "+OK\r\n"},
		{"client tracking bad", []string{"CLIENT", "TRACKING", "x"}, "-ERR syntax error\r\n"},
		{"client pause", []string{"CLIENT", "PAUSE", "10", "WRITE"}, "+OK\r\n"},
		{"client pause negative", []string{"CLIENT", "PAUSE", "-1"}, "-ERR timeout is negative\r\n"},
		{"client pause not int", []string{"CLIENT", "PAUSE", "x"}, "-ERR timeout is not an integer or out of range\r\n"},
		{"client pause mode", []string{"CLIENT", "PAUSE", "x", "foo"}, "-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n"},
		{"client pause extra", []string{"CLIENT", "pause", "1", "all", "x"}, "-ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP.\r\n"},
		{"client unpause", []string{"CLIENT", "UNPAUSE"}, "+OK\r\n"},
		{"client unblock none", []string{"CLIENT", "UNBLOCK", "1"}, ":0\r\n"},
		{"client unblock reason", []string{"CLIENT", "UNBLOCK", "1", "foo"}, "-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n"},
		{"client unblock not int", []string{"CLIENT", "UNBLOCK", "x"}, "-ERR value is not an integer or out of range\r\n"},
		{"client kill bad id", []string{"CLIENT", "KILL", "ID", "0"}, "-ERR client-id should be greater than 0\r\n"},
		{"client kill user", []string{"CLIENT", "KILL", "USER", "bob"}, "-ERR No such user 'bob'\r\n"},
		{"client kill type", []string{"CLIENT", "KILL", "TYPE", "foo"}, "-ERR Unknown client type 'foo'\r\n"},
		{"client kill skipme", []string{"CLIENT", "KILL", "SKIPME", "maybe"}, "-ERR syntax error\r\n"},
		{"client kill odd", []string{"CLIENT", "KILL", "ID", "1", "TYPE"}, "-ERR syntax error\r\n"},
		{"client kill nobody", []string{"CLIENT", "KILL", "ID", "99"}, ":0\r\n"},
		{"client kill old form", []string{"CLIENT", "KILL", "1.2.3.4:5"}, "-ERR No such client\r\n"},
		{"client list bad type", []string{"CLIENT", "LIST", "TYPE", "foo"}, "-ERR Unknown client type 'foo'\r\n"},
		{"client list syntax", []string{"CLIENT", "LIST", "foo"}, "-ERR syntax error\r\n"},
		{"client list bad id", []string{"CLIENT", "LIST", "ID", "1", "x"}, "-ERR Invalid client ID\r\n"},
		{"client list unknown id", []string{"CLIENT", "LIST", "ID", "99"}, "$0\r\n\r\n"},
		{"client list replicas", []string{"CLIENT", "LIST", "TYPE", "replica"}, "$0\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c, _ := connTestEngine(t)
			assert.Equal(t, tt.want, connRun(e, c, tt.args...))
		})
	}
}

func TestClientNames(t *testing.T) {
	e, c, _ := connTestEngine(t)
	assert.Equal(t, "+OK\r\n", connRun(e, c, "CLIENT", "SETNAME", "learner"))
	assert.Equal(t, "learner", c.Name)
	assert.Equal(t, "$7\r\nlearner\r\n", connRun(e, c, "CLIENT", "GETNAME"))
	// An empty name removes the name.
	assert.Equal(t, "+OK\r\n", connRun(e, c, "CLIENT", "SETNAME", ""))
	assert.Equal(t, "$-1\r\n", connRun(e, c, "CLIENT", "GETNAME"))
	// HELLO SETNAME names the connection too.
	connRun(e, c, "HELLO", "2", "SETNAME", "via-hello")
	assert.Equal(t, "via-hello", c.Name)
}

func TestSelectChangesDatabase(t *testing.T) {
	e, c, _ := connTestEngine(t)
	require.Equal(t, "+OK\r\n", connRun(e, c, "SELECT", "3"))
	assert.Equal(t, 3, c.DB)
	connRun(e, c, "SELECT", "16")
	assert.Equal(t, 3, c.DB, "a failed SELECT keeps the database")
}

// The HELLO reply, field for field as Redis 7.0.15 sends it (only the id,
// which counts connections, differs between servers).
func TestHelloReply(t *testing.T) {
	const body = "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:%d\r\n" +
		"$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n"
	tests := []struct {
		name  string
		args  []string
		proto int
		want  string
	}{
		{"no args", []string{"HELLO"}, 2, "*14\r\n" + fmt.Sprintf(body, 2)},
		{"resp3 map", []string{"HELLO", "3"}, 3, "%7\r\n" + fmt.Sprintf(body, 3)},
		{"auth default any password", []string{"hello", "3", "auth", "default", "whatever"}, 3, "%7\r\n" + fmt.Sprintf(body, 3)},
		{"back to 2", []string{"HELLO", "3", "SETNAME", "x"}, 3, "%7\r\n" + fmt.Sprintf(body, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c, _ := connTestEngine(t)
			assert.Equal(t, tt.want, connRun(e, c, tt.args...))
			assert.Equal(t, tt.proto, c.Proto)
		})
	}
	e, c, _ := connTestEngine(t)
	connRun(e, c, "HELLO", "3")
	assert.Equal(t, "*14\r\n"+fmt.Sprintf(body, 2), connRun(e, c, "HELLO", "2"), "HELLO 2 answers in RESP2")
	connRun(e, c, "HELLO", "3")
	connRun(e, c, "HELLO", "4")
	assert.Equal(t, 3, c.Proto, "a refused HELLO keeps the protocol")
}

func TestQuitAndReset(t *testing.T) {
	e, c, _ := connTestEngine(t)
	assert.Equal(t, "+OK\r\n", connRun(e, c, "QUIT", "ignored"))
	assert.True(t, c.CloseAfterReply)

	e, c, _ = connTestEngine(t)
	connRun(e, c, "HELLO", "3", "SETNAME", "me")
	connRun(e, c, "SELECT", "4")
	assert.Equal(t, "+RESET\r\n", connRun(e, c, "RESET"))
	assert.Equal(t, 2, c.Proto)
	assert.Equal(t, 0, c.DB)
	assert.Equal(t, "", c.Name)
	assert.False(t, c.CloseAfterReply)
}

func TestClientList(t *testing.T) {
	e, c, now := connTestEngine(t)
	other := e.NewClient(nil)
	defer other.Close()
	other.Addr = "10.0.0.2:5000"
	connRun(e, c, "CLIENT", "SETNAME", "me")
	*now = now.Add(3 * time.Second)
	connRun(e, other, "SELECT", "2")
	*now = now.Add(2 * time.Second)

	line := func(id int, addr, name string, age, idle, db, argv int, cmd string) string {
		return fmt.Sprintf("id=%d addr=%s laddr=127.0.0.1:6379 fd=%d name=%s age=%d idle=%d flags=N db=%d "+
			"sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=%d multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 "+
			"tot-mem=%d events=r cmd=%s user=default redir=-1 resp=2\n",
			id, addr, id+7, name, age, idle, db, argv, 1024+argv+len(name), cmd)
	}
	mine := line(1, "127.0.0.1:0", "me", 5, 0, 0, 10, "client|list")
	theirs := line(2, "10.0.0.2:5000", "", 5, 2, 2, 0, "select")

	got := e.Exec(c, []string{"CLIENT", "LIST"})
	assert.Equal(t, engine.KindVerbatim, got.Kind, "CLIENT LIST is verbatim text under RESP3")
	assert.Equal(t, mine+theirs, got.Str)

	got = e.Exec(c, []string{"CLIENT", "LIST", "ID", "2", "99", "1"})
	assert.Equal(t, theirs+line(1, "127.0.0.1:0", "me", 5, 0, 0, 16, "client|list"), got.Str)

	got = e.Exec(c, []string{"CLIENT", "LIST", "TYPE", "normal"})
	assert.Equal(t, line(1, "127.0.0.1:0", "me", 5, 0, 0, 20, "client|list")+theirs, got.Str)

	got = e.Exec(c, []string{"CLIENT", "INFO"})
	assert.Equal(t, line(1, "127.0.0.1:0", "me", 5, 0, 0, 10, "client|info"), got.Str)
}

func TestClientKill(t *testing.T) {
	e, c, _ := connTestEngine(t)
	a, b := e.NewClient(nil), e.NewClient(nil)
	defer a.Close()
	defer b.Close()
	a.Addr, b.Addr = "10.0.0.1:1", "10.0.0.2:2"

	assert.Equal(t, "+OK\r\n", connRun(e, c, "CLIENT", "KILL", "10.0.0.1:1"))
	assert.True(t, a.CloseAfterReply)
	assert.False(t, b.CloseAfterReply)

	// SKIPME defaults to yes: the caller survives a kill of everyone.
	assert.Equal(t, ":2\r\n", connRun(e, c, "CLIENT", "KILL", "TYPE", "normal"))
	assert.True(t, b.CloseAfterReply)
	assert.False(t, c.CloseAfterReply)

	assert.Equal(t, ":1\r\n", connRun(e, c, "CLIENT", "KILL", "ID", "1", "SKIPME", "no"))
	assert.True(t, c.CloseAfterReply)
}

func TestClientHelpShape(t *testing.T) {
	e, c, _ := connTestEngine(t)
	for _, container := range []string{"CLIENT", "COMMAND"} {
		v := e.Exec(c, []string{container, "HELP"})
		require.Equal(t, engine.KindArray, v.Kind)
		require.Greater(t, len(v.Elems), 3)
		assert.Equal(t, container+" <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", v.Elems[0].Str)
		assert.Equal(t, "HELP", v.Elems[len(v.Elems)-2].Str)
		for _, el := range v.Elems {
			assert.Equal(t, engine.KindSimple, el.Kind, el.Str)
		}
	}
}

// COMMAND INFO entries as redis-server 7.0.15 sends them, captured with
// both protocols.
func TestCommandInfoBytes(t *testing.T) {
	tests := []struct {
		name  string
		proto int
		want  string
	}{
		{"resp2", 2, "*3\r\n*10\r\n$4\r\nping\r\n:-1\r\n*1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n*2\r\n+@fast\r\n+@connection\r\n*2\r\n$25\r\nrequest_policy:all_shards\r\n$29\r\nresponse_policy:all_succeeded\r\n*0\r\n*0\r\n*10\r\n$14\r\nclient|setname\r\n:3\r\n*3\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*2\r\n+@slow\r\n+@connection\r\n*0\r\n*0\r\n*0\r\n$-1\r\n"},
		{"resp3", 3, "*3\r\n*10\r\n$4\r\nping\r\n:-1\r\n~1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n~2\r\n+@fast\r\n+@connection\r\n~2\r\n$25\r\nrequest_policy:all_shards\r\n$29\r\nresponse_policy:all_succeeded\r\n~0\r\n~0\r\n*10\r\n$14\r\nclient|setname\r\n:3\r\n~3\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n~2\r\n+@slow\r\n+@connection\r\n~0\r\n~0\r\n~0\r\n_\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c, _ := connTestEngine(t)
			c.Proto = tt.proto
			assert.Equal(t, tt.want, connRun(e, c, "COMMAND", "INFO", "ping", "CLIENT|SETNAME", "nosuch"))
		})
	}
}

// COMMAND DOCS as redis-server 7.0.15 lays it out; the summaries and
// history notes are our own, so the test splices in whatever the table says.
func TestCommandDocsBytes(t *testing.T) {
	bulk := func(s string) string { return fmt.Sprintf("$%d\r\n%s\r\n", len(s), s) }
	ping := engine.Lookup("ping")
	hello := engine.Lookup("hello")
	setname := engine.Lookup("client").Subcommand("setname")
	tests := []struct {
		name  string
		proto int
		args  []string
		want  string
	}{
		{"ping resp3", 3, []string{"ping"},
			"%1\r\n$4\r\nping\r\n%5\r\n$7\r\nsummary\r\n" + bulk(ping.Summary) +
				"$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n" +
				"$9\r\narguments\r\n*1\r\n%3\r\n$4\r\nname\r\n$7\r\nmessage\r\n$4\r\ntype\r\n$6\r\nstring\r\n$5\r\nflags\r\n~1\r\n+optional\r\n"},
		{"ping resp2 unknown skipped", 2, []string{"nosuch", "PING"},
			"*2\r\n$4\r\nping\r\n*10\r\n$7\r\nsummary\r\n" + bulk(ping.Summary) +
				"$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n" +
				"$9\r\narguments\r\n*1\r\n*6\r\n$4\r\nname\r\n$7\r\nmessage\r\n$4\r\ntype\r\n$6\r\nstring\r\n$5\r\nflags\r\n*1\r\n+optional\r\n"},
		{"hello resp3", 3, []string{"hello"},
			"%1\r\n$5\r\nhello\r\n%6\r\n$7\r\nsummary\r\n" + bulk(hello.Summary) +
				"$5\r\nsince\r\n$5\r\n6.0.0\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n" +
				"$7\r\nhistory\r\n~1\r\n*2\r\n$5\r\n6.2.0\r\n" + bulk(hello.History[0][1]) +
				"$9\r\narguments\r\n*1\r\n%4\r\n$4\r\nname\r\n$9\r\narguments\r\n$4\r\ntype\r\n$5\r\nblock\r\n$5\r\nflags\r\n~1\r\n+optional\r\n" +
				"$9\r\narguments\r\n*3\r\n%2\r\n$4\r\nname\r\n$8\r\nprotover\r\n$4\r\ntype\r\n$7\r\ninteger\r\n" +
				"%5\r\n$4\r\nname\r\n$17\r\nusername_password\r\n$4\r\ntype\r\n$5\r\nblock\r\n$5\r\ntoken\r\n$4\r\nAUTH\r\n$5\r\nflags\r\n~1\r\n+optional\r\n" +
				"$9\r\narguments\r\n*2\r\n%2\r\n$4\r\nname\r\n$8\r\nusername\r\n$4\r\ntype\r\n$6\r\nstring\r\n%2\r\n$4\r\nname\r\n$8\r\npassword\r\n$4\r\ntype\r\n$6\r\nstring\r\n" +
				"%4\r\n$4\r\nname\r\n$10\r\nclientname\r\n$4\r\ntype\r\n$6\r\nstring\r\n$5\r\ntoken\r\n$7\r\nSETNAME\r\n$5\r\nflags\r\n~1\r\n+optional\r\n"},
		{"subcommand by full name", 2, []string{"CLIENT|SETNAME"},
			"*2\r\n$14\r\nclient|setname\r\n*10\r\n$7\r\nsummary\r\n" + bulk(setname.Summary) +
				"$5\r\nsince\r\n$5\r\n2.6.9\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n" +
				"$9\r\narguments\r\n*1\r\n*4\r\n$4\r\nname\r\n$15\r\nconnection-name\r\n$4\r\ntype\r\n$6\r\nstring\r\n"},
		{"nothing known", 3, []string{"nosuch"}, "%0\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c, _ := connTestEngine(t)
			c.Proto = tt.proto
			assert.Equal(t, tt.want, connRun(e, c, append([]string{"COMMAND", "DOCS"}, tt.args...)...))
		})
	}
}
