// Package lessons holds the Markdown lessons and compiles them, at build time,
// into the data the site loads.
//
// A lesson file starts with front matter between two "---" lines (keys id and
// title), then an introduction, then steps. Each step begins with a "##"
// heading and holds prose, ```redis blocks (one command per line, rendered as
// buttons the reader clicks to paste into the terminal) and exactly one of:
//
//   - a ```check block: a redis-cli transcript ("> CMD" lines, each followed by
//     the exact lines redis-cli --no-raw prints for it) that the site runs with
//     read-only commands against the learner's data;
//   - a ```last block: one command in the same transcript syntax, for steps
//     that only read; the learner's last command and its formatted reply must
//     match it. It must repeat the step's final redis command.
//
// Fences may also be ```text for plain preformatted text.
//
// This package is build-time only: it uses encoding/json and goldmark, and it
// must never be imported by wasm/ (the browser build must stay small).
package lessons

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

//go:embed *.md
var files embed.FS

// Lesson is one compiled lesson file.
type Lesson struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Intro is the HTML of the text between the front matter and the first step.
	Intro string `json:"intro"`
	Steps []Step `json:"steps"`
}

// Step is one "##" section of a lesson.
type Step struct {
	// Title is the plain text of the step's heading.
	Title string `json:"title"`
	// HTML is the step's prose, with redis blocks as command buttons and
	// without its check or last block.
	HTML string `json:"html"`
	// Commands lists the step's redis commands in order, as typed.
	Commands []string `json:"commands"`
	// Check is the step's check transcript; empty when Last is set.
	Check []Exchange `json:"check"`
	// Last is the expected last command and reply; nil when Check is set.
	Last *Exchange `json:"last"`
}

// Exchange is one command of a transcript and what redis-cli prints for it.
type Exchange struct {
	// Cmd is the command line as a learner would type it into redis-cli.
	Cmd string `json:"cmd"`
	// Out is the exact redis-cli --no-raw output, lines joined by "\n",
	// without a final newline.
	Out string `json:"out"`
}

// Load parses every embedded lesson file, in file name order.
func Load() ([]Lesson, error) {
	return loadFS(files)
}

// JSON returns every lesson as a JSON array, the form the site loads.
func JSON() ([]byte, error) {
	ls, err := Load()
	if err != nil {
		return nil, err
	}
	return json.Marshal(ls)
}

func loadFS(fsys fs.FS) ([]Lesson, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("lessons: no lesson files")
	}
	var out []Lesson
	seen := map[string]string{}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		l, err := parse(name, src)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[l.ID]; dup {
			return nil, fmt.Errorf("%s:1: lesson id %q already used by %s", name, l.ID, prev)
		}
		seen[l.ID] = name
		out = append(out, l)
	}
	return out, nil
}

// parseError locates a problem in a lesson file, as "file:line: message".
type parseError struct {
	file string
	line int
	msg  string
}

func (e *parseError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg)
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// parser carries one file's state so that errors can name the file and line.
type parser struct {
	file string
	src  []byte // the Markdown after the front matter
	// lineOffset is the number of lines before src in the file.
	lineOffset int
}

func (p *parser) errAt(line int, format string, args ...any) error {
	return &parseError{file: p.file, line: line, msg: fmt.Sprintf(format, args...)}
}

// lineOf turns a byte offset into src into a 1-based line of the file.
func (p *parser) lineOf(off int) int {
	if off > len(p.src) {
		off = len(p.src)
	}
	return p.lineOffset + bytes.Count(p.src[:off], []byte("\n")) + 1
}

