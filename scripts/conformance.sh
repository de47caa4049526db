#!/usr/bin/env bash
# Runs the shared conformance suites against a built mediawire binary and fails when a floor
# is missed. Usage: scripts/conformance.sh [path/to/mediawire]   (default .build/debug/mediawire)
# Needs ../shared beside the project, python3, and (for the differential) feedparser 6.0.14 in
# .venv-peers (created here when missing; PyPI only).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/mediawire}
SHARED=../shared
FP_FLOOR=97      # feedparser file cases, sanitize/ and base/ excluded (issue #2; #7: must not drop)
SANITIZE_FLOOR=95 # feedparser sanitize/ and base/ folders (issue #7)
HTTP_FLOOR=80    # feedparser HTTP cases through --http simulate
DIFF_FLOOR=95    # field agreement with feedparser on the real-world corpus
FV_STRICT_FLOOR=95   # W3C feedvalidator testcases, strict (issue #17)
FV_LOOSE_FLOOR=98    # W3C feedvalidator testcases, has-an-error agreement (issue #17)
OUT=${CONFORMANCE_OUT:-.build/conformance}
mkdir -p "$OUT"
fail=0

pct() { awk '/^TOTAL/ {gsub("%","",$6); print $6}' "$1"; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# feedparser's corpus through its harness: NAME FLOOR [harness options...]
feedparser_suite() {
    local name=$1 floor=$2; shift 2
    python3 $SHARED/conformance/feedparser/run.py $SHARED/conformance/feedparser/tests \
        --cmd "$BIN parse {file} --json" --exclude 'wellformed/sanitize/*' --exclude 'wellformed/base/*' \
        --failures "$OUT/$name-failures.txt" --jobs 2 "$@" > "$OUT/$name.txt" || true
    cat "$OUT/$name.txt"
    local p
    p=$(pct "$OUT/$name.txt")
    if below "$p" "$floor"; then echo "FLOOR MISSED: $name $p% < $floor%"; fail=1; fi
}

echo "== feedparser conformance (file cases)"
feedparser_suite feedparser $FP_FLOOR

echo "== feedparser conformance (sanitize and base: HTML made safe, relative URIs resolved)"
python3 $SHARED/conformance/feedparser/run.py $SHARED/conformance/feedparser/tests \
    --cmd "$BIN parse {file} --json" --include 'wellformed/sanitize/*' --include 'wellformed/base/*' \
    --failures "$OUT/sanitize-failures.txt" --jobs 2 > "$OUT/sanitize.txt" || true
cat "$OUT/sanitize.txt"
p=$(pct "$OUT/sanitize.txt")
if below "$p" "$SANITIZE_FLOOR"; then echo "FLOOR MISSED: sanitize/base $p% < $SANITIZE_FLOOR%"; fail=1; fi

echo "== feedparser conformance (HTTP cases, simulated)"
feedparser_suite feedparser-http $HTTP_FLOOR --http simulate \
    --http-cmd "$BIN parse {file} --url {url} --headers {headers} --json" --include '*http*'

echo "== differential against feedparser on the corpus"
if [ ! -x .venv-peers/bin/python ] || ! .venv-peers/bin/python -c 'import feedparser' 2>/dev/null; then
    python3 -m venv .venv-peers
    .venv-peers/bin/python -m pip install -q feedparser==6.0.14
fi
.venv-peers/bin/python $SHARED/conformance/differential/run.py $SHARED/corpus \
    --cmd "$BIN parse {file} --json" --jobs 2 --timeout 30 \
    --failures "$OUT/differential-failures.txt" > "$OUT/differential.txt"
tail -n 25 "$OUT/differential.txt"
line=$(grep '^differential:' "$OUT/differential.txt")
agree=$(echo "$line" | sed -E 's/.*agreement ([0-9.]+)%.*/\1/')
crashes=$(echo "$line" | sed -E 's/.*crashes ([0-9]+).*/\1/')
timeouts=$(echo "$line" | sed -E 's/.*timeouts ([0-9]+).*/\1/')
if below "$agree" $DIFF_FLOOR; then echo "FLOOR MISSED: differential agreement $agree% < $DIFF_FLOOR%"; fail=1; fi
if [ "$crashes" != 0 ] || [ "$timeouts" != 0 ]; then echo "FLOOR MISSED: $crashes crashes, $timeouts timeouts"; fail=1; fi

echo "== W3C Feed Validation Service testcases"
python3 $SHARED/conformance/feedvalidator/run.py $SHARED/conformance/feedvalidator/testcases \
    --cmd "$BIN validate {file} --format json" --jobs 2 --list-failures 0 \
    --out "$OUT/feedvalidator.json" > "$OUT/feedvalidator.txt" || true
cat "$OUT/feedvalidator.txt"
fv=$(grep '^OVERALL' "$OUT/feedvalidator.txt")
strict=$(echo "$fv" | sed -E 's/.*strict +[0-9]+\/[0-9]+ +([0-9.]+)%.*/\1/')
loose=$(echo "$fv" | sed -E 's/.*loose +[0-9]+\/[0-9]+ +([0-9.]+)%.*/\1/')
fp=$(echo "$fv" | sed -E 's/.*FP +([0-9]+)\/.*/\1/')
fvbad=$(echo "$fv" | sed -E 's/.*crash ([0-9]+) timeout ([0-9]+) badjson ([0-9]+).*/\1\2\3/')
if below "$strict" $FV_STRICT_FLOOR; then echo "FLOOR MISSED: feedvalidator strict $strict% < $FV_STRICT_FLOOR%"; fail=1; fi
if below "$loose" $FV_LOOSE_FLOOR; then echo "FLOOR MISSED: feedvalidator loose $loose% < $FV_LOOSE_FLOOR%"; fail=1; fi
if [ "$fp" != 0 ]; then echo "FLOOR MISSED: $fp false positives on valid feeds"; fail=1; fi
if [ "$fvbad" != 000 ]; then echo "FLOOR MISSED: validator crashes, timeouts or bad JSON ($fv)"; fail=1; fi

echo "== the demo wire, read by feedparser (a real client) and checked against RFC 4287's schema"
demo=$(mktemp -d)
cp -r feeds "$demo/feeds"
if "$BIN" run --config "$demo/feeds/demo.yaml" > "$OUT/demo-run.txt" 2>&1; then
    entries=$(grep -c '<entry>' "$demo/.mediawire/demo-wire.atom" || true)
    .venv-peers/bin/python scripts/wire-reader-check.py "$demo/.mediawire/demo-wire.atom" "$entries" || fail=1
    xmllint --noout --relaxng $SHARED/schema/atom.rng "$demo/.mediawire/demo-wire.atom" || fail=1
    "$BIN" validate "$demo/.mediawire/demo-wire.atom" | tail -n 1
    "$BIN" validate "$demo/.mediawire/demo-wire.atom" --format json | python3 -c '
import json, sys
found = [d for d in json.load(sys.stdin) if d["severity"] != "info"]
sys.exit("validator findings on the demo wire: %s" % found if found else 0)' || fail=1
else
    cat "$OUT/demo-run.txt"; echo "FAILED: mediawire run on the demo wire"; fail=1
fi
rm -rf "$demo"

echo "== the shared corpus through the whole pipeline: every wire valid (our validator, RELAX NG, feedparser)"
if ! .venv-peers/bin/python scripts/corpus-wire.py --bin "$BIN" > "$OUT/corpus-wire.txt" 2>&1; then
    echo "FLOOR MISSED: a corpus wire has problems"; fail=1
fi
grep -v '^    ' "$OUT/corpus-wire.txt" | tail -n 14

if [ $fail = 0 ]; then echo "conformance floors: all met"; fi
exit $fail
