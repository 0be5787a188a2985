package engine

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// CONFIG and the server's configuration parameters. Every parameter Redis
// 7.0 lists in CONFIG GET * is here with Redis's default (as redis-server
// started without a configuration file reports it), its type and its
// bounds, so that clients and tools that read or tune them see what they
// expect. Only some change what the engine does: the encoding thresholds
// (hash-max-listpack-*, set-max-intset-entries, zset-max-listpack-*),
// proto-max-bulk-len, maxmemory, maxmemory-policy and maxmemory-samples.
// lfu-log-factor and lfu-decay-time tune the LFU counters.
// Every other one (list-max-listpack-size included, as Redis 7.0 encodes
// every list as a quicklist whatever its size; requirepass too, since there
// is no AUTH here) is stored and answered but has no effect: it is
// configuration, not behaviour.
var configCommands = []*Command{
	{
		Name: "config", Arity: -2, Flags: []string{}, ACL: []string{"slow"},
		Group: "server", Since: "2.0.0",
		Complexity: "Depends on subcommand.",
		Summary:    "A container for the commands that read and change the server's configuration.",
		Subcommands: []*Command{
			{
				Name: "get", Arity: -3, Flags: []string{"admin", "noscript", "loading", "stale"}, ACL: []string{"admin", "slow", "dangerous"},
				Group: "server", Since: "2.0.0",
				Complexity: "O(N) when N is the number of configuration parameters provided",
				Summary:    "Returns the parameters whose names match the given patterns, with their values.",
				History:    [][2]string{{"7.0.0", "Added the ability to pass multiple pattern parameters in one call"}},
				Args: []Arg{
					{Name: "parameter", Type: ArgBlock, Multiple: true, Args: []Arg{
						{Name: "parameter", Type: ArgString},
					}},
				},
				Run: cmdConfigGet,
			},
			{
				Name: "rewrite", Arity: 2, Flags: []string{"admin", "noscript", "loading", "stale"}, ACL: []string{"admin", "slow", "dangerous"},
				Group: "server", Since: "2.8.0",
				Complexity: "O(1)",
				Summary:    "Writes the running configuration back to the configuration file.",
				Run:        cmdConfigRewrite,
			},
			{
				Name: "resetstat", Arity: 2, Flags: []string{"admin", "noscript", "loading", "stale"}, ACL: []string{"admin", "slow", "dangerous"},
				Group: "server", Since: "2.0.0",
				Complexity: "O(1)",
				Summary:    "Sets the counters INFO reports back to zero.",
				Run:        cmdConfigResetstat,
			},
			{
				Name: "set", Arity: -4, Flags: []string{"admin", "noscript", "loading", "stale"}, ACL: []string{"admin", "slow", "dangerous"},
				Tips:  []string{"request_policy:all_nodes", "response_policy:all_succeeded"},
				Group: "server", Since: "2.0.0",
				Complexity: "O(N) when N is the number of configuration parameters provided",
				Summary:    "Changes one or more parameters at once: all of them or, on any error, none.",
				History:    [][2]string{{"7.0.0", "Added the ability to set multiple parameters in one call."}},
				Args: []Arg{
					{Name: "parameter_value", Type: ArgBlock, Multiple: true, Args: []Arg{
						{Name: "parameter", Type: ArgString},
						{Name: "value", Type: ArgString},
					}},
				},
				Run: cmdConfigSet,
			},
			{
				Name: "help", Arity: 2, Flags: []string{"loading", "stale"}, ACL: []string{"slow"},
				Group: "server", Since: "5.0.0",
				Complexity: "O(1)",
				Summary:    "Explains the CONFIG subcommands.",
				Run:        cmdConfigHelp,
			},
		},
	},
}

func init() { register(configCommands...) }

// cfgKind is how a parameter's value is parsed and shown.
type cfgKind uint8

const (
	cfgString  cfgKind = iota // any text
	cfgBool                   // yes or no
	cfgEnum                   // one of enum (several, space separated, with cfgMulti)
	cfgInt                    // a strict integer within [min, max]
	cfgMem                    // a memory amount (digits and an optional unit) within [min, max]
	cfgSpecial                // checked by parse
)

// cfgFlag marks parameters that CONFIG SET or CONFIG GET treat apart.
type cfgFlag uint8

const (
	cfgImmutable cfgFlag = 1 << iota // only set at start
	cfgProtected                     // refused while enable-protected-configs is no
	cfgHidden                        // matched by its exact name only, never by a pattern
	cfgMulti                         // an enum that takes several values at once
)

// configParam describes one parameter. An alias (hash-max-ziplist-entries)
// is listed under its own name, as CONFIG GET * lists it, and shares its
// value with the parameter it names.
type configParam struct {
	name  string
	alias string // the primary parameter this one is another name for
	kind  cfgKind
	def   string
	min   int64
	max   uint64
	enum  []string
	flags cfgFlag
	// parse checks a cfgSpecial value and returns the form CONFIG GET
	// shows, or the reason it is refused.
	parse func(cur, v string) (string, string)
}

// configParams is every parameter, by name.
var configParams = map[string]*configParam{}

// configNames lists the parameters in the order CONFIG GET answers them.
// Redis answers in the order of a randomly seeded hash table, so any fixed
// order is as good; alphabetical is the most readable.
var configNames []string

func init() {
	for _, p := range configTable {
		configParams[p.name] = p
		configNames = append(configNames, p.name)
	}
	sort.Strings(configNames)
}

