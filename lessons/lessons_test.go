package lessons

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"redisplay/engine"
	"redisplay/engine/cli"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lines joins its arguments into a file, so tests can count lines easily.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

const fm = "---\nid: t\ntitle: T\n---\n" // four lines

func TestParseLesson(t *testing.T) {
	src := lines(
		"---",
		"id: demo-1",
		`title: "Demo: one"`,
		"---",
		"",
		"Intro *text*.",
		"",
		"## First `SET` step",
		"",
		"Store it.",
		"",
		"```redis",
		`SET k "a <b> & 'c'"`,
		"",
		"GET k",
		"```",
		"",
		"### More",
		"",
		"```text",
		"plain <pre>",
		"```",
		"",
		"```check",
		"> GET k",
		`"a <b> & 'c'"`,
		"> LRANGE l 0 -1",
		`1) "x"`,
		`2) "y"`,
		"",
		"```",
		"",
		"## Read",
		"",
		"```redis",
		"GET k",
		"```",
		"",
		"```last",
		"> GET k",
		`"a <b> & 'c'"`,
		"```",
	)
	l, err := parse("demo.md", []byte(src))
	require.NoError(t, err)
	assert.Equal(t, "demo-1", l.ID)
	assert.Equal(t, "Demo: one", l.Title)
	assert.Equal(t, "<p>Intro <em>text</em>.</p>\n", l.Intro)
	require.Len(t, l.Steps, 2)

	s := l.Steps[0]
	assert.Equal(t, "First SET step", s.Title)
	assert.Equal(t, []string{`SET k "a <b> & 'c'"`, "GET k"}, s.Commands)
	assert.Equal(t, []Exchange{
		{Cmd: "GET k", Out: `"a <b> & 'c'"`},
		{Cmd: "LRANGE l 0 -1", Out: "1) \"x\"\n2) \"y\""},
	}, s.Check)
	assert.Nil(t, s.Last)
	assert.Equal(t, "<p>Store it.</p>\n"+
		`<div class="lesson-cmds">`+
		`<button type="button" class="lesson-cmd" data-cmd="SET k &#34;a &lt;b&gt; &amp; &#39;c&#39;&#34;">SET k &#34;a &lt;b&gt; &amp; &#39;c&#39;&#34;</button>`+
		`<button type="button" class="lesson-cmd" data-cmd="GET k">GET k</button>`+
		"</div>\n"+
		"<h3>More</h3>\n"+
		"<pre><code class=\"language-text\">plain &lt;pre&gt;\n</code></pre>\n", s.HTML)

	s = l.Steps[1]
	assert.Equal(t, "Read", s.Title)
	assert.Equal(t, []string{"GET k"}, s.Commands)
	assert.Empty(t, s.Check)
	assert.Equal(t, &Exchange{Cmd: "GET k", Out: `"a <b> & 'c'"`}, s.Last)
	assert.NotContains(t, s.HTML, "```")
	assert.NotContains(t, s.HTML, "&gt; GET", "last block must not be rendered")
}

func TestParseCRLF(t *testing.T) {
	src := strings.ReplaceAll(fm+lines("## S", "```redis", "PING", "```", "```last", "> PING", "PONG", "```"), "\n", "\r\n")
	l, err := parse("crlf.md", []byte(src))
	require.NoError(t, err)
	require.Len(t, l.Steps, 1)
	assert.Equal(t, []string{"PING"}, l.Steps[0].Commands)
	assert.Equal(t, &Exchange{Cmd: "PING", Out: "PONG"}, l.Steps[0].Last)
}

