package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInspectContents(t *testing.T) {
	now := time.Unix(1700000000, 0)
	e := New(Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	for _, cmd := range []string{
		"SET s hello",
		"SET n 42",
		"RPUSH l a b c d",
		"SADD si 3 1 2",
		"HSET h f1 v1 f2 v2 f3 v3",
		"ZADD z 2 b 1 a 3 c",
		"SET ttl x PX 1500",
	} {
		require.NotEqual(t, KindError, e.Exec(c, strings.Fields(cmd)).Kind, cmd)
	}

	tests := []struct {
		key   string
		limit int
		want  *KeyDetail
	}{
		{"s", 10, &KeyDetail{Key: "s", Type: "string", Encoding: "embstr", TTL: -1, Len: 5, Str: "hello"}},
		{"n", 10, &KeyDetail{Key: "n", Type: "string", Encoding: "int", TTL: -1, Len: 2, Str: "42"}},
		{"l", 10, &KeyDetail{Key: "l", Type: "list", Encoding: "listpack", TTL: -1, Len: 4, Elems: []string{"a", "b", "c", "d"}}},
		{"l", 2, &KeyDetail{Key: "l", Type: "list", Encoding: "listpack", TTL: -1, Len: 4, Elems: []string{"a", "b"}}},
		{"si", 10, &KeyDetail{Key: "si", Type: "set", Encoding: "intset", TTL: -1, Len: 3, Elems: []string{"1", "2", "3"}}},
		{"h", 2, &KeyDetail{Key: "h", Type: "hash", Encoding: "listpack", TTL: -1, Len: 3,
			Fields: []FieldValue{{"f1", "v1"}, {"f2", "v2"}}}},
		{"z", 10, &KeyDetail{Key: "z", Type: "zset", Encoding: "listpack", TTL: -1, Len: 3,
			Members: []ScoredMember{{"a", 1}, {"b", 2}, {"c", 3}}}},
		{"ttl", 10, &KeyDetail{Key: "ttl", Type: "string", Encoding: "embstr", TTL: 1500, Len: 1, Str: "x"}},
		{"missing", 10, nil},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			got := e.Inspect(0, tc.key, tc.limit)
			if tc.want != nil {
				// The encoding is whatever OBJECT ENCODING says.
				tc.want.Encoding = e.Exec(c, []string{"OBJECT", "ENCODING", tc.key}).Str
			}
			assert.Equal(t, tc.want, got.Key)
		})
	}

	all := e.Inspect(0, "", 3)
	assert.Equal(t, 7, all.Total)
	assert.Equal(t, []KeyInfo{{"h", "hash", -1}, {"l", "list", -1}, {"n", "string", -1}}, all.Keys)
	assert.Nil(t, all.Key)
	assert.Equal(t, "ttl", e.Inspect(0, "", 10).Keys[5].Key)
}

// TestInspectIsNotACommand checks that looking does not change what the
// engine reports: no stats, no idle-time reset, no WATCH, no expiry.
func TestInspectIsNotACommand(t *testing.T) {
	now := time.Unix(1700000000, 0)
	e := New(Options{Clock: func() time.Time { return now }})
	c := e.NewClient(nil)
	other := e.NewClient(nil)
	e.Exec(c, strings.Fields("SET k v"))
	e.Exec(c, strings.Fields("SET gone v PX 100"))
	e.Exec(c, strings.Fields("WATCH k"))
	var journal int
	e.SetJournal(func(w []Write) { journal += len(w) })
	before := e.stats
	now = now.Add(10 * time.Second)

	ins := other.Inspect("k", 10)
	require.NotNil(t, ins.Key)
	assert.Equal(t, 1, ins.Total, "the expired key is not listed")
	assert.Nil(t, e.Inspect(0, "gone", 10).Key, "the expired key is not shown")

	assert.Equal(t, before, e.stats, "no command, hit, miss or expiry counted")
	assert.Equal(t, 2, e.DB(0).Len(), "the expired key is left for the sweep")
	assert.Equal(t, 0, journal)
	assert.Equal(t, Int(10), e.Exec(other, strings.Fields("OBJECT IDLETIME k")), "idle time untouched")
	e.Exec(c, []string{"MULTI"})
	e.Exec(c, strings.Fields("PING"))
	assert.Equal(t, KindArray, e.Exec(c, []string{"EXEC"}).Kind, "WATCH was not fired")
}

func TestInspectBounds(t *testing.T) {
	e := New(Options{})
	c := e.NewClient(nil)
	e.Exec(c, []string{"SET", "long", strings.Repeat("x", 1000)})
	assert.Equal(t, Inspection{DB: 99}, e.Inspect(99, "k", 10))
	assert.Equal(t, Inspection{DB: -1}, e.Inspect(-1, "k", 10))
	d := e.Inspect(0, "long", 2).Key
	require.NotNil(t, d)
	assert.Equal(t, 1000, d.Len)
	assert.Len(t, d.Str, 128, "a long string is cut")
	assert.Empty(t, e.Inspect(0, "", 0).Keys)
	assert.Equal(t, e, c.Engine())
}
