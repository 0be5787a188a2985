package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/evanw/esbuild/pkg/api"
)

// wasmExecModule is the import name under which site/src/widget-engine.ts
// loads Go's wasm_exec.js, which lives in GOROOT rather than in site/.
const wasmExecModule = "wasm-exec"

// embed bundles site/src/embed.ts into embed.js: one self-contained module
// a page includes to get <redis-playground>. It carries its stylesheet as
// text (for the shadow roots) and wasm_exec.js (run only when the first
// widget starts), and names the engine by content hash so the wasm stays
// cacheable forever while embed.js itself keeps a stable address.
func (b *builder) embed() error {
	site := filepath.Join(b.root, "site")
	opts := api.BuildOptions{
		AbsWorkingDir:       site,
		EntryPointsAdvanced: []api.EntryPoint{{InputPath: "src/embed.ts", OutputPath: "embed"}},
		Bundle:              true,
		Format:              api.FormatESModule,
		Target:              api.ES2022,
		Platform:            api.PlatformBrowser,
		Outdir:              b.out,
		Write:               false,
		LogLevel:            api.LogLevelSilent,
		Charset:             api.CharsetUTF8,
		Loader:              map[string]api.Loader{".css": api.LoaderText},
		Define: map[string]string{
			"__REDISPLAY_WASM__": strconv.Quote("redisplay.wasm?v=" + b.versions["redisplay.wasm"]),
		},
		Plugins: []api.Plugin{b.wasmExecPlugin()},
	}
	b.minify(&opts)
	return b.writeBundle("embed", opts, "embed.js")
}

// wasmExecPlugin resolves the wasm-exec import to GOROOT's wasm_exec.js.
func (b *builder) wasmExecPlugin() api.Plugin {
	return api.Plugin{
		Name: "wasm-exec",
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: "^" + wasmExecModule + "$"},
				func(api.OnResolveArgs) (api.OnResolveResult, error) {
					return api.OnResolveResult{Path: b.wasmExecSrc, Namespace: "goroot"}, nil
				})
			pb.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "goroot"},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					data, err := os.ReadFile(args.Path)
					if err != nil {
						return api.OnLoadResult{}, err
					}
					text := string(data)
					return api.OnLoadResult{Contents: &text, Loader: api.LoaderJS}, nil
				})
		},
	}
}

// minify sets the options shared by every bundle for a release or -dev
// build.
func (b *builder) minify(opts *api.BuildOptions) {
	if b.dev {
		opts.Sourcemap = api.SourceMapInline
		return
	}
	opts.MinifyWhitespace = true
	opts.MinifySyntax = true
	opts.MinifyIdentifiers = true
}

// writeBundle runs esbuild and writes its output files, requiring the
// named ones.
func (b *builder) writeBundle(what string, opts api.BuildOptions, want ...string) error {
	res := api.Build(opts)
	if err := esbuildErrors(what, res.Errors); err != nil {
		return err
	}
	wrote := map[string]bool{}
	for _, f := range res.OutputFiles {
		name := filepath.Base(f.Path)
		wrote[name] = true
		if err := b.write(name, f.Contents); err != nil {
			return err
		}
	}
	for _, name := range want {
		if !wrote[name] {
			return fmt.Errorf("esbuild %s wrote no %s", what, name)
		}
	}
	return nil
}
