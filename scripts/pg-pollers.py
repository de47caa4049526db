#!/usr/bin/env python3
"""Many pollers, one PostgreSQL store: the bars of issue 19, measured with real processes.

nginx serves 1,000 agency feeds on 10 loopback addresses; 4 `mediawire poll` processes share one
PostgreSQL database (a temporary cluster from scripts/postgres-test-cluster.sh, or the server in
MEDIAWIRE_TEST_POSTGRES).

  poll 1   every feed has 10 reports; the 4 pollers start at once.
  poll 2   every feed has 10 more; time passes (every source is made due in the database), the 4
           pollers start at once again.
           After each: nginx's access log shows every feed fetched exactly once; the store holds
           10,000 then 20,000 reports, none twice.
  kill     every feed has 5 more; the 4 pollers start, one is killed with SIGKILL mid-poll and its
           leases are made to look like another machine's (so they must run out, not be taken
           over as a dead local process's are); the 3 others finish, then a poller started again
           after the lease ends finishes the rest. Every source is polled, 25,000 reports, none twice.

Usage: scripts/pg-pollers.py [--bin .build/debug/mediawire] [--feeds 1000] [--pollers 4]
Exits non-zero when a bar fails.
"""
import argparse, collections, json, os, re, shutil, signal, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTS = 10


def psql(url, sql):
    out = subprocess.run(["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-qAt", "-d", url, "-c", sql],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"psql {sql}: {out.stderr}")
    return out.stdout.strip()


def write_feeds(html, feeds, reports, generation):
    for i in range(feeds):
        items = "".join(
            f"<item><title>Agency {i} report {n}: talks in Moscow</title><guid>https://agency{i}.example/r/{n}</guid>"
            f"<link>https://agency{i}.example/r/{n}</link><pubDate>Tue, 01 Dec 2026 {n % 24:02d}:00:00 GMT</pubDate>"
            f"<description>Report {n} of agency {i}, generation {generation}.</description></item>"
            for n in range(reports))
        with open(os.path.join(html, f"feed{i}.xml"), "w") as f:
            f.write(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Agency {i}</title>"
                    f"<link>https://agency{i}.example/</link><description>d</description>{items}</channel></rss>")


