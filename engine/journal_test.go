package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJournalRecordsWritesOnly(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	var got [][]Write
	e.SetJournal(func(ws []Write) { got = append(got, append([]Write(nil), ws...)) })
	c, waiter := e.NewClient(nil), e.NewClient(func(Value) {})

	e.Exec(c, []string{"SET", "k", "v"})
	e.Exec(c, []string{"GET", "k"})
	e.Exec(c, []string{"SET", "k", "v", "XX", "NX"}) // an error changes nothing
	e.Exec(c, []string{"SELECT", "2"})
	e.Exec(c, []string{"DEL", "nothing"})
	e.Exec(c, []string{"RPUSH", "q", "a"})
	require.Len(t, got, 2)
	assert.Equal(t, Write{DB: 0, Args: []string{"SET", "k", "v"}, Reply: OK, Keys: []DBKey{{0, "k"}}, Now: 1_700_000_000_000}, got[0][0])
	assert.Equal(t, 2, got[1][0].DB)

	// A transaction's writes arrive together, marked, without EXEC itself.
	e.Exec(c, []string{"MULTI"})
	e.Exec(c, []string{"INCR", "n"})
	e.Exec(c, []string{"GET", "n"})
	e.Exec(c, []string{"INCR", "n"})
	e.Exec(c, []string{"EXEC"})
	require.Len(t, got, 3)
	require.Len(t, got[2], 2)
	assert.True(t, got[2][0].InExec && got[2][1].InExec)
	assert.Equal(t, []string{"INCR", "n"}, got[2][1].Args)

	// A blocked client served by a push is journaled right after the push,
	// with the reply that says what it took.
	waiter.DB = 2
	e.Exec(waiter, []string{"BLPOP", "empty", "0"})
	e.Exec(c, []string{"LPUSH", "empty", "x"})
	require.Len(t, got, 4)
	require.Len(t, got[3], 2)
	assert.Equal(t, []string{"LPUSH", "empty", "x"}, got[3][0].Args)
	assert.Equal(t, []string{"BLPOP", "empty", "0"}, got[3][1].Args)
	assert.Equal(t, Array(Bulk("empty"), Bulk("x")), got[3][1].Reply)
}
