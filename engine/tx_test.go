package engine

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestWatchAbortsOnAnotherClientsWrite(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	a, b := e.NewClient(nil), e.NewClient(nil)
	e.Exec(a, []string{"SET", "stock", "10"})

	tests := []struct {
		name  string
		touch []string // what b does between WATCH and EXEC; nil for nothing
		want  Value
	}{
		{"untouched", nil, Array(Int(9))},
		{"written", []string{"SET", "stock", "10"}, NullArray},
		{"read only", []string{"GET", "stock"}, Array(Int(9))},
		{"another key", []string{"SET", "other", "1"}, Array(Int(8))},
		{"flushed", []string{"FLUSHALL"}, NullArray},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.Exec(a, []string{"SETNX", "stock", "10"})
			assert.Equal(t, OK, e.Exec(a, []string{"WATCH", "stock"}))
			assert.Equal(t, OK, e.Exec(a, []string{"MULTI"}))
			assert.Equal(t, Simple("QUEUED"), e.Exec(a, []string{"DECR", "stock"}))
			if tt.touch != nil {
				e.Exec(b, tt.touch)
			}
			assert.Equal(t, tt.want, e.Exec(a, []string{"EXEC"}))
			assert.Empty(t, a.watched, "EXEC always unwatches")
		})
	}
}

func TestWatchAndExpiry(t *testing.T) {
	now, opts := newClock()
	e := New(opts)
	c := e.NewClient(nil)

	// A watched key that expires before EXEC fails it, even unread.
	e.Exec(c, []string{"SET", "k", "v", "PX", "100"})
	e.Exec(c, []string{"WATCH", "k"})
	*now = now.Add(time.Second)
	e.Exec(c, []string{"MULTI"})
	e.Exec(c, []string{"PING"})
	assert.Equal(t, NullArray, e.Exec(c, []string{"EXEC"}))

	// A key already expired when watched is no change when it goes away.
	e.Exec(c, []string{"SET", "gone", "v", "PX", "100"})
	*now = now.Add(time.Second)
	e.Exec(c, []string{"WATCH", "gone"})
	e.Exec(c, []string{"GET", "gone"}) // lazily removes it
	e.Exec(c, []string{"MULTI"})
	e.Exec(c, []string{"PING"})
	assert.Equal(t, Array(Simple("PONG")), e.Exec(c, []string{"EXEC"}))
}

func TestExecServesBlockedClientsAfterwards(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	var r pushRecorder
	waiter, c := e.NewClient(r.push), e.NewClient(nil)
	e.Exec(waiter, []string{"BLPOP", "q", "0"})
	e.Exec(c, []string{"MULTI"})
	e.Exec(c, []string{"RPUSH", "q", "a", "b"})
	e.Exec(c, []string{"LPOP", "q"})
	assert.Empty(t, r.got, "nothing is served while queued")
	assert.Equal(t, Array(Int(2), Bulk("a")), e.Exec(c, []string{"EXEC"}))
	assert.Equal(t, []Value{Array(Bulk("q"), Bulk("b"))}, r.got, "served after the whole transaction")
}
