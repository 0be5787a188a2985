// Command bench compares `redisplay server` with redis-server side by side
// in one run: it builds and starts both on free loopback ports, runs
// redis-benchmark against each (unpipelined and pipelined) and prints
// requests per second and the ratio ours/redis.
//
//	go run ./scripts/bench [-n 200000] [-c 50] [-P 16] [-t set,get,incr] [-rounds 3]
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	n := flag.Int("n", 200000, "requests per test (redis-benchmark -n)")
	clients := flag.Int("c", 50, "parallel connections (redis-benchmark -c)")
	pipeline := flag.Int("P", 16, "pipeline depth of the pipelined runs")
	tests := flag.String("t", "set,get,incr", "tests to run (redis-benchmark -t)")
	rounds := flag.Int("rounds", 3, "repeat each measurement and keep the best")
	bin := flag.String("bin", "", "use this redisplay binary instead of building one")
	flag.Parse()

	for _, tool := range []string{"redis-server", "redis-benchmark"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s not found (on Debian: apt-get install redis-server redis-tools)", tool)
		}
	}
	tmp, err := os.MkdirTemp("", "redisplay-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if *bin == "" {
		*bin = filepath.Join(tmp, "redisplay")
		build := exec.Command("go", "build", "-o", *bin, "./cmd/redisplay")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building redisplay: %w", err)
		}
	}

	ourPort, err := freePort()
	if err != nil {
		return err
	}
	ours, err := start(*bin, "server", "--port", strconv.Itoa(ourPort))
	if err != nil {
		return err
	}
	defer stop(ours)
	redisPort, err := freePort()
	if err != nil {
		return err
	}
	redis, err := start("redis-server", "--port", strconv.Itoa(redisPort), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", tmp)
	if err != nil {
		return err
	}
	defer stop(redis)
	for _, p := range []int{ourPort, redisPort} {
		if err := waitPort(p); err != nil {
			return err
		}
	}

	type row struct {
		test       string
		ours, them float64
	}
	var rows []row
	for _, p := range []int{1, *pipeline} {
		for _, t := range strings.Split(*tests, ",") {
			var best [2]float64
			for r := range *rounds {
				// Alternate the order so neither server always runs first.
				for k := range 2 {
					i := (k + r) % 2
					port := []int{ourPort, redisPort}[i]
					rps, err := benchmark(port, t, *n, *clients, p)
					if err != nil {
						return err
					}
					best[i] = max(best[i], rps)
				}
			}
			name := strings.ToUpper(t)
			if p > 1 {
				name += " -P " + strconv.Itoa(p)
			}
			rows = append(rows, row{name, best[0], best[1]})
		}
	}

	fmt.Printf("redis-benchmark -q -c %d -n %d (best of %d)\n", *clients, *n, *rounds)
	fmt.Printf("%-14s %14s %14s %8s\n", "test", "redisplay r/s", "redis r/s", "ratio")
	for _, r := range rows {
		ratio := 0.0
		if r.them > 0 {
			ratio = r.ours / r.them
		}
		fmt.Printf("%-14s %14.0f %14.0f %7.2fx\n", r.test, r.ours, r.them, ratio)
	}
	return nil
}

// benchmark runs one redis-benchmark test and returns its requests/s.
func benchmark(port int, test string, n, clients, pipeline int) (float64, error) {
	cmd := exec.Command("redis-benchmark", "-q", "-h", "127.0.0.1", "-p", strconv.Itoa(port),
		"-c", strconv.Itoa(clients), "-n", strconv.Itoa(n), "-P", strconv.Itoa(pipeline), "-t", test)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("redis-benchmark on port %d: %w", port, err)
	}
	// -q prints progress lines ending in '\r' and then
	// "SET: 123456.79 requests per second, p50=0.199 msec".
	sc := bufio.NewScanner(bytes.NewReader(bytes.ReplaceAll(out, []byte("\r"), []byte("\n"))))
	for sc.Scan() {
		line := sc.Text()
		i := strings.Index(line, " requests per second")
		if i < 0 {
			continue
		}
		fields := strings.Fields(line[:i])
		if len(fields) == 0 {
			continue
		}
		return strconv.ParseFloat(fields[len(fields)-1], 64)
	}
	return 0, fmt.Errorf("no result in redis-benchmark output: %q", out)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func start(name string, args ...string) (*exec.Cmd, error) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	return cmd, nil
}

func stop(cmd *exec.Cmd) {
	cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

func waitPort(port int) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return errors.New("server on port " + strconv.Itoa(port) + " did not start")
}