// configTable holds the parameters of Redis 7.0 with their defaults, types
// and bounds, as redis-server 7.0.15 reports and checks them.
var configTable = []*configParam{
	{name: "acl-pubsub-default", kind: cfgEnum, def: "resetchannels", enum: []string{"allchannels", "resetchannels"}},
	{name: "aclfile", kind: cfgString, flags: cfgImmutable},
	{name: "acllog-max-len", kind: cfgInt, def: "128", min: 0, max: math.MaxInt64},
	{name: "active-defrag-cycle-max", kind: cfgInt, def: "25", min: 1, max: 99},
	{name: "active-defrag-cycle-min", kind: cfgInt, def: "1", min: 1, max: 99},
	{name: "active-defrag-ignore-bytes", kind: cfgMem, def: "104857600", min: 1, max: math.MaxInt64},
	{name: "active-defrag-max-scan-fields", kind: cfgInt, def: "1000", min: 1, max: math.MaxInt64},
	{name: "active-defrag-threshold-lower", kind: cfgInt, def: "10", min: 0, max: 1000},
	{name: "active-defrag-threshold-upper", kind: cfgInt, def: "100", min: 0, max: 1000},
	{name: "active-expire-effort", kind: cfgInt, def: "1", min: 1, max: 10},
	{name: "activedefrag", kind: cfgBool, def: "no"},
	{name: "activerehashing", kind: cfgBool, def: "yes"},
	{name: "always-show-logo", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "aof-disable-auto-gc", kind: cfgBool, def: "no"},
	{name: "aof-load-truncated", kind: cfgBool, def: "yes"},
	{name: "aof-rewrite-incremental-fsync", kind: cfgBool, def: "yes"},
	{name: "aof-timestamp-enabled", kind: cfgBool, def: "no"},
	{name: "aof-use-rdb-preamble", kind: cfgBool, def: "yes"},
	{name: "aof_rewrite_cpulist", kind: cfgString, flags: cfgImmutable},
	{name: "appenddirname", kind: cfgString, def: "appendonlydir", flags: cfgImmutable},
	{name: "appendfilename", kind: cfgString, def: "appendonly.aof", flags: cfgImmutable},
	{name: "appendfsync", kind: cfgEnum, def: "everysec", enum: []string{"everysec", "always", "no"}},
	{name: "appendonly", kind: cfgBool, def: "no"},
	{name: "auto-aof-rewrite-min-size", kind: cfgMem, def: "67108864", min: 0, max: math.MaxInt64},
	{name: "auto-aof-rewrite-percentage", kind: cfgInt, def: "100", min: 0, max: math.MaxInt32},
	{name: "bgsave_cpulist", kind: cfgString, flags: cfgImmutable},
	{name: "bind", kind: cfgString, def: "* -::*"},
	{name: "bind-source-addr", kind: cfgString},
	{name: "bio_cpulist", kind: cfgString, flags: cfgImmutable},
	{name: "busy-reply-threshold", kind: cfgInt, def: "5000", min: 0, max: math.MaxInt64},
	{name: "client-output-buffer-limit", kind: cfgSpecial, def: "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", parse: parseOutputBufferLimit},
	{name: "client-query-buffer-limit", kind: cfgMem, def: "1073741824", min: 1048576, max: math.MaxInt64},
	{name: "cluster-allow-pubsubshard-when-down", kind: cfgBool, def: "yes"},
	{name: "cluster-allow-reads-when-down", kind: cfgBool, def: "no"},
	{name: "cluster-allow-replica-migration", kind: cfgBool, def: "yes"},
	{name: "cluster-announce-bus-port", kind: cfgInt, def: "0", min: 0, max: 65535},
	{name: "cluster-announce-hostname", kind: cfgSpecial, parse: parseHostname},
	{name: "cluster-announce-ip", kind: cfgString},
	{name: "cluster-announce-port", kind: cfgInt, def: "0", min: 0, max: 65535},
	{name: "cluster-announce-tls-port", kind: cfgInt, def: "0", min: 0, max: 65535},
	{name: "cluster-config-file", kind: cfgString, def: "nodes.conf", flags: cfgImmutable},
	{name: "cluster-enabled", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "cluster-link-sendbuf-limit", kind: cfgMem, def: "0", min: 0, max: math.MaxUint64},
	{name: "cluster-migration-barrier", kind: cfgInt, def: "1", min: 0, max: math.MaxInt32},
	{name: "cluster-node-timeout", kind: cfgInt, def: "15000", min: 0, max: math.MaxInt64},
	{name: "cluster-port", kind: cfgString, def: "0", flags: cfgImmutable},
	{name: "cluster-preferred-endpoint-type", kind: cfgEnum, def: "ip", enum: []string{"ip", "hostname", "unknown-endpoint"}},
	{name: "cluster-replica-no-failover", kind: cfgBool, def: "no"},
	{name: "cluster-replica-validity-factor", kind: cfgInt, def: "10", min: 0, max: math.MaxInt32},
	{name: "cluster-require-full-coverage", kind: cfgBool, def: "yes"},
	{name: "cluster-slave-no-failover", alias: "cluster-replica-no-failover", kind: cfgBool, def: "no"},
	{name: "cluster-slave-validity-factor", alias: "cluster-replica-validity-factor", kind: cfgInt, def: "10", min: 0, max: math.MaxInt32},
	{name: "crash-log-enabled", kind: cfgBool, def: "yes"},
	{name: "crash-memcheck-enabled", kind: cfgBool, def: "yes"},
	{name: "daemonize", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "databases", kind: cfgString, def: "16", flags: cfgImmutable},
	{name: "dbfilename", kind: cfgString, def: "dump.rdb", flags: cfgProtected},
	{name: "dir", kind: cfgString, def: "/", flags: cfgProtected},
	{name: "disable-thp", kind: cfgString, def: "yes", flags: cfgImmutable},
	{name: "dynamic-hz", kind: cfgBool, def: "yes"},
	{name: "enable-debug-command", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "enable-module-command", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "enable-protected-configs", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "hash-max-listpack-entries", kind: cfgInt, def: "512", min: 0, max: math.MaxInt64},
	{name: "hash-max-listpack-value", kind: cfgMem, def: "64", min: 0, max: math.MaxInt64},
	{name: "hash-max-ziplist-entries", alias: "hash-max-listpack-entries", kind: cfgInt, def: "512", min: 0, max: math.MaxInt64},
	{name: "hash-max-ziplist-value", alias: "hash-max-listpack-value", kind: cfgMem, def: "64", min: 0, max: math.MaxInt64},
	{name: "hll-sparse-max-bytes", kind: cfgMem, def: "3000", min: 0, max: math.MaxInt64},
	{name: "hz", kind: cfgInt, def: "10", min: 0, max: math.MaxInt32},
	{name: "ignore-warnings", kind: cfgString},
	{name: "io-threads", kind: cfgString, def: "1", flags: cfgImmutable},
	{name: "io-threads-do-reads", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "jemalloc-bg-thread", kind: cfgBool, def: "yes"},
	{name: "key-load-delay", kind: cfgInt, def: "0", min: math.MinInt32, max: math.MaxInt32, flags: cfgHidden},
	{name: "latency-monitor-threshold", kind: cfgInt, def: "0", min: 0, max: math.MaxInt64},
	{name: "latency-tracking", kind: cfgBool, def: "yes"},
	{name: "latency-tracking-info-percentiles", kind: cfgSpecial, def: "50 99 99.9", parse: parsePercentiles},
	{name: "lazyfree-lazy-eviction", kind: cfgBool, def: "no"},
	{name: "lazyfree-lazy-expire", kind: cfgBool, def: "no"},
	{name: "lazyfree-lazy-server-del", kind: cfgBool, def: "no"},
	{name: "lazyfree-lazy-user-del", kind: cfgBool, def: "no"},
	{name: "lazyfree-lazy-user-flush", kind: cfgBool, def: "no"},
	{name: "lfu-decay-time", kind: cfgInt, def: "1", min: 0, max: math.MaxInt32},
	{name: "lfu-log-factor", kind: cfgInt, def: "10", min: 0, max: math.MaxInt32},
	{name: "list-compress-depth", kind: cfgInt, def: "0", min: 0, max: math.MaxInt32},
	{name: "list-max-listpack-size", kind: cfgInt, def: "-2", min: math.MinInt32, max: math.MaxInt32},
	{name: "list-max-ziplist-size", alias: "list-max-listpack-size", kind: cfgInt, def: "-2", min: math.MinInt32, max: math.MaxInt32},
	{name: "loading-process-events-interval-bytes", kind: cfgInt, def: "2097152", min: 1024, max: math.MaxInt32, flags: cfgHidden},
	{name: "logfile", kind: cfgString, flags: cfgImmutable},
	{name: "loglevel", kind: cfgEnum, def: "notice", enum: []string{"debug", "verbose", "notice", "warning"}},
	{name: "lua-enable-deprecated-api", kind: cfgString, def: "no", flags: cfgImmutable | cfgHidden},
	{name: "lua-time-limit", alias: "busy-reply-threshold", kind: cfgInt, def: "5000", min: 0, max: math.MaxInt64},
	{name: "masterauth", kind: cfgString},
	{name: "masteruser", kind: cfgString},
	{name: "maxclients", kind: cfgInt, def: "10000", min: 1, max: 4294967295},
	{name: "maxmemory", kind: cfgMem, def: "0", min: 0, max: math.MaxUint64},
	{name: "maxmemory-clients", kind: cfgSpecial, def: "0", parse: parseMemOrPercent},
	{name: "maxmemory-eviction-tenacity", kind: cfgInt, def: "10", min: 0, max: 100},
	{name: "maxmemory-policy", kind: cfgEnum, def: "noeviction", enum: []string{"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"}},
	{name: "maxmemory-samples", kind: cfgInt, def: "5", min: 1, max: math.MaxInt32},
	{name: "min-replicas-max-lag", kind: cfgInt, def: "10", min: 0, max: math.MaxInt32},
	{name: "min-replicas-to-write", kind: cfgInt, def: "0", min: 0, max: math.MaxInt32},
	{name: "min-slaves-max-lag", alias: "min-replicas-max-lag", kind: cfgInt, def: "10", min: 0, max: math.MaxInt32},
	{name: "min-slaves-to-write", alias: "min-replicas-to-write", kind: cfgInt, def: "0", min: 0, max: math.MaxInt32},
	{name: "no-appendfsync-on-rewrite", kind: cfgBool, def: "no"},
	{name: "notify-keyspace-events", kind: cfgSpecial, parse: parseKeyspaceEvents},
	{name: "oom-score-adj", kind: cfgEnum, def: "no", enum: []string{"no", "yes", "relative", "absolute"}},
	{name: "oom-score-adj-values", kind: cfgSpecial, def: "0 200 800", parse: parseOOMScoreAdj},
	{name: "pidfile", kind: cfgString, flags: cfgImmutable},
	{name: "port", kind: cfgInt, def: "6379", min: 0, max: 65535},
	{name: "proc-title-template", kind: cfgString, def: "{title} {listen-addr} {server-mode}"},
	{name: "propagation-error-behavior", kind: cfgEnum, def: "ignore", enum: []string{"ignore", "panic", "panic-on-replicas"}},
	{name: "protected-mode", kind: cfgBool, def: "yes"},
	{name: "proto-max-bulk-len", kind: cfgMem, def: "536870912", min: 1048576, max: math.MaxInt64},
	{name: "rdb-del-sync-files", kind: cfgBool, def: "no"},
	{name: "rdb-key-save-delay", kind: cfgInt, def: "0", min: math.MinInt32, max: math.MaxInt32, flags: cfgHidden},
	{name: "rdb-save-incremental-fsync", kind: cfgBool, def: "yes"},
	{name: "rdbchecksum", kind: cfgString, def: "yes", flags: cfgImmutable},
	{name: "rdbcompression", kind: cfgBool, def: "yes"},
	{name: "repl-backlog-size", kind: cfgMem, def: "1048576", min: 1, max: math.MaxInt64},
	{name: "repl-backlog-ttl", kind: cfgInt, def: "3600", min: 0, max: math.MaxInt64},
	{name: "repl-disable-tcp-nodelay", kind: cfgBool, def: "no"},
	{name: "repl-diskless-load", kind: cfgEnum, def: "disabled", enum: []string{"disabled", "on-empty-db", "swapdb"}},
	{name: "repl-diskless-sync", kind: cfgBool, def: "yes"},
	{name: "repl-diskless-sync-delay", kind: cfgInt, def: "5", min: 0, max: math.MaxInt32},
	{name: "repl-diskless-sync-max-replicas", kind: cfgInt, def: "0", min: 0, max: math.MaxInt32},
	{name: "repl-ping-replica-period", kind: cfgInt, def: "10", min: 1, max: math.MaxInt32},
	{name: "repl-ping-slave-period", alias: "repl-ping-replica-period", kind: cfgInt, def: "10", min: 1, max: math.MaxInt32},
	{name: "repl-timeout", kind: cfgInt, def: "60", min: 1, max: math.MaxInt32},
	{name: "replica-announce-ip", kind: cfgString},
	{name: "replica-announce-port", kind: cfgInt, def: "0", min: 0, max: 65535},
	{name: "replica-announced", kind: cfgBool, def: "yes"},
	{name: "replica-ignore-disk-write-errors", kind: cfgBool, def: "no"},
	{name: "replica-ignore-maxmemory", kind: cfgBool, def: "yes"},
	{name: "replica-lazy-flush", kind: cfgBool, def: "no"},
	{name: "replica-priority", kind: cfgInt, def: "100", min: 0, max: math.MaxInt32},
	{name: "replica-read-only", kind: cfgBool, def: "yes"},
	{name: "replica-serve-stale-data", kind: cfgBool, def: "yes"},
	{name: "replicaof", kind: cfgString, flags: cfgImmutable},
	{name: "requirepass", kind: cfgString},
	{name: "sanitize-dump-payload", kind: cfgEnum, def: "no", enum: []string{"no", "yes", "clients"}},
	{name: "save", kind: cfgSpecial, parse: parseSave},
	{name: "server_cpulist", kind: cfgString, flags: cfgImmutable},
	{name: "set-max-intset-entries", kind: cfgInt, def: "512", min: 0, max: math.MaxInt64},
	{name: "set-proc-title", kind: cfgString, def: "yes", flags: cfgImmutable},
	{name: "shutdown-on-sigint", kind: cfgEnum, def: "default", enum: []string{"default", "save", "nosave", "now", "force"}, flags: cfgMulti},
	{name: "shutdown-on-sigterm", kind: cfgEnum, def: "default", enum: []string{"default", "save", "nosave", "now", "force"}, flags: cfgMulti},
	{name: "shutdown-timeout", kind: cfgInt, def: "10", min: 0, max: math.MaxInt32},
	{name: "slave-announce-ip", alias: "replica-announce-ip", kind: cfgString},
	{name: "slave-announce-port", alias: "replica-announce-port", kind: cfgInt, def: "0", min: 0, max: 65535},
	{name: "slave-ignore-maxmemory", alias: "replica-ignore-maxmemory", kind: cfgBool, def: "yes"},
	{name: "slave-lazy-flush", alias: "replica-lazy-flush", kind: cfgBool, def: "no"},
	{name: "slave-priority", alias: "replica-priority", kind: cfgInt, def: "100", min: 0, max: math.MaxInt32},
	{name: "slave-read-only", alias: "replica-read-only", kind: cfgBool, def: "yes"},
	{name: "slave-serve-stale-data", alias: "replica-serve-stale-data", kind: cfgBool, def: "yes"},
	{name: "slaveof", alias: "replicaof", kind: cfgString, flags: cfgImmutable},
	{name: "slowlog-log-slower-than", kind: cfgInt, def: "10000", min: -1, max: math.MaxInt64},
	{name: "slowlog-max-len", kind: cfgInt, def: "128", min: 0, max: math.MaxInt64},
	{name: "socket-mark-id", kind: cfgString, def: "0", flags: cfgImmutable},
	{name: "stop-writes-on-bgsave-error", kind: cfgBool, def: "yes"},
	{name: "stream-node-max-bytes", kind: cfgMem, def: "4096", min: 0, max: math.MaxInt64},
	{name: "stream-node-max-entries", kind: cfgInt, def: "100", min: 0, max: math.MaxInt64},
	{name: "supervised", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "syslog-enabled", kind: cfgString, def: "no", flags: cfgImmutable},
	{name: "syslog-facility", kind: cfgString, def: "local0", flags: cfgImmutable},
	{name: "syslog-ident", kind: cfgString, def: "redis", flags: cfgImmutable},
	{name: "tcp-backlog", kind: cfgString, def: "511", flags: cfgImmutable},
	{name: "tcp-keepalive", kind: cfgInt, def: "300", min: 0, max: math.MaxInt32},
	{name: "timeout", kind: cfgInt, def: "0", min: 0, max: math.MaxInt32},
	{name: "tls-auth-clients", kind: cfgEnum, def: "yes", enum: []string{"no", "yes", "optional"}},
	{name: "tls-ca-cert-dir", kind: cfgString},
	{name: "tls-ca-cert-file", kind: cfgString},
	{name: "tls-cert-file", kind: cfgString},
	{name: "tls-ciphers", kind: cfgString},
	{name: "tls-ciphersuites", kind: cfgString},
	{name: "tls-client-cert-file", kind: cfgString},
	{name: "tls-client-key-file", kind: cfgString},
	{name: "tls-client-key-file-pass", kind: cfgString},
	{name: "tls-cluster", kind: cfgBool, def: "no"},
	{name: "tls-dh-params-file", kind: cfgString},
	{name: "tls-key-file", kind: cfgString},
	{name: "tls-key-file-pass", kind: cfgString},
	{name: "tls-port", kind: cfgInt, def: "0", min: 0, max: 65535},
	{name: "tls-prefer-server-ciphers", kind: cfgBool, def: "no"},
	{name: "tls-protocols", kind: cfgString},
	{name: "tls-replication", kind: cfgBool, def: "no"},
	{name: "tls-session-cache-size", kind: cfgInt, def: "20480", min: 0, max: math.MaxInt32},
	{name: "tls-session-cache-timeout", kind: cfgInt, def: "300", min: 0, max: math.MaxInt32},
	{name: "tls-session-caching", kind: cfgBool, def: "yes"},
	{name: "tracking-table-max-keys", kind: cfgInt, def: "1000000", min: 0, max: math.MaxInt64},
	{name: "unixsocket", kind: cfgString, flags: cfgImmutable},
	{name: "unixsocketperm", kind: cfgString, def: "0", flags: cfgImmutable},
	{name: "use-exit-on-panic", kind: cfgBool, def: "no", flags: cfgHidden},
	{name: "watchdog-period", kind: cfgInt, def: "0", min: 0, max: math.MaxInt32, flags: cfgHidden},
	{name: "zset-max-listpack-entries", kind: cfgInt, def: "128", min: 0, max: math.MaxInt64},
	{name: "zset-max-listpack-value", kind: cfgMem, def: "64", min: 0, max: math.MaxInt64},
	{name: "zset-max-ziplist-entries", alias: "zset-max-listpack-entries", kind: cfgInt, def: "128", min: 0, max: math.MaxInt64},
	{name: "zset-max-ziplist-value", alias: "zset-max-listpack-value", kind: cfgMem, def: "64", min: 0, max: math.MaxInt64},
}

