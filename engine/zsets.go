package engine

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
)

// The sorted-set commands, as Redis 7.0's t_zset.c has them.
//
// ZUNION, ZINTER, ZINTERCARD and their STORE forms also take plain sets as
// inputs, every member scoring 1, as Redis does. The set type lives in
// another file: an Object of TypeSet is read through its Val, which must
// implement setMembers (Members() []string); one that does not counts as
// an empty set.
var zsetCommands = []*Command{
	{
		Name: "zadd", Arity: -4, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.2.0",
		Complexity: "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
		Summary:    "Adds members with scores to a sorted set or changes their scores, creating the set if needed.",
		History:    [][2]string{{"2.4.0", "Accepts multiple elements."}, {"3.0.2", "Added the `XX`, `NX`, `CH` and `INCR` options."}, {"6.2.0", "Added the `GT` and `LT` options."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "condition", Type: ArgOneOf, Optional: true, Since: "3.0.2", Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
			}},
			{Name: "comparison", Type: ArgOneOf, Optional: true, Since: "6.2.0", Args: []Arg{
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
			{Name: "change", Type: ArgPureToken, Token: "CH", Optional: true, Since: "3.0.2"},
			{Name: "increment", Type: ArgPureToken, Token: "INCR", Optional: true, Since: "3.0.2"},
			{Name: "score_member", Type: ArgBlock, Multiple: true, Args: []Arg{
				{Name: "score", Type: ArgDouble},
				{Name: "member", Type: ArgString},
			}},
		},
		Run: cmdZadd,
	},
	{
		Name: "zincrby", Arity: 4, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.2.0",
		Complexity: "O(log(N)) where N is the number of elements in the sorted set.",
		Summary:    "Adds an increment to the score of a sorted set member, adding the member if missing.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "increment", Type: ArgInteger},
			{Name: "member", Type: ArgString},
		},
		Run: cmdZincrby,
	},
	{
		Name: "zrem", Arity: -3, Flags: []string{"write", "fast"}, ACL: []string{"write", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.2.0",
		Complexity: "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.",
		Summary:    "Removes members from a sorted set, deleting the key once it is empty.",
		History:    [][2]string{{"2.4.0", "Accepts multiple elements."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Multiple: true},
		},
		Run: cmdZrem,
	},
	{
		Name: "zcard", Arity: 2, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.2.0",
		Complexity: "O(1)",
		Summary:    "Returns how many members a sorted set holds.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdZcard,
	},
	{
		Name: "zscore", Arity: 3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.2.0",
		Complexity: "O(1)",
		Summary:    "Returns the score of a member of a sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
		},
		Run: cmdZscore,
	},
	{
		Name: "zmscore", Arity: -3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "6.2.0",
		Complexity: "O(N) where N is the number of members being requested.",
		Summary:    "Returns the scores of several members of a sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Multiple: true},
		},
		Run: cmdZmscore,
	},
	{
		Name: "zrank", Arity: 3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.0.0",
		Complexity: "O(log(N))",
		Summary:    "Returns the position of a member in a sorted set ordered by ascending score.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
		},
		Run: cmdZrank,
	},
	{
		Name: "zrevrank", Arity: 3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.0.0",
		Complexity: "O(log(N))",
		Summary:    "Returns the position of a member in a sorted set ordered by descending score.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
		},
		Run: cmdZrevrank,
	},
	{
		Name: "zcount", Arity: 4, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.0.0",
		Complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		Summary:    "Counts the members of a sorted set whose scores fall within a range.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgDouble},
			{Name: "max", Type: ArgDouble},
		},
		Run: cmdZcount,
	},
	{
		Name: "zlexcount", Arity: 4, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.8.9",
		Complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		Summary:    "Counts the members of a sorted set that fall within a lexicographical range.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgString},
			{Name: "max", Type: ArgString},
		},
		Run: cmdZlexcount,
	},
	{
		Name: "zrange", Arity: -4, Flags: []string{"readonly"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.2.0",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
		Summary:    "Returns the members of a sorted set within a range of positions, scores or lexicographical values.",
		History:    [][2]string{{"6.2.0", "Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgString},
			{Name: "stop", Type: ArgString},
			{Name: "sortby", Type: ArgOneOf, Optional: true, Since: "6.2.0", Args: []Arg{
				{Name: "byscore", Type: ArgPureToken, Token: "BYSCORE"},
				{Name: "bylex", Type: ArgPureToken, Token: "BYLEX"},
			}},
			{Name: "rev", Type: ArgPureToken, Token: "REV", Optional: true, Since: "6.2.0"},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Optional: true, Since: "6.2.0", Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Optional: true},
		},
		Run: cmdZrange,
	},
	{
		Name: "zrangestore", Arity: -5, Flags: []string{"write", "denyoom"}, ACL: []string{"write", "sortedset", "slow"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RO", "access"}, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "6.2.0",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.",
		Summary:    "Stores a range of a sorted set's members in another key.",
		Args: []Arg{
			{Name: "dst", Type: ArgKey},
			{Name: "src", Type: ArgKey, KeySpecIndex: 1},
			{Name: "min", Type: ArgString},
			{Name: "max", Type: ArgString},
			{Name: "sortby", Type: ArgOneOf, Optional: true, Args: []Arg{
				{Name: "byscore", Type: ArgPureToken, Token: "BYSCORE"},
				{Name: "bylex", Type: ArgPureToken, Token: "BYLEX"},
			}},
			{Name: "rev", Type: ArgPureToken, Token: "REV", Optional: true},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Optional: true, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		Run: cmdZrangestore,
	},
	{
		Name: "zrangebyscore", Arity: -4, Flags: []string{"readonly"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.0.5",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		Summary:         "Returns the members of a sorted set whose scores fall within a range.",
		DocFlags:        []string{"deprecated"},
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `BYSCORE` argument",
		History:         [][2]string{{"2.0.0", "Added the `WITHSCORES` modifier."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgDouble},
			{Name: "max", Type: ArgDouble},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Optional: true, Since: "2.0.0"},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Optional: true, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		Run: cmdZrangebyscore,
	},
	{
		Name: "zrevrangebyscore", Arity: -4, Flags: []string{"readonly"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.2.0",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		Summary:         "Returns the members of a sorted set whose scores fall within a range, highest score first.",
		DocFlags:        []string{"deprecated"},
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `REV` and `BYSCORE` arguments",
		History:         [][2]string{{"2.1.6", "`min` and `max` can be exclusive."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "max", Type: ArgDouble},
			{Name: "min", Type: ArgDouble},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Optional: true},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Optional: true, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		Run: cmdZrevrangebyscore,
	},
	{
		Name: "zrangebylex", Arity: -4, Flags: []string{"readonly"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.8.9",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		Summary:         "Returns the members of a sorted set within a lexicographical range.",
		DocFlags:        []string{"deprecated"},
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `BYLEX` argument",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgString},
			{Name: "max", Type: ArgString},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Optional: true, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		Run: cmdZrangebylex,
	},
	{
		Name: "zrevrangebylex", Arity: -4, Flags: []string{"readonly"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.8.9",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		Summary:         "Returns the members of a sorted set within a lexicographical range, in reverse order.",
		DocFlags:        []string{"deprecated"},
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `REV` and `BYLEX` arguments",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "max", Type: ArgString},
			{Name: "min", Type: ArgString},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Optional: true, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		Run: cmdZrevrangebylex,
	},
	{
		Name: "zrevrange", Arity: -4, Flags: []string{"readonly"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.2.0",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
		Summary:         "Returns the members of a sorted set between two positions, highest score first.",
		DocFlags:        []string{"deprecated"},
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `REV` argument",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "stop", Type: ArgInteger},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Optional: true},
		},
		Run: cmdZrevrange,
	},
	{
		Name: "zremrangebyrank", Arity: 4, Flags: []string{"write"}, ACL: []string{"write", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.0.0",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		Summary:    "Removes the members of a sorted set between two positions.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "stop", Type: ArgInteger},
		},
		Run: cmdZremrangebyrank,
	},
	{
		Name: "zremrangebyscore", Arity: 4, Flags: []string{"write"}, ACL: []string{"write", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "1.2.0",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		Summary:    "Removes the members of a sorted set whose scores fall within a range.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgDouble},
			{Name: "max", Type: ArgDouble},
		},
		Run: cmdZremrangebyscore,
	},
	{
		Name: "zremrangebylex", Arity: 4, Flags: []string{"write"}, ACL: []string{"write", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "2.8.9",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		Summary:    "Removes the members of a sorted set within a lexicographical range.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgString},
			{Name: "max", Type: ArgString},
		},
		Run: cmdZremrangebylex,
	},
	{
		Name: "zpopmin", Arity: -2, Flags: []string{"write", "fast"}, ACL: []string{"write", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "5.0.0",
		Complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
		Summary:    "Removes and returns the members with the lowest scores from a sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Optional: true},
		},
		Run: cmdZpopmin,
	},
	{
		Name: "zpopmax", Arity: -2, Flags: []string{"write", "fast"}, ACL: []string{"write", "sortedset", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "5.0.0",
		Complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
		Summary:    "Removes and returns the members with the highest scores from a sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Optional: true},
		},
		Run: cmdZpopmax,
	},
	{
		Name: "bzpopmin", Arity: -3, Flags: []string{"write", "noscript", "blocking", "fast"}, ACL: []string{"write", "sortedset", "fast", "blocking"},
		FirstKey: 1, LastKey: -2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: -2, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "5.0.0",
		Complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		Summary:    "Removes and returns the lowest-scored member of the first non-empty sorted set, waiting if all are empty.",
		History:    [][2]string{{"6.0.0", "`timeout` is interpreted as a double instead of an integer."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "timeout", Type: ArgDouble},
		},
		Run: cmdBzpopmin,
	},
	{
		Name: "bzpopmax", Arity: -3, Flags: []string{"write", "noscript", "blocking", "fast"}, ACL: []string{"write", "sortedset", "fast", "blocking"},
		FirstKey: 1, LastKey: -2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: -2, KeyStep: 1, Limit: 0}},
		Group:    "sorted-set", Since: "5.0.0",
		Complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		Summary:    "Removes and returns the highest-scored member of the first non-empty sorted set, waiting if all are empty.",
		History:    [][2]string{{"6.0.0", "`timeout` is interpreted as a double instead of an integer."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "timeout", Type: ArgDouble},
		},
		Run: cmdBzpopmax,
	},
	{
		Name: "zmpop", Arity: -4, Flags: []string{"write", "movablekeys"}, ACL: []string{"write", "sortedset", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "7.0.0",
		Complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
		Summary:    "Removes and returns members with the lowest or highest scores from the first non-empty sorted set among several.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "where", Type: ArgOneOf, Args: []Arg{
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Optional: true},
		},
		Run: cmdZmpop,
	},
	{
		Name: "bzmpop", Arity: -5, Flags: []string{"write", "blocking", "movablekeys"}, ACL: []string{"write", "sortedset", "slow", "blocking"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 2, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "7.0.0",
		Complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
		Summary:    "Removes members from the first non-empty sorted set among several like ZMPOP, waiting if all are empty.",
		Args: []Arg{
			{Name: "timeout", Type: ArgDouble},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "where", Type: ArgOneOf, Args: []Arg{
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Optional: true},
		},
		Run: cmdBzmpop,
	},
	{
		Name: "zrandmember", Arity: -2, Flags: []string{"readonly"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output"},
		Group:    "sorted-set", Since: "6.2.0",
		Complexity: "O(N) where N is the number of elements returned",
		Summary:    "Returns one or more random members of a sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "options", Type: ArgBlock, Optional: true, Args: []Arg{
				{Name: "count", Type: ArgInteger},
				{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Optional: true},
			}},
		},
		Run: cmdZrandmember,
	},
	{
		Name: "zunion", Arity: -3, Flags: []string{"readonly", "movablekeys"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "6.2.0",
		Complexity: "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
		Summary:    "Returns the union of several sorted sets, combining the scores of shared members.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "weight", Type: ArgInteger, Token: "WEIGHTS", Optional: true, Multiple: true},
			{Name: "aggregate", Type: ArgOneOf, Token: "AGGREGATE", Optional: true, Args: []Arg{
				{Name: "sum", Type: ArgPureToken, Token: "SUM"},
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Optional: true},
		},
		Run: cmdZunion,
	},
	{
		Name: "zinter", Arity: -3, Flags: []string{"readonly", "movablekeys"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "6.2.0",
		Complexity: "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
		Summary:    "Returns the intersection of several sorted sets, combining the scores of shared members.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "weight", Type: ArgInteger, Token: "WEIGHTS", Optional: true, Multiple: true},
			{Name: "aggregate", Type: ArgOneOf, Token: "AGGREGATE", Optional: true, Args: []Arg{
				{Name: "sum", Type: ArgPureToken, Token: "SUM"},
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Optional: true},
		},
		Run: cmdZinter,
	},
	{
		Name: "zdiff", Arity: -3, Flags: []string{"readonly", "movablekeys"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "6.2.0",
		Complexity: "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
		Summary:    "Returns the members of the first sorted set that are in none of the others.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Optional: true},
		},
		Run: cmdZdiff,
	},
	{
		Name: "zunionstore", Arity: -4, Flags: []string{"write", "denyoom", "movablekeys"}, ACL: []string{"write", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RO", "access"}, Index: 2, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "2.0.0",
		Complexity: "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
		Summary:    "Stores the union of several sorted sets in a key.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, KeySpecIndex: 1, Multiple: true},
			{Name: "weight", Type: ArgInteger, Token: "WEIGHTS", Optional: true, Multiple: true},
			{Name: "aggregate", Type: ArgOneOf, Token: "AGGREGATE", Optional: true, Args: []Arg{
				{Name: "sum", Type: ArgPureToken, Token: "SUM"},
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
		},
		Run: cmdZunionstore,
	},
	{
		Name: "zinterstore", Arity: -4, Flags: []string{"write", "denyoom", "movablekeys"}, ACL: []string{"write", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RO", "access"}, Index: 2, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "2.0.0",
		Complexity: "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
		Summary:    "Stores the intersection of several sorted sets in a key.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, KeySpecIndex: 1, Multiple: true},
			{Name: "weight", Type: ArgInteger, Token: "WEIGHTS", Optional: true, Multiple: true},
			{Name: "aggregate", Type: ArgOneOf, Token: "AGGREGATE", Optional: true, Args: []Arg{
				{Name: "sum", Type: ArgPureToken, Token: "SUM"},
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
		},
		Run: cmdZinterstore,
	},
	{
		Name: "zdiffstore", Arity: -4, Flags: []string{"write", "denyoom", "movablekeys"}, ACL: []string{"write", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RO", "access"}, Index: 2, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "6.2.0",
		Complexity: "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
		Summary:    "Stores the members of the first sorted set that are in none of the others in a key.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, KeySpecIndex: 1, Multiple: true},
		},
		Run: cmdZdiffstore,
	},
	{
		Name: "zintercard", Arity: -3, Flags: []string{"readonly", "movablekeys"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "sorted-set", Since: "7.0.0",
		Complexity: "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.",
		Summary:    "Counts the members shared by several sorted sets, optionally stopping at a limit.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "limit", Type: ArgInteger, Token: "LIMIT", Optional: true},
		},
		Run: cmdZintercard,
	},
	{
		Name: "zscan", Arity: -3, Flags: []string{"readonly"}, ACL: []string{"read", "sortedset", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output"},
		Group:    "sorted-set", Since: "2.8.0",
		Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
		Summary:    "Iterates over the members of a sorted set and their scores.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "cursor", Type: ArgInteger},
			{Name: "pattern", Type: ArgPattern, Token: "MATCH", Optional: true},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Optional: true},
		},
		Run: cmdZscan,
	},
}

func init() { register(zsetCommands...) }

// Sorted-set errors as Redis 7.0 words them.
const (
	errZaddNXXX       = "ERR XX and NX options at the same time are not compatible"
	errZaddGTLTNX     = "ERR GT, LT, and/or NX options at the same time are not compatible"
	errZaddIncrPair   = "ERR INCR option supports a single increment-element pair"
	errScoreNaN       = "ERR resulting score is not a number (NaN)"
	errMinMaxFloat    = "ERR min or max is not a float"
	errMinMaxLex      = "ERR min or max not valid string range item"
	errLimitRankOnly  = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
	errWithscoresLex  = "ERR syntax error, WITHSCORES not supported in combination with BYLEX"
	errWeightFloat    = "ERR weight value is not a float"
	errAtLeastOneKey  = "ERR at least 1 input key is needed for '%s' command"
	errZLimitNegative = "ERR LIMIT can't be negative"
	errOutOfRange     = "ERR value is out of range"
	errLongRangeRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
)

// setMembers is what the sorted-set operations need from a set value.
type setMembers interface{ Members() []string }

// zsetAt returns the sorted set at key: nil when the key is missing, ok
// false when it holds another type. read counts a keyspace hit or miss.
func zsetAt(x *Ctx, key string, read bool) (*zset, bool) {
	return lookupAs[*zset](x, key, TypeZSet, read)
}

// resp3 reports whether the client speaks RESP3, where scored replies nest
// each member with its score instead of interleaving them.
func resp3(x *Ctx) bool { return x.Client != nil && x.Client.Proto == 3 }

// scored builds the reply of members, with their scores when withscores is
// set: flat pairs under RESP2, one [member, score] array each under RESP3
// (or always, when nested is set).
type scored struct {
	withscores, nested bool
	elems              []Value
}

func newScored(x *Ctx, withscores bool, n int) *scored {
	s := &scored{withscores: withscores, nested: withscores && resp3(x)}
	if withscores && !s.nested {
		n *= 2
	}
	s.elems = make([]Value, 0, n)
	return s
}

func (s *scored) add(member string, score float64) {
	switch {
	case !s.withscores:
		s.elems = append(s.elems, Bulk(member))
	case s.nested:
		s.elems = append(s.elems, Array(Bulk(member), Double(score)))
	default:
		s.elems = append(s.elems, Bulk(member), Double(score))
	}
}

func (s *scored) value() Value { return Array(s.elems...) }

// parseScore reads a score or weight as Redis's getDoubleFromObject does
// with strtod: no leading space, nothing left over, no NaN, and nothing so
// large it overflows or so small a nonzero number rounds to zero.
func parseScore(s string) (float64, bool) {
	if s == "" || isSpace(s[0]) {
		return 0, false
	}
	f, ok, ranged := strtod(s)
	if !ok || math.IsNaN(f) {
		return 0, false
	}
	if ranged && (math.IsInf(f, 0) || f == 0) {
		return 0, false
	}
	return f, true
}

// parseRangeFloat reads one end of a score range as Redis's zslParseRange
// does with a bare strtod: leading space is skipped, an empty string is 0,
// overflow saturates to infinity, and parsing stops at a NUL byte.
func parseRangeFloat(s string) (float64, bool) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return 0, true
	}
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	if t == "" {
		return 0, false
	}
	f, ok, _ := strtod(t)
	if !ok || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// strtod parses all of s as glibc's strtod would: decimal or hexadecimal
// (with or without a binary exponent), inf, infinity or nan. ranged reports
// ERANGE: an overflow (f is infinite) or a nonzero number that came out 0.
func strtod(s string) (f float64, ok, ranged bool) {
	if strings.IndexByte(s, '_') >= 0 {
		return 0, false, false
	}
	body := s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	hex := len(body) > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')
	in := s
	if hex && !strings.ContainsAny(body, "pP") {
		in = s + "p0"
	}
	f, err := strconv.ParseFloat(in, 64)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return f, true, true
		}
		return 0, false, false
	}
	if f == 0 {
		mant := body
		if hex {
			mant = body[2:]
		}
		if i := strings.IndexAny(mant, "eEpP"); i >= 0 && !(hex && (mant[i] == 'e' || mant[i] == 'E')) {
			mant = mant[:i]
		}
		if strings.Trim(mant, "0.") != "" {
			return f, true, true
		}
	}
	return f, true, false
}

// parseScoreRange reads "min max" where either may start with "(" for an
// exclusive end.
func parseScoreRange(min, max string) (scoreRange, bool) {
	var r scoreRange
	var ok bool
	if strings.HasPrefix(min, "(") {
		r.minex = true
		min = min[1:]
	}
	if r.min, ok = parseRangeFloat(min); !ok {
		return r, false
	}
	if strings.HasPrefix(max, "(") {
		r.maxex = true
		max = max[1:]
	}
	if r.max, ok = parseRangeFloat(max); !ok {
		return r, false
	}
	return r, true
}

// parseLexBound reads "-", "+", "[member" or "(member". Like Redis, which
// looks at the byte after "-" or "+" in a NUL-terminated buffer, it takes a
// NUL there as the end.
func parseLexBound(s string) (lexBound, bool) {
	if s == "" {
		return lexBound{}, false
	}
	switch s[0] {
	case '+', '-':
		if len(s) > 1 && s[1] != 0 {
			return lexBound{}, false
		}
		inf := 1
		if s[0] == '-' {
			inf = -1
		}
		return lexBound{inf: inf, ex: true}, true
	case '(':
		return lexBound{s: s[1:], ex: true}, true
	case '[':
		return lexBound{s: s[1:]}, true
	}
	return lexBound{}, false
}

// parseLexRange reads the two ends of a lex range.
func parseLexRange(min, max string) (lexRange, bool) {
	a, ok1 := parseLexBound(min)
	b, ok2 := parseLexBound(max)
	return lexRange{a, b}, ok1 && ok2
}

// ---- ZADD, ZINCRBY

func cmdZadd(x *Ctx) Value    { return zaddGeneric(x, false) }
func cmdZincrby(x *Ctx) Value { return zaddGeneric(x, true) }

// zaddGeneric runs ZADD and ZINCRBY. ZINCRBY goes through the same flag
// parsing, as in Redis, so "ZINCRBY key nx member" is a syntax error.
func zaddGeneric(x *Ctx, incr bool) Value {
	var nx, xx, gt, lt, ch bool
	args := x.Args
	j := 2
flags:
	for ; j < len(args); j++ {
		switch strings.ToLower(args[j]) {
		case "nx":
			nx = true
		case "xx":
			xx = true
		case "ch":
			ch = true
		case "incr":
			incr = true
		case "gt":
			gt = true
		case "lt":
			lt = true
		default:
			break flags
		}
	}
	elements := len(args) - j
	if elements == 0 || elements%2 != 0 {
		return Err(ErrSyntax)
	}
	elements /= 2
	if nx && xx {
		return Err(errZaddNXXX)
	}
	if (gt && nx) || (lt && nx) || (gt && lt) {
		return Err(errZaddGTLTNX)
	}
	if incr && elements > 1 {
		return Err(errZaddIncrPair)
	}
	scores := make([]float64, elements)
	for i := range scores {
		f, ok := parseScore(args[j+2*i])
		if !ok {
			return Err(ErrNotFloat)
		}
		scores[i] = f
	}
	key := args[1]
	z, ok := zsetAt(x, key, false)
	if !ok {
		return wrongType
	}
	added, updated, processed := 0, 0, 0
	var score float64
	if z == nil && !xx {
		z = newZset(args[j+1])
		x.DB.Set(key, &Object{Type: TypeZSet, Val: z})
	}
	for i := 0; z != nil && i < elements; i++ {
		s, member := scores[i], args[j+2*i+1]
		cur, exists := z.Score(member)
		switch {
		case exists:
			if nx {
				continue
			}
			if incr {
				s += cur
				if math.IsNaN(s) {
					if added+updated > 0 {
						x.Modified(key)
					}
					return Err(errScoreNaN)
				}
			}
			if (lt && s >= cur) || (gt && s <= cur) {
				continue
			}
			score = s
			processed++
			if s != cur {
				z.Update(member, s)
				updated++
			}
		case !xx:
			z.Insert(member, s)
			score = s
			added++
			processed++
		}
	}
	if added+updated > 0 {
		x.Modified(key)
	}
	if incr {
		if processed == 0 {
			return Null
		}
		return Double(score)
	}
	if ch {
		return Int(int64(added + updated))
	}
	return Int(int64(added))
}

// ---- ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK

func cmdZrem(x *Ctx) Value {
	key := x.Args[1]
	z, ok := zsetAt(x, key, false)
	if !ok {
		return wrongType
	}
	if z == nil {
		return Int(0)
	}
	deleted := 0
	for _, m := range x.Args[2:] {
		if z.Remove(m) {
			deleted++
			if z.Len() == 0 {
				x.DB.Delete(key, x.Now)
				break
			}
		}
	}
	if deleted > 0 {
		x.Modified(key)
	}
	return Int(int64(deleted))
}

func cmdZcard(x *Ctx) Value {
	z, ok := zsetAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if z == nil {
		return Int(0)
	}
	return Int(int64(z.Len()))
}

func cmdZscore(x *Ctx) Value {
	z, ok := zsetAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if z == nil {
		return Null
	}
	s, ok := z.Score(x.Args[2])
	if !ok {
		return Null
	}
	return Double(s)
}

func cmdZmscore(x *Ctx) Value {
	z, ok := zsetAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	out := make([]Value, len(x.Args)-2)
	for i, m := range x.Args[2:] {
		out[i] = Null
		if z != nil {
			if s, ok := z.Score(m); ok {
				out[i] = Double(s)
			}
		}
	}
	return Array(out...)
}

func zrankGeneric(x *Ctx, rev bool) Value {
	z, ok := zsetAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if z == nil {
		return Null
	}
	r, ok := z.Rank(x.Args[2], rev)
	if !ok {
		return Null
	}
	return Int(int64(r))
}

func cmdZrank(x *Ctx) Value    { return zrankGeneric(x, false) }
func cmdZrevrank(x *Ctx) Value { return zrankGeneric(x, true) }

// ---- ZCOUNT, ZLEXCOUNT

func cmdZcount(x *Ctx) Value {
	r, ok := parseScoreRange(x.Args[2], x.Args[3])
	if !ok {
		return Err(errMinMaxFloat)
	}
	z, ok := zsetAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if z == nil {
		return Int(0)
	}
	first, last, ok := z.ScoreSpan(&r)
	if !ok {
		return Int(0)
	}
	return Int(int64(last - first + 1))
}

func cmdZlexcount(x *Ctx) Value {
	r, ok := parseLexRange(x.Args[2], x.Args[3])
	if !ok {
		return Err(errMinMaxLex)
	}
	z, ok := zsetAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if z == nil {
		return Int(0)
	}
	first, last, ok := z.LexSpan(&r)
	if !ok {
		return Int(0)
	}
	return Int(int64(last - first + 1))
}

// ---- ZRANGE and friends

type zrangeType int

const (
	zrangeAuto zrangeType = iota
	zrangeRank
	zrangeScore
	zrangeLex
)

type zrangeDir int

const (
	dirAuto zrangeDir = iota
	dirForward
	dirReverse
)

// zrangeGeneric runs every ZRANGE form: the key is at args[at], min and max
// follow, then options; store names ZRANGESTORE's destination.
func zrangeGeneric(x *Ctx, at int, store bool, rtype zrangeType, dir zrangeDir) Value {
	args := x.Args
	minIdx, maxIdx := at+1, at+2
	withscores := false
	offset, limit := int64(0), int64(-1)
	for j := at + 3; j < len(args); j++ {
		left := len(args) - j - 1
		switch opt := args[j]; {
		case !store && strings.EqualFold(opt, "withscores"):
			withscores = true
		case strings.EqualFold(opt, "limit") && left >= 2:
			o, ok1 := ParseInt(args[j+1])
			if !ok1 {
				return Err(ErrNotInteger)
			}
			l, ok2 := ParseInt(args[j+2])
			if !ok2 {
				return Err(ErrNotInteger)
			}
			offset, limit = o, l
			j += 2
		case dir == dirAuto && strings.EqualFold(opt, "rev"):
			dir = dirReverse
		case rtype == zrangeAuto && strings.EqualFold(opt, "bylex"):
			rtype = zrangeLex
		case rtype == zrangeAuto && strings.EqualFold(opt, "byscore"):
			rtype = zrangeScore
		default:
			return Err(ErrSyntax)
		}
	}
	if dir == dirAuto {
		dir = dirForward
	}
	if rtype == zrangeAuto {
		rtype = zrangeRank
	}
	if limit != -1 && rtype == zrangeRank {
		return Err(errLimitRankOnly)
	}
	if withscores && rtype == zrangeLex {
		return Err(errWithscoresLex)
	}
	rev := dir == dirReverse
	if rev && rtype != zrangeRank {
		minIdx, maxIdx = maxIdx, minIdx
	}
	var start, end int64
	var sr scoreRange
	var lr lexRange
	switch rtype {
	case zrangeRank:
		var ok bool
		if start, end, ok = parseTwoInts(args[minIdx], args[maxIdx]); !ok {
			return Err(ErrNotInteger)
		}
	case zrangeScore:
		var ok bool
		if sr, ok = parseScoreRange(args[minIdx], args[maxIdx]); !ok {
			return Err(errMinMaxFloat)
		}
	case zrangeLex:
		var ok bool
		if lr, ok = parseLexRange(args[minIdx], args[maxIdx]); !ok {
			return Err(errMinMaxLex)
		}
	}
	z, ok := zsetAt(x, args[at], !store)
	if !ok {
		return wrongType
	}
	// first and count select positions in the set's order; rev walks down
	// from first.
	var first, count int
	if z != nil {
		n := int64(z.Len())
		switch rtype {
		case zrangeRank:
			if s, e, empty := clampRange(start, end, int(n)); !empty {
				first, count = s, e-s+1
				if rev {
					first = int(n) - 1 - s
				}
			}
		default:
			var lo, hi int
			var in bool
			if rtype == zrangeScore {
				lo, hi, in = z.ScoreSpan(&sr)
			} else {
				lo, hi, in = z.LexSpan(&lr)
			}
			if in && offset >= 0 {
				avail := int64(hi - lo + 1)
				if offset < avail {
					c := avail - offset
					if limit >= 0 && limit < c {
						c = limit
					}
					count = int(c)
					if rev {
						first = hi - int(offset)
					} else {
						first = lo + int(offset)
					}
				}
			}
		}
	}
	if store {
		dst := newZset("")
		dst.listpack = false
		zrangeWalk(z, first, count, rev, func(n *zslNode) { dst.Insert(n.member, n.score) })
		return zstoreResult(x, args[1], dst)
	}
	if z == nil {
		return Array()
	}
	out := newScored(x, withscores, count)
	zrangeWalk(z, first, count, rev, func(n *zslNode) { out.add(n.member, n.score) })
	return out.value()
}

// zrangeWalk visits count members from position first, downward when rev.
func zrangeWalk(z *zset, first, count int, rev bool, visit func(*zslNode)) {
	if z == nil || count == 0 {
		return
	}
	for n := z.At(first); n != nil && count > 0; count-- {
		visit(n)
		if rev {
			n = n.prev()
		} else {
			n = n.next()
		}
	}
}

// zstoreResult writes a computed sorted set to dst, replacing whatever was
// there, or deletes dst when the result is empty; it answers the size.
func zstoreResult(x *Ctx, dst string, z *zset) Value {
	if z.Len() == 0 {
		if x.DB.Delete(dst, x.Now) {
			x.Modified(dst)
		}
		return Int(0)
	}
	z.compactIfSmall()
	x.DB.Set(dst, &Object{Type: TypeZSet, Val: z})
	x.Modified(dst)
	return Int(int64(z.Len()))
}

func cmdZrange(x *Ctx) Value { return zrangeGeneric(x, 1, false, zrangeAuto, dirAuto) }
func cmdZrangestore(x *Ctx) Value {
	return zrangeGeneric(x, 2, true, zrangeAuto, dirAuto)
}
func cmdZrevrange(x *Ctx) Value { return zrangeGeneric(x, 1, false, zrangeRank, dirReverse) }
func cmdZrangebyscore(x *Ctx) Value {
	return zrangeGeneric(x, 1, false, zrangeScore, dirForward)
}
func cmdZrevrangebyscore(x *Ctx) Value {
	return zrangeGeneric(x, 1, false, zrangeScore, dirReverse)
}
func cmdZrangebylex(x *Ctx) Value { return zrangeGeneric(x, 1, false, zrangeLex, dirForward) }
func cmdZrevrangebylex(x *Ctx) Value {
	return zrangeGeneric(x, 1, false, zrangeLex, dirReverse)
}

// ---- ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX

func zremrangeGeneric(x *Ctx, rtype zrangeType) Value {
	var start, end int64
	var sr scoreRange
	var lr lexRange
	var ok bool
	switch rtype {
	case zrangeRank:
		if start, end, ok = parseTwoInts(x.Args[2], x.Args[3]); !ok {
			return Err(ErrNotInteger)
		}
	case zrangeScore:
		if sr, ok = parseScoreRange(x.Args[2], x.Args[3]); !ok {
			return Err(errMinMaxFloat)
		}
	case zrangeLex:
		if lr, ok = parseLexRange(x.Args[2], x.Args[3]); !ok {
			return Err(errMinMaxLex)
		}
	}
	key := x.Args[1]
	z, ok := zsetAt(x, key, false)
	if !ok {
		return wrongType
	}
	if z == nil {
		return Int(0)
	}
	var first, last int
	var in bool
	switch rtype {
	case zrangeRank:
		var empty bool
		first, last, empty = clampRange(start, end, z.Len())
		in = !empty
	case zrangeScore:
		first, last, in = z.ScoreSpan(&sr)
	case zrangeLex:
		first, last, in = z.LexSpan(&lr)
	}
	if !in {
		return Int(0)
	}
	removed := z.RemoveRange(first, last)
	if z.Len() == 0 {
		x.DB.Delete(key, x.Now)
	}
	if removed > 0 {
		x.Modified(key)
	}
	return Int(int64(removed))
}

func cmdZremrangebyrank(x *Ctx) Value  { return zremrangeGeneric(x, zrangeRank) }
func cmdZremrangebyscore(x *Ctx) Value { return zremrangeGeneric(x, zrangeScore) }
func cmdZremrangebylex(x *Ctx) Value   { return zremrangeGeneric(x, zrangeLex) }

// ---- ZPOPMIN, ZPOPMAX, BZPOPMIN, BZPOPMAX, ZMPOP, BZMPOP

// zpopFrom removes up to count members from the low (or high, when max)
// end of the sorted set at key, deleting the key once it is empty.
func zpopFrom(x *Ctx, key string, z *zset, max bool, count int64, visit func(member string, score float64)) {
	n := int(min(count, int64(z.Len())))
	for i := 0; i < n; i++ {
		var node *zslNode
		if max {
			node = z.last()
		} else {
			node = z.first()
		}
		visit(node.member, node.score)
		z.Remove(node.member)
	}
	if z.Len() == 0 {
		x.DB.Delete(key, x.Now)
	}
	x.Modified(key)
}

// zpopGeneric runs ZPOPMIN and ZPOPMAX. Under RESP3 an explicit count
// nests each member with its score; without one the pair stays flat.
func zpopGeneric(x *Ctx, max bool) Value {
	if len(x.Args) > 3 {
		return Err(ErrSyntax)
	}
	count := int64(1)
	hasCount := len(x.Args) == 3
	if hasCount {
		n, ok := ParseInt(x.Args[2])
		if !ok || n < 0 {
			return Err(errMustBePositive)
		}
		count = n
	}
	key := x.Args[1]
	z, ok := zsetAt(x, key, false)
	if !ok {
		return wrongType
	}
	if z == nil || count == 0 {
		return Array()
	}
	out := newScored(x, true, int(min(count, int64(z.Len()))))
	out.nested = hasCount && resp3(x)
	zpopFrom(x, key, z, max, count, out.add)
	return out.value()
}

func cmdZpopmin(x *Ctx) Value { return zpopGeneric(x, false) }
func cmdZpopmax(x *Ctx) Value { return zpopGeneric(x, true) }

// bzpopServe pops one member for BZPOPMIN or BZPOPMAX: [key, member, score].
func bzpopServe(max bool) func(x *Ctx, key string) (Value, bool) {
	return func(x *Ctx, key string) (Value, bool) {
		z, ok := zsetAt(x, key, false)
		if !ok || z == nil || z.Len() == 0 {
			return Value{}, false
		}
		var reply Value
		zpopFrom(x, key, z, max, 1, func(m string, s float64) {
			reply = Array(Bulk(key), Bulk(m), Double(s))
		})
		return reply, true
	}
}

// bzpopGeneric runs BZPOPMIN and BZPOPMAX: the first non-empty key is
// served at once, a key of another type before it is an error.
func bzpopGeneric(x *Ctx, max bool) Value {
	timeout, errv := parseTimeout(x.Args[len(x.Args)-1])
	if errv != nil {
		return *errv
	}
	keys := x.Args[1 : len(x.Args)-1]
	serve := bzpopServe(max)
	for _, k := range keys {
		z, ok := zsetAt(x, k, false)
		if !ok {
			return wrongType
		}
		if z != nil && z.Len() > 0 {
			v, _ := serve(x, k)
			return v
		}
	}
	return x.Block(keys, timeout, NullArray, serve)
}

func cmdBzpopmin(x *Ctx) Value { return bzpopGeneric(x, false) }
func cmdBzpopmax(x *Ctx) Value { return bzpopGeneric(x, true) }

// zmpopArgs parses "numkeys key [key ...] MIN|MAX [COUNT count]" from
// args[at:], for ZMPOP and BZMPOP.
func zmpopArgs(args []string, at int) (keys []string, max bool, count int64, errv *Value) {
	fail := func(msg string) ([]string, bool, int64, *Value) {
		v := Err(msg)
		return nil, false, 0, &v
	}
	numkeys, ok := ParseInt(args[at])
	if !ok || numkeys < 1 {
		return fail(errNumkeys)
	}
	if numkeys > int64(len(args)) {
		return fail(ErrSyntax)
	}
	where := at + int(numkeys) + 1
	if where >= len(args) {
		return fail(ErrSyntax)
	}
	switch strings.ToLower(args[where]) {
	case "min":
	case "max":
		max = true
	default:
		return fail(ErrSyntax)
	}
	count = -1
	for j := where + 1; j < len(args); j++ {
		if count == -1 && strings.EqualFold(args[j], "count") && j < len(args)-1 {
			j++
			n, ok := ParseInt(args[j])
			if !ok || n < 1 {
				return fail(errCountPositive)
			}
			count = n
			continue
		}
		return fail(ErrSyntax)
	}
	if count == -1 {
		count = 1
	}
	return args[at+1 : where], max, count, nil
}

// zmpopServe pops for ZMPOP and BZMPOP: [key, [[member, score], ...]].
func zmpopServe(max bool, count int64) func(x *Ctx, key string) (Value, bool) {
	return func(x *Ctx, key string) (Value, bool) {
		z, ok := zsetAt(x, key, false)
		if !ok || z == nil || z.Len() == 0 {
			return Value{}, false
		}
		out := newScored(x, true, int(min(count, int64(z.Len()))))
		out.nested = true
		zpopFrom(x, key, z, max, count, out.add)
		return Array(Bulk(key), out.value()), true
	}
}

// zmpopFirst serves the first key holding a non-empty sorted set; found is
// false when there is none.
func zmpopFirst(x *Ctx, keys []string, serve func(*Ctx, string) (Value, bool)) (v Value, found bool) {
	for _, k := range keys {
		z, ok := zsetAt(x, k, false)
		if !ok {
			return wrongType, true
		}
		if z != nil && z.Len() > 0 {
			return serve(x, k)
		}
	}
	return Value{}, false
}

func cmdZmpop(x *Ctx) Value {
	keys, max, count, errv := zmpopArgs(x.Args, 1)
	if errv != nil {
		return *errv
	}
	if v, found := zmpopFirst(x, keys, zmpopServe(max, count)); found {
		return v
	}
	return NullArray
}

func cmdBzmpop(x *Ctx) Value {
	keys, max, count, errv := zmpopArgs(x.Args, 2)
	if errv != nil {
		return *errv
	}
	timeout, errv := parseTimeout(x.Args[1])
	if errv != nil {
		return *errv
	}
	serve := zmpopServe(max, count)
	if v, found := zmpopFirst(x, keys, serve); found {
		return v
	}
	return x.Block(keys, timeout, NullArray, serve)
}

// ---- ZRANDMEMBER

func cmdZrandmember(x *Ctx) Value {
	args := x.Args
	if len(args) >= 3 {
		n, ok := ParseInt(args[2])
		if !ok {
			return Err(ErrNotInteger)
		}
		if n == math.MinInt64 {
			return Err(errLongRangeRange)
		}
		withscores := false
		if len(args) > 4 || (len(args) == 4 && !strings.EqualFold(args[3], "withscores")) {
			return Err(ErrSyntax)
		} else if len(args) == 4 {
			withscores = true
			if n < -math.MaxInt64/2 || n > math.MaxInt64/2 {
				return Err(errOutOfRange)
			}
		}
		return zrandWithCount(x, n, withscores)
	}
	z, ok := zsetAt(x, args[1], true)
	if !ok {
		return wrongType
	}
	if z == nil {
		return Null
	}
	return Bulk(z.At(rand.IntN(z.Len())).member)
}

// zrandWithCount answers ZRANDMEMBER with a count. Like Redis it honours
// any count: a huge negative one builds a reply that large.
func zrandWithCount(x *Ctx, count int64, withscores bool) Value {
	z, ok := zsetAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if z == nil || count == 0 {
		return Array()
	}
	size := z.Len()
	// A negative count may repeat members; so may a count of one.
	if count < 0 || count == 1 {
		if count < 0 {
			count = -count
		}
		out := newScored(x, withscores, int(min(count, 1<<20)))
		for i := int64(0); i < count; i++ {
			n := z.At(rand.IntN(size))
			out.add(n.member, n.score)
		}
		return out.value()
	}
	out := newScored(x, withscores, int(min(count, int64(size))))
	if count >= int64(size) {
		for n := z.first(); n != nil; n = n.next() {
			out.add(n.member, n.score)
		}
		return out.value()
	}
	// Distinct members: a partial shuffle of the positions. Redis answers
	// a listpack's sample in set order and a skiplist's in random order.
	pos := make([]int, size)
	for i := range pos {
		pos[i] = i
	}
	k := int(count)
	for i := 0; i < k; i++ {
		j := i + rand.IntN(size-i)
		pos[i], pos[j] = pos[j], pos[i]
	}
	pick := pos[:k]
	if z.listpack {
		sort.Ints(pick)
	}
	for _, p := range pick {
		n := z.At(p)
		out.add(n.member, n.score)
	}
	return out.value()
}

// ---- ZUNION, ZINTER, ZDIFF, their STORE forms, ZINTERCARD

type zsetOpKind int

const (
	zopUnion zsetOpKind = iota
	zopInter
	zopDiff
)

type aggregate int

const (
	aggSum aggregate = iota
	aggMin
	aggMax
)

// zopSource is one input of a set operation: a sorted set, or the members
// of a plain set (each scoring 1).
type zopSource struct {
	z      *zset
	set    []string
	inSet  map[string]struct{}
	weight float64
}

func (s *zopSource) len() int {
	if s.z != nil {
		return s.z.Len()
	}
	return len(s.set)
}

// each visits every member with its unweighted score.
func (s *zopSource) each(visit func(member string, score float64) bool) {
	if s.z != nil {
		for n := s.z.first(); n != nil; n = n.next() {
			if !visit(n.member, n.score) {
				return
			}
		}
		return
	}
	for _, m := range s.set {
		if !visit(m, 1) {
			return
		}
	}
}

func (s *zopSource) find(member string) (float64, bool) {
	if s.z != nil {
		return s.z.Score(member)
	}
	if s.inSet == nil {
		s.inSet = make(map[string]struct{}, len(s.set))
		for _, m := range s.set {
			s.inSet[m] = struct{}{}
		}
	}
	_, ok := s.inSet[member]
	return 1, ok
}

func aggregateInto(target *float64, val float64, agg aggregate) {
	switch agg {
	case aggSum:
		*target += val
		// inf + -inf: Redis keeps 0 rather than NaN.
		if math.IsNaN(*target) {
			*target = 0
		}
	case aggMin:
		if val < *target {
			*target = val
		}
	case aggMax:
		if val > *target {
			*target = val
		}
	}
}

// zsetOp runs ZUNION, ZINTER, ZDIFF, their STORE forms (dst not empty) and
// ZINTERCARD (cardOnly); numkeys is at args[at].
func zsetOp(x *Ctx, dst string, at int, op zsetOpKind, cardOnly bool) Value {
	args := x.Args
	setnum, ok := ParseInt(args[at])
	if !ok {
		return Err(ErrNotInteger)
	}
	if setnum < 1 {
		return Err(errorf(errAtLeastOneKey, x.Cmd.FullName()))
	}
	if setnum > int64(len(args)-(at+1)) {
		return Err(ErrSyntax)
	}
	src := make([]zopSource, setnum)
	j := at + 1
	for i := range src {
		src[i].weight = 1
		o := x.DB.Read(args[j], x.Now)
		j++
		if o == nil {
			continue
		}
		switch o.Type {
		case TypeZSet:
			src[i].z = o.Val.(*zset)
		case TypeSet:
			if sm, ok := o.Val.(setMembers); ok {
				src[i].set = sm.Members()
			}
		default:
			return wrongType
		}
	}
	agg := aggSum
	withscores := false
	limit := int64(0)
	isStore := dst != ""
	for j < len(args) {
		remaining := len(args) - j
		opt := args[j]
		switch {
		case op != zopDiff && !cardOnly && remaining >= int(setnum)+1 && strings.EqualFold(opt, "weights"):
			j++
			for i := range src {
				w, ok := parseScore(args[j])
				if !ok {
					return Err(errWeightFloat)
				}
				src[i].weight = w
				j++
			}
		case op != zopDiff && !cardOnly && remaining >= 2 && strings.EqualFold(opt, "aggregate"):
			switch strings.ToLower(args[j+1]) {
			case "sum":
				agg = aggSum
			case "min":
				agg = aggMin
			case "max":
				agg = aggMax
			default:
				return Err(ErrSyntax)
			}
			j += 2
		case !isStore && !cardOnly && strings.EqualFold(opt, "withscores"):
			withscores = true
			j++
		case cardOnly && remaining >= 2 && strings.EqualFold(opt, "limit"):
			n, ok := ParseInt(args[j+1])
			if !ok || n < 0 {
				return Err(errZLimitNegative)
			}
			limit = n
			j += 2
		default:
			return Err(ErrSyntax)
		}
	}

	// Redis combines the inputs smallest first (a stable sort, as glibc's
	// qsort is), which decides how floating-point sums round.
	if op != zopDiff {
		sort.SliceStable(src, func(a, b int) bool { return src[a].len() < src[b].len() })
	}
	res := newZset("")
	res.listpack = false
	cardinality := int64(0)
	switch op {
	case zopInter:
		if src[0].len() == 0 {
			break
		}
		src[0].each(func(m string, s float64) bool {
			score := src[0].weight * s
			if math.IsNaN(score) {
				score = 0
			}
			k := 1
			for ; k < len(src); k++ {
				v, ok := src[k].find(m)
				if !ok {
					break
				}
				aggregateInto(&score, v*src[k].weight, agg)
			}
			if k < len(src) {
				return true
			}
			if cardOnly {
				cardinality++
				return limit == 0 || cardinality < limit
			}
			res.Insert(m, score)
			return true
		})
	case zopUnion:
		acc := map[string]float64{}
		var order []string
		for i := range src {
			src[i].each(func(m string, s float64) bool {
				score := src[i].weight * s
				if math.IsNaN(score) {
					score = 0
				}
				if cur, seen := acc[m]; seen {
					aggregateInto(&cur, score, agg)
					acc[m] = cur
				} else {
					acc[m] = score
					order = append(order, m)
				}
				return true
			})
		}
		for _, m := range order {
			res.Insert(m, acc[m])
		}
	case zopDiff:
		src[0].each(func(m string, s float64) bool {
			for k := 1; k < len(src); k++ {
				if _, ok := src[k].find(m); ok {
					return true
				}
			}
			res.Insert(m, s)
			return true
		})
	}
	switch {
	case cardOnly:
		return Int(cardinality)
	case isStore:
		return zstoreResult(x, dst, res)
	}
	out := newScored(x, withscores, res.Len())
	for n := res.first(); n != nil; n = n.next() {
		out.add(n.member, n.score)
	}
	return out.value()
}

func cmdZunion(x *Ctx) Value      { return zsetOp(x, "", 1, zopUnion, false) }
func cmdZinter(x *Ctx) Value      { return zsetOp(x, "", 1, zopInter, false) }
func cmdZdiff(x *Ctx) Value       { return zsetOp(x, "", 1, zopDiff, false) }
func cmdZunionstore(x *Ctx) Value { return zsetOp(x, x.Args[1], 2, zopUnion, false) }
func cmdZinterstore(x *Ctx) Value { return zsetOp(x, x.Args[1], 2, zopInter, false) }
func cmdZdiffstore(x *Ctx) Value  { return zsetOp(x, x.Args[1], 2, zopDiff, false) }
func cmdZintercard(x *Ctx) Value  { return zsetOp(x, "", 1, zopInter, true) }

// ---- ZSCAN

// cmdZscan answers the whole set in one reply, in score order, as Redis
// does for a listpack; see elemScanReply for why that is a valid scan.
func cmdZscan(x *Ctx) Value {
	o, errv := parseElemScan(x.Args)
	if errv != nil {
		return *errv
	}
	z, ok := zsetAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	var elems []string
	if z != nil {
		elems = make([]string, 0, 2*z.Len())
		for n := z.first(); n != nil; n = n.next() {
			elems = append(elems, n.member, FormatDouble(n.score))
		}
	}
	return elemScanReply(o, elems, 2)
}
