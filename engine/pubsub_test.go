package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPublishReachesChannelsAndPatterns(t *testing.T) {
	e := New(Options{})
	var ra, rb pushRecorder
	a, b, pub := e.NewClient(ra.push), e.NewClient(rb.push), e.NewClient(nil)

	assert.Equal(t, Multi(
		Push(Bulk("subscribe"), Bulk("news"), Int(1)),
		Push(Bulk("subscribe"), Bulk("sport"), Int(2)),
		Push(Bulk("subscribe"), Bulk("news"), Int(2)),
	), e.Exec(a, []string{"SUBSCRIBE", "news", "sport", "news"}))
	assert.Equal(t, Multi(Push(Bulk("psubscribe"), Bulk("n*"), Int(1))), e.Exec(b, []string{"PSUBSCRIBE", "n*"}))

	assert.Equal(t, Int(2), e.Exec(pub, []string{"PUBLISH", "news", "hello"}))
	assert.Equal(t, []Value{Push(Bulk("message"), Bulk("news"), Bulk("hello"))}, ra.got)
	assert.Equal(t, []Value{Push(Bulk("pmessage"), Bulk("n*"), Bulk("news"), Bulk("hello"))}, rb.got)
	assert.Equal(t, Int(0), e.Exec(pub, []string{"PUBLISH", "weather", "x"}))

	assert.Equal(t, Array(Bulk("news"), Bulk("sport")), e.Exec(pub, []string{"PUBSUB", "CHANNELS"}))
	assert.Equal(t, Array(Bulk("sport")), e.Exec(pub, []string{"PUBSUB", "CHANNELS", "s*"}))
	assert.Equal(t, Array(Bulk("news"), Int(1), Bulk("none"), Int(0)), e.Exec(pub, []string{"PUBSUB", "NUMSUB", "news", "none"}))
	assert.Equal(t, Int(1), e.Exec(pub, []string{"PUBSUB", "NUMPAT"}))

	// RESP2 subscribers may only run the pub/sub commands.
	assert.Equal(t, Err("ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"),
		e.Exec(a, []string{"GET", "k"}))
	a.Proto = 3
	assert.Equal(t, Null, e.Exec(a, []string{"GET", "k"}), "RESP3 clients may run anything")
	a.Proto = 2

	assert.Equal(t, Multi(
		Push(Bulk("unsubscribe"), Bulk("news"), Int(1)),
		Push(Bulk("unsubscribe"), Bulk("sport"), Int(0)),
	), e.Exec(a, []string{"UNSUBSCRIBE"}))
	assert.Equal(t, Multi(Push(Bulk("unsubscribe"), Null, Int(0))), e.Exec(a, []string{"UNSUBSCRIBE"}))
	assert.False(t, a.Subscribed())

	b.Close()
	assert.Equal(t, Int(0), e.Exec(pub, []string{"PUBSUB", "NUMPAT"}), "closing drops subscriptions")
	assert.Equal(t, Int(0), e.Exec(pub, []string{"PUBLISH", "news", "again"}))
}

func TestShardChannelsCountApart(t *testing.T) {
	e := New(Options{})
	var r pushRecorder
	c, pub := e.NewClient(r.push), e.NewClient(nil)
	e.Exec(c, []string{"SUBSCRIBE", "a"})
	assert.Equal(t, Multi(Push(Bulk("ssubscribe"), Bulk("s"), Int(1))), e.Exec(c, []string{"SSUBSCRIBE", "s"}))
	assert.Equal(t, Int(1), e.Exec(pub, []string{"SPUBLISH", "s", "m"}))
	require.Len(t, r.got, 1)
	assert.Equal(t, Push(Bulk("smessage"), Bulk("s"), Bulk("m")), r.got[0])
	assert.Equal(t, Array(Bulk("s"), Int(1)), e.Exec(pub, []string{"PUBSUB", "SHARDNUMSUB", "s"}))
	assert.Equal(t, Int(0), e.Exec(pub, []string{"PUBLISH", "s", "m"}), "shard channels are not channels")
}

func TestMultiReplyRESP2KeepsShape(t *testing.T) {
	v := Multi(Push(Bulk("subscribe"), Bulk("a"), Int(1))).RESP2()
	assert.Equal(t, Multi(Array(Bulk("subscribe"), Bulk("a"), Int(1))), v)
}