// nodeLine finds the file line where a node starts, as well as goldmark lets us.
func (p *parser) nodeLine(n ast.Node) int {
	if pos := n.Pos(); pos >= 0 {
		return p.lineOf(pos)
	}
	if fc, ok := n.(*ast.FencedCodeBlock); ok && fc.Info != nil {
		return p.lineOf(fc.Info.Segment.Start)
	}
	if n.Type() == ast.TypeBlock {
		if lines := n.Lines(); lines != nil && lines.Len() > 0 {
			line := p.lineOf(lines.At(0).Start)
			if _, fenced := n.(*ast.FencedCodeBlock); fenced {
				line-- // the opening fence sits above the first content line
			}
			return line
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return p.lineOf(t.Segment.Start)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if l := p.nodeLine(c); l > 0 {
			return l
		}
	}
	return 0
}

func parse(file string, src []byte) (Lesson, error) {
	p := &parser{file: file}
	var l Lesson
	body, lines, err := p.frontMatter(src, &l)
	if err != nil {
		return Lesson{}, err
	}
	p.src, p.lineOffset = body, lines

	md := goldmark.New()
	doc := md.Parser().Parse(text.NewReader(body))
	if err := p.rejectNestedFences(doc); err != nil {
		return Lesson{}, err
	}

	var intro bytes.Buffer
	var step *Step
	var stepLine int
	var stepHTML bytes.Buffer
	finish := func() error {
		if step == nil {
			return nil
		}
		if len(step.Check) == 0 && step.Last == nil {
			return p.errAt(stepLine, "step %q has no check or last block", step.Title)
		}
		step.HTML = stepHTML.String()
		l.Steps = append(l.Steps, *step)
		stepHTML.Reset()
		return nil
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		line := p.nodeLine(n)
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 1 {
				return Lesson{}, p.errAt(line, "level 1 heading: the lesson title belongs in the front matter")
			}
			if n.Level == 2 {
				if err := finish(); err != nil {
					return Lesson{}, err
				}
				title := strings.TrimSpace(plainText(n, body))
				if title == "" {
					return Lesson{}, p.errAt(line, "step heading is empty")
				}
				step = &Step{Title: title, Commands: []string{}, Check: []Exchange{}}
				stepLine = line
				continue
			}
		case *ast.FencedCodeBlock:
			lang := string(n.Language(body))
			content := blockLines(n, body)
			switch lang {
			case "text":
				// Rendered below like any other block.
			case "redis", "check", "last":
				if step == nil {
					return Lesson{}, p.errAt(line, "%s block in the introduction: it belongs in a step", lang)
				}
				if err := p.fence(step, lang, content, line, &stepHTML); err != nil {
					return Lesson{}, err
				}
				continue
			case "":
				return Lesson{}, p.errAt(line, "code block without a language: use redis, check, last or text")
			default:
				return Lesson{}, p.errAt(line, "unknown fence language %q: use redis, check, last or text", lang)
			}
		}
		w := &intro
		if step != nil {
			w = &stepHTML
		}
		if err := md.Renderer().Render(w, body, n); err != nil {
			return Lesson{}, p.errAt(line, "rendering: %v", err)
		}
	}
	if err := finish(); err != nil {
		return Lesson{}, err
	}
	if len(l.Steps) == 0 {
		return Lesson{}, p.errAt(lines+1, "lesson has no steps (a step starts with a ## heading)")
	}
	l.Intro = intro.String()
	return l, nil
}

// fence handles one redis, check or last block of a step.
func (p *parser) fence(step *Step, lang string, content []string, line int, w *bytes.Buffer) error {
	switch lang {
	case "redis":
		var cmds []string
		for i, c := range content {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			if strings.HasPrefix(c, "> ") {
				return p.errAt(line+1+i, "redis block line starts with \"> \": write the bare command")
			}
			cmds = append(cmds, c)
		}
		if len(cmds) == 0 {
			return p.errAt(line, "redis block has no command")
		}
		w.WriteString(`<div class="lesson-cmds">`)
		for _, c := range cmds {
			e := html.EscapeString(c)
			fmt.Fprintf(w, `<button type="button" class="lesson-cmd" data-cmd="%s">%s</button>`, e, e)
		}
		w.WriteString("</div>\n")
		step.Commands = append(step.Commands, cmds...)
	case "check", "last":
		if len(step.Check) > 0 || step.Last != nil {
			return p.errAt(line, "step %q already has a check or last block", step.Title)
		}
		ex, err := p.transcript(content, line)
		if err != nil {
			return err
		}
		if lang == "check" {
			step.Check = ex
			return nil
		}
		if len(ex) != 1 {
			return p.errAt(line, "last block must hold exactly one command, found %d", len(ex))
		}
		n := len(step.Commands)
		if n == 0 || step.Commands[n-1] != ex[0].Cmd {
			return p.errAt(line+1, "last block command %q is not the step's final redis command", ex[0].Cmd)
		}
		step.Last = &ex[0]
	}
	return nil
}

