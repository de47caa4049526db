#!/usr/bin/env python3
"""`kill -9` of `mediawire serve` at random moments while it polls 1,000 loopback sources (each
one again every 2 s, so every kill lands among polls, store writes and feed writes).

After each kill the service is started again. Checked after every kill: `PRAGMA integrity_check`
is ok, no report is stored twice (per source and key, and per published id), and the feed file is
whole (it parses as XML and ends with </feed>). At the end the wire completes: every source's
reports stored and a full feed written.

Usage: scripts/serve-crash.py [--feeds 1000] [--kills 10] [--binary .build/release/mediawire]
"""
import argparse, os, random, shutil, signal, sqlite3, subprocess, sys, time, xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data", "serve-crash")


def check(store, feed):
    db = sqlite3.connect(store)
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        twice = db.execute("SELECT count(*) - count(DISTINCT sourceID || char(0) || key) FROM entry").fetchone()[0]
        ids = db.execute("SELECT count(*) - count(DISTINCT atomID) FROM entry").fetchone()[0]
        entries = db.execute("SELECT count(*) FROM entry").fetchone()[0]
    finally:
        db.close()
    whole = True
    if os.path.exists(feed):
        with open(feed, "rb") as f:
            data = f.read()
        try:
            ET.fromstring(data)
        except ET.ParseError:
            whole = False
        whole = whole and data.rstrip().endswith(b"</feed>")
    return integrity, twice, ids, entries, whole


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "mediawire"))
    ap.add_argument("--seed", type=int, default=None)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    bench = os.path.join(os.path.dirname(a.binary), "mediawire-bench")
    shutil.rmtree(DATA, ignore_errors=True)
    os.makedirs(DATA)
    config = os.path.join(DATA, "wire.yaml")
    agencies = subprocess.Popen([bench, "serve", "--feeds", str(a.feeds), "--kb", "50", "--hosts", "100",
                                 "--config-out", config], stdout=subprocess.PIPE, text=True)
    failures = 0
    try:
        print(agencies.stdout.readline().strip())
        with open(config) as f:
            yaml = f.read()
        # Every source polled again every 2 s: each kill lands in the middle of polls and writes.
        yaml = yaml.replace("  timeout: 30s\n", "  timeout: 5s\n  min-interval: 1s\n  default-interval: 2s\n  max-interval: 2s\n")
        yaml = yaml.replace("sources:\n", "serve:\n  listen: 127.0.0.1:0\n  tick: 200ms\nsources:\n")
        with open(config, "w") as f:
            f.write(yaml)
        store, feed = os.path.join(DATA, "wire.sqlite"), os.path.join(DATA, "wire.atom")
        expected = None
        for kill in range(a.kills + 1):
            log = open(os.path.join(DATA, f"serve-{kill}.log"), "w")
            service = subprocess.Popen([a.binary, "serve", "--config", config], stderr=log)
            if kill < a.kills:
                # Somewhere in the first poll of every source, or in the writes and generations after it.
                time.sleep(rng.uniform(0.5, 6.0))
                service.send_signal(signal.SIGKILL)
                service.wait()
                integrity, twice, ids, entries, whole = check(store, feed)
                ok = integrity == "ok" and twice == 0 and ids == 0 and whole
                failures += not ok
                print(f"kill {kill + 1}: integrity {integrity}, stored twice {twice}, ids twice {ids}, "
                      f"{entries} reports, feed {'whole' if whole else 'BROKEN'}{'' if ok else '  <-- FAILED'}")
                continue
            # The last start runs until every source is polled and the wire is written.
            deadline = time.time() + 300
            while time.time() < deadline:
                time.sleep(1)
                db = sqlite3.connect(store)
                polled = db.execute("SELECT count(*) FROM source WHERE lastSuccess IS NOT NULL").fetchone()[0]
                db.close()
                if polled == a.feeds:
                    break
            time.sleep(3)
            service.send_signal(signal.SIGTERM)
            status = service.wait(timeout=30)
            integrity, twice, ids, entries, whole = check(store, feed)
            with open(feed, "rb") as f:
                count = f.read().count(b"<entry>")
            ok = integrity == "ok" and twice == 0 and ids == 0 and whole and polled == a.feeds and status == 0 and count > 0
            failures += not ok
            print(f"after the kills: {polled}/{a.feeds} sources polled, {entries} reports, feed of {count} entries, "
                  f"integrity {integrity}, SIGTERM exit {status}{'' if ok else '  <-- FAILED'}")
    finally:
        agencies.kill()
    print("serve-crash:", "ok" if failures == 0 else f"{failures} FAILED")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
