#!/usr/bin/env bash
# Whole-process validation benchmark: `mediawire validate --format json` beside `xmllint --stream`
# (the W3C Feed Validation Service runs at about 0.004x of xmllint; our bar is 0.25x).
# Usage: benchmarks/validate-bench.sh [--rounds N] [--mb N]
exec "$(dirname "$0")/parse-bench.sh" --validate "$@"
