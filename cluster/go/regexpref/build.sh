#!/usr/bin/env bash
# Builds the regular-expression oracle (main.go here: Go's regexp package, as the API server
# compiles CRD patterns) into the cache and prints the binary's path (cold: the standard library
# only, a few seconds).
#
# Usage: cluster/go/regexpref/build.sh      Env: PODSMITH_CACHE, PODSMITH_BUILD_NICE (default 10)
exec "$(dirname "${BASH_SOURCE[0]}")/../build-oracle.sh" regexpref
