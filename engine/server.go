package engine

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// The server group: DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME and INFO. (COMMAND,
// also in this group, lives in commanddocs.go.)
var serverCommands = []*Command{
	{
		Name: "dbsize", Arity: 1, Flags: []string{"readonly", "fast"}, ACL: []string{"keyspace", "read", "fast"},
		Tips:  []string{"request_policy:all_shards", "response_policy:agg_sum"},
		Group: "server", Since: "1.0.0", Complexity: "O(1)",
		Summary: "Counts the keys of the selected database.",
		Run:     cmdDBSize,
	},
	{
		Name: "flushdb", Arity: -1, Flags: []string{"write"}, ACL: []string{"keyspace", "write", "slow", "dangerous"},
		Tips:  allShards,
		Group: "server", Since: "1.0.0", Complexity: "O(N) where N is the number of keys in the selected database",
		Summary: "Deletes every key of the selected database.",
		History: flushHistory,
		Args:    flushArgs,
		Run:     cmdFlushDB,
	},
	{
		Name: "flushall", Arity: -1, Flags: []string{"write"}, ACL: []string{"keyspace", "write", "slow", "dangerous"},
		Tips:  allShards,
		Group: "server", Since: "1.0.0", Complexity: "O(N) where N is the total number of keys in all databases",
		Summary: "Deletes every key of every database.",
		History: flushHistory,
		Args:    flushArgs,
		Run:     cmdFlushAll,
	},
	{
		Name: "swapdb", Arity: 3, Flags: []string{"write", "fast"}, ACL: []string{"keyspace", "write", "fast", "dangerous"},
		Group: "server", Since: "4.0.0",
		Complexity: "O(N) where N is the count of clients watching or blocking on keys from both databases.",
		Summary:    "Exchanges the contents of two databases.",
		Args:       []Arg{{Name: "index1", Type: ArgInteger}, {Name: "index2", Type: ArgInteger}},
		Run:        cmdSwapDB,
	},
	{
		Name: "time", Arity: 1, Flags: []string{"loading", "stale", "fast"}, ACL: []string{"fast"},
		Tips:  []string{"nondeterministic_output"},
		Group: "server", Since: "2.6.0", Complexity: "O(1)",
		Summary: "Returns the server's clock as seconds and microseconds.",
		Run:     cmdTime,
	},
	{
		Name: "info", Arity: -1, Flags: []string{"loading", "stale"}, ACL: []string{"slow", "dangerous"},
		Tips:  []string{"nondeterministic_output", "request_policy:all_shards", "response_policy:special"},
		Group: "server", Since: "1.0.0", Complexity: "O(1)",
		Summary: "Reports facts and counters about the server, section by section.",
		History: [][2]string{{"7.0.0", "Several sections may be asked for at once."}},
		Args:    []Arg{{Name: "section", Type: ArgString, Optional: true, Multiple: true}},
		Run:     cmdInfo,
	},
}

// The arguments, history and tips FLUSHDB and FLUSHALL share.
var (
	flushArgs = []Arg{{Name: "async", Type: ArgOneOf, Optional: true, Args: []Arg{
		{Name: "async", Type: ArgPureToken, Token: "ASYNC", Since: "4.0.0"},
		{Name: "sync", Type: ArgPureToken, Token: "SYNC", Since: "6.2.0"},
	}}}
	flushHistory = [][2]string{
		{"4.0.0", "The `ASYNC` modifier, to free memory in the background."},
		{"6.2.0", "The `SYNC` modifier, to free memory before replying."},
	}
	allShards = []string{"request_policy:all_shards", "response_policy:all_succeeded"}
)

func init() { register(serverCommands...) }

// RedisVersion is the Redis version we behave as and report (HELLO, INFO),
// so that client libraries enable the features they know 7.0 has.
const RedisVersion = "7.0.15"

