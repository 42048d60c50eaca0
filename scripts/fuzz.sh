#!/usr/bin/env bash
# npm run test:fuzz: the property tests with fresh random seeds, FUZZ_ROUNDS rounds (default 20).
# A failure prints fast-check's seed; replay it with PODSMITH_FC_SEED=<seed> npx jest <file>.
set -euo pipefail
rounds="${FUZZ_ROUNDS:-20}"
for i in $(seq "$rounds"); do
  echo "fuzz round $i/$rounds" >&2
  PODSMITH_FC_SEED=random npx jest --ci --silent \
    test/validate/fast-yaml.test.ts test/validate/input.test.ts test/validate/standalone.test.ts \
    test/unit/constructs-property.test.ts test/unit/dockerfile-property.test.ts
done