func TestParseErrors(t *testing.T) {
	step := lines("## S", "```redis", "PING", "```", "```last", "> PING", "PONG", "```")
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"no front matter", lines("# Hi"), `x.md:1: missing front matter: the file must start with a "---" line`},
		{"front matter not closed", lines("---", "id: a"), `x.md:1: front matter is not closed by a "---" line`},
		{"front matter line without colon", lines("---", "id a", "---"), `x.md:2: front matter line is not "key: value"`},
		{"bad id", lines("---", "id: Bad_ID", "title: T", "---"), `x.md:2: id "Bad_ID" must be lower-case letters, digits and single dashes`},
		{"empty title", lines("---", "id: a", "title:", "---"), `x.md:3: title is empty`},
		{"unknown key", lines("---", "id: a", "title: T", "author: me", "---"), `x.md:4: unknown front matter key "author"`},
		{"no id", lines("---", "title: T", "---"), `x.md:1: front matter has no id`},
		{"no title", lines("---", "id: a", "---"), `x.md:1: front matter has no title`},
		{"no steps", fm + lines("Just an intro."), `x.md:5: lesson has no steps (a step starts with a ## heading)`},
		{"level 1 heading", fm + lines("", "# Title") + step, `x.md:6: level 1 heading: the lesson title belongs in the front matter`},
		{"empty step heading", fm + lines("##", "```last", "> PING", "PONG", "```"), `x.md:5: step heading is empty`},
		{"redis in intro", fm + lines("```redis", "PING", "```") + step, `x.md:5: redis block in the introduction: it belongs in a step`},
		{"check in intro", fm + lines("```check", "> PING", "PONG", "```") + step, `x.md:5: check block in the introduction: it belongs in a step`},
		{"fence without language", fm + lines("## S", "", "```", "PING", "```"), `x.md:7: code block without a language: use redis, check, last or text`},
		{"unknown fence language", fm + lines("## S", "", "```redis-cli", "PING", "```"), `x.md:7: unknown fence language "redis-cli": use redis, check, last or text`},
		{"empty redis block", fm + lines("## S", "```redis", "", "```"), `x.md:6: redis block has no command`},
		{"redis line with prompt", fm + lines("## S", "```redis", "PING", "> PING", "```"), `x.md:8: redis block line starts with "> ": write the bare command`},
		{"step without check", fm + lines("## S", "```redis", "PING", "```", "## T") + step, `x.md:5: step "S" has no check or last block`},
		{"last step without check", fm + step + lines("## T", "", "Prose."), `x.md:13: step "T" has no check or last block`},
		{"two checks", fm + lines("## S", "```check", "> PING", "PONG", "```", "```check", "> PING", "PONG", "```"), `x.md:10: step "S" already has a check or last block`},
		{"check then last", fm + step + lines("```check", "> PING", "PONG", "```"), `x.md:13: step "S" already has a check or last block`},
		{"empty check", fm + lines("## S", "```check", "```"), `x.md:6: transcript has no "> " command`},
		{"check of blank lines", fm + lines("## S", "```check", "", "", "```"), `x.md:6: transcript has no "> " command`},
		{"output before command", fm + lines("## S", "```check", "PONG", "> PING", "PONG", "```"), `x.md:7: output before any "> " command`},
		{"command without output", fm + lines("## S", "```check", "> PING", "> GET k", "(nil)", "```"), `x.md:7: command "PING" has no expected output`},
		{"last command without output", fm + lines("## S", "```check", "> GET k", "(nil)", "> PING", "", "```"), `x.md:9: command "PING" has no expected output`},
		{"empty command", fm + lines("## S", "```check", ">  ", "PONG", "```"), `x.md:7: empty command after "> "`},
		{"last with two commands", fm + lines("## S", "```redis", "PING", "```", "```last", "> PING", "PONG", "> PING", "PONG", "```"), `x.md:9: last block must hold exactly one command, found 2`},
		{"last without commands", fm + lines("## S", "```last", "> PING", "PONG", "```"), `x.md:7: last block command "PING" is not the step's final redis command`},
		{"last not final command", fm + lines("## S", "```redis", "PING", "ECHO a", "```", "```last", "> PING", "PONG", "```"), `x.md:11: last block command "PING" is not the step's final redis command`},
		{"nested redis block", fm + lines("## S", "", "- item", "", "  ```redis", "  PING", "  ```"), `x.md:9: redis block nested inside another block: put it at the top level`},
		{"nested last block", fm + lines("## S", "", "> ```last", "> > PING", "> PONG", "> ```"), `x.md:7: last block nested inside another block: put it at the top level`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse("x.md", []byte(tt.src))
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestLoadFSErrors(t *testing.T) {
	good := fm + lines("## S", "```redis", "PING", "```", "```last", "> PING", "PONG", "```")
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no files", fstest.MapFS{"README.txt": {Data: []byte("x")}}, "lessons: no lesson files"},
		{"duplicate id", fstest.MapFS{
			"01-a.md": {Data: []byte(good)},
			"02-b.md": {Data: []byte(good)},
		}, `02-b.md:1: lesson id "t" already used by 01-a.md`},
		{"bad file", fstest.MapFS{
			"01-a.md": {Data: []byte(good)},
			"02-b.md": {Data: []byte("nope")},
		}, `02-b.md:1: missing front matter: the file must start with a "---" line`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFS(tt.fsys)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestLoadFSOrder(t *testing.T) {
	mk := func(id string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(strings.Replace(fm, "id: t", "id: "+id, 1) +
			lines("## S", "```redis", "PING", "```", "```last", "> PING", "PONG", "```"))}
	}
	ls, err := loadFS(fstest.MapFS{"02-b.md": mk("b"), "01-a.md": mk("a"), "10-c.md": mk("c")})
	require.NoError(t, err)
	var ids []string
	for _, l := range ls {
		ids = append(ids, l.ID)
	}
	assert.Equal(t, []string{"a", "b", "c"}, ids)
}

func TestLoadEmbedded(t *testing.T) {
	ls, err := Load()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(ls), 5)
	for _, l := range ls {
		assert.NotEmpty(t, l.Intro, l.ID)
		for _, s := range l.Steps {
			assert.NotEmpty(t, s.Commands, "%s/%s: every step gives the learner something to run", l.ID, s.Title)
			assert.True(t, (len(s.Check) > 0) != (s.Last != nil), "%s/%s: exactly one of check and last", l.ID, s.Title)
		}
	}
}

func TestJSONShape(t *testing.T) {
	b, err := JSON()
	require.NoError(t, err)
	var got []map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	ls, err := Load()
	require.NoError(t, err)
	require.Len(t, got, len(ls))
	for i, l := range got {
		assert.ElementsMatch(t, []string{"id", "title", "intro", "steps"}, keys(l))
		assert.Equal(t, ls[i].ID, l["id"])
		for j, s := range l["steps"].([]any) {
			sm := s.(map[string]any)
			assert.ElementsMatch(t, []string{"title", "html", "commands", "check", "last"}, keys(sm))
			assert.NotNil(t, sm["commands"], "commands is an array, never null")
			assert.NotNil(t, sm["check"], "check is an array, never null")
			if ls[i].Steps[j].Last == nil {
				assert.Nil(t, sm["last"])
			} else {
				assert.Equal(t, map[string]any{"cmd": ls[i].Steps[j].Last.Cmd, "out": ls[i].Steps[j].Last.Out}, sm["last"])
			}
			for _, c := range sm["check"].([]any) {
				assert.ElementsMatch(t, []string{"cmd", "out"}, keys(c.(map[string]any)))
			}
		}
	}
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// newEngine returns an engine whose clock stands still, so replies that
// depend on time (TTL after EXPIRE) are the same on every run.
func newEngine() *engine.Engine {
	now := time.Unix(1700000000, 0)
	return engine.New(engine.Options{Clock: func() time.Time { return now }})
}

// replay runs a lesson the way a learner would: every step's commands in one
// session, then the step's check through a second session (as the site does),
// reporting any disagreement with what the lesson promises.
func replay(t *testing.T, e *engine.Engine, l Lesson) {
	t.Helper()
	learner := cli.NewSession(e, nil)
	checker := cli.NewSession(e, nil)
	for _, s := range l.Steps {
		var last string
		for _, cmd := range s.Commands {
			last = learner.Run(cmd)
			// Some steps show an error on purpose, but never this one.
			assert.NotContains(t, last, "ERR unknown command", "%s / %s: %q", l.ID, s.Title, cmd)
		}
		if s.Last != nil {
			assert.Equal(t, s.Last.Out, last, "%s / %s: reply to %q", l.ID, s.Title, s.Last.Cmd)
		}
		for _, ex := range s.Check {
			assert.Equal(t, ex.Out, checker.Run(ex.Cmd), "%s / %s: check %q", l.ID, s.Title, ex.Cmd)
		}
	}
	// A lesson may end listening to a channel; its reader then presses
	// Ctrl-C, as it tells them, and that subscription ends.
	if learner.Subscribed() {
		learner.Interrupt()
	}
}

func TestLessonsReplay(t *testing.T) {
	ls, err := Load()
	require.NoError(t, err)
	for _, l := range ls {
		t.Run(l.ID, func(t *testing.T) { replay(t, newEngine(), l) })
	}
}

// TestLessonsReplayInOrder keeps one keyspace across all lessons, as the
// browser does, so a lesson cannot rely on a key an earlier one left behind
// or be broken by it.
func TestLessonsReplayInOrder(t *testing.T) {
	ls, err := Load()
	require.NoError(t, err)
	e := newEngine()
	for _, l := range ls {
		replay(t, e, l)
	}
}

// TestLessonsReplayTwice covers a learner who does a lesson again.
func TestLessonsReplayTwice(t *testing.T) {
	ls, err := Load()
	require.NoError(t, err)
	for _, l := range ls {
		t.Run(l.ID, func(t *testing.T) {
			e := newEngine()
			replay(t, e, l)
			replay(t, e, l)
		})
	}
}

// TestChecksAreReadOnly keeps checks from changing the learner's data.
func TestChecksAreReadOnly(t *testing.T) {
	ls, err := Load()
	require.NoError(t, err)
	for _, l := range ls {
		for _, s := range l.Steps {
			for _, ex := range s.Check {
				args, err := cli.Split(ex.Cmd)
				require.NoError(t, err, "%s / %s: %q", l.ID, s.Title, ex.Cmd)
				require.NotEmpty(t, args)
				c := engine.Lookup(args[0])
				require.NotNil(t, c, "%s / %s: unknown command %q", l.ID, s.Title, args[0])
				if sub := c.Subcommand(argAt(args, 1)); sub != nil {
					c = sub
				}
				// PUBSUB's subcommands carry no readonly flag, yet they only
				// count subscribers; the pub/sub lesson checks with them.
				introspect := c.Parent() != nil && c.Parent().Name == "pubsub"
				assert.True(t, c.HasFlag("readonly") || introspect, "%s / %s: check command %q is not read-only", l.ID, s.Title, ex.Cmd)
			}
		}
	}
}

// argAt returns args[i], or "" when there are fewer arguments.
func argAt(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// TestCommandsSplit keeps every clickable command and every transcript
// command free of quoting mistakes that redis-cli would refuse to send.
func TestCommandsSplit(t *testing.T) {
	ls, err := Load()
	require.NoError(t, err)
	for _, l := range ls {
		for _, s := range l.Steps {
			cmds := append([]string(nil), s.Commands...)
			for _, ex := range s.Check {
				cmds = append(cmds, ex.Cmd)
			}
			for _, c := range cmds {
				args, err := cli.Split(c)
				assert.NoError(t, err, "%s / %s: %q", l.ID, s.Title, c)
				assert.NotEmpty(t, args, "%s / %s: %q", l.ID, s.Title, c)
			}
		}
	}
}
