package engine

import "strings"

// The COMMAND container and its subcommands. COMMAND INFO and COMMAND DOCS
// are rendered from the command table, so every group's registrations show
// up here without further work. Subcommands are listed in the order Redis
// 7.0.15 happens to emit them (its dict order), so COMMAND INFO command is
// byte-identical.
var commandCommand = &Command{
	Name: "command", Arity: -1, Flags: []string{"loading", "stale"},
	ACL: []string{"slow", "connection"}, Group: "server", Since: "2.8.13",
	Complexity: "O(N) where N is the total number of Redis commands",
	Summary:    "Returns detailed information about every command.",
	Tips:       []string{"nondeterministic_output_order"},
	Run:        cmdCommandAll,
	Subcommands: []*Command{
		{
			Name: "getkeysandflags", Arity: -4, Flags: []string{"loading", "stale"},
			ACL: []string{"slow", "connection"}, Group: "server", Since: "7.0.0",
			Complexity: "O(N) where N is the number of arguments to the command",
			Summary:    "Lists the keys of a full command line together with how the command uses each.",
			Run:        cmdCommandGetKeysAndFlags,
		},
		{
			Name: "docs", Arity: -2, Flags: []string{"loading", "stale"},
			ACL: []string{"slow", "connection"}, Group: "server", Since: "7.0.0",
			Complexity: "O(N) where N is the number of commands to look up",
			Summary:    "Returns the documentation of one, several or all commands.",
			Tips:       []string{"nondeterministic_output_order"},
			Args:       []Arg{{Name: "command-name", Type: ArgString, Optional: true, Multiple: true}},
			Run:        cmdCommandDocs,
		},
		{
			Name: "getkeys", Arity: -4, Flags: []string{"loading", "stale"},
			ACL: []string{"slow", "connection"}, Group: "server", Since: "2.8.13",
			Complexity: "O(N) where N is the number of arguments to the command",
			Summary:    "Lists the keys a full command line would touch.",
			Run:        cmdCommandGetKeys,
		},
		{
			Name: "count", Arity: 2, Flags: []string{"loading", "stale"},
			ACL: []string{"slow", "connection"}, Group: "server", Since: "2.8.13",
			Complexity: "O(1)",
			Summary:    "Returns how many commands the server knows.",
			Run:        cmdCommandCount,
		},
		{
			Name: "list", Arity: -2, Flags: []string{"loading", "stale"},
			ACL: []string{"slow", "connection"}, Group: "server", Since: "7.0.0",
			Complexity: "O(N) where N is the total number of Redis commands",
			Summary:    "Returns the names of the commands, optionally filtered.",
			Tips:       []string{"nondeterministic_output_order"},
			Args: []Arg{{Name: "filterby", Type: ArgOneOf, Token: "FILTERBY", Optional: true, Args: []Arg{
				{Name: "module-name", Type: ArgString, Token: "MODULE"},
				{Name: "category", Type: ArgString, Token: "ACLCAT"},
				{Name: "pattern", Type: ArgPattern, Token: "PATTERN"},
			}}},
			Run: cmdCommandList,
		},
		{
			Name: "info", Arity: -2, Flags: []string{"loading", "stale"},
			ACL: []string{"slow", "connection"}, Group: "server", Since: "2.8.13",
			Complexity: "O(N) where N is the number of commands to look up",
			Summary:    "Returns the details of the named commands, or of all of them without a name.",
			Tips:       []string{"nondeterministic_output_order"},
			History:    [][2]string{{"7.0.0", "May be called without arguments to describe every command."}},
			Args:       []Arg{{Name: "command-name", Type: ArgString, Optional: true, Multiple: true}},
			Run:        cmdCommandInfo,
		},
		{
			Name: "help", Arity: 2, Flags: []string{"loading", "stale"},
			ACL: []string{"slow", "connection"}, Group: "server", Since: "5.0.0",
			Complexity: "O(1)",
			Summary:    "Explains the COMMAND subcommands.",
			Run:        cmdCommandHelp,
		},
	},
}

func init() { register(commandCommand) }

// lookupCommandPath finds a command by the name COMMAND INFO and DOCS
// accept: "get", or "client|setname" for a subcommand, in any case.
func lookupCommandPath(name string) *Command {
	parent, sub, ok := strings.Cut(name, "|")
	if !ok {
		return Lookup(name)
	}
	c := Lookup(parent)
	if c == nil || c.Subcommands == nil || strings.Contains(sub, "|") {
		return nil
	}
	return c.Subcommand(sub)
}