def access_counts(log, start):
    """How many times each feed was fetched in the log after byte offset `start`."""
    counts = collections.Counter()
    with open(log) as f:
        f.seek(start)
        for line in f:
            m = re.search(r'"GET (/feed\d+\.xml) ', line)
            if m:
                counts[m.group(1)] += 1
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug", "mediawire"))
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--pollers", type=int, default=4)
    ap.add_argument("--lease", type=int, default=20)
    a = ap.parse_args()
    base = os.environ.get("MEDIAWIRE_TEST_POSTGRES")
    if not base:
        subprocess.run([os.path.join(ROOT, "scripts", "postgres-test-cluster.sh"), "start"], check=True)
        base = subprocess.run([os.path.join(ROOT, "scripts", "postgres-test-cluster.sh"), "url"],
                              capture_output=True, text=True, check=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="mw-pollers-")
    os.chmod(work, 0o755)   # nginx's workers (www-data when run as root) read the feeds
    html = os.path.join(work, "html")
    os.makedirs(html)
    db = f"mw_pollers_{os.getpid()}"
    psql(base, f"DROP DATABASE IF EXISTS {db}")
    psql(base, f"CREATE DATABASE {db}")
    url = re.sub(r"/[^/?]*(\?|$)", f"/{db}\\1", base.split("://", 1)[1], count=1)
    url = base.split("://", 1)[0] + "://" + url
    port = 18000 + os.getpid() % 1000
    log = os.path.join(work, "access.log")
    listens = "".join(f"listen 127.0.0.{h + 1}:{port}; " for h in range(HOSTS))
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(f"""worker_processes 2; pid {work}/nginx.pid; error_log {work}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log {log}; client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp;
  fastcgi_temp_path {work}/tmp; uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
  server {{ {listens} root {html}; etag on; }} }}
""")
    config = os.path.join(work, "wire.yaml")
    with open(config, "w") as f:
        f.write(f'version: 1\nstore: "{url}"\npoll:\n  concurrency: 16\n  per-host: 4\n  timeout: 10s\n'
                f'  lease: {a.lease}s\n  min-interval: 10m\n  default-interval: 1h\n'
                'output:\n  path: wire.atom\n  id: "tag:example.org,2026:pollers"\n  title: "Pollers"\n'
                '  self: "https://example.org/wire.atom"\n  site: "https://example.org/"\nsources:\n')
        for i in range(a.feeds):
            f.write(f'  - {{id: s{i}, name: "Agency {i}", url: "http://127.0.0.{i % HOSTS + 1}:{port}/feed{i}.xml"}}\n')
    nginx = subprocess.Popen(["nginx", "-p", work, "-c", os.path.join(work, "nginx.conf"), "-g", "daemon off;"])
    failures = []

    def check(ok, what):
        print(("  ok   " if ok else "  FAIL ") + what)
        if not ok:
            failures.append(what)

    def start_pollers(n):
        return [subprocess.Popen([a.bin, "poll", "--config", config, "--json"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(n)]

    def reports():
        return int(psql(url, "SELECT count(*) FROM entry")), int(psql(url, "SELECT count(DISTINCT (sourceID, key)) FROM entry"))

    try:
        time.sleep(0.5)
        for round_, (count, title) in enumerate([(10, "poll 1"), (20, "poll 2")]):
            write_feeds(html, a.feeds, count, round_)
            if round_ > 0:
                psql(url, "UPDATE source SET nextCheck = 0")   # an hour passes
            offset = os.path.getsize(log) if os.path.exists(log) else 0
            started = time.time()
            procs = start_pollers(a.pollers)
            outs = [p.communicate() for p in procs]
            seconds = time.time() - started
            codes = [p.returncode for p in procs]
            fetched = access_counts(log, offset)
            stored, distinct = reports()
            print(f"{title}: {a.pollers} pollers, {seconds:.1f} s, exit codes {codes}; {len(fetched)} feeds fetched, "
                  f"{sum(fetched.values())} requests; {stored} reports stored")
            statuses = collections.Counter()
            for out, _ in outs:
                try:
                    for s in json.loads(out)["sources"]:
                        statuses[s["status"]] += 1
                except ValueError:
                    pass
            print(f"  outcomes over the pollers: {dict(statuses)}")
            check(statuses["error"] == 0, f"{title}: no source failed")
            if os.environ.get("DEBUG"):
                print(outs[0][0][:3000])
            check(all(c == 0 for c in codes), f"{title}: every poller succeeded" + ("" if all(c == 0 for c in codes) else f": {outs[0][1][-500:]}"))
            check(len(fetched) == a.feeds and set(fetched.values()) == {1},
                  f"{title}: every feed fetched exactly once (nginx: {len(fetched)} feeds, max {max(fetched.values() or [0])} requests for one)")
            check(stored == distinct == a.feeds * count, f"{title}: {a.feeds * count} reports stored, none twice ({stored}, {distinct} distinct)")

        # A poller killed mid-poll: its leases must run out.
        write_feeds(html, a.feeds, 25, 2)
        psql(url, "UPDATE source SET nextCheck = 0")
        offset = os.path.getsize(log)
        poll_started = time.time()
        procs = start_pollers(a.pollers)
        victim = procs[0]
        # Killed once it has fetched something.
        deadline = time.time() + 30
        while time.time() < deadline and sum(access_counts(log, offset).values()) < a.feeds // 5:
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        killed_at = time.time()
        owner = f"%:{victim.pid}"
        held = psql(url, f"UPDATE source SET leaseOwner = 'another-machine:1' WHERE leaseOwner LIKE '{owner}' "
                         f"AND leaseUntil > extract(epoch from now()) RETURNING id").split()
        for p in procs[1:]:
            p.communicate()
        done_by_others = int(psql(url, f"SELECT count(*) FROM source WHERE lastCheck >= {poll_started}"))
        print(f"kill: poller {victim.pid} killed {killed_at - poll_started:.1f} s in, holding {len(held)} leases; "
              f"the {a.pollers - 1} others polled {done_by_others} of {a.feeds}")
        wait = a.lease - (time.time() - killed_at) + 1
        if wait > 0:
            time.sleep(wait)
        again = start_pollers(1)[0]
        out, err = again.communicate()
        done = int(psql(url, f"SELECT count(*) FROM source WHERE lastCheck >= {poll_started}"))
        stored, distinct = reports()
        fetched = access_counts(log, offset)
        print(f"kill: a poller started after the lease polled the rest: {done} of {a.feeds} polled; "
              f"{stored} reports; {sum(fetched.values())} requests for {len(fetched)} feeds "
              f"(a feed fetched twice is one the killed poller fetched but did not store)")
        check(again.returncode == 0, "kill: the restarted poller succeeded")
        check(len(held) > 0, "kill: the killed poller held leases when it died")
        check(done == a.feeds, f"kill: every source polled after the lease ({done})")
        check(stored == distinct == a.feeds * 25, f"kill: {a.feeds * 25} reports stored, none twice ({stored}, {distinct} distinct)")
        check(max(fetched.values()) <= 2, "kill: no feed fetched more than twice (once by the killed poller, once after)")
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait()
        psql(base, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit(f"{len(failures)} bar(s) failed")
    print("every bar holds")


if __name__ == "__main__":
    main()
