#!/usr/bin/env bash
# Builds the string-format oracle (main.go here: k8s.io/kube-openapi's validator and format
# registry, as the API server checks a custom resource's formats) into the cache and prints the
# binary's path (cold: a few seconds once the module is downloaded).
#
# Usage: cluster/go/formatref/build.sh      Env: PODSMITH_CACHE, PODSMITH_BUILD_NICE (default 10)
exec "$(dirname "${BASH_SOURCE[0]}")/../build-oracle.sh" formatref
