package cli

import (
	"errors"

	"redisplay/engine/resp"
)

// ErrInvalidArgs is returned by Split for a line redis-cli refuses to send:
// an unterminated quote, or a closing quote glued to the next character.
var ErrInvalidArgs = errors.New("Invalid argument(s)")

// Split splits a typed line into arguments exactly as redis-cli's
// sdssplitargs does: blanks separate arguments, "..." understands \xHH,
// \n \r \t \b \a and takes any other escaped character literally, '...'
// only understands \', and a closing quote must be followed by a blank or
// the end of the line. A line of blanks gives no arguments and no error.
func Split(line string) ([]string, error) {
	// Redis's inline request parser is the same sdssplitargs, so one
	// implementation serves both.
	args, ok := resp.SplitArgs([]byte(line), nil)
	if !ok {
		return nil, ErrInvalidArgs
	}
	if args == nil {
		args = []string{}
	}
	return args, nil
}

// isSpace is C's isspace in the "C" locale.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// Quote returns arg written so that Split reads it back unchanged: as is
// when it is a plain word, otherwise in double quotes with escapes. Front
// ends use it to turn an argument vector back into a line (history, lesson
// snippets).
func Quote(arg string) string {
	plain := arg != ""
	for i := 0; i < len(arg) && plain; i++ {
		c := arg[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '\\' {
			plain = false
		}
	}
	if plain {
		return arg
	}
	return string(appendRepr(nil, arg))
}