// simpleSet renders flag-like lists: status strings, a set under RESP3.
func simpleSet(items []string, prefix string) Value {
	elems := make([]Value, len(items))
	for i, s := range items {
		elems[i] = Simple(prefix + s)
	}
	return Set(elems...)
}

// CommandInfo returns c's COMMAND INFO entry.
func CommandInfo(c *Command) Value {
	tips := make([]Value, len(c.Tips))
	for i, t := range c.Tips {
		tips[i] = Bulk(t)
	}
	specs := make([]Value, len(c.KeySpecs))
	for i, ks := range c.KeySpecs {
		specs[i] = keySpecInfo(ks)
	}
	subs := make([]Value, len(c.Subcommands))
	for i, s := range c.Subcommands {
		subs[i] = CommandInfo(s)
	}
	return Array(
		Bulk(c.FullName()),
		Int(int64(c.Arity)),
		simpleSet(c.Flags, ""),
		Int(int64(c.FirstKey)),
		Int(int64(c.LastKey)),
		Int(int64(c.Step)),
		simpleSet(c.ACL, "@"),
		Set(tips...),
		Set(specs...),
		subcommandInfos(subs),
	)
}

// subcommandInfos wraps the subcommands' entries as Redis 7.0 does: an
// empty set for a plain command but an array for a container, which only
// RESP3 clients can tell apart.
func subcommandInfos(subs []Value) Value {
	if len(subs) == 0 {
		return Set()
	}
	return Array(subs...)
}

// keySpecUnknownSearch reports whether ks has no usable begin search.
func keySpecUnknownSearch(ks KeySpec) bool { return ks.Index <= 0 && ks.Keyword == "" }

// keySpecUnknownFind reports whether ks has no usable find-keys rule: a
// range with a zero step cannot step through arguments.
func keySpecUnknownFind(ks KeySpec) bool { return !ks.Keynum && ks.KeyStep == 0 }

func keySpecInfo(ks KeySpec) Value {
	var out []Value
	if ks.Notes != "" {
		out = append(out, Bulk("notes"), Bulk(ks.Notes))
	}
	out = append(out, Bulk("flags"), simpleSet(ks.Flags, ""))
	out = append(out, Bulk("begin_search"))
	switch {
	case keySpecUnknownSearch(ks):
		out = append(out, Map(Bulk("type"), Bulk("unknown"), Bulk("spec"), Map()))
	case ks.Index > 0:
		out = append(out, Map(Bulk("type"), Bulk("index"), Bulk("spec"),
			Map(Bulk("index"), Int(int64(ks.Index)))))
	default:
		out = append(out, Map(Bulk("type"), Bulk("keyword"), Bulk("spec"),
			Map(Bulk("keyword"), Bulk(ks.Keyword), Bulk("startfrom"), Int(int64(ks.StartFrom)))))
	}
	out = append(out, Bulk("find_keys"))
	switch {
	case ks.Keynum:
		out = append(out, Map(Bulk("type"), Bulk("keynum"), Bulk("spec"),
			Map(Bulk("keynumidx"), Int(int64(ks.NumKeysIndex)), Bulk("firstkey"), Int(int64(ks.FirstKey)),
				Bulk("keystep"), Int(int64(ks.KeyStep)))))
	case keySpecUnknownFind(ks):
		out = append(out, Map(Bulk("type"), Bulk("unknown"), Bulk("spec"), Map()))
	default:
		out = append(out, Map(Bulk("type"), Bulk("range"), Bulk("spec"),
			Map(Bulk("lastkey"), Int(int64(ks.LastKey)), Bulk("keystep"), Int(int64(ks.KeyStep)),
				Bulk("limit"), Int(int64(ks.Limit)))))
	}
	return Map(out...)
}

