# redisplay: `make serve` builds and serves the site; `make test` runs every test.
# Both install what they need (Debian chromium, redis-server) when it is missing.

GO      ?= go
ADDR    ?= 127.0.0.1:8080
# FUZZTIME counts executions rather than seconds: a time limit can expire
# while a fuzz worker is busy, which go test reports as a failure.
FUZZTIME ?= 300000x
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build serve test deps vet unit fuzz bench clean

all: build

# deps installs the system packages the tests and benchmarks use, only when one is missing.
deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v redis-cli >/dev/null 2>&1 || missing="$$missing redis-tools"; \
	command -v redis-benchmark >/dev/null 2>&1 || missing="$$missing redis-tools"; \
	command -v brotli >/dev/null 2>&1 || missing="$$missing brotli"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

build:
	$(GO) run ./scripts/build

serve: build
	$(GO) run ./cmd/redisplay serve --addr $(ADDR) --dir dist

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./engine/...

unit:
	$(GO) test -count=1 ./...

# fuzz runs every fuzz target briefly; the seed corpora also run in `unit`.
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzSplit$$' -fuzztime=$(FUZZTIME) ./engine/cli
	$(GO) test -run='^$$' -fuzz='^FuzzReadRequest$$' -fuzztime=$(FUZZTIME) ./engine/resp
	$(GO) test -run='^$$' -fuzz='^FuzzReadValue$$' -fuzztime=$(FUZZTIME) ./engine/resp
	$(GO) test -run='^$$' -fuzz='^FuzzLoad$$' -fuzztime=$(FUZZTIME) ./engine/persist
	$(GO) test -run='^$$' -fuzz='^FuzzLongDouble$$' -fuzztime=$(FUZZTIME) ./engine

test: deps build vet unit fuzz

# bench compares the native server with redis-server side by side (ratios),
# then reports the wasm's compressed size and the time to a ready prompt.
bench: deps build
	$(GO) run ./scripts/bench
	@ls -l dist/*.wasm dist/*.wasm.gz dist/*.wasm.br 2>/dev/null | awk '{print $$5, $$9}'
	DIST=$(CURDIR)/dist $(GO) test -run='^$$' -bench=PageReady -benchtime=10x ./e2e
	$(GO) test -run='^$$' -bench=. ./engine/...

clean:
	rm -rf dist
