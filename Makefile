# dossier — common tasks. `make test` is what CI runs (.ci/run).
GO        ?= go
PKGS      := ./...
FUZZTIME  ?= 10m
BENCHTIME ?= 1x

.PHONY: all build test bench lint fuzz samples clean

all: lint test build

## build: compile the dossier binary into ./bin/dossier
build:
	$(GO) build -trimpath -o bin/dossier ./cmd/dossier

## test: unit, integration and end-to-end tests, the fuzz seed corpora, and the gofmt/vet lint
test: lint
	$(GO) test -count=1 $(PKGS)

## bench: speed and memory targets, on two cores as the targets are stated
bench:
	$(GO) test -run='^$$' -bench=. -benchmem -cpu 2 -benchtime=$(BENCHTIME) $(PKGS)

## lint: formatting and vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## fuzz: run every fuzz target for FUZZTIME each (default 10m)
fuzz:
	FUZZTIME=$(FUZZTIME) ./scripts/fuzz.sh

## samples: build the sample reports into build/
samples:
	$(GO) run ./cmd/dossier build

clean:
	rm -rf bin build/*/
