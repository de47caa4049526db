#!/usr/bin/env python3
"""Whole-process benchmarks of the wire, medians of several rounds.

poll:     1,000 agency feeds (about 50 KB each) served from loopback by `mediawire-bench serve`
          (another process), spread over 100 loopback hosts; `mediawire poll` on a fresh store
          (every feed new), then `mediawire poll --force` (every answer a 304).
generate: a store of 100,000 entries (`mediawire-bench fill-store`); `mediawire generate`
          of the latest 1,000 and 10,000; peak memory with a 10,000- and a 100,000-entry store.
restyle:  the same 100,000-entry store after a house-style change (sentence case <-> title case):
          `mediawire restyle --store` re-headlines every stored report, whole process.

postgres: with --postgres, the poll benchmark runs on a SQLite file and on a PostgreSQL database in
          the same run, interleaved (round by round), and reports the ratio; the generate benchmark
          also runs on a PostgreSQL copy of the 100,000-entry store. The server is
          MEDIAWIRE_TEST_POSTGRES, else a throwaway one (scripts/postgres-test-cluster.sh).

Usage: benchmarks/wire_bench.py [--rounds N] [--feeds N] [--entries N] [--only poll|generate|restyle] [--postgres]
"""
import argparse, json, os, resource, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release")
DATA = os.path.join(ROOT, "bench-data", "wire")


def run(args, **kw):
    """Runs a command; returns (seconds, peak RSS in MiB of that child, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, **kw)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{args[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    # ru_maxrss of children is the max over all children so far: measure each in a fresh helper.
    return elapsed, proc.stdout, proc.stderr


def measured(args):
    """Runs `args` under a helper that reports its own child's peak RSS (KiB on Linux)."""
    helper = ("import resource,subprocess,sys,time;t=time.perf_counter();"
              "p=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,stderr=subprocess.PIPE);"
              "e=time.perf_counter()-t;"
              "sys.stderr.buffer.write(p.stderr);sys.stdout.buffer.write(p.stdout);"
              "print('\\n@@%f %d %d'%(e,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,p.returncode))")
    proc = subprocess.run([sys.executable, "-c", helper] + args, capture_output=True, text=True)
    out, _, tail = proc.stdout.rpartition("\n@@")
    seconds, rss, code = tail.split()
    if int(code) != 0:
        sys.exit(f"{' '.join(args)} failed ({code}): {proc.stderr[-2000:]}")
    return float(seconds), int(rss) / 1024, out, proc.stderr


def med(xs):
    return statistics.median(xs)


def postgres_server():
    url = os.environ.get("MEDIAWIRE_TEST_POSTGRES")
    if url:
        return url
    cluster = os.path.join(ROOT, "scripts", "postgres-test-cluster.sh")
    subprocess.run([cluster, "start"], check=True)
    return subprocess.run([cluster, "url"], capture_output=True, text=True, check=True).stdout.strip()


def fresh_database(server, name):
    """Drops and creates database `name` on `server`; returns its URL."""
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", "--no-psqlrc", "-qAt", "-v", "ON_ERROR_STOP=1", "-d", server, "-c", sql],
                       check=True, capture_output=True)
    scheme, rest = server.split("://", 1)
    authority, _, tail = rest.partition("/")
    query = tail.partition("?")[2]
    return f"{scheme}://{authority}/{name}" + (f"?{query}" if query else "")


