#!/usr/bin/env bash
# Fuzz MediaWire's readers of outside input with libFuzzer (the toolchain's).
#
#   scripts/fuzz.sh TARGET SECONDS      one target: feed json-feed html validator style config opml http
#   scripts/fuzz.sh all SECONDS         every target, one after the other
#
# Builds .build-fuzz/release/mediawire-fuzz with -sanitize=fuzzer,address, seeds each target
# from the bundled demo and, when it is there, ../shared (the corpus and the conformance suites),
# and runs it with a 1 s limit per input. A crash, a sanitizer report or a slow input leaves the
# input in bench-data/fuzz/TARGET/ (crash-*, timeout-*, oom-*) and fails the script: copy it,
# small, to Tests/FuzzTests/Fuzz/TARGET/ with the fix, so swift test replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET|all SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET|all SECONDS}
targets="feed json-feed html validator style config opml http"
[ "$target" = all ] || targets=$target

swift build --product mediawire-fuzz --scratch-path .build-fuzz -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >&2
binary=.build-fuzz/release/mediawire-fuzz

seed() { # TARGET DIR: a small, varied seed corpus
    local t=$1 dir=$2 shared=../shared
    mkdir -p "$dir"
    cp Tests/FuzzTests/Fuzz/"$t"/* "$dir"/ 2>/dev/null || true
    case $t in
        feed|validator)
            cp feeds/demo/* "$dir"/
            if [ -d $shared ]; then
                find $shared/corpus -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' -o -name '*.rdf' \) -size -64k | head -150 | while read -r f; do cp "$f" "$dir/c-$(basename "$f")"; done || true
                find $shared/conformance -type f -name '*.xml' -size -16k | head -400 | while read -r f; do cp "$f" "$dir/t-$(echo "$f" | md5sum | cut -c1-12).xml"; done || true
            fi ;;
        json-feed)
            [ -d $shared ] && find $shared -type f -name '*.json' -size -64k | head -100 | while read -r f; do cp "$f" "$dir/j-$(echo "$f" | md5sum | cut -c1-12).json"; done || true
            printf '{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","content_html":"<p>x</p>","url":"/a"}]}' > "$dir/min.json" ;;
        html)
            [ -d $shared ] && find $shared/conformance/feedparser -path '*sanitize*' -name '*.xml' | head -300 | while read -r f; do cp "$f" "$dir/s-$(basename "$f")"; done || true
            printf '<p onclick="x()">a <script>b()</script><img src="/i.png" onerror="y()"><a href="javascript:z()">c</a></p>' > "$dir/min.html" ;;
        style) cp feeds/house-style.yaml "$dir"/ ;;
        config) cp feeds/demo.yaml "$dir"/ ;;
        opml) printf '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body><outline text="A" type="rss" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/"/></body></opml>' > "$dir/min.opml" ;;
        http)
            printf 'HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 84\r\n\r\n<rss version="2.0"><channel><title>T</title><item><title>x</title></item></channel></rss>' > "$dir/ok.http"
            printf 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<rss>\r\n0\r\n\r\n' > "$dir/chunked.http"
            printf 'HTTP/1.1 304 Not Modified\r\nETag: "e"\r\nCache-Control: max-age=60\r\n\r\n' > "$dir/304.http"
            printf 'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Length: 0\r\n\r\n' > "$dir/429.http"
            printf 'HTTP/1.1 301 Moved\r\nLocation: ftp://a.example/x\r\nContent-Length: 0\r\n\r\n' > "$dir/301.http" ;;
    esac
}

dict() {
    case $1 in
        feed|validator|json-feed) echo scripts/fuzz/xml.dict ;;
        html) echo scripts/fuzz/html.dict ;;
        style|config) echo scripts/fuzz/yaml.dict ;;
        opml) echo scripts/fuzz/xml.dict ;;
        http) echo scripts/fuzz/http.dict ;;
    esac
}

failed=0
for t in $targets; do
    work=bench-data/fuzz/$t
    mkdir -p "$work/corpus"
    rm -rf "$work/seeds"
    seed "$t" "$work/seeds"
    echo "== $t: $seconds s from $(ls "$work/seeds" | wc -l) seeds" >&2
    if ! LSAN_OPTIONS=suppressions=scripts/fuzz/lsan.supp MEDIAWIRE_FUZZ_TARGET=$t "$binary" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=65536 \
        -dict="$(dict "$t")" -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" "$work/seeds" 2> "$work/log"; then
        failed=1
        echo "$t: FAILED (see $work/log and $work/crash-* / timeout-* / oom-*)" >&2
        tail -30 "$work/log" >&2
    else
        grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log" | tr '\n' ' ' >&2
        echo "$t: ok" >&2
    fi
done
exit $failed
