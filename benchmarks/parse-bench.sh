#!/usr/bin/env bash
# Whole-process benchmark of `mediawire parse --json` (or, with --validate, of
# `mediawire validate --format json`) beside `xmllint --stream` and feedparser 6.0.14,
# interleaved, medians of several rounds (../shared/bench/compare.py).
# Usage: benchmarks/parse-bench.sh [--validate] [--rounds N] [--mb N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=7
MB=5
CMD="parse {file} --json"
REPORT=parse-bench
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift 2 ;;
        --mb) MB=$2; shift 2 ;;
        --validate) CMD="validate {file} --format json"; REPORT=validate-bench; shift ;;
        *) echo "usage: $0 [--validate] [--rounds N] [--mb N]" >&2; exit 2 ;;
    esac
done
command -v xmllint >/dev/null || { echo "xmllint missing: apt-get install libxml2-utils" >&2; exit 2; }
if [ ! -x .venv-peers/bin/python ] || ! .venv-peers/bin/python -c 'import feedparser' 2>/dev/null; then
    python3 -m venv .venv-peers
    .venv-peers/bin/python -m pip install -q feedparser==6.0.14
fi
scripts/release.sh mediawire
python3 ../shared/bench/gen_feeds.py bench-data --mb "$MB"
.venv-peers/bin/python ../shared/bench/compare.py --python .venv-peers/bin/python --rounds "$ROUNDS" \
    --cmd "$PWD/.build/release/mediawire $CMD" \
    bench-data/news-rss20.xml bench-data/news-atom10.xml bench-data/news-rss20-small.xml \
    --report "bench-data/$REPORT.json"