def bench_poll(rounds, feeds, postgres=False):
    os.makedirs(DATA, exist_ok=True)
    config = os.path.join(DATA, "poll.yaml")
    if os.path.exists(config):
        os.remove(config)
    server = subprocess.Popen([os.path.join(BIN, "mediawire-bench"), "serve", "--feeds", str(feeds), "--kb", "50",
                               "--hosts", "100", "--config-out", config], stdout=subprocess.PIPE, text=True)
    try:
        print(server.stdout.readline().strip())
        if postgres:
            pg_server = postgres_server()
            pg_config = os.path.join(DATA, "poll-pg.yaml")
            with open(config) as f:
                text = f.read()
        first, second = [], []
        pg_first, pg_second = [], []
        for r in range(rounds):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(os.path.join(DATA, "wire.sqlite" + suffix)):
                    os.remove(os.path.join(DATA, "wire.sqlite" + suffix))
            if postgres:
                url = fresh_database(pg_server, "mediawire_bench_poll")
                with open(pg_config, "w") as f:
                    f.write(text.replace("store: wire.sqlite", f'store: "{url}"'))
                p1, pm1, pout1, _ = measured([os.path.join(BIN, "mediawire"), "poll", "--config", pg_config, "--json"])
                p2, pm2, pout2, _ = measured([os.path.join(BIN, "mediawire"), "poll", "--config", pg_config, "--json", "--force"])
                q1, q2 = json.loads(pout1), json.loads(pout2)
                if q1["errors"] or q2["errors"]:
                    sys.exit(f"postgres poll round {r}: errors {q1['errors']}/{q2['errors']}")
                pg_first.append((p1, pm1, q1["inserted"]))
                pg_second.append((p2, pm2))
                print(f"  round {r + 1} postgres: first {p1:.2f} s ({feeds / p1:.0f} feeds/s, {q1['inserted']} entries, "
                      f"{pm1:.0f} MiB), 304s {p2:.2f} s ({feeds / p2:.0f} feeds/s, {pm2:.0f} MiB)")
            s1, m1, out1, _ = measured([os.path.join(BIN, "mediawire"), "poll", "--config", config, "--json"])
            r1 = json.loads(out1)
            s2, m2, out2, _ = measured([os.path.join(BIN, "mediawire"), "poll", "--config", config, "--json", "--force"])
            r2 = json.loads(out2)
            not_modified = sum(1 for s in r2["sources"] if s["status"] == "not-modified")
            if r1["errors"] or r2["errors"] or not_modified != feeds:
                sys.exit(f"poll round {r}: errors {r1['errors']}/{r2['errors']}, 304s {not_modified}")
            first.append((s1, m1, r1["inserted"]))
            second.append((s2, m2))
            print(f"  round {r + 1}: first {s1:.2f} s ({feeds / s1:.0f} feeds/s, {r1['inserted']} entries, {m1:.0f} MiB), "
                  f"304s {s2:.2f} s ({feeds / s2:.0f} feeds/s, {m2:.0f} MiB)")
        t1 = med([f[0] for f in first]); t2 = med([s[0] for s in second])
        print(f"poll {feeds} sources, first poll: median {t1:.2f} s = {feeds / t1:.0f} feeds/s "
              f"(bar >= 200), peak {max(f[1] for f in first):.0f} MiB (bar < 200); entries {first[0][2]}")
        print(f"poll {feeds} sources, all 304: median {t2:.2f} s = {feeds / t2:.0f} feeds/s (bar >= 1000), "
              f"peak {max(s[1] for s in second):.0f} MiB")
        if postgres:
            p1 = med([f[0] for f in pg_first]); p2 = med([s[0] for s in pg_second])
            print(f"poll {feeds} sources on PostgreSQL, first poll: median {p1:.2f} s = {feeds / p1:.0f} feeds/s, "
                  f"{(feeds / p1) / (feeds / t1):.2f}x SQLite's in this run (bar >= 0.7); all 304: {feeds / p2:.0f} feeds/s, "
                  f"{(feeds / p2) / (feeds / t2):.2f}x SQLite's; peak {max(f[1] for f in pg_first):.0f} MiB")
        return {"first_feeds_per_s": feeds / t1, "not_modified_feeds_per_s": feeds / t2,
                "peak_mib": max([f[1] for f in first] + [s[1] for s in second])}
    finally:
        server.kill()


def gen_config(name, store):
    path = os.path.join(DATA, name)
    with open(path, "w") as f:
        f.write(f"""version: 1
store: {store}
output:
  path: {name}.atom
  id: "tag:example.org,2026:bench"
  title: "Bench wire"
  self: "https://example.org/bench.atom"
  site: "https://example.org/"
sources:
  - {{id: s0, name: Agency, url: "https://agency0.example/rss"}}
""")
    return path