// Reasons CONFIG SET gives for refusing a value.
const (
	errCfgUnknown   = "ERR Unknown option or number of arguments for CONFIG SET - '"
	cfgFailedPrefix = "ERR CONFIG SET failed (possibly related to argument '"
	cfgImmutableMsg = "can't set immutable config"
	cfgProtectedMsg = "can't set protected config"
	cfgDuplicateMsg = "duplicate parameter"
	cfgNotIntMsg    = "argument couldn't be parsed into an integer"
	cfgNotMemMsg    = "argument must be a memory value"
	cfgNotBoolMsg   = "argument must be 'yes' or 'no'"
	cfgDefragMsg    = "Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution"
	errNoConfigFile = "ERR The server is running without a config file"
)

// Eviction policies, as maxmemory-policy names them.
const (
	policyNoEviction evictPolicy = iota
	policyAllKeysLRU
	policyAllKeysLFU
	policyAllKeysRandom
	policyVolatileLRU
	policyVolatileLFU
	policyVolatileRandom
	policyVolatileTTL
)

// evictPolicy is the maxmemory-policy in force.
type evictPolicy uint8

var policyNames = map[string]evictPolicy{
	"noeviction": policyNoEviction, "allkeys-lru": policyAllKeysLRU, "allkeys-lfu": policyAllKeysLFU,
	"allkeys-random": policyAllKeysRandom, "volatile-lru": policyVolatileLRU, "volatile-lfu": policyVolatileLFU,
	"volatile-random": policyVolatileRandom, "volatile-ttl": policyVolatileTTL,
}

