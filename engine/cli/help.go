package cli

import (
	"strings"

	"redisplay/engine"
)

// Version is the redis-cli version this package imitates; "help" prints it.
const Version = "7.0.15"

// genericHelp is what redis-cli prints for "help" with no topic.
const genericHelp = "redis-cli " + Version + "\n" +
	"To get help about Redis commands type:\n" +
	"      \"help @<group>\" to get a list of commands in <group>\n" +
	"      \"help <command>\" for help on <command>\n" +
	"      \"help <tab>\" to get a list of possible help topics\n" +
	"      \"quit\" to exit\n" +
	"\n" +
	"To set redis-cli preferences:\n" +
	"      \":set hints\" enable online hints\n" +
	"      \":set nohints\" disable online hints\n" +
	"Set your preferences in ~/.redisclirc\n"

// Help returns what redis-cli prints for "help" followed by topic words
// ("help", "help set", "help client list", "help @string"), without
// the trailing newline. redis-cli colours the name, parameters and labels
// with ANSI escapes; this text leaves them out, and writes "\n" where
// redis-cli writes "\r\n".
func Help(topic []string) string {
	return help(entries(), topic)
}

// CommandHelp returns the block redis-cli's "help" prints for one command
// or subcommand, without the blank line before it and the final newline;
// each of these lines starts with two spaces:
//
//	SET key value [NX|XX] ...
//	summary: ...
//	since: 1.0.0
//	group: string
func CommandHelp(c *engine.Command) string {
	words := []string{strings.ToUpper(c.Name)}
	if p := c.Parent(); p != nil {
		words = []string{strings.ToUpper(p.Name), words[0]}
	}
	e := helpEntry{words: words, full: strings.Join(words, " "), params: FormatArgs(c.Args),
		summary: c.Summary, since: c.Since, docs: c.Group}
	var b strings.Builder
	writeCommandHelp(&b, &e, true)
	return strings.Trim(b.String(), "\n")
}

func help(table []helpEntry, topic []string) string {
	if len(topic) == 0 {
		return strings.TrimSuffix(genericHelp, "\n")
	}
	var b strings.Builder
	group := ""
	if strings.HasPrefix(topic[0], "@") {
		group = topic[0][1:]
	}
	for i := range table {
		e := &table[i]
		if e.group {
			continue
		}
		if group == "" {
			if len(topic) > len(e.words) {
				continue
			}
			j := 0
			for j < len(topic) && strings.EqualFold(topic[j], e.words[j]) {
				j++
			}
			if j == len(topic) {
				writeCommandHelp(&b, e, true)
			}
		} else if strings.EqualFold(group, e.docs) {
			writeCommandHelp(&b, e, false)
		}
	}
	// redis-cli ends the listing with an empty line; the final newline is
	// the caller's.
	return b.String()
}

func writeCommandHelp(b *strings.Builder, e *helpEntry, withGroup bool) {
	b.WriteString("\n  ")
	b.WriteString(e.full)
	b.WriteByte(' ')
	b.WriteString(e.params)
	b.WriteString("\n  summary: ")
	b.WriteString(e.summary)
	if e.since != "" {
		b.WriteString("\n  since: ")
		b.WriteString(e.since)
	}
	if withGroup {
		b.WriteString("\n  group: ")
		b.WriteString(e.docs)
	}
	b.WriteByte('\n')
}
