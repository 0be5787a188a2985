package main

import (
	"redisplay/internal/redistest"

	"bufio"
	"context"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startTestServer serves a fresh engine on a free loopback port.
func startTestServer(t *testing.T) (*server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := newServer(nil)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		assert.NoError(t, <-done)
	})
	return srv, ln.Addr().String()
}

func TestGoRedis(t *testing.T) {
	for _, proto := range []int{2, 3} {
		t.Run("RESP"+strconv.Itoa(proto), func(t *testing.T) {
			_, addr := startTestServer(t)
			ctx := context.Background()
			rdb := redis.NewClient(&redis.Options{Addr: addr, Protocol: proto, DisableIdentity: true})
			defer rdb.Close()

			require.Equal(t, "PONG", rdb.Ping(ctx).Val())
			require.NoError(t, rdb.Set(ctx, "k", "v", 0).Err())
			assert.Equal(t, "v", rdb.Get(ctx, "k").Val())
			assert.ErrorIs(t, rdb.Get(ctx, "nosuch").Err(), redis.Nil)
			assert.Equal(t, int64(3), rdb.IncrBy(ctx, "n", 3).Val())
			assert.EqualError(t, rdb.Incr(ctx, "k").Err(), "ERR value is not an integer or out of range")

			cmds, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				for i := range 100 {
					p.RPush(ctx, "l", strconv.Itoa(i))
				}
				p.LRange(ctx, "l", 0, 2)
				return nil
			})
			require.NoError(t, err)
			require.Len(t, cmds, 101)
			assert.Equal(t, int64(100), cmds[99].(*redis.IntCmd).Val())
			assert.Equal(t, []string{"0", "1", "2"}, cmds[100].(*redis.StringSliceCmd).Val())

			// The reply's shape follows the protocol: a map under RESP3,
			// a flat array under RESP2.
			require.NoError(t, rdb.HSet(ctx, "h", "f", "x").Err())
			raw, err := rdb.Do(ctx, "HGETALL", "h").Result()
			require.NoError(t, err)
			if proto == 3 {
				assert.Equal(t, map[interface{}]interface{}{"f": "x"}, raw)
			} else {
				assert.Equal(t, []interface{}{"f", "x"}, raw)
			}
			assert.Equal(t, map[string]string{"f": "x"}, rdb.HGetAll(ctx, "h").Val())

			info, err := rdb.Do(ctx, "HELLO").Result()
			require.NoError(t, err)
			if proto == 3 {
				assert.Equal(t, int64(3), info.(map[interface{}]interface{})["proto"])
			} else {
				assert.Contains(t, info.([]interface{}), "proto")
			}
		})
	}
}

// TestBlockedReplyIsPushed serves a BLPOP from another client's RPUSH: the
// reply arrives through the engine's push callback, not the client's batch.
func TestBlockedReplyIsPushed(t *testing.T) {
	_, addr := startTestServer(t)
	ctx := context.Background()
	waiter := redis.NewClient(&redis.Options{Addr: addr, DisableIdentity: true})
	defer waiter.Close()
	pusher := redis.NewClient(&redis.Options{Addr: addr, DisableIdentity: true})
	defer pusher.Close()

	got := make(chan []string, 1)
	go func() { got <- waiter.BLPop(ctx, 0, "q").Val() }()
	// Push only once the waiter is blocked, so the reply must be pushed.
	for {
		list, err := pusher.ClientList(ctx).Result()
		require.NoError(t, err)
		if strings.Contains(list, "cmd=blpop") {
			break
		}
		time.Sleep(time.Millisecond)
	}
	require.NoError(t, pusher.RPush(ctx, "q", "job").Err())
	assert.Equal(t, []string{"q", "job"}, <-got)
	assert.Equal(t, "PONG", waiter.Ping(ctx).Val(), "the connection still works after the pushed reply")
}