// configState is an engine's configuration. Its zero value is Redis's
// defaults; vals holds only the parameters that were set.
type configState struct {
	vals map[string]string
	// The live settings, decoded once so the hot path does not parse.
	maxmemory uint64
	policy    evictPolicy
	samples   int // maxmemory-samples; 0 means the default, 5
	// lfu-log-factor and lfu-decay-time, once set (lfuSet).
	lfuLog, lfuDecay int
	lfuSet           bool

	// Memory accounting (memory.go) lives here too, beside the limits
	// that govern it: the estimated bytes in use, their peak, the keys
	// evicted (INFO's evicted_keys) and the database a random eviction
	// starts from.
	used, peak, evicted int64
	nextDB              int
	// exempt holds the clients maxmemory does not apply to (until they
	// are released with ExemptFromMaxmemory(c, false)).
	exempt map[*Client]bool
}

func init() {
	// OBJECT FREQ and OBJECT IDLETIME answer by the policy in force.
	lfuPolicy = func(e *Engine) bool { return e.config.policy.lfu() }
}

// lfu reports whether p counts accesses (the LFU policies).
func (p evictPolicy) lfu() bool { return p == policyAllKeysLFU || p == policyVolatileLFU }

// Config is the handle a front end uses to configure an engine before or
// between commands, as a configuration file or command-line options
// configure redis-server.
type Config struct{ e *Engine }