// CommandDocs returns c's COMMAND DOCS entry (the value under its name).
func CommandDocs(c *Command) Value {
	out := []Value{
		Bulk("summary"), Bulk(c.Summary),
		Bulk("since"), Bulk(c.Since),
		Bulk("group"), Bulk(c.Group),
		Bulk("complexity"), Bulk(c.Complexity),
	}
	if len(c.DocFlags) > 0 {
		out = append(out, Bulk("doc_flags"), simpleSet(c.DocFlags, ""))
	}
	if c.DeprecatedSince != "" {
		out = append(out, Bulk("deprecated_since"), Bulk(c.DeprecatedSince))
	}
	if c.ReplacedBy != "" {
		out = append(out, Bulk("replaced_by"), Bulk(c.ReplacedBy))
	}
	if len(c.History) > 0 {
		hist := make([]Value, len(c.History))
		for i, h := range c.History {
			hist[i] = Array(Bulk(h[0]), Bulk(h[1]))
		}
		out = append(out, Bulk("history"), Set(hist...))
	}
	if len(c.Args) > 0 {
		out = append(out, Bulk("arguments"), argsDocs(c.Args))
	}
	if len(c.Subcommands) > 0 {
		subs := make([]Value, 0, 2*len(c.Subcommands))
		for _, s := range c.Subcommands {
			subs = append(subs, Bulk(s.FullName()), CommandDocs(s))
		}
		out = append(out, Bulk("subcommands"), Map(subs...))
	}
	return Map(out...)
}

func argsDocs(args []Arg) Value {
	out := make([]Value, len(args))
	for i, a := range args {
		m := []Value{Bulk("name"), Bulk(a.Name), Bulk("type"), Bulk(string(a.Type))}
		if a.Type == ArgKey {
			m = append(m, Bulk("key_spec_index"), Int(int64(a.KeySpecIndex)))
		}
		if a.Token != "" {
			m = append(m, Bulk("token"), Bulk(a.Token))
		}
		if a.Since != "" {
			m = append(m, Bulk("since"), Bulk(a.Since))
		}
		if a.DeprecatedSince != "" {
			m = append(m, Bulk("deprecated_since"), Bulk(a.DeprecatedSince))
		}
		var flags []string
		if a.Optional {
			flags = append(flags, "optional")
		}
		if a.Multiple {
			flags = append(flags, "multiple")
		}
		if a.MultipleToken {
			flags = append(flags, "multiple_token")
		}
		if len(flags) > 0 {
			m = append(m, Bulk("flags"), simpleSet(flags, ""))
		}
		if a.Type == ArgOneOf || a.Type == ArgBlock {
			m = append(m, Bulk("arguments"), argsDocs(a.Args))
		}
		out[i] = Map(m...)
	}
	return Array(out...)
}

func allCommandInfo() Value {
	cmds := Commands()
	out := make([]Value, len(cmds))
	for i, c := range cmds {
		out[i] = CommandInfo(c)
	}
	return Array(out...)
}

func cmdCommandAll(x *Ctx) Value { return allCommandInfo() }

func cmdCommandInfo(x *Ctx) Value {
	if len(x.Args) == 2 {
		return allCommandInfo()
	}
	out := make([]Value, 0, len(x.Args)-2)
	for _, name := range x.Args[2:] {
		if c := lookupCommandPath(name); c != nil {
			out = append(out, CommandInfo(c))
		} else {
			out = append(out, Null)
		}
	}
	return Array(out...)
}

func cmdCommandDocs(x *Ctx) Value {
	var out []Value
	if len(x.Args) == 2 {
		for _, c := range Commands() {
			out = append(out, Bulk(c.FullName()), CommandDocs(c))
		}
		return Map(out...)
	}
	for _, name := range x.Args[2:] {
		if c := lookupCommandPath(name); c != nil {
			out = append(out, Bulk(c.FullName()), CommandDocs(c))
		}
	}
	return Map(out...)
}

func cmdCommandCount(x *Ctx) Value { return Int(int64(len(Commands()))) }

func cmdCommandList(x *Ctx) Value {
	var match func(c *Command) bool
	switch {
	case len(x.Args) == 2:
		match = func(*Command) bool { return true }
	case len(x.Args) == 5 && strings.EqualFold(x.Args[2], "filterby"):
		arg := x.Args[4]
		switch strings.ToLower(x.Args[3]) {
		case "module":
			// No modules are loaded, so no command belongs to one.
			match = func(*Command) bool { return false }
		case "aclcat":
			match = func(c *Command) bool {
				for _, cat := range c.ACL {
					if strings.EqualFold(cat, arg) {
						return true
					}
				}
				return false
			}
		case "pattern":
			match = func(c *Command) bool { return Glob(arg, c.FullName(), true) }
		default:
			return Err(ErrSyntax)
		}
	default:
		return Err(ErrSyntax)
	}
	var out []Value
	for _, c := range Commands() {
		if match(c) {
			out = append(out, Bulk(c.FullName()))
		}
		for _, s := range c.Subcommands {
			if match(s) {
				out = append(out, Bulk(s.FullName()))
			}
		}
	}
	return Array(out...)
}

