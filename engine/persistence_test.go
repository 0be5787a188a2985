package engine

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPersistenceCommandsWithoutPersister(t *testing.T) {
	now, opts := newClock()
	e := New(opts)
	c := e.NewClient(nil)
	e.Exec(c, []string{"SET", "a", "1"})
	*now = now.Add(3 * time.Second)
	for _, tt := range []struct {
		cmd  []string
		want Value
	}{
		{[]string{"LASTSAVE"}, Int(1_700_000_000)},
		{[]string{"SAVE"}, OK},
		{[]string{"LASTSAVE"}, Int(1_700_000_003)},
		{[]string{"BGSAVE"}, Simple("Background saving started")},
		{[]string{"BGSAVE", "SCHEDULE"}, Simple("Background saving started")},
		{[]string{"BGSAVE", "later"}, Err("ERR syntax error")},
		{[]string{"BGREWRITEAOF"}, Simple("Background append only file rewriting started")},
		{[]string{"BGREWRITEAOF", "x"}, Err("ERR wrong number of arguments for 'bgrewriteaof' command")},
		{[]string{"SAVE", "x"}, Err("ERR wrong number of arguments for 'save' command")},
	} {
		assert.Equal(t, tt.want, e.Exec(c, tt.cmd), "%v", tt.cmd)
	}
	info := e.Exec(c, []string{"INFO", "persistence"}).Str
	assert.Contains(t, info, "aof_enabled:0\r\n")
	assert.Contains(t, info, "rdb_changes_since_last_save:0\r\n")
	assert.Contains(t, info, "rdb_last_save_time:1700000003\r\n")
	assert.NotContains(t, info, "aof_current_size")
}

// fakePersister records what the engine asks of it.
type fakePersister struct {
	saves, bg []string
	fail      error
	status    PersistStatus
}

func (p *fakePersister) Save(now int64, rewrite func(func([]string))) error {
	rewrite(func(args []string) { p.saves = append(p.saves, args[0]) })
	return p.fail
}

func (p *fakePersister) BackgroundSave(now int64, aof bool, rewrite func(func([]string))) error {
	kind := "bgsave"
	if aof {
		kind = "bgrewriteaof"
	}
	p.bg = append(p.bg, kind)
	return p.fail
}

func (p *fakePersister) Status() PersistStatus { return p.status }

func TestPersistenceCommandsWithPersister(t *testing.T) {
	_, opts := newClock()
	e := New(opts)
	p := &fakePersister{status: PersistStatus{AOFEnabled: true, LastSave: 1_800_000_000, LastSaveOK: true, LastWriteOK: true, LogSize: 123, BaseSize: 23, Buffered: 7, Rewrites: 2}}
	e.SetPersister(p)
	c := e.NewClient(nil)
	e.Exec(c, []string{"SET", "a", "1"})
	e.Exec(c, []string{"SET", "b", "1"})

	assert.Equal(t, OK, e.Exec(c, []string{"SAVE"}))
	assert.Equal(t, []string{"SELECT", "SET", "SET"}, p.saves, "SAVE hands over the rewrite of the data")
	assert.Equal(t, Simple("Background saving started"), e.Exec(c, []string{"BGSAVE"}))
	assert.Equal(t, Simple("Background append only file rewriting started"), e.Exec(c, []string{"BGREWRITEAOF"}))
	assert.Equal(t, []string{"bgsave", "bgrewriteaof"}, p.bg)
	assert.Equal(t, Int(1_800_000_000), e.Exec(c, []string{"LASTSAVE"}))

	info := e.Exec(c, []string{"INFO", "persistence"}).Str
	for _, line := range []string{"aof_enabled:1", "aof_current_size:123", "aof_base_size:23", "aof_buffer_length:7", "aof_rewrites:2", "rdb_last_save_time:1800000000"} {
		assert.Contains(t, info, line+"\r\n")
	}

	p.fail = errors.New("disk full")
	assert.Equal(t, Err("ERR"), e.Exec(c, []string{"SAVE"}))
	assert.Equal(t, Err("ERR disk full"), e.Exec(c, []string{"BGSAVE"}))
	p.status.InProgress = true
	assert.Equal(t, Err("ERR Background save already in progress"), e.Exec(c, []string{"SAVE"}))

	// The commands change no data, so nothing of theirs is journaled.
	var journaled [][]Write
	e.SetJournal(func(ws []Write) { journaled = append(journaled, ws) })
	p.fail, p.status.InProgress = nil, false
	e.Exec(c, []string{"SAVE"})
	e.Exec(c, []string{"BGSAVE"})
	require.Empty(t, journaled)
}
