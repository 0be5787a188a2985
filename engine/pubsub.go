package engine

import "sort"

// The publish/subscribe commands, as Redis 7.0's pubsub.c has them.
var pubsubCommands = []*Command{
	{
		Name: "publish", Arity: 3, Flags: []string{"pubsub", "loading", "stale", "fast"}, ACL: []string{"pubsub", "fast"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "pubsub", Since: "2.0.0",
		Complexity: "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).",
		Summary:    "Sends a message to every client subscribed to a channel.",
		Args: []Arg{
			{Name: "channel", Type: ArgString},
			{Name: "message", Type: ArgString},
		},
		Run: cmdPublish,
	},
	{
		Name: "subscribe", Arity: -2, Flags: []string{"pubsub", "noscript", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "pubsub", Since: "2.0.0",
		Complexity: "O(N) where N is the number of channels to subscribe to.",
		Summary:    "Listens for messages published to the given channels.",
		Args: []Arg{
			{Name: "channel", Type: ArgString, Multiple: true},
		},
		Run: cmdSubscribe,
	},
	{
		Name: "unsubscribe", Arity: -1, Flags: []string{"pubsub", "noscript", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "pubsub", Since: "2.0.0",
		Complexity: "O(N) where N is the number of clients already subscribed to a channel.",
		Summary:    "Stops listening to the given channels, or to all of them.",
		Args: []Arg{
			{Name: "channel", Type: ArgString, Optional: true, Multiple: true},
		},
		Run: cmdUnsubscribe,
	},
	{
		Name: "psubscribe", Arity: -2, Flags: []string{"pubsub", "noscript", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "pubsub", Since: "2.0.0",
		Complexity: "O(N) where N is the number of patterns the client is already subscribed to.",
		Summary:    "Listens for messages published to channels matching the given patterns.",
		Args: []Arg{
			{Name: "pattern", Type: ArgBlock, Multiple: true, Args: []Arg{
				{Name: "pattern", Type: ArgPattern},
			}},
		},
		Run: cmdPsubscribe,
	},
	{
		Name: "punsubscribe", Arity: -1, Flags: []string{"pubsub", "noscript", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "pubsub", Since: "2.0.0",
		Complexity: "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).",
		Summary:    "Stops listening to the given patterns, or to all of them.",
		Args: []Arg{
			{Name: "pattern", Type: ArgPattern, Optional: true, Multiple: true},
		},
		Run: cmdPunsubscribe,
	},
	{
		Name: "spublish", Arity: 3, Flags: []string{"pubsub", "loading", "stale", "fast"}, ACL: []string{"pubsub", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"not_key"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "pubsub", Since: "7.0.0",
		Complexity: "O(N) where N is the number of clients subscribed to the receiving shard channel.",
		Summary:    "Sends a message to every client subscribed to a shard channel.",
		Args: []Arg{
			{Name: "shardchannel", Type: ArgString},
			{Name: "message", Type: ArgString},
		},
		Run: cmdSpublish,
	},
	{
		Name: "ssubscribe", Arity: -2, Flags: []string{"pubsub", "noscript", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"not_key"}, Index: 1, LastKey: -1, KeyStep: 1, Limit: 0}},
		Group:    "pubsub", Since: "7.0.0",
		Complexity: "O(N) where N is the number of shard channels to subscribe to.",
		Summary:    "Listens for messages published to the given shard channels.",
		Args: []Arg{
			{Name: "shardchannel", Type: ArgString, Multiple: true},
		},
		Run: cmdSsubscribe,
	},
	{
		Name: "sunsubscribe", Arity: -1, Flags: []string{"pubsub", "noscript", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"not_key"}, Index: 1, LastKey: -1, KeyStep: 1, Limit: 0}},
		Group:    "pubsub", Since: "7.0.0",
		Complexity: "O(N) where N is the number of clients already subscribed to a shard channel.",
		Summary:    "Stops listening to the given shard channels, or to all of them.",
		Args: []Arg{
			{Name: "shardchannel", Type: ArgString, Optional: true, Multiple: true},
		},
		Run: cmdSunsubscribe,
	},
	{
		Name: "pubsub", Arity: -2, Flags: []string{}, ACL: []string{"slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "pubsub", Since: "2.8.0",
		Complexity: "Depends on subcommand.",
		Summary:    "Inspects the state of publish/subscribe.",
		Subcommands: []*Command{
			{
				Name: "help", Arity: 2, Flags: []string{"loading", "stale"}, ACL: []string{"slow"},
				FirstKey: 0, LastKey: 0, Step: 0,
				Group: "pubsub", Since: "6.2.0",
				Complexity: "O(1)",
				Summary:    "Describes the PUBSUB subcommands.",
				Run:        cmdPubsubHelp,
			},
			{
				Name: "channels", Arity: -2, Flags: []string{"pubsub", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
				FirstKey: 0, LastKey: 0, Step: 0,
				Group: "pubsub", Since: "2.8.0",
				Complexity: "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)",
				Summary:    "Lists the channels that have at least one subscriber.",
				Args: []Arg{
					{Name: "pattern", Type: ArgPattern, Optional: true},
				},
				Run: cmdPubsubChannels,
			},
			{
				Name: "numsub", Arity: -2, Flags: []string{"pubsub", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
				FirstKey: 0, LastKey: 0, Step: 0,
				Group: "pubsub", Since: "2.8.0",
				Complexity: "O(N) for the NUMSUB subcommand, where N is the number of requested channels",
				Summary:    "Counts the subscribers of the given channels.",
				Args: []Arg{
					{Name: "channel", Type: ArgString, Optional: true, Multiple: true},
				},
				Run: cmdPubsubNumsub,
			},
			{
				Name: "shardnumsub", Arity: -2, Flags: []string{"pubsub", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
				FirstKey: 0, LastKey: 0, Step: 0,
				Group: "pubsub", Since: "7.0.0",
				Complexity: "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels",
				Summary:    "Counts the subscribers of the given shard channels.",
				Args: []Arg{
					{Name: "shardchannel", Type: ArgString, Optional: true, Multiple: true},
				},
				Run: cmdPubsubShardnumsub,
			},
			{
				Name: "shardchannels", Arity: -2, Flags: []string{"pubsub", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
				FirstKey: 0, LastKey: 0, Step: 0,
				Group: "pubsub", Since: "7.0.0",
				Complexity: "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).",
				Summary:    "Lists the shard channels that have at least one subscriber.",
				Args: []Arg{
					{Name: "pattern", Type: ArgPattern, Optional: true},
				},
				Run: cmdPubsubShardchannels,
			},
			{
				Name: "numpat", Arity: 2, Flags: []string{"pubsub", "loading", "stale"}, ACL: []string{"pubsub", "slow"},
				FirstKey: 0, LastKey: 0, Step: 0,
				Group: "pubsub", Since: "2.8.0",
				Complexity: "O(1)",
				Summary:    "Counts the patterns clients are subscribed to.",
				Run:        cmdPubsubNumpat,
			},
		},
	},
}

func init() { register(pubsubCommands...) }

// subscriptions are one client's channels, patterns and shard channels, in
// the order it subscribed.
type subscriptions struct {
	channels, patterns, shards []string
}

func (s *subscriptions) count() int { return len(s.channels) + len(s.patterns) + len(s.shards) }

// subscriptionCount returns how many channels, patterns and shard channels
// c listens to, for PING, CLIENT LIST and TYPE of a connection.
func subscriptionCount(c *Client) (sub, psub, ssub int) {
	return len(c.subs.channels), len(c.subs.patterns), len(c.subs.shards)
}

// Subscribed reports whether the client listens to anything; a RESP2
// client may then only run the pub/sub commands, PING, QUIT and RESET.
func (c *Client) Subscribed() bool { return c.subs.count() > 0 }

// pubsubState holds the subscribers of every channel, pattern and shard
// channel, in subscription order, so deliveries happen in a stable order.
type pubsubState struct {
	channels, patterns, shards map[string][]*Client
	patternOrder               []string
}

func allowedWhenSubscribed(cmd *Command) bool {
	switch cmd.Name {
	case "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe", "ping", "quit", "reset":
		return cmd.parent == nil
	}
	return false
}

// subKind describes one family of subscriptions: channels, patterns or
// shard channels.
type subKind struct {
	sub, unsub string
	mine       func(c *Client) *[]string
	table      func(e *Engine) *map[string][]*Client
	// count is the number a confirmation reports: shard channels are
	// counted apart from channels and patterns.
	count func(c *Client) int
}

var (
	channelKind = subKind{"subscribe", "unsubscribe",
		func(c *Client) *[]string { return &c.subs.channels },
		func(e *Engine) *map[string][]*Client { return &e.pubsub.channels },
		func(c *Client) int { return len(c.subs.channels) + len(c.subs.patterns) }}
	patternKind = subKind{"psubscribe", "punsubscribe",
		func(c *Client) *[]string { return &c.subs.patterns },
		func(e *Engine) *map[string][]*Client { return &e.pubsub.patterns },
		func(c *Client) int { return len(c.subs.channels) + len(c.subs.patterns) }}
	shardKind = subKind{"ssubscribe", "sunsubscribe",
		func(c *Client) *[]string { return &c.subs.shards },
		func(e *Engine) *map[string][]*Client { return &e.pubsub.shards },
		func(c *Client) int { return len(c.subs.shards) }}
)

func (k subKind) confirm(c *Client, verb string, name Value) Value {
	return Push(Bulk(verb), name, Int(int64(k.count(c))))
}

func (k subKind) subscribe(x *Ctx) Value {
	c, e := x.Client, x.Engine
	mine, table := k.mine(c), k.table(e)
	if *table == nil {
		*table = map[string][]*Client{}
	}
	replies := make([]Value, 0, len(x.Args)-1)
	for _, name := range x.Args[1:] {
		if !contains(*mine, name) {
			*mine = append(*mine, name)
			if k.sub == "psubscribe" && len((*table)[name]) == 0 {
				e.pubsub.patternOrder = append(e.pubsub.patternOrder, name)
			}
			(*table)[name] = append((*table)[name], c)
		}
		replies = append(replies, k.confirm(c, k.sub, Bulk(name)))
	}
	return Multi(replies...)
}

// drop removes c's subscription to name and reports whether it had one.
func (k subKind) drop(e *Engine, c *Client, name string) bool {
	mine := k.mine(c)
	i := indexOf(*mine, name)
	if i < 0 {
		return false
	}
	*mine = append((*mine)[:i:i], (*mine)[i+1:]...)
	table := *k.table(e)
	q := table[name]
	if j := indexOfClient(q, c); j >= 0 {
		q = append(q[:j:j], q[j+1:]...)
	}
	if len(q) == 0 {
		delete(table, name)
		if k.sub == "psubscribe" {
			if j := indexOf(e.pubsub.patternOrder, name); j >= 0 {
				e.pubsub.patternOrder = append(e.pubsub.patternOrder[:j:j], e.pubsub.patternOrder[j+1:]...)
			}
		}
	} else {
		table[name] = q
	}
	return true
}

func (k subKind) unsubscribe(x *Ctx) Value {
	c := x.Client
	names := x.Args[1:]
	if len(names) == 0 {
		names = append([]string(nil), *k.mine(c)...)
		if len(names) == 0 {
			return Multi(k.confirm(c, k.unsub, Null))
		}
	}
	replies := make([]Value, 0, len(names))
	for _, name := range names {
		k.drop(x.Engine, c, name)
		replies = append(replies, k.confirm(c, k.unsub, Bulk(name)))
	}
	return Multi(replies...)
}

// unsubscribeAll drops every subscription of c, when it closes or resets.
func (e *Engine) unsubscribeAll(c *Client) {
	for _, k := range []subKind{channelKind, patternKind, shardKind} {
		for _, name := range append([]string(nil), *k.mine(c)...) {
			k.drop(e, c, name)
		}
	}
}

func cmdSubscribe(x *Ctx) Value    { return channelKind.subscribe(x) }
func cmdUnsubscribe(x *Ctx) Value  { return channelKind.unsubscribe(x) }
func cmdPsubscribe(x *Ctx) Value   { return patternKind.subscribe(x) }
func cmdPunsubscribe(x *Ctx) Value { return patternKind.unsubscribe(x) }
func cmdSsubscribe(x *Ctx) Value   { return shardKind.subscribe(x) }
func cmdSunsubscribe(x *Ctx) Value { return shardKind.unsubscribe(x) }

// Publish delivers msg on channel as PUBLISH does and returns how many
// deliveries it made: one per channel subscriber and one per matching
// pattern subscription.
func (e *Engine) publish(channel, msg string) int64 {
	var n int64
	for _, c := range e.pubsub.channels[channel] {
		e.deliver(c, Push(Bulk("message"), Bulk(channel), Bulk(msg)))
		n++
	}
	for _, pat := range e.pubsub.patternOrder {
		if !Glob(pat, channel, false) {
			continue
		}
		for _, c := range e.pubsub.patterns[pat] {
			e.deliver(c, Push(Bulk("pmessage"), Bulk(pat), Bulk(channel), Bulk(msg)))
			n++
		}
	}
	return n
}

func cmdPublish(x *Ctx) Value { return Int(x.Engine.publish(x.Args[1], x.Args[2])) }

func cmdSpublish(x *Ctx) Value {
	var n int64
	for _, c := range x.Engine.pubsub.shards[x.Args[1]] {
		x.Engine.deliver(c, Push(Bulk("smessage"), Bulk(x.Args[1]), Bulk(x.Args[2])))
		n++
	}
	return Int(n)
}

// activeNames lists the names in table matching the optional pattern.
func activeNames(table map[string][]*Client, args []string) Value {
	names := make([]string, 0, len(table))
	for name := range table {
		if len(args) == 0 || Glob(args[0], name, false) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return BulkStrings(names)
}

func countSubscribers(table map[string][]*Client, names []string) Value {
	out := make([]Value, 0, 2*len(names))
	for _, name := range names {
		out = append(out, Bulk(name), Int(int64(len(table[name]))))
	}
	return Array(out...)
}

func cmdPubsubChannels(x *Ctx) Value {
	return activeNames(x.Engine.pubsub.channels, x.Args[2:])
}

func cmdPubsubShardchannels(x *Ctx) Value {
	return activeNames(x.Engine.pubsub.shards, x.Args[2:])
}

func cmdPubsubNumsub(x *Ctx) Value {
	return countSubscribers(x.Engine.pubsub.channels, x.Args[2:])
}

func cmdPubsubShardnumsub(x *Ctx) Value {
	return countSubscribers(x.Engine.pubsub.shards, x.Args[2:])
}

func cmdPubsubNumpat(x *Ctx) Value { return Int(int64(len(x.Engine.pubsub.patterns))) }

func cmdPubsubHelp(x *Ctx) Value {
	return subcommandHelp("PUBSUB", []string{
		"CHANNELS [<pattern>]",
		"    List the channels with subscribers, those matching <pattern> if given.",
		"NUMPAT",
		"    Count the pattern subscriptions.",
		"NUMSUB [<channel> ...]",
		"    Count the subscribers of each channel, pattern subscriptions aside.",
		"SHARDCHANNELS [<pattern>]",
		"    List the shard channels with subscribers, those matching <pattern> if given.",
		"SHARDNUMSUB [<shardchannel> ...]",
		"    Count the subscribers of each shard channel.",
	})
}

func contains(list []string, s string) bool { return indexOf(list, s) >= 0 }

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func indexOfClient(list []*Client, c *Client) int {
	for i, v := range list {
		if v == c {
			return i
		}
	}
	return -1
}