// ServerInfo holds the facts about the hosting process that INFO reports
// and the engine cannot know by itself; a native front end fills it in
// before serving. The zero values suit the browser.
var ServerInfo struct {
	// TCPPort is the port the server listens on (6379 if zero).
	TCPPort int
	// ProcessID is the server's process ID.
	ProcessID int
	// Executable is the path of the running binary.
	Executable string
	// ConfigFile is the path of the configuration file, if any.
	ConfigFile string
}

// runID identifies this process, as Redis's run_id does; replication IDs
// are derived the same way.
var runID, replID = randomHex40(), randomHex40()

func randomHex40() string {
	const digits = "0123456789abcdef"
	b := make([]byte, 40)
	for i := range b {
		b[i] = digits[rand.IntN(16)]
	}
	return string(b)
}

func cmdDBSize(x *Ctx) Value { return Int(int64(x.DB.Len())) }

// flushMode validates FLUSHDB/FLUSHALL's optional ASYNC|SYNC argument.
// Both free memory at once here, there being no background thread to
// hand the work to.
func flushMode(x *Ctx) bool {
	switch len(x.Args) {
	case 1:
		return true
	case 2:
		return strings.EqualFold(x.Args[1], "async") || strings.EqualFold(x.Args[1], "sync")
	}
	return false
}

// flushDB empties db, telling WATCH and the dirty counter about every key.
func flushDB(e *Engine, db *DB) {
	for k := range db.keys {
		e.dirty++
		e.keyModified(db, k)
	}
	db.Flush()
}

func cmdFlushDB(x *Ctx) Value {
	if !flushMode(x) {
		return Err(ErrSyntax)
	}
	flushDB(x.Engine, x.DB)
	return OK
}

func cmdFlushAll(x *Ctx) Value {
	if !flushMode(x) {
		return Err(ErrSyntax)
	}
	for _, db := range x.Engine.dbs {
		flushDB(x.Engine, db)
	}
	// Redis counts FLUSHALL itself as a change even on empty databases, so
	// that a save follows it.
	x.Engine.dirty++
	return OK
}

func cmdSwapDB(x *Ctx) Value {
	a, ok := parseIntArg32(x.Args[1])
	if !ok {
		return Err("ERR invalid first DB index")
	}
	b, ok := parseIntArg32(x.Args[2])
	if !ok {
		return Err("ERR invalid second DB index")
	}
	e := x.Engine
	if a < 0 || a >= len(e.dbs) || b < 0 || b >= len(e.dbs) {
		return Err(ErrDBIndex)
	}
	if a == b {
		return OK
	}
	da, db := e.dbs[a], e.dbs[b]
	// Clients keep their database by number, so swapping the contents
	// moves every client of a onto b's data, as in Redis.
	da.keys, db.keys = db.keys, da.keys
	da.expires, db.expires = db.expires, da.expires
	// A key present on either side changed value on both sides.
	for _, d := range []*DB{da, db} {
		for k := range d.keys {
			e.keyModified(da, k)
			e.keyModified(db, k)
		}
	}
	e.dirty++
	return OK
}

func cmdTime(x *Ctx) Value {
	now := x.Engine.clock()
	us := now.UnixMicro()
	return Array(Bulk(strconv.FormatInt(us/1e6, 10)), Bulk(strconv.FormatInt(us%1e6, 10)))
}

// infoSections lists INFO's sections in the order Redis prints them, and
// whether each belongs to the default set.
var infoSections = []struct {
	name, title string
	deflt       bool
}{
	{"server", "Server", true},
	{"clients", "Clients", true},
	{"memory", "Memory", true},
	{"persistence", "Persistence", true},
	{"stats", "Stats", true},
	{"replication", "Replication", true},
	{"cpu", "CPU", true},
	{"modules", "Modules", true},
	{"commandstats", "Commandstats", false},
	{"errorstats", "Errorstats", true},
	{"latencystats", "Latencystats", false},
	{"cluster", "Cluster", true},
	{"keyspace", "Keyspace", true},
}

