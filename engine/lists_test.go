package engine

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pushRecorder collects the replies a blocked client receives later.
type pushRecorder struct{ got []Value }

func (p *pushRecorder) push(v Value) { p.got = append(p.got, v) }

func newClock() (*time.Time, Options) {
	now := time.Unix(1_700_000_000, 0)
	return &now, Options{Clock: func() time.Time { return now }}
}

func TestBlockingPopServedByPush(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	var r1, r2 pushRecorder
	c1, c2, writer := e.NewClient(r1.push), e.NewClient(r2.push), e.NewClient(nil)

	require.Equal(t, None, e.Exec(c1, []string{"BLPOP", "a", "b", "0"}))
	require.Equal(t, None, e.Exec(c2, []string{"BLPOP", "b", "0"}))
	assert.True(t, c1.Blocked())
	assert.Equal(t, 2, e.BlockedClients())
	info := e.Exec(writer, []string{"INFO", "clients"}).Str
	assert.Contains(t, info, "blocked_clients:2\r\n")
	assert.Contains(t, info, "clients_in_timeout_table:0\r\n", "both wait forever")

	// One element on b goes to the client that blocked first.
	assert.Equal(t, Int(1), e.Exec(writer, []string{"RPUSH", "b", "x"}))
	assert.Equal(t, []Value{Array(Bulk("b"), Bulk("x"))}, r1.got)
	assert.Empty(t, r2.got)
	assert.False(t, c1.Blocked())
	assert.True(t, c2.Blocked())
	assert.Equal(t, Int(0), e.Exec(writer, []string{"LLEN", "b"}), "the served element is gone")

	// Two elements in one push: the remaining client gets the first.
	e.Exec(writer, []string{"RPUSH", "b", "y", "z"})
	assert.Equal(t, []Value{Array(Bulk("b"), Bulk("y"))}, r2.got)
	assert.Equal(t, Array(Bulk("z")), e.Exec(writer, []string{"LRANGE", "b", "0", "-1"}))
	assert.Equal(t, 0, e.BlockedClients())
}

func TestBlockingTimeout(t *testing.T) {
	now, opts := newClock()
	e := New(opts)
	var r pushRecorder
	c := e.NewClient(r.push)
	require.Equal(t, None, e.Exec(c, []string{"BRPOP", "q", "1.5"}))
	*now = now.Add(1499 * time.Millisecond)
	e.Tick()
	assert.Empty(t, r.got)
	*now = now.Add(time.Millisecond)
	e.Tick()
	assert.Equal(t, []Value{NullArray}, r.got)
	assert.False(t, c.Blocked())

	// BLMOVE and BRPOPLPUSH time out with a null bulk string.
	require.Equal(t, None, e.Exec(c, []string{"BRPOPLPUSH", "q", "d", "0.1"}))
	*now = now.Add(time.Second)
	e.Tick()
	assert.Equal(t, Null, r.got[1])
}

func TestBlockingMoveChainsToOtherWaiters(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	var r1, r2 pushRecorder
	c1, c2, w := e.NewClient(r1.push), e.NewClient(r2.push), e.NewClient(nil)
	e.Exec(c1, []string{"BLMOVE", "src", "mid", "LEFT", "RIGHT", "0"})
	e.Exec(c2, []string{"BLPOP", "mid", "0"})
	e.Exec(w, []string{"LPUSH", "src", "v"})
	assert.Equal(t, []Value{Bulk("v")}, r1.got)
	assert.Equal(t, []Value{Array(Bulk("mid"), Bulk("v"))}, r2.got, "the push into mid wakes the BLPOP")
	assert.Nil(t, e.DB(0).Lookup("src", 0))
	assert.Nil(t, e.DB(0).Lookup("mid", 0))
}

func TestBlockingIgnoresOtherTypesAndClosedClients(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	var r1, r2 pushRecorder
	c1, c2, w := e.NewClient(r1.push), e.NewClient(r2.push), e.NewClient(nil)
	e.Exec(c1, []string{"BLMPOP", "0", "1", "k", "RIGHT", "COUNT", "2"})
	e.Exec(c2, []string{"BLMPOP", "0", "1", "k", "LEFT"})
	c1.Close()
	e.DB(0).Set("k", &Object{Type: TypeString, Str: "not a list"})
	e.keyModified(e.DB(0), "k")
	assert.Empty(t, r2.got)
	e.DB(0).Delete("k", 0)
	e.Exec(w, []string{"RPUSH", "k", "a", "b", "c"})
	assert.Empty(t, r1.got, "a closed client is never served")
	assert.Equal(t, []Value{Array(Bulk("k"), Array(Bulk("a")))}, r2.got)
}

func TestListGrowsAndShrinks(t *testing.T) {
	l := newList()
	for i := 0; i < 1000; i++ {
		if i%2 == 0 {
			l.PushTail(strconv.Itoa(i))
		} else {
			l.PushHead(strconv.Itoa(i))
		}
	}
	require.Equal(t, 1000, l.Len())
	assert.Equal(t, "999", l.At(0))
	assert.Equal(t, "998", l.At(999))
	for i := 0; i < 990; i++ {
		l.PopHead()
	}
	assert.Equal(t, 10, l.Len())
	assert.Less(t, len(l.buf), 100, "the buffer shrank")
	assert.Equal(t, []string{"980", "982", "984", "986", "988", "990", "992", "994", "996", "998"}, l.Range(0, 9))
	c := l.Copy().(*list)
	c.SetAt(0, "changed")
	assert.Equal(t, "980", l.At(0), "a copy is independent")
}

func BenchmarkListPushPop(b *testing.B) {
	for _, size := range []int{1_000, 100_000, 1_000_000} {
		b.Run(strconv.Itoa(size), func(b *testing.B) {
			l := newList()
			for i := 0; i < size; i++ {
				l.PushTail("x")
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				l.PushHead("y")
				l.PopTail()
			}
		})
	}
}
