# vetsd — common tasks. `make help` lists them.
SWIFT ?= swift

.PHONY: help deps build run test proto clean

help:
	@echo "make run     build and run vetsd with embedded defaults (data and socket in ./.vetsd)"
	@echo "make test    build everything and run every test (unit and end-to-end)"
	@echo "make proto   regenerate Sources/VetsAPI from proto/ (needs protoc)"
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

proto: deps
	scripts/proto.sh

clean:
	rm -rf .build
