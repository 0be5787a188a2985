// Package redistest starts real redis-server processes for tests that
// compare redisplay with Redis.
package redistest

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// Require skips the test when redis-server is not installed, except in CI
// (the CI environment variable set), where a missing server is a failure:
// the Makefile installs it, so its absence is a broken setup, not a reason
// to pass.
func Require(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("redis-server is required in CI: %v", err)
		}
		t.Skip("redis-server is not installed (Debian: apt-get install redis-server)")
	}
}

// Start starts a redis-server with no persistence on a free loopback port,
// stops it when the test ends, and returns its address once it answers
// PING. It calls Require first.
func Start(t testing.TB) string {
	t.Helper()
	Require(t)
	dir := t.TempDir()
	for attempt := 0; ; attempt++ {
		port := FreePort(t)
		cmd := exec.Command("redis-server", "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--dir", dir)
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting redis-server: %v", err)
		}
		addr := "127.0.0.1:" + strconv.Itoa(port)
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		if waitReady(addr, exited) {
			t.Cleanup(func() {
				cmd.Process.Kill()
				<-exited
			})
			return addr
		}
		cmd.Process.Kill()
		<-exited
		// Most likely another process took the port meanwhile.
		if attempt == 5 {
			t.Fatalf("redis-server did not start on %s", addr)
		}
	}
}

// FreePort returns a loopback TCP port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitReady polls addr until it answers PING or the process exits.
func waitReady(addr string, exited <-chan struct{}) bool {
	for i := 0; i < 500; i++ {
		select {
		case <-exited:
			return false
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.SetDeadline(time.Now().Add(time.Second))
			_, err = c.Write([]byte("PING\r\n"))
			line := ""
			if err == nil {
				line, err = bufio.NewReader(c).ReadString('\n')
			}
			c.Close()
			if err == nil && line == "+PONG\r\n" {
				return true
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}