// infoWanted turns INFO's arguments into the set of sections to print.
func infoWanted(args []string) map[string]bool {
	want := map[string]bool{}
	if len(args) == 0 {
		args = []string{"default"}
	}
	for _, a := range args {
		a = strings.ToLower(a)
		switch a {
		case "all", "everything":
			for _, s := range infoSections {
				want[s.name] = true
			}
		case "default":
			for _, s := range infoSections {
				if s.deflt {
					want[s.name] = true
				}
			}
		case "module_list":
			want["modules"] = true
		default:
			want[a] = true
		}
	}
	return want
}

func cmdInfo(x *Ctx) Value {
	want := infoWanted(x.Args[1:])
	var b []byte
	n := 0
	for _, s := range infoSections {
		if !want[s.name] {
			continue
		}
		if n > 0 {
			b = append(b, "\r\n"...)
		}
		n++
		b = append(b, "# "+s.title+"\r\n"...)
		for _, kv := range infoFields(x, s.name) {
			b = append(b, kv[0]...)
			b = append(b, ':')
			b = append(b, kv[1]...)
			b = append(b, "\r\n"...)
		}
	}
	return verbatimText(string(b))
}

// bytesToHuman formats a byte count as INFO's *_human fields do.
func bytesToHuman(n uint64) string {
	f := float64(n)
	units := []string{"K", "M", "G", "T", "P"}
	if n < 1024 {
		return strconv.FormatUint(n, 10) + "B"
	}
	for i, u := range units {
		div := float64(uint64(1) << (10 * (i + 1)))
		if f < div*1024 || i == len(units)-1 {
			return strconv.FormatFloat(f/div, 'f', 2, 64) + u
		}
	}
	return ""
}