def bench_generate(rounds, entries, postgres=False):
    os.makedirs(DATA, exist_ok=True)
    results = {}
    sizes = sorted({10_000, entries})
    for size in sizes:
        store = f"store-{size}.sqlite"
        config = gen_config(f"gen-{size}.yaml", store)
        if not os.path.exists(os.path.join(DATA, store)):
            _, out, _ = run([os.path.join(BIN, "mediawire-bench"), "fill-store", "--config", config,
                             "--entries", str(size), "--sources", "100"])
            print(out.strip())
        for limit in (1000, 10_000):
            times, peaks = [], []
            for _ in range(rounds):
                s, m, _, err = measured([os.path.join(BIN, "mediawire"), "generate", "--config", config,
                                         "--limit", str(limit), "--out", os.path.join(DATA, f"out-{size}-{limit}.atom")])
                times.append(s); peaks.append(m)
            results[(size, limit)] = (med(times), max(peaks))
            print(f"generate latest {limit} from a {size}-entry store: median {med(times):.3f} s, peak {max(peaks):.0f} MiB")
    if postgres:
        # The same 100,000 reports on PostgreSQL (copied, so the feed is the same bytes).
        url = fresh_database(postgres_server(), "mediawire_bench_generate")
        big_store = os.path.join(DATA, f"store-{entries}.sqlite")
        s, _, _, err = measured([os.path.join(BIN, "mediawire"), "store", "copy", "--from", big_store, "--to", url])
        print(f"store copy of {entries} reports to PostgreSQL: {s:.1f} s")
        # As the server's autovacuum would leave it: statistics gathered, hint bits set.
        subprocess.run(["psql", "--no-psqlrc", "-qAt", "-d", url, "-c", "VACUUM (ANALYZE) entry"], check=True)
        pg_config = gen_config(f"gen-pg-{entries}.yaml", f'"{url}"')
        for limit in (1000, 10_000):
            times, peaks = [], []
            for _ in range(rounds):
                out = os.path.join(DATA, f"out-pg-{entries}-{limit}.atom")
                t, m, _, err = measured([os.path.join(BIN, "mediawire"), "generate", "--config", pg_config,
                                         "--limit", str(limit), "--out", out])
                times.append(t); peaks.append(m)
            same = open(out, "rb").read() == open(os.path.join(DATA, f"out-{entries}-{limit}.atom"), "rb").read()
            print(f"generate latest {limit} from a {entries}-entry PostgreSQL store: median {med(times):.3f} s "
                  f"(SQLite {results[(entries, limit)][0]:.3f} s), peak {max(peaks):.0f} MiB; same bytes as from SQLite: {same}")
    big = entries
    print(f"bars: latest 1,000 <= 0.3 s: {results[(big, 1000)][0]:.3f} s; latest 10,000 <= 2 s: {results[(big, 10000)][0]:.3f} s; "
          f"memory 10k-store vs {big}-store (limit 10,000): {results[(10_000, 10000)][1]:.0f} vs {results[(big, 10000)][1]:.0f} MiB")
    return results


def bench_restyle(rounds, entries):
    """Whole-process re-headlining of every stored report after a style change."""
    os.makedirs(DATA, exist_ok=True)
    source = os.path.join(DATA, f"store-{entries}.sqlite")
    config = gen_config(f"gen-{entries}.yaml", f"store-{entries}.sqlite")
    if not os.path.exists(source):
        _, out, _ = run([os.path.join(BIN, "mediawire-bench"), "fill-store", "--config", config,
                         "--entries", str(entries), "--sources", "100"])
        print(out.strip())
    store = os.path.join(DATA, "restyle.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            os.remove(store + suffix)
    shutil.copyfile(source, store)
    style = os.path.join(DATA, "restyle-style.yaml")
    config = gen_config("restyle.yaml", "restyle.sqlite")
    with open(config) as f:
        text = f.read()
    with open(config, "w") as f:
        f.write(text.replace("store: restyle.sqlite", "store: restyle.sqlite\nstyle: restyle-style.yaml"))

    def write_style(case):
        with open(style, "w") as f:
            f.write("version: 1\nproper-nouns: [Agency, Moscow, Kiev]\nrules:\n  - decode-entities\n"
                    "  - strip: ['^(BREAKING|EXCLUSIVE):\\s*']\n  - replace: {Kyiv: Kiev}\n"
                    f"  - case: {case}\n  - regex: {{pattern: '\\bper cent\\b', replace: 'percent'}}\n"
                    "  - max-length: {chars: 110, ellipsis: \"…\"}\n")

    args = [os.path.join(BIN, "mediawire"), "restyle", "--store", "--config", config]
    write_style("sentence")
    run(args)                                   # every stored headline now carries this style
    times, changed = [], None
    for i in range(rounds):
        write_style("title" if i % 2 == 0 else "sentence")
        s, m, out, _ = measured(args)
        times.append(s)
        changed = out.strip().splitlines()[-1]
    print(f"restyle --store after a style change, {entries}-entry store: median {med(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}); {changed}")
    print(f"bar: re-headlining {entries} stored reports <= 5 s whole process: {med(times):.3f} s")
    return med(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--only", choices=["poll", "generate", "restyle"])
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--postgres", action="store_true", help="also on PostgreSQL, in the same run")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run([os.path.join(ROOT, "scripts", "release.sh")], cwd=ROOT, check=True)
    if a.only in (None, "poll"):
        bench_poll(a.rounds, a.feeds, a.postgres)
    if a.only in (None, "generate"):
        bench_generate(a.rounds, a.entries, a.postgres)
    if a.only in (None, "restyle"):
        bench_restyle(a.rounds, a.entries)


if __name__ == "__main__":
    main()
