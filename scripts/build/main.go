// Command build writes the static site to dist/ (or -o DIR): the engine
// compiled to WebAssembly, the TypeScript and CSS of site/ bundled by
// esbuild, Go's wasm_exec.js, index.html and the compiled lessons, the
// embeddable widget (embed.js and an example page), the web app manifest
// and its icons, and the service worker that keeps all of it for offline
// use, with gzip (and, when the brotli tool is installed, brotli) copies of
// the larger files for servers that send precompressed files.
//
// Run it from anywhere inside the module: go run ./scripts/build
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"

	"redisplay/lessons"
)

func main() {
	out := flag.String("o", "dist", "output directory (relative to the module root unless absolute)")
	dev := flag.Bool("dev", false, "skip minification and keep source maps, for debugging")
	quiet := flag.Bool("q", false, "do not print the size table")
	inline := flag.Bool("inline", false, "let the compiler inline in the wasm build: a little faster, about 55 KB larger gzipped")
	flag.Parse()
	if err := run(*out, *dev, *quiet, *inline); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(out string, dev, quiet, inline bool) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	b := &builder{root: root, out: out, dev: dev, inline: inline, versions: map[string]string{}}
	// The order matters: embed.js names the wasm by its hash, index.html
	// every asset, and the service worker everything it precaches.
	steps := []func() error{b.wasm, b.wasmExec, b.bundle, b.lessons, b.embed, b.static, b.index, b.serviceWorker, b.compress}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if !quiet {
		return b.report(os.Stdout)
	}
	return nil
}

// moduleRoot finds the directory holding go.mod, so the build works from
// any working directory inside the module.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working directory")
		}
		dir = parent
	}
}

type builder struct {
	root, out string
	dev       bool
	// inline keeps inlining on in the wasm build (see wasm).
	inline bool
	// versions maps an output file to a short hash of its content; index.html
	// links files as name?v=hash so browsers may cache them forever.
	versions map[string]string
	// wasmExecSrc is the path of Go's wasm_exec.js, bundled into embed.js.
	wasmExecSrc string
	// build is the hash of every precached file, naming the offline cache.
	build string
}

