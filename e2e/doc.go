// Package e2e drives Debian's Chromium (through chromedp) against the built
// site, typing into the real terminal and reading the real DOM.
//
// TestMain builds the site into a temporary directory with scripts/build, or
// uses the one named by the DIST environment variable, and serves it on a
// free 127.0.0.1 port. Without a browser the tests skip, unless CI is set,
// where they fail. CHROMIUM names another browser binary.
package e2e