// infoFields returns one section's fields. Where Redis reports something we
// do not have (forks, replication, allocator internals) we give the value
// a fresh Redis without that activity would show.
func infoFields(x *Ctx, section string) [][2]string {
	e := x.Engine
	now := e.clock()
	i64 := func(n int64) string { return strconv.FormatInt(n, 10) }
	itoa := strconv.Itoa
	switch section {
	case "server":
		port := ServerInfo.TCPPort
		if port == 0 {
			port = 6379
		}
		uptime := int64(now.Sub(e.started) / time.Second)
		return [][2]string{
			{"redis_version", RedisVersion},
			{"redis_git_sha1", "00000000"},
			{"redis_git_dirty", "0"},
			{"redis_build_id", "0"},
			{"redis_mode", "standalone"},
			{"os", runtime.GOOS + " " + runtime.GOARCH},
			{"arch_bits", itoa(strconv.IntSize)},
			{"monotonic_clock", "Go runtime"},
			{"multiplexing_api", "go"},
			{"atomicvar_api", "go"},
			{"gcc_version", "0.0.0"},
			{"process_id", itoa(ServerInfo.ProcessID)},
			{"process_supervised", "no"},
			{"run_id", runID},
			{"tcp_port", itoa(port)},
			{"server_time_usec", i64(now.UnixMicro())},
			{"uptime_in_seconds", i64(uptime)},
			{"uptime_in_days", i64(uptime / 86400)},
			{"hz", "10"},
			{"configured_hz", "10"},
			{"lru_clock", i64(now.Unix() & (1<<24 - 1))},
			{"executable", ServerInfo.Executable},
			{"config_file", ServerInfo.ConfigFile},
			{"io_threads_active", "0"},
		}
	case "clients":
		return [][2]string{
			{"connected_clients", itoa(len(e.clients))},
			{"cluster_connections", "0"},
			{"maxclients", "10000"},
			{"client_recent_max_input_buffer", "0"},
			{"client_recent_max_output_buffer", "0"},
			{"blocked_clients", itoa(e.blockedCount)},
			{"tracking_clients", "0"},
			{"clients_in_timeout_table", itoa(e.blockedWithTimeout())},
		}
	case "memory":
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		// used_memory is the engine's estimate of its data (memory.go),
		// which maxmemory limits; rss is what the Go runtime holds.
		used, rss := uint64(max(e.config.used, 0)), ms.Sys
		peak := max(uint64(max(e.config.peak, 0)), used)
		peakPerc := "100.00%"
		if peak > 0 {
			peakPerc = strconv.FormatFloat(float64(used)*100/float64(peak), 'f', 2, 64) + "%"
		}
		maxmem := e.config.maxmemory
		u64 := func(n uint64) string { return strconv.FormatUint(n, 10) }
		return [][2]string{
			{"used_memory", u64(used)},
			{"used_memory_human", bytesToHuman(used)},
			{"used_memory_rss", u64(rss)},
			{"used_memory_rss_human", bytesToHuman(rss)},
			{"used_memory_peak", u64(peak)},
			{"used_memory_peak_human", bytesToHuman(peak)},
			{"used_memory_peak_perc", peakPerc},
			{"used_memory_overhead", "0"},
			{"used_memory_startup", "0"},
			{"used_memory_dataset", u64(used)},
			{"used_memory_dataset_perc", "100.00%"},
			{"allocator_allocated", u64(used)},
			{"allocator_active", u64(ms.HeapInuse)},
			{"allocator_resident", u64(rss)},
			{"total_system_memory", "0"},
			{"total_system_memory_human", "0B"},
			{"used_memory_lua", "0"},
			{"used_memory_vm_eval", "0"},
			{"used_memory_lua_human", "0B"},
			{"used_memory_scripts_eval", "0"},
			{"number_of_cached_scripts", "0"},
			{"number_of_functions", "0"},
			{"number_of_libraries", "0"},
			{"used_memory_vm_functions", "0"},
			{"used_memory_vm_total", "0"},
			{"used_memory_vm_total_human", "0B"},
			{"used_memory_functions", "0"},
			{"used_memory_scripts", "0"},
			{"used_memory_scripts_human", "0B"},
			{"maxmemory", u64(maxmem)},
			{"maxmemory_human", bytesToHuman(maxmem)},
			{"maxmemory_policy", e.configValue(configParams["maxmemory-policy"])},
			{"allocator_frag_ratio", "1.00"},
			{"allocator_frag_bytes", "0"},
			{"allocator_rss_ratio", "1.00"},
			{"allocator_rss_bytes", "0"},
			{"rss_overhead_ratio", "1.00"},
			{"rss_overhead_bytes", "0"},
			{"mem_fragmentation_ratio", "1.00"},
			{"mem_fragmentation_bytes", "0"},
			{"mem_not_counted_for_evict", "0"},
			{"mem_replication_backlog", "0"},
			{"mem_total_replication_buffers", "0"},
			{"mem_clients_slaves", "0"},
			{"mem_clients_normal", "0"},
			{"mem_cluster_links", "0"},
			{"mem_aof_buffer", "0"},
			{"mem_allocator", "go"},
			{"active_defrag_running", "0"},
			{"lazyfree_pending_objects", "0"},
			{"lazyfreed_objects", "0"},
		}
	case "persistence":
		return e.persistenceInfo()
	case "stats":
		st := e.stats
		out := [][2]string{
			{"total_connections_received", i64(st.connections)},
			{"total_commands_processed", i64(st.commands)},
		}
		for _, k := range []string{"instantaneous_ops_per_sec", "total_net_input_bytes", "total_net_output_bytes",
			"total_net_repl_input_bytes", "total_net_repl_output_bytes"} {
			out = append(out, [2]string{k, "0"})
		}
		for _, k := range []string{"instantaneous_input_kbps", "instantaneous_output_kbps",
			"instantaneous_input_repl_kbps", "instantaneous_output_repl_kbps"} {
			out = append(out, [2]string{k, "0.00"})
		}
		out = append(out,
			[2]string{"rejected_connections", "0"},
			[2]string{"sync_full", "0"},
			[2]string{"sync_partial_ok", "0"},
			[2]string{"sync_partial_err", "0"},
			[2]string{"expired_keys", i64(st.expiredKeys)},
			[2]string{"expired_stale_perc", "0.00"},
			[2]string{"expired_time_cap_reached_count", "0"},
			[2]string{"expire_cycle_cpu_milliseconds", "0"},
			[2]string{"evicted_keys", i64(e.config.evicted)},
			[2]string{"evicted_clients", "0"},
			[2]string{"total_eviction_exceeded_time", "0"},
			[2]string{"current_eviction_exceeded_time", "0"},
			[2]string{"keyspace_hits", i64(st.hits)},
			[2]string{"keyspace_misses", i64(st.misses)},
		)
		for _, k := range []string{"pubsub_channels", "pubsub_patterns", "pubsubshard_channels", "latest_fork_usec",
			"total_forks", "migrate_cached_sockets", "slave_expires_tracked_keys", "active_defrag_hits",
			"active_defrag_misses", "active_defrag_key_hits", "active_defrag_key_misses",
			"total_active_defrag_time", "current_active_defrag_time", "tracking_total_keys",
			"tracking_total_items", "tracking_total_prefixes", "unexpected_error_replies",
			"total_error_replies", "dump_payload_sanitizations"} {
			out = append(out, [2]string{k, "0"})
		}
		out = append(out,
			[2]string{"total_reads_processed", i64(st.commands)},
			[2]string{"total_writes_processed", i64(st.commands)},
		)
		for _, k := range []string{"io_threaded_reads_processed", "io_threaded_writes_processed",
			"reply_buffer_shrinks", "reply_buffer_expands"} {
			out = append(out, [2]string{k, "0"})
		}
		return out
	case "replication":
		return [][2]string{
			{"role", "master"},
			{"connected_slaves", "0"},
			{"master_failover_state", "no-failover"},
			{"master_replid", replID},
			{"master_replid2", strings.Repeat("0", 40)},
			{"master_repl_offset", "0"},
			{"second_repl_offset", "-1"},
			{"repl_backlog_active", "0"},
			{"repl_backlog_size", "1048576"},
			{"repl_backlog_first_byte_offset", "0"},
			{"repl_backlog_histlen", "0"},
		}
	case "cpu":
		// The engine cannot measure CPU time portably (not at all in the
		// browser), so these stay at zero.
		return [][2]string{
			{"used_cpu_sys", "0.000000"},
			{"used_cpu_user", "0.000000"},
			{"used_cpu_sys_children", "0.000000"},
			{"used_cpu_user_children", "0.000000"},
			{"used_cpu_sys_main_thread", "0.000000"},
			{"used_cpu_user_main_thread", "0.000000"},
		}
	case "cluster":
		return [][2]string{{"cluster_enabled", "0"}}
	case "keyspace":
		var out [][2]string
		for _, db := range e.dbs {
			if db.Len() == 0 {
				continue
			}
			out = append(out, [2]string{"db" + itoa(db.ID),
				"keys=" + itoa(db.Len()) + ",expires=" + itoa(db.ExpiresLen()) + ",avg_ttl=" + i64(avgTTL(db, x.Now))})
		}
		return out
	}
	// modules, commandstats, errorstats and latencystats: nothing to list.
	return nil
}

// avgTTL returns the mean remaining time to live, in milliseconds, of db's
// keys that have one. Redis estimates it from samples; we can afford the
// exact figure.
func avgTTL(db *DB, now int64) int64 {
	if len(db.expires) == 0 {
		return 0
	}
	var sum int64
	for _, when := range db.expires {
		if ttl := when - now; ttl > 0 {
			sum += ttl
		}
	}
	return sum / int64(len(db.expires))
}
