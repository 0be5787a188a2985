package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// hashed are the files index.html links as name?v=hash (see index).
var hashed = []string{"app.css", "app.js", "wasm_exec.js", "redisplay.wasm"}

// staticFiles are copied from site/ as they are.
var staticFiles = []string{"manifest.webmanifest", "embed-example.html", "icons/icon.svg", "icons/icon-maskable.svg"}

// static copies the manifest, its icons and the widget's example page.
func (b *builder) static() error {
	for _, name := range staticFiles {
		data, err := os.ReadFile(filepath.Join(b.root, "site", filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		if err := b.write(name, data); err != nil {
			return err
		}
	}
	return nil
}

// precache lists the address of every file the service worker keeps,
// relative to it: the whole output but the worker itself and the
// compressed copies, index.html as the site's root, and the files
// index.html links by hash under that same address, so the page's requests
// hit the cache exactly.
func (b *builder) precache() ([]string, error) {
	names, err := b.files()
	if err != nil {
		return nil, err
	}
	var urls []string
	for _, name := range names {
		switch {
		case name == "sw.js" || path.Ext(name) == ".gz" || path.Ext(name) == ".br":
		case name == "index.html":
			urls = append(urls, "./")
		case slices.Contains(hashed, name):
			urls = append(urls, name+"?v="+b.versions[name])
		default:
			urls = append(urls, name)
		}
	}
	return urls, nil
}

// buildHash names a build by the content of every precached file: any
// change to any of them gives a new service worker and a new cache.
func (b *builder) buildHash(urls []string) (string, error) {
	h := sha256.New()
	for _, u := range urls {
		name := strings.SplitN(u, "?", 2)[0]
		if name == "./" {
			name = "index.html"
		}
		v, ok := b.versions[name]
		if !ok {
			return "", fmt.Errorf("precache: no hash for %s", name)
		}
		fmt.Fprintf(h, "%s %s\n", u, v)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// serviceWorker bundles site/sw.ts into sw.js with the precache list and
// the build hash built in. It stays at the root of the output so its scope
// is the whole site; `redisplay serve` sends it with Cache-Control:
// no-cache, so a new build is seen on the next visit.
func (b *builder) serviceWorker() error {
	urls, err := b.precache()
	if err != nil {
		return err
	}
	b.build, err = b.buildHash(urls)
	if err != nil {
		return err
	}
	quoted := make([]string, len(urls))
	for i, u := range urls {
		quoted[i] = strconv.Quote(u)
	}
	opts := api.BuildOptions{
		AbsWorkingDir:       filepath.Join(b.root, "site"),
		EntryPointsAdvanced: []api.EntryPoint{{InputPath: "sw.ts", OutputPath: "sw"}},
		Bundle:              true,
		Format:              api.FormatIIFE,
		Target:              api.ES2022,
		Platform:            api.PlatformBrowser,
		Outdir:              b.out,
		Write:               false,
		LogLevel:            api.LogLevelSilent,
		Charset:             api.CharsetUTF8,
		Define: map[string]string{
			"__BUILD__":    strconv.Quote(b.build),
			"__PRECACHE__": "[" + strings.Join(quoted, ",") + "]",
		},
	}
	b.minify(&opts)
	return b.writeBundle("service worker", opts, "sw.js")
}
