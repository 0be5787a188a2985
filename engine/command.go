package engine

import (
	"sort"
	"strings"
)

// Command describes one Redis command. The table of Commands is the single
// source of truth for dispatch, arity checks, COMMAND INFO/DOCS, HELP and the
// argument hints the terminal shows.
type Command struct {
	// Name is the lower-case name ("get"; "setname" for CLIENT SETNAME).
	Name string
	// Arity follows Redis: n means exactly n arguments counting the name,
	// -n means at least n.
	Arity int
	// Flags are the command flags as COMMAND INFO lists them ("write",
	// "readonly", "denyoom", "fast", ...).
	Flags []string
	// ACL lists the ACL categories without the "@" ("string", "slow", ...).
	ACL []string
	// FirstKey, LastKey and Step give the legacy key positions.
	FirstKey, LastKey, Step int
	// KeySpecs are the Redis 7 key specifications.
	KeySpecs []KeySpec
	// Group is the documentation group ("string", "generic", "server", ...).
	Group string
	// Since is the first Redis version that had the command.
	Since string
	// Complexity is the documented time complexity.
	Complexity string
	// Summary says in a sentence what the command does, in our own words.
	Summary string
	// History lists version and change pairs, as COMMAND DOCS shows them.
	History [][2]string
	// DocFlags are COMMAND DOCS flags ("deprecated", "syscmd").
	DocFlags []string
	// ReplacedBy names the replacement of a deprecated command.
	ReplacedBy string
	// DeprecatedSince is the version that deprecated the command.
	DeprecatedSince string
	// Tips are the command tips ("nondeterministic_output", ...).
	Tips []string
	// Args is the argument tree (without the command name).
	Args []Arg
	// Subcommands are the subcommands of a container command (CLIENT, OBJECT).
	Subcommands []*Command
	// Run executes the command. It is nil for containers.
	Run func(x *Ctx) Value

	parent *Command
}

// KeySpec is a Redis 7 key specification.
type KeySpec struct {
	Flags []string
	// Notes explains unusual flags, as COMMAND INFO shows it.
	Notes string
	// BeginSearch: Index > 0 means an index search; otherwise Keyword
	// search starting at StartFrom.
	Index     int
	Keyword   string
	StartFrom int
	// FindKeys: a range (LastKey, KeyStep, Limit) unless NumKeysIndex >= 0
	// is set with Keynum true.
	Keynum       bool
	LastKey      int
	KeyStep      int
	Limit        int
	NumKeysIndex int
	FirstKey     int
}

// ArgType is the type of a command argument in COMMAND DOCS.
type ArgType string

// The argument types of COMMAND DOCS.
const (
	ArgString    ArgType = "string"
	ArgInteger   ArgType = "integer"
	ArgDouble    ArgType = "double"
	ArgKey       ArgType = "key"
	ArgPattern   ArgType = "pattern"
	ArgUnixTime  ArgType = "unix-time"
	ArgPureToken ArgType = "pure-token"
	ArgOneOf     ArgType = "oneof"
	ArgBlock     ArgType = "block"
)

// Arg is one node of a command's argument tree.
type Arg struct {
	Name          string
	Type          ArgType
	Token         string
	KeySpecIndex  int // meaningful only for ArgKey
	Optional      bool
	Multiple      bool
	MultipleToken bool
	Since         string
	// DeprecatedSince is the version that deprecated this argument form.
	DeprecatedSince string
	Args            []Arg // children of a oneof or block
}

// FullName is the name Redis uses in errors and COMMAND output:
// "get", or "client|setname" for a subcommand.
func (c *Command) FullName() string {
	if c.parent != nil {
		return c.parent.Name + "|" + c.Name
	}
	return c.Name
}

// Parent returns the container of a subcommand, or nil.
func (c *Command) Parent() *Command { return c.parent }

// HasFlag reports whether the command has the given COMMAND INFO flag.
func (c *Command) HasFlag(flag string) bool {
	for _, f := range c.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// Subcommand returns the subcommand with the given name, in any case.
func (c *Command) Subcommand(name string) *Command {
	for _, s := range c.Subcommands {
		if strings.EqualFold(s.Name, name) {
			return s
		}
	}
	return nil
}

var table = map[string]*Command{}

// register adds commands to the table. Each command group keeps its
// commands in a package-level variable at the top of its file, as Redis's
// command table lists them, and registers them from an init function: the
// compiler lays such literals out as static data, where building them
// inside init compiled to far more wasm code.
func register(cmds ...*Command) {
	for _, c := range cmds {
		if _, dup := table[c.Name]; dup {
			panic("engine: command registered twice: " + c.Name)
		}
		for _, s := range c.Subcommands {
			s.parent = c
		}
		table[c.Name] = c
		table[strings.ToUpper(c.Name)] = c
	}
}

// Lookup returns the command with the given name, in any case, or nil.
func Lookup(name string) *Command {
	if c, ok := table[name]; ok {
		return c
	}
	return table[strings.ToLower(name)]
}

// Commands returns every top-level command, sorted by name.
func Commands() []*Command {
	out := make([]*Command, 0, len(table)/2)
	for k, c := range table {
		if k == c.Name {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Ctx is what a command handler works with.
type Ctx struct {
	Engine *Engine
	Client *Client
	Cmd    *Command
	// Args holds the command name at Args[0], then its arguments.
	Args []string
	// DB is the client's selected database.
	DB *DB
	// Now is the time of the call in Unix milliseconds; a command sees one
	// instant throughout, as in Redis.
	Now int64

	// modified lists the keys the command changed, for the journal.
	modified []DBKey
}

// Modified records that key changed: it counts toward the dirty counter and
// is where WATCH, blocking commands and persistence hear about writes.
func (x *Ctx) Modified(key string) {
	x.Engine.dirty++
	x.Engine.resize(x.DB, key)
	x.Engine.keyModified(x.DB, key)
	if x.Engine.journal != nil {
		x.modified = append(x.modified, DBKey{x.DB.ID, key})
	}
}

// WrongArgs returns the arity error for the running command.
func (x *Ctx) WrongArgs() Value {
	return Err(errorf(ErrWrongArgs, x.Cmd.FullName()))
}

// unknownCommand builds Redis's reply to a command it does not know.
func unknownCommand(args []string) Value {
	var b strings.Builder
	for _, a := range args[1:] {
		if b.Len() >= 128 {
			break
		}
		room := 128 - b.Len()
		if len(a) > room {
			a = a[:room]
		}
		b.WriteString("'" + a + "' ")
	}
	name := args[0]
	if len(name) > 128 {
		name = name[:128]
	}
	return Err(sanitizeError("ERR unknown command '" + name + "', with args beginning with: " + b.String()))
}

// sanitizeError replaces line breaks, which would break the protocol, with
// spaces, as Redis does for errors that quote user input.
func sanitizeError(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

func checkArity(arity, argc int) bool {
	return (arity > 0 && argc == arity) || (arity < 0 && argc >= -arity)
}