// rawExchange sends in on a fresh connection and returns the answer: all
// of it up to the close when closes is set, else up to a marker sent after.
func rawExchange(t *testing.T, addr, in string, closes bool) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	_, err = io.WriteString(c, in)
	require.NoError(t, err)
	if !closes {
		// Follow with a marker so there is a known end to read up to.
		_, err = io.WriteString(c, "ECHO __end__\r\n")
		require.NoError(t, err)
		r := bufio.NewReader(c)
		var out strings.Builder
		for !strings.HasSuffix(out.String(), "$7\r\n__end__\r\n") {
			line, err := r.ReadString('\n')
			out.WriteString(line)
			require.NoError(t, err, "so far: %q", out.String())
		}
		return strings.TrimSuffix(out.String(), "$7\r\n__end__\r\n")
	}
	b, err := io.ReadAll(c)
	require.NoError(t, err)
	return string(b)
}

var rawTests = []struct {
	name   string
	in     string
	closes bool
	want   string
}{
	{"inline", "SET a b\r\nGET a\r\n", false, "+OK\r\n$1\r\nb\r\n"},
	{"inline quotes", "ECHO \"a\\x41 b\"\n", false, "$4\r\naA b\r\n"},
	{"pipelined multibulk", "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n", false, "+PONG\r\n$2\r\nhi\r\n"},
	{"empty requests", "\r\n*0\r\n", false, ""},
	{"quit", "PING\r\nQUIT\r\nPING\r\n", true, "+PONG\r\n+OK\r\n"},
	{"invalid multibulk", "PING\r\n*x\r\n", true, "+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n"},
	{"expected dollar", "*1\r\n:1\r\n", true, "-ERR Protocol error: expected '$', got ':'\r\n"},
	{"invalid bulk", "*1\r\n$-5\r\n", true, "-ERR Protocol error: invalid bulk length\r\n"},
	{"unbalanced", "SET \"a b\r\n", true, "-ERR Protocol error: unbalanced quotes in request\r\n"},
	{"too big inline", strings.Repeat("x", 70000), true, "-ERR Protocol error: too big inline request\r\n"},
	{"http", "POST / HTTP/1.1\r\nHost: x\r\n\r\n", true, ""},
	{"unknown command", "NOSUCH a\r\n", false, "-ERR unknown command 'NOSUCH', with args beginning with: 'a' \r\n"},
}

func TestRawProtocol(t *testing.T) {
	_, addr := startTestServer(t)
	for _, tt := range rawTests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, rawExchange(t, addr, tt.in, tt.closes))
		})
	}
}

func TestRawProtocolMatchesRedis(t *testing.T) {
	addr := redistest.Start(t)
	for _, tt := range rawTests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, rawExchange(t, addr, tt.in, tt.closes))
		})
	}
}

func TestClientAddresses(t *testing.T) {
	_, addr := startTestServer(t)
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	_, err = io.WriteString(c, "CLIENT INFO\r\n")
	require.NoError(t, err)
	r := bufio.NewReader(c)
	_, err = r.ReadString('\n') // $len
	require.NoError(t, err)
	line, err := r.ReadString('\n')
	require.NoError(t, err)
	assert.Contains(t, line, " addr="+c.LocalAddr().String()+" ")
	assert.Contains(t, line, " laddr="+addr+" ")
}

// TestClientKillClosesIdleConnection: the killed client is idle in a read,
// yet its connection must close at once, as in Redis.
func TestClientKillClosesIdleConnection(t *testing.T) {
	_, addr := startTestServer(t)
	victim, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer victim.Close()
	_, err = io.WriteString(victim, "CLIENT ID\r\n")
	require.NoError(t, err)
	idLine, err := bufio.NewReader(victim).ReadString('\n')
	require.NoError(t, err)
	id := strings.TrimSuffix(strings.TrimPrefix(idLine, ":"), "\r\n")

	killer, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer killer.Close()
	_, err = io.WriteString(killer, "CLIENT KILL ID "+id+"\r\n")
	require.NoError(t, err)
	reply, err := bufio.NewReader(killer).ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, ":1\r\n", reply)

	rest, err := io.ReadAll(victim) // returns once the server closes it
	require.NoError(t, err)
	assert.Empty(t, rest)
}

