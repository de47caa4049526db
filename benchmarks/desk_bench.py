#!/usr/bin/env python3
"""The desk over a store of 100,000 reports (`mediawire-bench fill-store`), release build:
the wire view (`/desk`, the latest 100 with each headline's reasons), a filtered view and a search,
and a style preview over the latest 500. Medians of 20 requests each, whole round trip on loopback.

Bars (issue 16): the wire view <= 100 ms, a preview over 500 reports <= 300 ms.

Usage: benchmarks/desk_bench.py [--entries 100000] [--no-build]
"""
import argparse, http.cookiejar, os, re, shutil, signal, statistics, subprocess, sys, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release")
DATA = os.path.join(ROOT, "bench-data", "desk")
PASSWORD = "correct horse battery"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run([os.path.join(ROOT, "scripts", "release.sh")], cwd=ROOT, check=True)
    shutil.rmtree(DATA, ignore_errors=True)
    os.makedirs(DATA)
    shutil.copyfile(os.path.join(ROOT, "feeds", "house-style.yaml"), os.path.join(DATA, "style.yaml"))
    config = os.path.join(DATA, "desk.yaml")
    sources = "".join(f"  - {{id: s{n}, name: Agency {n}, url: \"http://127.0.0.1:9/{n}\", interval: 30d}}\n" for n in range(100))
    with open(config, "w") as f:
        f.write(f"""version: 1
store: desk.sqlite
style: style.yaml
poll:
  timeout: 1s
  max-interval: 30d
output:
  path: desk.atom
  id: "tag:example.org,2026:desk"
  title: "Desk bench"
  self: "https://example.org/desk.atom"
  site: "https://example.org/"
  limit: 100
serve:
  tick: 1h
sources:
{sources}""")
    out = subprocess.run([os.path.join(BIN, "mediawire-bench"), "fill-store", "--config", config, "--entries", str(a.entries),
                          "--sources", "100"], capture_output=True, text=True, check=True).stdout
    print(out.strip())
    subprocess.run([os.path.join(BIN, "mediawire"), "editors", "add", "--config", config, "alice"], input=PASSWORD + "\n",
                   text=True, check=True, capture_output=True)
    # Headlines written under the style in force, as a running wire's are.
    subprocess.run([os.path.join(BIN, "mediawire"), "restyle", "--store", "--config", config], check=True, capture_output=True)
    log = open(os.path.join(DATA, "serve.log"), "w+")
    service = subprocess.Popen([os.path.join(BIN, "mediawire"), "serve", "--config", config, "--listen", "127.0.0.1:0"], stderr=log)
    try:
        port = None
        for _ in range(300):
            log.seek(0)
            m = re.search(r"listening on port (\d+)", log.read())
            if m:
                port = int(m.group(1))
                break
            time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

        def call(path, form=None):
            data = urllib.parse.urlencode(form).encode() if form is not None else None
            try:
                with opener.open(base + path, data=data, timeout=30) as r:
                    return r.status, r.read().decode()
            except urllib.error.HTTPError as e:
                return e.code, e.read().decode()

        _, page = call("/desk/signin")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        status, _ = call("/desk/signin", {"csrf": csrf, "name": "alice", "password": PASSWORD})
        assert status == 303, status
        _, page = call("/desk")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        with open(os.path.join(DATA, "style.yaml")) as f:
            style = f.read().replace("  - case: sentence", "  - case: title")

        def timed(path, form=None, rounds=20):
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                status, body = call(path, form)
                times.append((time.perf_counter() - start) * 1000)
                assert status == 200, (path, status, body[:300])
            return statistics.median(times), max(times), body

        view, view_max, body = timed("/desk")
        rows = body.count('class="report-row"')
        filtered, _, _ = timed("/desk?agency=s7&kind=style")
        search, _, found = timed("/desk?q=grain+corridor")
        found_rows = found.count('class="report-row"')
        missing, _, _ = timed("/desk?q=no+such+words")
        preview, preview_max, result = timed("/desk/style", {"csrf": csrf, "style": style, "action": "preview", "count": "500"})
        changes = re.search(r"<h2>(\d+) of (\d+) headlines would change</h2>", result)
        print(f"store: {a.entries:,} reports")
        print(f"/desk (latest {rows}, each with its reasons): median {view:.1f} ms (max {view_max:.1f})")
        print(f"/desk?agency=s7&kind=style: median {filtered:.1f} ms; /desk?q=grain+corridor: median {search:.1f} ms "
              f"({found_rows} found); a search that matches nothing (every headline read): median {missing:.1f} ms")
        print(f"style preview over 500: median {preview:.1f} ms (max {preview_max:.1f}); {changes.group(1)} of {changes.group(2)} would change")
        print(f"bars: wire view {view:.1f} ms (<= 100), preview {preview:.1f} ms (<= 300)")
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=15)


if __name__ == "__main__":
    main()