// transcript parses "> CMD" lines, each followed by its output lines.
// line is the file line of the opening fence.
func (p *parser) transcript(content []string, line int) ([]Exchange, error) {
	var ex []Exchange
	var out []string
	var cmdLine int
	flush := func() error {
		if len(ex) == 0 {
			return nil
		}
		if len(out) == 0 {
			return p.errAt(cmdLine, "command %q has no expected output", ex[len(ex)-1].Cmd)
		}
		ex[len(ex)-1].Out = strings.Join(out, "\n")
		out = nil
		return nil
	}
	for i, s := range content {
		if cmd, ok := strings.CutPrefix(s, "> "); ok {
			if err := flush(); err != nil {
				return nil, err
			}
			cmd = strings.TrimSpace(cmd)
			if cmd == "" {
				return nil, p.errAt(line+1+i, "empty command after \"> \"")
			}
			ex = append(ex, Exchange{Cmd: cmd})
			cmdLine = line + 1 + i
			continue
		}
		if len(ex) == 0 {
			if strings.TrimSpace(s) == "" {
				continue
			}
			return nil, p.errAt(line+1+i, "output before any \"> \" command")
		}
		out = append(out, s)
	}
	// Trailing blank lines are layout, not output.
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
		out = out[:len(out)-1]
	}
	if len(ex) == 0 {
		return nil, p.errAt(line, "transcript has no \"> \" command")
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return ex, nil
}

// frontMatter reads the leading "---" block into l and returns the rest of
// the file with the number of lines it skipped.
func (p *parser) frontMatter(src []byte, l *Lesson) ([]byte, int, error) {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return nil, 0, p.errAt(1, "missing front matter: the file must start with a \"---\" line")
	}
	line := 1
	for {
		line++
		nl := strings.IndexByte(rest, '\n')
		if nl < 0 {
			return nil, 0, p.errAt(1, "front matter is not closed by a \"---\" line")
		}
		kv := rest[:nl]
		rest = rest[nl+1:]
		if kv == "---" {
			break
		}
		if strings.TrimSpace(kv) == "" {
			continue
		}
		key, val, ok := strings.Cut(kv, ":")
		if !ok {
			return nil, 0, p.errAt(line, "front matter line is not \"key: value\"")
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
			val = val[1 : len(val)-1]
		}
		switch key {
		case "id":
			if !idPattern.MatchString(val) {
				return nil, 0, p.errAt(line, "id %q must be lower-case letters, digits and single dashes", val)
			}
			l.ID = val
		case "title":
			if val == "" {
				return nil, 0, p.errAt(line, "title is empty")
			}
			l.Title = val
		default:
			return nil, 0, p.errAt(line, "unknown front matter key %q", key)
		}
	}
	if l.ID == "" {
		return nil, 0, p.errAt(1, "front matter has no id")
	}
	if l.Title == "" {
		return nil, 0, p.errAt(1, "front matter has no title")
	}
	return []byte(rest), line, nil
}

// rejectNestedFences refuses redis/check/last blocks inside lists or quotes,
// which would otherwise silently render as plain code.
func (p *parser) rejectNestedFences(doc ast.Node) error {
	var err error
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !ok || !entering || n.Parent() == doc {
			return ast.WalkContinue, nil
		}
		switch lang := string(fc.Language(p.src)); lang {
		case "redis", "check", "last":
			err = p.errAt(p.nodeLine(fc), "%s block nested inside another block: put it at the top level", lang)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return err
}

// blockLines returns a code block's content lines without their newlines.
func blockLines(n ast.Node, src []byte) []string {
	var out []string
	segs := n.Lines()
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		out = append(out, strings.TrimRight(string(seg.Value(src)), "\r\n"))
	}
	return out
}

// plainText concatenates the literal text under an inline container.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
