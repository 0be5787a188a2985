package main

import (
	"redisplay/internal/redistest"

	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/compat"
	"redisplay/engine"
)

func TestPersistFlags(t *testing.T) {
	assert.ErrorContains(t, runServer([]string{"--port", "0", "--appendonly", "maybe"}), "--appendonly")
	assert.ErrorContains(t, runServer([]string{"--port", "0", "--appendonly", "yes", "--appendfsync", "sometimes"}), "--appendfsync")
}

// persistBinary builds the redisplay binary once per test.
func persistBinary(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "redisplay")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

// process is a started server; exited is closed once it has ended.
type process struct {
	cmd    *exec.Cmd
	exited chan struct{}
}

// startProcess starts a server process with args and waits for it to
// answer PING.
func startProcess(t *testing.T, name string, args ...string) (*process, string) {
	for attempt := 0; ; attempt++ {
		addr := freeAddr(t)
		_, port, _ := strings.Cut(addr, ":")
		cmd := exec.Command(name, append(append([]string(nil), args...), "--port", port)...)
		cmd.Stderr = os.Stderr
		require.NoError(t, cmd.Start())
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		t.Cleanup(func() { cmd.Process.Kill(); <-exited })
		for i := 0; i < 500; i++ {
			select {
			case <-exited:
				i = 500
				continue
			default:
			}
			if c, err := compat.Dial(addr); err == nil {
				v, err := c.Do("PING")
				c.Close()
				if err == nil && v.Str == "PONG" {
					return &process{cmd, exited}, addr
				}
			}
			time.Sleep(10 * time.Millisecond)
		}
		require.Less(t, attempt, 3, "%s did not start", name)
	}
}

func dial(t *testing.T, addr string) func(args ...string) engine.Value {
	c, err := compat.Dial(addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return func(args ...string) engine.Value {
		v, err := c.Do(args...)
		require.NoError(t, err)
		return v
	}
}

// keyspace describes every key of every database: "db key" -> type and
// canonical value, and apart the absolute expiry in ms (-1: none), which
// two servers only share to within a second.
func keyspace(t *testing.T, do func(args ...string) engine.Value) (map[string]string, map[string]int64) {
	vals, exps := map[string]string{}, map[string]int64{}
	for name, k := range redistest.Keyspace(do) {
		vals[name] = k.Type + " " + strings.Join(k.Value, " ")
		exps[name] = k.ExpireAt
	}
	return vals, exps
}

var persistScript = []string{
	"SET str hello", "SET n 10", "INCRBY n 5", "APPEND str !", "SET ex v EX 1000", "SETEX sx 500 v",
	"SET px v PX 900000", "SET gone v PX 1", "RPUSH list a b c d", "LPOP list", "BLPOP list 1",
	"SADD set a b c d", "SREM set d", "SADD sp x y", "SPOP sp 5", "HSET hash f1 v1 f2 v2", "HDEL hash f1",
	"ZADD zset 1 a 2.5 b 3 c", "ZINCRBY zset 0.25 a", "ZPOPMAX zset", "EXPIRE hash 700",
	"SELECT 5", "RPUSH l5 x y", "PEXPIRE l5 800000", "SET s5 v", "SELECT 0",
	"MULTI", "INCR tx", "RPUSH list z", "EXEC", "SET k v", "DEL k", "GETEX str EX 600",
}

// TestServerKeepsDataAcrossRestarts writes data of every type, with times
// to live, to `redisplay server --dir D --appendonly yes`, stops it with
// SIGTERM, starts it again on D and requires what a real redis-server
// holds after the same commands: same keys, types, values, and expiry
// times within a second.
func TestServerKeepsDataAcrossRestarts(t *testing.T) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("redis-server is required in CI: %v", err)
		}
		t.Skip("redis-server is not installed")
	}
	bin, dir := persistBinary(t), t.TempDir()
	_, raddr := startProcess(t, "redis-server", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.TempDir())
	srv, addr := startProcess(t, bin, "server", "--dir", dir, "--appendonly", "yes")
	ours, theirs := dial(t, addr), dial(t, raddr)
	for _, line := range persistScript {
		args := strings.Fields(line)
		want, got := theirs(args...), ours(args...)
		if args[0] != "SPOP" { // the order of popped members is random
			assert.Equal(t, want, got, line)
		}
	}
	time.Sleep(5 * time.Millisecond) // let "gone" expire on both
	wantVals, wantExps := keyspace(t, theirs)
	require.Len(t, wantVals, 12)

	require.NoError(t, srv.cmd.Process.Signal(syscall.SIGTERM))
	<-srv.exited
	require.True(t, srv.cmd.ProcessState.Success(), "%v", srv.cmd.ProcessState)

	_, addr2 := startProcess(t, bin, "server", "--dir", dir, "--appendonly", "yes")
	vals, exps := keyspace(t, dial(t, addr2))
	assert.Equal(t, wantVals, vals)
	for k, want := range wantExps {
		if want == -1 {
			assert.Equal(t, int64(-1), exps[k], k)
		} else {
			assert.InDelta(t, want, exps[k], 1000, k)
		}
	}
}

// TestServerKilledMidBurst kills the server with SIGKILL while a client
// pushes numbers to a list: after a restart the list is 0, 1, 2, ... k-1,
// a prefix of what was sent.
func TestServerKilledMidBurst(t *testing.T) {
	bin, dir := persistBinary(t), t.TempDir()
	srv, addr := startProcess(t, bin, "server", "--dir", dir, "--appendonly", "yes")
	nc, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer nc.Close()
	acked := make(chan int, 1)
	var written atomic.Int64
	go func() {
		// Pipelined writes; replies are counted by a reader.
		rd := bufio.NewReader(nc)
		n := 0
		go func() {
			for i := 0; ; i++ {
				if _, err := fmt.Fprintf(nc, "*3\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$%d\r\n%d\r\n", len(strconv.Itoa(i)), i); err != nil {
					return
				}
				written.Store(int64(i + 1))
			}
		}()
		for {
			if _, err := rd.ReadString('\n'); err != nil {
				acked <- n
				return
			}
			n++
		}
	}()
	time.Sleep(1500 * time.Millisecond) // past at least one flush
	require.NoError(t, srv.cmd.Process.Kill())
	<-srv.exited
	sent := <-acked

	_, addr2 := startProcess(t, bin, "server", "--dir", dir, "--appendonly", "yes")
	do := dial(t, addr2)
	got := do("LRANGE", "l", "0", "-1").Elems
	for i, v := range got {
		require.Equal(t, strconv.Itoa(i), v.Str, "element %d", i)
	}
	assert.LessOrEqual(t, int64(len(got)), written.Load(), "loaded more than was sent")
	t.Logf("sent %d, acknowledged %d, loaded %d after kill -9", written.Load(), sent, len(got))
}