// Config returns e's configuration.
func (e *Engine) Config() *Config { return &Config{e} }

// Set sets a parameter as a configuration file line would: unlike CONFIG
// SET it may change immutable and protected parameters too (the browser
// sets "maxmemory" this way). The error holds Redis's reason text.
func (c *Config) Set(name, value string) error {
	c.e.mu.Lock()
	defer c.e.mu.Unlock()
	p := lookupParam(name)
	if p == nil {
		return configError("unknown parameter '" + name + "'")
	}
	v, reason := p.check(c.e.configValue(p), value)
	if reason != "" {
		return configError(reason)
	}
	c.e.setConfig(p, v)
	return nil
}

// Get returns a parameter's value as CONFIG GET shows it.
func (c *Config) Get(name string) (string, bool) {
	c.e.mu.Lock()
	defer c.e.mu.Unlock()
	p := lookupParam(name)
	if p == nil {
		return "", false
	}
	return c.e.configValue(p), true
}

// configError is the error Config.Set returns.
type configError string

func (e configError) Error() string { return string(e) }

func lookupParam(name string) *configParam {
	if p := configParams[name]; p != nil {
		return p
	}
	return configParams[strings.ToLower(name)]
}

// primary returns the parameter whose value p shows.
func (p *configParam) primary() *configParam {
	if p.alias != "" {
		return configParams[p.alias]
	}
	return p
}

