#!/usr/bin/env bash
# Builds the YAML oracle (main.go here: sigs.k8s.io/yaml and apimachinery's YAMLReader, as
# kubectl and the API server read YAML, and apimachinery's unstructured decoder, as kubectl reads
# lists) into the cache and prints the binary's path (cold: downloads ~15 modules, ~100 MB, through
# the Go module proxy and compiles ~85 packages besides the standard library).
#
# Usage: cluster/go/yamlref/build.sh      Env: PODSMITH_CACHE, PODSMITH_BUILD_NICE (default 10)
exec "$(dirname "${BASH_SOURCE[0]}")/../build-oracle.sh" yamlref
