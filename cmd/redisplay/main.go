// Command redisplay is the native side of redisplay:
//
//	redisplay serve  [--addr 127.0.0.1:8080] [--dir dist]   serve the built site
//	redisplay server [flags]                                 a RESP server on TCP
//
// Build the site first with `go run ./scripts/build`.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `usage: redisplay <command> [flags]

commands:
  serve    serve the built site (dist/) over HTTP on 127.0.0.1
  server   run the engine as a Redis server speaking RESP over TCP

Run "redisplay <command> -h" for the flags of a command.
`

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "redisplay:", err)
		}
		os.Exit(2)
	}
}

// run dispatches a subcommand; it is main without the exit, for tests.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "server":
		return runServer(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
}