// PersisterConfig may be implemented by a Persister to show its own
// settings ("appendfsync", "dir", "save") in CONFIG GET; ok is false for
// a parameter it has no say on. appendonly follows PersistStatus by itself.
type PersisterConfig interface {
	ConfigValue(name string) (value string, ok bool)
}

// configValue is what CONFIG GET shows for p: the value set last, else what
// the engine's surroundings say, else Redis's default.
func (e *Engine) configValue(p *configParam) string {
	p = p.primary()
	if p.name == "databases" {
		// Options.Databases decides it, once and for all.
		return strconv.Itoa(len(e.dbs))
	}
	if v, ok := e.config.vals[p.name]; ok {
		return v
	}
	switch p.name {
	case "port":
		if ServerInfo.TCPPort != 0 {
			return strconv.Itoa(ServerInfo.TCPPort)
		}
	case "appendonly":
		if e.persist.p != nil && e.persist.p.Status().AOFEnabled {
			return "yes"
		}
	}
	if pc, ok := e.persist.p.(PersisterConfig); ok {
		if v, ok := pc.ConfigValue(p.name); ok {
			return v
		}
	}
	return p.def
}

// setConfig stores a checked value and puts the parameters the engine acts
// on into force.
func (e *Engine) setConfig(p *configParam, v string) {
	p = p.primary()
	if e.config.vals == nil {
		e.config.vals = map[string]string{}
	}
	e.config.vals[p.name] = v
	n, _ := strconv.ParseInt(v, 10, 64)
	switch p.name {
	case "hash-max-listpack-entries":
		hashMaxListpackEntries = int(n)
	case "hash-max-listpack-value":
		hashMaxListpackValue = int(n)
	case "set-max-intset-entries":
		setMaxIntsetEntries = int(n)
	case "zset-max-listpack-entries":
		ZsetMaxListpackEntries = int(n)
	case "zset-max-listpack-value":
		ZsetMaxListpackValue = int(n)
	case "proto-max-bulk-len":
		ProtoMaxBulkLen = n
	case "maxmemory":
		e.config.maxmemory, _ = strconv.ParseUint(v, 10, 64)
	case "maxmemory-policy":
		e.config.policy = policyNames[v]
	case "maxmemory-samples":
		e.config.samples = int(n)
	case "lfu-log-factor", "lfu-decay-time":
		if !e.config.lfuSet {
			e.config.lfuLog, e.config.lfuDecay, e.config.lfuSet = 10, 1, true
		}
		if p.name == "lfu-log-factor" {
			e.config.lfuLog = int(n)
		} else {
			e.config.lfuDecay = int(n)
		}
	}
}