func (b *builder) write(name string, data []byte) error {
	sum := sha256.Sum256(data)
	b.versions[name] = hex.EncodeToString(sum[:])[:10]
	path := filepath.Join(b.out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func goCmd(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	return cmd
}

func (b *builder) wasm() error {
	target := filepath.Join(b.out, "redisplay.wasm")
	args := []string{"build", "-trimpath", "-o", target}
	if !b.dev {
		args = append(args, "-ldflags=-s -w")
	}
	if !b.inline {
		// Without inlining the wasm is ~5% larger raw but ~55 KB (5%) smaller
		// gzipped and brotlied, the size a learner downloads; a command
		// costs ~10% more CPU, small beside the ~10 µs JS→Go crossing.
		args = append(args, "-gcflags=all=-l")
	}
	args = append(args, "./wasm")
	if err := goCmd(b.root, []string{"GOOS=js", "GOARCH=wasm"}, args...).Run(); err != nil {
		return fmt.Errorf("go build ./wasm: %w", err)
	}
	data, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	return b.write("redisplay.wasm", data)
}

// wasmExec copies the JavaScript support file of the Go that builds the
// wasm: the two must come from the same Go release.
func (b *builder) wasmExec() error {
	goroot, err := goCmd(b.root, nil, "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	src := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")
	b.wasmExecSrc = src
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if !b.dev {
		res := api.Transform(string(data), api.TransformOptions{
			Loader:            api.LoaderJS,
			Target:            api.ES2022,
			MinifyWhitespace:  true,
			MinifySyntax:      true,
			MinifyIdentifiers: true,
		})
		if err := esbuildErrors("wasm_exec.js", res.Errors); err != nil {
			return err
		}
		data = res.Code
	}
	return b.write("wasm_exec.js", data)
}

func esbuildErrors(what string, msgs []api.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	lines := api.FormatMessages(msgs, api.FormatMessagesOptions{Kind: api.ErrorMessage})
	return fmt.Errorf("esbuild %s:\n%s", what, strings.Join(lines, ""))
}

// bundle compiles site/src/main.ts and site/style.css into app.js and app.css.
func (b *builder) bundle() error {
	site := filepath.Join(b.root, "site")
	opts := api.BuildOptions{
		AbsWorkingDir: site,
		EntryPointsAdvanced: []api.EntryPoint{
			{InputPath: "src/main.ts", OutputPath: "app"},
			{InputPath: "style.css", OutputPath: "app"},
		},
		Bundle:   true,
		Format:   api.FormatESModule,
		Target:   api.ES2022,
		Platform: api.PlatformBrowser,
		Outdir:   b.out,
		Write:    false,
		LogLevel: api.LogLevelSilent,
		Charset:  api.CharsetUTF8,
	}
	b.minify(&opts)
	return b.writeBundle("site", opts, "app.js", "app.css")
}

func (b *builder) lessons() error {
	data, err := lessons.JSON()
	if err != nil {
		return fmt.Errorf("lessons: %w", err)
	}
	return b.write("lessons.json", data)
}

// index writes site/index.html with each local asset linked by content
// hash, so a new build is never hidden by a cached old file.
func (b *builder) index() error {
	page, err := os.ReadFile(filepath.Join(b.root, "site", "index.html"))
	if err != nil {
		return err
	}
	html := string(page)
	for _, name := range hashed {
		ref := `href="` + name + `"`
		if !strings.Contains(html, ref) {
			ref = `src="` + name + `"`
		}
		if !strings.Contains(html, ref) {
			return fmt.Errorf("site/index.html does not link %s", name)
		}
		html = strings.Replace(html, ref, strings.TrimSuffix(ref, `"`)+"?v="+b.versions[name]+`"`, 1)
	}
	return b.write("index.html", []byte(html))
}

// compressible lists the file types worth precompressing.
var compressible = map[string]bool{".wasm": true, ".js": true, ".css": true, ".html": true, ".json": true, ".svg": true, ".webmanifest": true}

// compress writes name.gz beside every compressible file and name.br when
// the brotli tool is installed (it is optional: gzip alone works everywhere).
// The copies are made in parallel: brotli's best level on the wasm file
// takes seconds.
func (b *builder) compress() error {
	brotli, _ := exec.LookPath("brotli")
	if brotli == "" {
		fmt.Fprintln(os.Stderr, "build: brotli not found, writing gzip copies only (apt-get install brotli)")
	}
	names, err := b.files()
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(names))
	for _, name := range names {
		if !compressible[filepath.Ext(name)] {
			continue
		}
		path := filepath.Join(b.out, name)
		wg.Go(func() { errs <- gzipFile(path) })
		if brotli != "" {
			wg.Go(func() {
				cmd := exec.Command(brotli, "--best", "--force", "--keep", "--output="+path+".br", path)
				cmd.Stderr = os.Stderr
				if err := cmd.Run(); err != nil {
					errs <- fmt.Errorf("brotli %s: %w", name, err)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

func gzipFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	w, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(path+".gz", gz.Bytes(), 0o644)
}

// files lists the output files, relative to the output directory.
func (b *builder) files() ([]string, error) {
	var names []string
	err := filepath.WalkDir(b.out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(b.out, path)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	sort.Strings(names)
	return names, err
}

func (b *builder) report(w io.Writer) error {
	names, err := b.files()
	if err != nil {
		return err
	}
	size := func(name string) string {
		st, err := os.Stat(filepath.Join(b.out, name))
		if err != nil {
			return "-"
		}
		return kb(st.Size())
	}
	fmt.Fprintf(w, "%-24s %10s %10s %10s\n", "file", "raw", "gzip", "brotli")
	for _, name := range names {
		if ext := filepath.Ext(name); ext == ".gz" || ext == ".br" {
			continue
		}
		fmt.Fprintf(w, "%-24s %10s %10s %10s\n", name, size(name), size(name+".gz"), size(name+".br"))
	}
	rel, err := filepath.Rel(b.root, b.out)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = b.out
	}
	// DESIGN.md's budget for what a learner downloads before the first prompt.
	if st, err := os.Stat(filepath.Join(b.out, "redisplay.wasm.gz")); err == nil && st.Size() > wasmGzipBudget {
		fmt.Fprintf(w, "note: redisplay.wasm is %s gzipped, over the %s budget\n", kb(st.Size()), kb(wasmGzipBudget))
	}
	if b.build != "" {
		fmt.Fprintf(w, "offline cache: redisplay-%s\n", b.build)
	}
	fmt.Fprintf(w, "wrote %s/\n", rel)
	return nil
}

// wasmGzipBudget is the most the engine should weigh gzipped.
const wasmGzipBudget = 1 << 20

func kb(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}
