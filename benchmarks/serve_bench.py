#!/usr/bin/env python3
"""`mediawire serve` beside nginx serving the same feed file, in the same run.

1,000 agency feeds are served from loopback by `mediawire-bench serve` (another process); the
service polls them on a short interval the whole time (every source every few seconds, so the
scheduler is busy while requests are measured). nginx (Debian's nginx-light, one worker per
core, ETags on, no gzip) serves a copy of the wire file the service wrote. wrk (4 connections,
2 threads, 10 s) asks each for the full 100-entry feed and for a 304 (If-None-Match).

Bars (issue 15): requests/s of each kind >= 0.3 x nginx's, p99 <= 20 ms, service memory <= 150 MB.

Usage: benchmarks/serve_bench.py [--feeds 1000] [--seconds 10] [--no-build]
"""
import argparse, os, re, shutil, signal, subprocess, sys, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release")
DATA = os.path.join(ROOT, "bench-data", "serve")


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(url, predicate, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                body = r.read()
                if predicate(r, body):
                    return r, body
        except Exception:
            pass
        time.sleep(0.5)
    sys.exit(f"timed out waiting for {url}")


def wrk(url, seconds, headers=()):
    args = ["wrk", "-t2", "-c4", f"-d{seconds}s", "--latency"]
    for h in headers:
        args += ["-H", h]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, int(non2xx.group(1)) if non2xx else 0


def rss_peak_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            sys.exit(f"{tool} missing: apt-get install wrk nginx-light")
    if not a.no_build:
        subprocess.run([os.path.join(ROOT, "scripts", "release.sh")], cwd=ROOT, check=True)
    shutil.rmtree(DATA, ignore_errors=True)
    os.makedirs(DATA)
    config = os.path.join(DATA, "serve.yaml")
    procs = []
    try:
        agencies = subprocess.Popen([os.path.join(BIN, "mediawire-bench"), "serve", "--feeds", str(a.feeds), "--kb", "50",
                                     "--hosts", "100", "--config-out", config], stdout=subprocess.PIPE, text=True)
        procs.append(agencies)
        print(agencies.stdout.readline().strip())
        port, nginx_port = free_port(), free_port()
        with open(config) as f:
            yaml = f.read()
        # Every source polled every few seconds while requests are measured.
        yaml = yaml.replace("  timeout: 30s\n", "  timeout: 30s\n  min-interval: 1s\n  default-interval: 4s\n  max-interval: 4s\n")
        yaml = yaml.replace("output:\n", "output:\n  limit: 100\n")
        yaml = yaml.replace("sources:\n", f"serve:\n  listen: 127.0.0.1:{port}\n  tick: 1s\nsources:\n")
        with open(config, "w") as f:
            f.write(yaml)
        service = subprocess.Popen([os.path.join(BIN, "mediawire"), "serve", "--config", config],
                                   stderr=open(os.path.join(DATA, "serve.log"), "w"))
        procs.append(service)
        base = f"http://127.0.0.1:{port}"
        # The first full wire: every source polled once.
        wait_for(base + "/wire.atom", lambda r, body: body.count(b"<entry>") == 100, seconds=300)
        time.sleep(2)

        # nginx serves a copy of the same feed file.
        root = os.path.join(DATA, "nginx")
        os.makedirs(os.path.join(root, "html"))
        shutil.copyfile(os.path.join(DATA, "wire.atom"), os.path.join(root, "html", "wire.atom"))
        with open(os.path.join(root, "nginx.conf"), "w") as f:
            f.write(f"""worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp; fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
    types {{ application/atom+xml atom; }}
    server {{ listen 127.0.0.1:{nginx_port}; root {root}/html; etag on; gzip off; }}
}}
""")
        os.makedirs(os.path.join(root, "tmp"))
        nginx = subprocess.Popen(["nginx", "-p", root, "-c", os.path.join(root, "nginx.conf"), "-g", "daemon off;"])
        procs.append(nginx)
        nginx_base = f"http://127.0.0.1:{nginx_port}"
        wait_for(nginx_base + "/wire.atom", lambda r, body: r.status == 200)

        def etag(url):
            with urllib.request.urlopen(urllib.request.Request(url, method="HEAD")) as r:
                return r.headers["ETag"]

        results = {}
        for name, url in (("mediawire", base + "/wire.atom"), ("nginx", nginx_base + "/wire.atom")):
            size = len(urllib.request.urlopen(url).read())
            full = wrk(url, a.seconds)
            cond = wrk(url, a.seconds, headers=[f"If-None-Match: {etag(url)}"])
            results[name] = (full, cond)
            print(f"{name:10} full {size:,} B: {full[0]:,.0f} req/s, p99 {full[1]:.2f} ms | "
                  f"304: {cond[0]:,.0f} req/s, p99 {cond[1]:.2f} ms")
        memory = rss_peak_mib(service.pid)
        (mf, mc), (nf, nc) = results["mediawire"], results["nginx"]
        with open(os.path.join(DATA, "serve.log")) as f:
            polls = sum(1 for line in f if " poll s" in line)
        print(f"while polling: {polls} poll outcomes logged by the service during the run")
        print(f"bars: full {mf[0] / nf[0]:.2f}x nginx (>= 0.3), 304 {mc[0] / nc[0]:.2f}x nginx (>= 0.3), "
              f"p99 {max(mf[1], mc[1]):.2f} ms (<= 20), service peak memory {memory:.0f} MiB (<= 150)")
    finally:
        for p in reversed(procs):
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
