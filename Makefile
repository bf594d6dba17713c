# vetsd — common tasks. `make help` lists them.
SWIFT ?= swift
PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
CONFIGURATION ?= release

.PHONY: help deps build run test interop bench soak crash-test proto install clean

help:
	@echo "make run     build and run vetsd with embedded defaults (data and socket in ./.vetsd)"
	@echo "make test    build everything and run every test: unit, end-to-end, the Python and C"
	@echo "             interop suites and the install check"
	@echo "make install install vetsd, vetsctl, the config, the systemd unit, man pages and shell"
	@echo "             completions (PREFIX=/usr/local SYSCONFDIR=/etc DESTDIR= CONFIGURATION=release)"
	@echo "make bench   the benchmark suite against baselines measured in the same run"
	@echo "             (PEOPLE=1000000 SECONDS=5 BENCH_ARGS=; see Benchmarks/README.md)"
	@echo "make soak    64 clients mixing reads and durable writes for DURATION seconds (default 60)"
	@echo "make crash-test  SIGKILL the daemon under concurrent writes, ROUNDS times (SEED= replays)"
	@echo "make proto   regenerate Sources/VetsAPI/Generated from proto/ (needs protoc)"
	@echo "make deps    install the Debian packages the build and tests need"

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

run: deps
	$(SWIFT) run vetsd

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/Interop/python/run.sh
	scripts/test-install.sh

# The Python grpcio suite alone, against the debug build.
interop: deps
	$(SWIFT) build --product vetsd
	Tests/Interop/python/run.sh

PEOPLE ?= 1000000
SECONDS ?= 5
bench: deps
	$(SWIFT) build -c release --product vetsd
	$(SWIFT) build -c release --product vetsctl
	$(SWIFT) build -c release --product vets-bench
	bin="$$($(SWIFT) build -c release --show-bin-path)"; \
	  "$$bin/vets-bench" --bin "$$bin" --people $(PEOPLE) --seconds $(SECONDS) $(BENCH_ARGS)

DURATION ?= 60
soak: deps
	$(SWIFT) build -c release --product vetsd
	$(SWIFT) build -c release --product vets-bench
	bin="$$($(SWIFT) build -c release --show-bin-path)"; \
	  "$$bin/vets-bench" --bin "$$bin" --only soak --seconds $(DURATION) --out soak-results.json

crash-test: deps
	ROUNDS="$(ROUNDS)" SEED="$(SEED)" scripts/crash-test.sh

install:
	SWIFT="$(SWIFT)" PREFIX="$(PREFIX)" SYSCONFDIR="$(SYSCONFDIR)" CONFIGURATION="$(CONFIGURATION)" DESTDIR="$(DESTDIR)" \
	  scripts/install.sh

proto: deps
	scripts/proto.sh

clean:
	rm -rf .build