// check parses a value for p, returning the form to store or the reason it
// is refused, in Redis's words.
func (p *configParam) check(cur, v string) (string, string) {
	switch p.kind {
	case cfgBool:
		switch {
		case strings.EqualFold(v, "yes"):
			if p.name == "activedefrag" {
				// Redis refuses it without its own jemalloc; we have none.
				return "", cfgDefragMsg
			}
			return "yes", ""
		case strings.EqualFold(v, "no"):
			return "no", ""
		}
		return "", cfgNotBoolMsg
	case cfgEnum:
		return p.checkEnum(v)
	case cfgInt:
		n, ok := ParseInt(v)
		if !ok {
			return "", cfgNotIntMsg
		}
		if n < p.min || (n > 0 && uint64(n) > p.max) {
			return "", p.boundsMsg()
		}
		if p.name == "hz" {
			// Redis keeps hz within what its timer can do.
			n = min(max(n, 1), 500)
		}
		return strconv.FormatInt(n, 10), ""
	case cfgMem:
		n, ok := parseMemory(v)
		if !ok {
			return "", cfgNotMemMsg
		}
		if (p.min > 0 && n < uint64(p.min)) || n > p.max {
			return "", p.boundsMsg()
		}
		return strconv.FormatUint(n, 10), ""
	case cfgSpecial:
		return p.parse(cur, v)
	}
	return v, ""
}

func (p *configParam) boundsMsg() string {
	return "argument must be between " + strconv.FormatInt(p.min, 10) + " and " + strconv.FormatUint(p.max, 10) + " inclusive"
}

// checkEnum accepts one of p.enum in any case, or, for a cfgMulti enum,
// several separated by spaces, shown in the table's order ("default"
// standing for none of the others).
func (p *configParam) checkEnum(v string) (string, string) {
	bad := "argument(s) must be one of the following: " + strings.Join(p.enum, ", ")
	if p.flags&cfgMulti == 0 {
		for _, e := range p.enum {
			if strings.EqualFold(v, e) {
				return e, ""
			}
		}
		return "", bad
	}
	words := strings.Fields(v)
	if len(words) == 0 {
		return "", bad
	}
	set := map[string]bool{}
	for _, w := range words {
		found := false
		for _, e := range p.enum {
			if strings.EqualFold(w, e) {
				set[e], found = true, true
			}
		}
		if !found {
			return "", bad
		}
	}
	var out []string
	for _, e := range p.enum[1:] {
		if set[e] {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return p.enum[0], ""
	}
	return strings.Join(out, " "), ""
}

// parseMemory reads a memory amount as Redis's memtoull does: digits, then
// optionally b, k, kb, m, mb, g or gb in any case (k is 1000, kb 1024).
func parseMemory(s string) (uint64, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, false
	}
	mul := uint64(1)
	switch strings.ToLower(s[i:]) {
	case "", "b":
	case "k":
		mul = 1000
	case "kb":
		mul = 1024
	case "m":
		mul = 1000 * 1000
	case "mb":
		mul = 1024 * 1024
	case "g":
		mul = 1000 * 1000 * 1000
	case "gb":
		mul = 1024 * 1024 * 1024
	default:
		return 0, false
	}
	// Like strtoull, a number too big saturates rather than failing; the
	// unit then multiplies with wraparound, as memtoull does.
	n, err := strconv.ParseUint(s[:i], 10, 64)
	if err != nil {
		n = math.MaxUint64
	}
	return n * mul, true
}

// parseMemOrPercent reads maxmemory-clients: a memory amount or a
// percentage of maxmemory ("10%").
func parseMemOrPercent(_, v string) (string, string) {
	if strings.HasSuffix(v, "%") {
		n, ok := ParseInt(v[:len(v)-1])
		if !ok || n < 0 {
			return "", "argument must be a memory or percent value"
		}
		if n > 100 {
			return "", "percentage argument must be less or equal to 100"
		}
		return strconv.FormatInt(n, 10) + "%", ""
	}
	n, ok := parseMemory(v)
	if !ok {
		return "", "argument must be a memory or percent value"
	}
	if n > math.MaxInt64 {
		return "", "argument must be between 0 and 9223372036854775807 inclusive"
	}
	return strconv.FormatUint(n, 10), ""
}

// parseSave reads "seconds changes [seconds changes ...]" or "".
func parseSave(_, v string) (string, string) {
	if v == "" {
		return "", ""
	}
	words := strings.Split(v, " ")
	if len(words)%2 != 0 {
		return "", "Invalid save parameters"
	}
	for _, w := range words {
		if n, ok := ParseInt(w); !ok || n < 0 {
			return "", "Invalid save parameters"
		}
	}
	return v, ""
}

// parseOutputBufferLimit reads "class hard soft seconds ..." and shows the
// limits of all three classes, replica ones under their old name.
func parseOutputBufferLimit(cur, v string) (string, string) {
	limits := strings.Fields(cur) // normal h s t slave h s t pubsub h s t
	words := strings.Split(v, " ")
	if v == "" {
		words = nil
	}
	if len(words)%4 != 0 {
		return "", "Wrong number of arguments in buffer limit configuration."
	}
	for i := 0; i < len(words); i += 4 {
		class := -1
		switch strings.ToLower(words[i]) {
		case "normal":
			class = 0
		case "slave", "replica":
			class = 1
		case "pubsub":
			class = 2
		}
		if class < 0 {
			return "", "Invalid client class specified in buffer limit configuration."
		}
		hard, ok1 := parseMemory(words[i+1])
		soft, ok2 := parseMemory(words[i+2])
		secs, ok3 := ParseInt(words[i+3])
		if !ok1 || !ok2 || !ok3 || secs < 0 {
			return "", "Error in hard, soft or soft_seconds setting in buffer limit configuration."
		}
		limits[class*4+1] = strconv.FormatUint(hard, 10)
		limits[class*4+2] = strconv.FormatUint(soft, 10)
		limits[class*4+3] = strconv.FormatInt(secs, 10)
	}
	return strings.Join(limits, " "), ""
}

