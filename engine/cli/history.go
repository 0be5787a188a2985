package cli

import "strings"

// KeepInHistory reports whether redis-cli adds a typed line to its history:
// not a blank line, nor one with a bad repeat count, nor one that carries a
// password (AUTH, ACL SETUSER, CONFIG SET requirepass, HELLO ... AUTH,
// MIGRATE ... AUTH). A line it cannot split is kept, so it can be fixed.
func KeepInHistory(line string) bool {
	argv, err := Split(line)
	if err != nil {
		return true
	}
	if len(argv) == 0 {
		return false
	}
	if len(argv) > 1 {
		if _, ok, valid := parseRepeat(argv[0]); ok {
			if !valid {
				return false
			}
			argv = argv[1:]
		}
	}
	return !sensitive(argv)
}

// sensitive reports whether a command carries a secret.
func sensitive(argv []string) bool {
	is := func(i int, name string) bool { return i < len(argv) && strings.EqualFold(argv[i], name) }
	argc := len(argv)
	switch {
	case is(0, "auth"):
		return true
	case argc > 1 && is(0, "acl") && is(1, "setuser"):
		return true
	case argc > 2 && is(0, "config") && is(1, "set"):
		return is(2, "masterauth") || is(2, "masteruser") || is(2, "requirepass")
	case argc > 4 && is(0, "hello"):
		// HELLO protover [AUTH username password] [SETNAME name]
		for j := 2; j < argc; j++ {
			more := argc - 1 - j
			switch {
			case is(j, "auth") && more >= 2:
				return true
			case is(j, "setname") && more > 0:
				j++
			default:
				return false
			}
		}
	case argc > 7 && is(0, "migrate"):
		// The options follow host port key db timeout.
		for j := 6; j < argc; j++ {
			more := argc - 1 - j
			switch {
			case is(j, "auth") && more > 0:
				return true
			case is(j, "auth2") && more >= 2:
				return true
			case is(j, "keys") && more > 0:
				return false
			}
		}
	}
	return false
}
