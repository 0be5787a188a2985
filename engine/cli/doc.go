// Package cli reproduces what redis-cli 7.0 does in interactive mode: how it
// splits a typed line into arguments (Split), how it prints replies on a
// terminal (Format, FormatRaw), its prompt, hints, Tab completion and HELP.
//
// A front end (the browser terminal, lesson checks, tests) opens one
// Session per terminal pane and, for each line typed:
//
//	out := s.Run(line) // print out and a newline, unless out is ""
//	prompt := s.Prompt()
//
// Run returns ClearScreen for "clear"; a front end that is no ANSI terminal
// compares with it and empties its screen. After QUIT or EXIT, Closed
// reports true and the pane should end. Replies that come later (pub/sub
// messages, a BLPOP served by another pane) arrive, formatted, through the
// push function given to NewSession; while Waiting reports true redis-cli
// shows no prompt, as while Subscribed reports true; Interrupt is Ctrl-C.
// Hint gives the grey text to show after the cursor and Complete the Tab
// completions, both from the engine's command table; KeepInHistory says
// whether redis-cli would put the line in its history.
//
// Text is returned as redis-cli writes it, with two differences: HELP
// output has no ANSI colours and uses "\n" where redis-cli writes "\r\n",
// and a repeat count is capped at MaxRepeat. Raw replies (INFO, CLIENT
// LIST) keep the "\r\n" the server put in them.
package cli