func cmdCommandHelp(x *Ctx) Value {
	return subcommandHelp("COMMAND", []string{
		"(no subcommand)",
		"    Describe every command the server knows.",
		"COUNT",
		"    Tell how many commands the server knows.",
		"LIST",
		"    List the names of all commands.",
		"INFO [<command-name> ...]",
		"    Describe the named commands.",
		"    Without a name, every command is described.",
		"DOCS [<command-name> ...]",
		"    Return the documentation of the named commands.",
		"    Without a name, every command's documentation is returned.",
		"GETKEYS <full-command>",
		"    Extract the key names from a complete command line.",
		"GETKEYSANDFLAGS <full-command>",
		"    Extract the key names and their access flags from a complete command line.",
	})
}

// subcommandHelp builds a HELP answer in Redis's shape: a title line, the given
// lines, and a closing entry for HELP itself, all as status strings.
func subcommandHelp(container string, lines []string) Value {
	out := make([]Value, 0, len(lines)+3)
	out = append(out, Simple(container+" <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"))
	for _, l := range lines {
		out = append(out, Simple(l))
	}
	out = append(out, Simple("HELP"), Simple("    Print this help."))
	return Array(out...)
}

// keyRef is one key found in a command line: its argument position and the
// flags of the key spec that found it.
type keyRef struct {
	Pos   int
	Flags []string
}

// commandKeys finds the keys of args (args[0] is the command name) using
// cmd's key specs, as Redis does for COMMAND GETKEYS. ok is false when a
// spec points outside the arguments, which Redis treats as invalid input.
func commandKeys(cmd *Command, args []string) (keys []keyRef, ok bool) {
	if len(cmd.KeySpecs) == 0 {
		return legacyKeys(cmd, args), true
	}
	argc := len(args)
	for _, ks := range cmd.KeySpecs {
		if specHasFlag(ks.Flags, "not_key") {
			continue
		}
		first := 0
		switch {
		case ks.Index > 0:
			first = ks.Index
		case ks.Keyword != "":
			start, end := ks.StartFrom, argc-1
			if ks.StartFrom <= 0 {
				start, end = argc+ks.StartFrom, 0
			}
			for i := start; i != end; {
				if i >= argc || i < 1 {
					break
				}
				if strings.EqualFold(args[i], ks.Keyword) {
					first = i + 1
					break
				}
				if start <= end {
					i++
				} else {
					i--
				}
			}
			if first == 0 {
				continue
			}
		default:
			continue
		}
		var last, step int
		switch {
		case ks.Keynum:
			step = ks.KeyStep
			if ks.NumKeysIndex >= argc-first {
				return nil, false
			}
			n, isInt := ParseInt(args[first+ks.NumKeysIndex])
			if !isInt || n < 0 || n > int64(argc) {
				return nil, false
			}
			first += ks.FirstKey
			last = first + int(n) - 1
		case keySpecUnknownFind(ks):
			continue
		default:
			step = ks.KeyStep
			switch {
			case ks.LastKey >= 0:
				last = first + ks.LastKey
			case ks.Limit == 0:
				last = argc + ks.LastKey
			default:
				last = first + ((argc-first)/ks.Limit + ks.LastKey)
			}
		}
		if last < first && ks.Keynum && last == first-1 {
			// Zero keys announced: nothing to add, and not an error.
			continue
		}
		if last >= argc || last < first || first >= argc {
			return nil, false
		}
		for i := first; i <= last; i += step {
			keys = append(keys, keyRef{Pos: i, Flags: ks.Flags})
		}
	}
	return keys, true
}

// legacyKeys uses the first/last/step triple of commands without key specs.
func legacyKeys(cmd *Command, args []string) []keyRef {
	if cmd.FirstKey <= 0 || cmd.Step <= 0 {
		return nil
	}
	last := cmd.LastKey
	if last < 0 {
		last = len(args) + last
	}
	var keys []keyRef
	for i := cmd.FirstKey; i <= last && i < len(args); i += cmd.Step {
		keys = append(keys, keyRef{Pos: i})
	}
	return keys
}

