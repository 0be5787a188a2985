package cli

import (
	"sort"
	"strings"
	"sync"

	"redisplay/engine"
)

// FormatArgs renders an argument tree in the syntax redis-cli 7.0 builds
// from COMMAND DOCS for its hints and HELP: arguments separated by spaces,
// "[...]" around optional ones, "|" between choices, "TOKEN name" for
// tokens and " [name ...]" after a repeatable argument. For SET it gives
// "key value [NX|XX] [GET] [EX seconds|PX milliseconds|...|KEEPTTL]".
func FormatArgs(args []engine.Arg) string {
	return string(appendArgs(nil, args, " "))
}

func appendArgs(b []byte, args []engine.Arg, sep string) []byte {
	for i := range args {
		if i > 0 {
			b = append(b, sep...)
		}
		b = appendArg(b, &args[i])
	}
	return b
}

func appendArg(b []byte, a *engine.Arg) []byte {
	var repeat []byte
	switch a.Type {
	case engine.ArgOneOf:
		repeat = appendArgs(nil, a.Args, "|")
	case engine.ArgBlock:
		repeat = appendArgs(nil, a.Args, " ")
	case engine.ArgPureToken:
	default:
		repeat = appendOrEmpty(nil, a.Name)
	}
	var token []byte
	if a.Token != "" {
		token = append(token, a.Token...)
		if a.Type != engine.ArgPureToken {
			token = append(token, ' ')
		}
	}
	if a.Optional {
		b = append(b, '[')
	}
	b = append(b, token...)
	b = append(b, repeat...)
	if a.Multiple {
		b = append(b, " ["...)
		if a.MultipleToken {
			b = append(b, token...)
		}
		b = append(b, repeat...)
		b = append(b, " ...]"...)
	}
	if a.Optional {
		b = append(b, ']')
	}
	return b
}

// appendOrEmpty writes an empty name as "" so that it stays visible.
func appendOrEmpty(b []byte, s string) []byte {
	if s == "" {
		return append(b, `""`...)
	}
	return append(b, s...)
}

// helpEntry is one line of redis-cli's help table: a command, a
// subcommand ("CLIENT LIST") or a group ("@string").
type helpEntry struct {
	words   []string // upper-case words of the name
	full    string   // the words joined by a space
	group   bool     // a "@group" entry rather than a command
	params  string
	summary string
	since   string
	docs    string // the command's group, for "help @group"
}

var (
	helpOnce    sync.Once
	helpEntries []helpEntry
)

// entries returns the help table built from the engine's command table, as
// redis-cli builds it from COMMAND DOCS when it starts. Commands register
// in init functions, so the table is complete by the first call.
func entries() []helpEntry {
	helpOnce.Do(func() { helpEntries = buildEntries(engine.Commands()) })
	return helpEntries
}

func buildEntries(cmds []*engine.Command) []helpEntry {
	var out []helpEntry
	groups := map[string]bool{}
	var add func(c *engine.Command, words []string)
	add = func(c *engine.Command, words []string) {
		out = append(out, helpEntry{
			words:   words,
			full:    strings.Join(words, " "),
			params:  FormatArgs(c.Args),
			summary: c.Summary,
			since:   c.Since,
			docs:    c.Group,
		})
		if c.Group != "" {
			groups[c.Group] = true
		}
		for _, s := range c.Subcommands {
			add(s, []string{words[0], strings.ToUpper(s.Name)})
		}
	}
	for _, c := range cmds {
		add(c, []string{strings.ToUpper(c.Name)})
	}
	for g := range groups {
		out = append(out, helpEntry{words: []string{"@" + g}, full: "@" + g, group: true})
	}
	// redis-cli sorts its table case-insensitively by full name.
	sort.SliceStable(out, func(i, j int) bool {
		return strings.ToLower(out[i].full) < strings.ToLower(out[j].full)
	})
	return out
}

// hint returns redis-cli 7.0's hint for a typed line: the parameters of the
// longest command or subcommand name the line starts with, less one word
// for each argument typed after the name (up to the first optional one),
// with a leading space when the line does not end in a blank. ok is false
// when there is no hint.
func hint(table []helpEntry, line string) (string, bool) {
	argv, err := Split(line)
	if err != nil || len(argv) == 0 {
		return "", false
	}
	var entry *helpEntry
	matched := 0
	for i := range table {
		e := &table[i]
		if e.group || len(e.words) > len(argv) || len(e.words) <= matched {
			continue
		}
		j := 0
		for j < len(e.words) && strings.EqualFold(e.words[j], argv[j]) {
			j++
		}
		if j == len(e.words) {
			matched = j
			entry = e
		}
	}
	if entry == nil {
		return "", false
	}
	h := entry.params
	for remove := len(argv) - matched; remove > 0 && h != ""; h = h[1:] {
		if h[0] == '[' {
			break
		}
		if h[0] == ' ' {
			remove--
		}
	}
	if n := len(line); n == 0 || !isSpace(line[n-1]) {
		h = " " + h
	}
	return h, true
}

// complete returns redis-cli's Tab completions: every command name (and
// after "help ", every group) that starts with what was typed, case
// insensitively, in the table's order.
func complete(table []helpEntry, line string) []string {
	start := 0
	groups := false
	if len(line) >= 5 && strings.EqualFold(line[:5], "help ") {
		start = 5
		for start < len(line) && isSpace(line[start]) {
			start++
		}
		groups = true
	}
	typed := line[start:]
	var out []string
	for _, e := range table {
		if e.group && !groups {
			continue
		}
		if len(typed) <= len(e.full) && strings.EqualFold(typed, e.full[:len(typed)]) {
			out = append(out, line[:start]+e.full)
		}
	}
	return out
}