func TestCloseEndsConnections(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := newServer(nil)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	rdb := redis.NewClient(&redis.Options{Addr: ln.Addr().String(), DisableIdentity: true, MaxRetries: -1})
	defer rdb.Close()
	require.Equal(t, "PONG", rdb.Ping(context.Background()).Val())
	srv.Close()
	require.NoError(t, <-done)
	assert.Error(t, rdb.Ping(context.Background()).Err())
}

func TestConcurrentClients(t *testing.T) {
	_, addr := startTestServer(t)
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: addr, PoolSize: 20, DisableIdentity: true})
	defer rdb.Close()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			for range 200 {
				rdb.Incr(ctx, "counter")
			}
		})
	}
	wg.Wait()
	assert.Equal(t, "4000", rdb.Get(ctx, "counter").Val())
}

func TestBatchClockOnlyMovesForward(t *testing.T) {
	var c batchClock
	c.refresh()
	first := c.now()
	assert.False(t, first.IsZero())
	future := first.Add(time.Hour).UnixNano()
	c.ns.Store(future)
	c.refresh() // the real clock is behind: keep the later time
	assert.Equal(t, future, c.now().UnixNano())
}

func TestRunServerFlags(t *testing.T) {
	assert.Error(t, runServer([]string{"--nosuchflag"}))
	assert.Error(t, runServer([]string{"extra"}))
	assert.Error(t, runServer([]string{"--port", "-1"}))
}

// TestBlockedClientHoldsItsPipeline checks Redis's rule that a blocked
// client's later commands wait for its reply: pipelined BLPOP, PING and
// RPUSH from one connection answer in that order once another client
// pushes, against both servers.
func TestBlockedClientHoldsItsPipeline(t *testing.T) {
	_, ours := startTestServer(t)
	for name, addr := range map[string]string{"redis": redistest.Start(t), "redisplay": ours} {
		t.Run(name, func(t *testing.T) {
			a, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer a.Close()
			_, err = io.WriteString(a, "DEL q\r\nBLPOP q 0\r\nPING\r\nRPUSH q self\r\n")
			require.NoError(t, err)
			r := bufio.NewReader(a)
			line, err := r.ReadString('\n')
			require.NoError(t, err)
			assert.Equal(t, ":0\r\n", line)

			// Nothing more may arrive while the client is blocked.
			require.NoError(t, a.SetReadDeadline(time.Now().Add(100*time.Millisecond)))
			_, err = r.ReadByte()
			require.Error(t, err, "no reply before the push")
			require.NoError(t, a.SetReadDeadline(time.Time{}))

			assert.Equal(t, ":1\r\n", rawExchange(t, addr, "RPUSH q other\r\n", false))
			want := "*2\r\n$1\r\nq\r\n$5\r\nother\r\n+PONG\r\n:1\r\n"
			got := make([]byte, len(want))
			_, err = io.ReadFull(r, got)
			require.NoError(t, err)
			assert.Equal(t, want, string(got))
		})
	}
}

// TestBlockedClientHangingUpIsFreed checks that a client that disconnects
// while blocked is noticed and removed.
func TestBlockedClientHangingUpIsFreed(t *testing.T) {
	_, addr := startTestServer(t)
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	_, err = io.WriteString(c, "BLPOP never 0\r\n")
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		return strings.Contains(rawExchange(t, addr, "CLIENT LIST\r\n", false), "cmd=blpop")
	}, 5*time.Second, 10*time.Millisecond)
	c.Close()
	require.Eventually(t, func() bool {
		return !strings.Contains(rawExchange(t, addr, "CLIENT LIST\r\n", false), "cmd=blpop")
	}, 5*time.Second, 10*time.Millisecond)
}