// keyspaceEventClasses lists notify-keyspace-events' classes in the order
// Redis shows them.
const keyspaceEventClasses = "g$lshzxetdn"

// parseKeyspaceEvents checks notify-keyspace-events and shows it as Redis
// does: "A" for every class A stands for, then K, E and m.
func parseKeyspaceEvents(_, v string) (string, string) {
	set := map[byte]bool{}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == 'A':
			for _, a := range []byte("g$lshzxetd") {
				set[a] = true
			}
		case strings.IndexByte(keyspaceEventClasses+"KEm", c) >= 0:
			set[c] = true
		default:
			return "", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."
		}
	}
	var b []byte
	all := true
	for _, a := range []byte("g$lshzxetd") {
		all = all && set[a]
	}
	if all {
		b = append(b, 'A')
	} else {
		for i := 0; i < len(keyspaceEventClasses); i++ {
			if set[keyspaceEventClasses[i]] {
				b = append(b, keyspaceEventClasses[i])
			}
		}
	}
	for _, c := range []byte("KEm") {
		if set[c] {
			b = append(b, c)
		}
	}
	return string(b), ""
}

// parseOOMScoreAdj reads three adjustments within [-2000, 2000].
func parseOOMScoreAdj(_, v string) (string, string) {
	words := strings.Split(v, " ")
	if len(words) != 3 {
		return "", "wrong number of arguments"
	}
	for _, w := range words {
		if n, ok := ParseInt(w); !ok || n < -2000 || n > 2000 {
			return "", "Invalid oom-score-adj-values, elements must be between -2000 and 2000."
		}
	}
	return v, ""
}

// parsePercentiles reads latency-tracking-info-percentiles: numbers within
// [0, 100], shown without trailing zeros.
func parsePercentiles(_, v string) (string, string) {
	var out []string
	for _, w := range strings.Fields(v) {
		f, err := strconv.ParseFloat(w, 64)
		if err != nil {
			return "", "Invalid latency-tracking-info-percentiles parameters"
		}
		if f < 0 || f > 100 {
			return "", "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"
		}
		out = append(out, strconv.FormatFloat(f, 'f', -1, 64))
	}
	return strings.Join(out, " "), ""
}

// parseHostname checks cluster-announce-hostname's characters.
func parseHostname(_, v string) (string, string) {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return "", "Hostnames may only contain alphanumeric characters, hyphens or dots"
		}
	}
	return v, ""
}

func cmdConfigGet(x *Ctx) Value {
	e := x.Engine
	var out []Value
	seen := map[string]bool{}
	add := func(shown string, p *configParam) {
		seen[strings.ToLower(shown)] = true
		out = append(out, Bulk(shown), Bulk(e.configValue(p)))
	}
	for _, pat := range x.Args[2:] {
		// A name without glob characters is looked up as typed and
		// answered under the spelling the client used, as Redis does.
		if !strings.ContainsAny(pat, "[*?") {
			if p := lookupParam(pat); p != nil && !seen[strings.ToLower(pat)] {
				add(pat, p)
			}
			continue
		}
		for _, name := range configNames {
			p := configParams[name]
			if p.flags&cfgHidden != 0 || seen[name] || !Glob(pat, name, true) {
				continue
			}
			add(name, p)
		}
	}
	return Map(out...)
}

func cmdConfigSet(x *Ctx) Value {
	args := x.Args[2:]
	if len(args)%2 != 0 {
		return Err(ErrSyntax)
	}
	fail := func(name, why string) Value { return Err(cfgFailedPrefix + name + "') - " + why) }
	params := make([]*configParam, 0, len(args)/2)
	seen := map[string]bool{}
	for i := 0; i < len(args); i += 2 {
		name := args[i]
		p := lookupParam(name)
		switch {
		case p == nil:
			return Err(errCfgUnknown + name + "'")
		case p.flags&cfgImmutable != 0:
			return fail(name, cfgImmutableMsg)
		case p.flags&cfgProtected != 0:
			return fail(name, cfgProtectedMsg)
		case seen[p.name]:
			return fail(name, cfgDuplicateMsg)
		}
		seen[p.name] = true
		params = append(params, p)
	}
	// Check every value before changing anything, so that a refused value
	// leaves the configuration as it was.
	vals := make([]string, len(params))
	for i, p := range params {
		v, why := p.check(x.Engine.configValue(p), args[2*i+1])
		if why != "" {
			return fail(args[2*i], why)
		}
		vals[i] = v
	}
	for i, p := range params {
		x.Engine.setConfig(p, vals[i])
	}
	return OK
}

func cmdConfigResetstat(x *Ctx) Value {
	x.Engine.resetStats()
	return OK
}

// cmdConfigRewrite answers as Redis does when it was started without a
// configuration file: the engine never has one to write back to.
func cmdConfigRewrite(x *Ctx) Value { return Err(errNoConfigFile) }

func cmdConfigHelp(x *Ctx) Value {
	return subcommandHelp("CONFIG", []string{
		"GET <pattern>",
		"    Return the parameters whose names match the glob-style <pattern>, with their values.",
		"SET <directive> <value>",
		"    Change the parameter <directive> to <value>.",
		"RESETSTAT",
		"    Set the counters INFO reports back to zero.",
		"REWRITE",
		"    Write the running configuration back to the configuration file.",
	})
}

// resetStats zeroes the counters CONFIG RESETSTAT resets.
func (e *Engine) resetStats() {
	e.stats = stats{}
	e.config.evicted = 0
	e.config.peak = e.config.used
}
