#!/usr/bin/env bash
# Whole-process validation benchmark: `mediawire validate --format json` beside
# `xmllint --stream` (and feedparser's parse, as a yardstick), interleaved, medians of several
# rounds (../shared/bench/compare.py). The W3C Feed Validation Service runs at about 0.004x of
# xmllint here; our bar is 0.25x.
# Usage: benchmarks/validate-bench.sh [--rounds N] [--mb N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=7
MB=5
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift 2 ;;
        --mb) MB=$2; shift 2 ;;
        *) echo "usage: $0 [--rounds N] [--mb N]" >&2; exit 2 ;;
    esac
done
command -v xmllint >/dev/null || { echo "xmllint missing: apt-get install libxml2-utils" >&2; exit 2; }
if [ ! -x .venv-peers/bin/python ] || ! .venv-peers/bin/python -c 'import feedparser' 2>/dev/null; then
    python3 -m venv .venv-peers
    .venv-peers/bin/python -m pip install -q feedparser==6.0.14
fi
swift build -c release --product mediawire
python3 ../shared/bench/gen_feeds.py bench-data --mb "$MB"
.venv-peers/bin/python ../shared/bench/compare.py --python .venv-peers/bin/python --rounds "$ROUNDS" \
    --cmd "$PWD/.build/release/mediawire validate {file} --format json" \
    bench-data/news-rss20.xml bench-data/news-atom10.xml \
    --report bench-data/validate-bench.json