func specHasFlag(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// commandHasKeys reports whether COMMAND GETKEYS may ask cmd for keys.
func commandHasKeys(cmd *Command) bool {
	for _, ks := range cmd.KeySpecs {
		if !specHasFlag(ks.Flags, "not_key") {
			return true
		}
	}
	return len(cmd.KeySpecs) == 0 && cmd.FirstKey > 0
}

func getKeysFor(x *Ctx) ([]keyRef, []string, Value) {
	args := x.Args[2:]
	cmd := Lookup(args[0])
	if cmd != nil && cmd.Subcommands != nil && len(args) > 1 {
		cmd = cmd.Subcommand(args[1])
	}
	if cmd == nil {
		return nil, nil, Err("ERR Invalid command specified")
	}
	if !commandHasKeys(cmd) {
		return nil, nil, Err("ERR The command has no key arguments")
	}
	if !checkArity(cmd.Arity, len(args)) {
		return nil, nil, Err("ERR Invalid number of arguments specified for command")
	}
	var keys []keyRef
	ok := true
	if find := keyFinders[cmd.FullName()]; find != nil {
		keys = find(args)
	} else {
		keys, ok = commandKeys(cmd, args)
	}
	if fix := variableKeyFlags[cmd.FullName()]; fix != nil && ok && len(keys) > 0 {
		keys[0].Flags = fix(args)
	}
	if !ok || len(keys) == 0 {
		if cmd.HasFlag("no_mandatory_keys") {
			return nil, args, Array()
		}
		return nil, nil, Err("ERR Invalid arguments specified for command")
	}
	return keys, args, Value{}
}

// keyFinders find the keys of the commands whose key specs cannot say
// where all their keys are (flagged "incomplete" or of unknown position);
// Redis falls back to code of its own for them too.
var keyFinders = map[string]func(args []string) []keyRef{
	"migrate": func(args []string) []keyRef {
		flags := []string{"RW", "access", "delete"}
		for i := 6; i < len(args); i++ {
			if strings.EqualFold(args[i], "keys") {
				// KEYS needs the single-key argument left empty.
				if args[3] != "" {
					return nil
				}
				var keys []keyRef
				for j := i + 1; j < len(args); j++ {
					keys = append(keys, keyRef{Pos: j, Flags: flags})
				}
				return keys
			}
		}
		return []keyRef{{Pos: 3, Flags: flags}}
	},
	"sort": func(args []string) []keyRef {
		keys := []keyRef{{Pos: 1, Flags: []string{"RO", "access"}}}
		store := 0
		for i := 2; i < len(args); i++ {
			switch strings.ToLower(args[i]) {
			case "limit":
				i += 2
			case "get", "by":
				i++
			case "store":
				if i+1 < len(args) {
					store = i + 1
					i++
				}
			}
		}
		if store > 0 {
			keys = append(keys, keyRef{Pos: store, Flags: []string{"OW", "update"}})
		}
		return keys
	},
}

// variableKeyFlags gives the real key flags of the two Redis 7.0 commands
// whose key spec says "variable_flags": how they use their key depends on
// their options.
var variableKeyFlags = map[string]func(args []string) []string{
	"set": func(args []string) []string {
		for _, a := range args[3:] {
			if strings.EqualFold(a, "get") {
				return []string{"RW", "access", "update"}
			}
		}
		return []string{"OW", "update"}
	},
	"bitfield": func(args []string) []string {
		for _, a := range args[2:] {
			if strings.EqualFold(a, "set") || strings.EqualFold(a, "incrby") {
				return []string{"RW", "access", "update"}
			}
		}
		return []string{"RO", "access"}
	},
}

func cmdCommandGetKeys(x *Ctx) Value {
	keys, args, errv := getKeysFor(x)
	if args == nil || keys == nil {
		return errv
	}
	out := make([]Value, len(keys))
	for i, k := range keys {
		out[i] = Bulk(args[k.Pos])
	}
	return Array(out...)
}

func cmdCommandGetKeysAndFlags(x *Ctx) Value {
	keys, args, errv := getKeysFor(x)
	if args == nil || keys == nil {
		return errv
	}
	out := make([]Value, len(keys))
	for i, k := range keys {
		out[i] = Array(Bulk(args[k.Pos]), simpleSet(k.Flags, ""))
	}
	return Array(out...)
}
