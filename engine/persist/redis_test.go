package persist

import (
	"redisplay/internal/redistest"

	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
)

// everyType writes data of every type, in several databases, some with a
// time to live, through do.
func everyType(do func(args ...string)) {
	for _, line := range []string{
		"SET str hello", "SET num 42", "SET bin a\x00b\r\nc", "SET ttl v PX 100000",
		"RPUSH list a b c", "LPUSH biglist " + strings.Repeat("x ", 150),
		"SADD set a b c", "SADD ints 3 1 2", "EXPIRE set 5000",
		"HSET hash f1 v1 f2 v2", "ZADD zset 1 a 2.5 b -3 c 0.1 d 1e-320 e inf f -inf g 3.141592653589793 h",
		"SELECT 3", "SET other db", "RPUSH l3 x", "PEXPIRE l3 70000", "SELECT 0",
	} {
		do(strings.Split(line, " ")...)
	}
	var big []string
	for i := 0; i < 200; i++ {
		big = append(big, "m"+strconv.Itoa(i), strconv.Itoa(i*7))
	}
	do(append([]string{"HSET", "bighash"}, big...)...)
	do(append([]string{"ZADD", "bigzset"}, big[1:len(big)-1]...)...)
}

// TestExportLoadsIntoRedis: the Rewrite stream, fed to a real Redis with
// `redis-cli --pipe`, gives the same keys, types, values and expiry times.
func TestExportLoadsIntoRedis(t *testing.T) {
	addr := redistest.Start(t)
	e := engine.New(engine.Options{})
	c := e.NewClient(nil)
	everyType(func(args ...string) {
		v := e.Exec(c, args)
		require.NotEqual(t, engine.KindError, v.Kind, "%v: %v", args, v.Str)
	})
	export := Export(e)

	_, port, _ := strings.Cut(addr, ":")
	cmd := exec.Command("redis-cli", "-p", port, "--pipe")
	cmd.Stdin = bytes.NewReader(export)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "errors: 0,")

	do, done := engineExec(e)
	defer done()
	want := dataset(t, do)
	assert.Len(t, want, 14)
	assert.Equal(t, want, dataset(t, redisExec(t, addr)))

	// And the same file imports back into a new engine.
	e2 := engine.New(engine.Options{})
	_, err = Import(e2, export)
	require.NoError(t, err)
	do2, done2 := engineExec(e2)
	defer done2()
	assert.Equal(t, want, dataset(t, do2))
}

// TestLogPassesRedisCheckAOF: redis-check-aof finds our log valid, and
// for a log cut anywhere it keeps what our loader keeps.
func TestLogPassesRedisCheckAOF(t *testing.T) {
	redistest.Require(t)
	log, _, _ := history(t, tailSteps)
	dir := t.TempDir()
	check := func(data []byte) (okUpTo, diff int64, valid bool) {
		name := filepath.Join(dir, "appendonly.aof")
		require.NoError(t, os.WriteFile(name, data, 0o644))
		out, _ := exec.Command("redis-check-aof", name).CombinedOutput()
		m := regexp.MustCompile(`ok_up_to=(\d+).*diff=(\d+)`).FindSubmatch(out)
		require.NotNil(t, m, "%s", out)
		okUpTo, _ = strconv.ParseInt(string(m[1]), 10, 64)
		diff, _ = strconv.ParseInt(string(m[2]), 10, 64)
		return okUpTo, diff, bytes.Contains(out, []byte("is valid"))
	}
	_, _, valid := check(log)
	require.True(t, valid)
	for cut := 1; cut < len(log); cut += 3 {
		okUpTo, diff, valid := check(log[:cut])
		_, _, err := loadBytes(t, log[:cut])
		var cerr *CorruptError
		if !errors.As(err, &cerr) {
			assert.True(t, valid, "cut at %d: we load it all, redis-check-aof does not", cut)
			continue
		}
		assert.False(t, valid, "cut at %d", cut)
		assert.Equal(t, okUpTo, cerr.Offset, "cut at %d", cut)
		assert.Equal(t, diff, cerr.Dropped, "cut at %d", cut)
	}
}
