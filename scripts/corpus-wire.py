#!/usr/bin/env python3
"""The shared real-world corpus through the whole pipeline, as a new user would run it.

Every feed of ../shared/corpus (or of the folders given) is configured as a local source, in
batches of --batch sources per wire; `mediawire run` polls them and writes each wire; then every
wire is checked by
  - our validator (`mediawire validate --format json`): errors, and warnings that are ours,
  - RFC 4287's RELAX NG schema (`xmllint --relaxng`), where xmllint exists,
  - feedparser (bozo), where it is importable (.venv-peers),
and its entries for a headline, an atom:source, and the agency's link.

Usage: scripts/corpus-wire.py [--bin .build/debug/mediawire] [--batch 40] [DIR ...]
Exit status 1 when any bar fails. Standard library only (feedparser optional).
"""
import argparse
import glob
import json
import re
from urllib.parse import quote
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
ATOM = "{http://www.w3.org/2005/Atom}"
# Warnings about what an agency wrote and the wire republishes unchanged (its text, its link
# relations, its dates); every other warning is the generator's doing and counts as a failure.
AGENCY_WARNINGS = {"ContainsHTML", "ContainsUndeclaredHTML", "UnregisteredAtomLinkRel", "MissingTextualContent",
                   "ImplausibleDate", "MissingTypeAttr", "SelfNotAtom", "SecurityRisk", "ContainsRelRef",
                   "DuplicateUpdated", "BadCharacters"}
agency_warnings = {}


def corpus_files(dirs):
    files = []
    for d in dirs:
        manifest = os.path.join(d, "MANIFEST.tsv")
        if os.path.exists(manifest):
            with open(manifest, encoding="utf-8") as f:
                next(f)
                for line in f:
                    path = line.split("\t")[0]
                    if path:
                        files.append(os.path.abspath(os.path.join(d, path)))
        else:
            for p in sorted(glob.glob(os.path.join(d, "**", "*"), recursive=True)):
                if os.path.isfile(p):
                    files.append(os.path.abspath(p))
    return files


def yaml_string(s):
    return json.dumps(s)  # a JSON string is a YAML double-quoted scalar


def write_config(directory, files, style):
    lines = [
        "version: 1",
        "store: wire.sqlite",
        "style: %s" % yaml_string(style),
        "poll:",
        "  concurrency: 4",
        "  max-bytes: 20MiB",
        "output:",
        "  path: wire.atom",
        '  id: "tag:example.org,2026:corpus-wire"',
        '  title: "Corpus wire"',
        '  self: "https://example.org/corpus-wire.atom"',
        '  site: "https://example.org/wire/"',
        "  limit: 100000",
        "sources:",
    ]
    for n, path in enumerate(files):
        lines += ["  - id: s%d" % n, "    name: %s" % yaml_string(os.path.basename(path)), "    url: %s" % yaml_string(path)]
    config = os.path.join(directory, "wire.yaml")
    with open(config, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return config


def check_wire(binary, wire, feedparser):
    problems = []
    result = subprocess.run([binary, "validate", wire, "--format", "json"], capture_output=True, text=True)
    if result.returncode == 2:
        return ["validate could not read the wire: " + result.stderr.strip()], 0
    findings = json.loads(result.stdout)
    for d in findings:
        if d["severity"] == "info":
            continue
        if d["severity"] == "warning" and d["code"] in AGENCY_WARNINGS:
            agency_warnings[d["code"]] = agency_warnings.get(d["code"], 0) + 1
            continue
        problems.append("validate %s %s:%s %s: %s" % (d["severity"], d["line"], d["column"], d["code"], d["message"]))
    schema = os.path.join(SHARED, "schema", "atom.rng")
    if shutil.which("xmllint") and os.path.exists(schema):
        r = subprocess.run(["xmllint", "--noout", "--nonet", "--relaxng", schema, wire], capture_output=True, text=True)
        if r.returncode != 0:
            problems += ["relaxng: " + l for l in r.stderr.splitlines() if "validates" not in l][:20]
    if feedparser is not None:
        parsed = feedparser.parse(wire)
        if parsed.bozo:
            problems.append("feedparser bozo: %r" % (parsed.bozo_exception,))
    tree = ET.parse(wire)
    entries = tree.getroot().findall(ATOM + "entry")
    for e in entries:
        eid = e.findtext(ATOM + "id")
        title = e.findtext(ATOM + "title") or ""
        if not title.strip():
            problems.append("blank headline: %s" % eid)
        if e.find(ATOM + "source") is None:
            problems.append("no atom:source: %s" % eid)
    return problems, len(entries)


def agency_links(binary, path):
    """The alternate links the agency gave its entries, as our parser reads them (resolved), one
    per report: entries that share an id are one report, the last one read."""
    r = subprocess.run([binary, "parse", path, "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        return [], 0
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        return [], 0
    reports = {}
    unresolvable = 0
    for n, e in enumerate(doc.get("entries", [])):
        links = [l.get("href") for l in e.get("links", []) if l.get("rel", "alternate") == "alternate" and l.get("href")]
        key = e.get("id") or (links[0] if links else None) or n
        if not links:
            reports.pop(key, None)
            continue
        link = links[0]
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", link.strip()):
            unresolvable += 1  # relative, and nothing to resolve it against (a local file)
            reports.pop(key, None)
            continue
        reports.setdefault(key, []).append(link)
    # Entries that share an id are one report: any of their links stands for it.
    return list(reports.values()), unresolvable


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/debug/mediawire"))
    ap.add_argument("--batch", type=int, default=40)
    ap.add_argument("--keep", help="keep the wires in this folder")
    ap.add_argument("dirs", nargs="*")
    args = ap.parse_args()
    dirs = args.dirs or [os.path.join(SHARED, "corpus")]
    files = corpus_files(dirs)
    try:
        import feedparser  # noqa
    except ImportError:
        feedparser = None
        print("feedparser not importable: the bozo check is skipped")
    style = os.path.join(ROOT, "feeds", "house-style.yaml")
    work = args.keep or tempfile.mkdtemp(prefix="corpus-wire-")
    os.makedirs(work, exist_ok=True)
    failures = 0
    total_entries = 0
    repairs = 0
    links_missing = 0
    kinds = {}
    unresolvable = 0
    for b in range(0, len(files), args.batch):
        batch = files[b:b + args.batch]
        directory = os.path.join(work, "wire-%d" % (b // args.batch))
        os.makedirs(directory, exist_ok=True)
        config = write_config(directory, batch, style)
        r = subprocess.run([args.bin, "run", "--config", config, "--json"], capture_output=True, text=True)
        repairs += sum(1 for l in r.stderr.splitlines() if "repair" in l or "dropped" in l)
        wire = os.path.join(directory, "wire.atom")
        if r.returncode != 0 or not os.path.exists(wire):
            print("wire %d: run failed (%d): %s" % (b // args.batch, r.returncode, r.stderr[-2000:]))
            failures += 1
            continue
        problems, count = check_wire(args.bin, wire, feedparser)
        total_entries += count
        # Every agency link is republished: compare the set of alternate links with the agency's.
        published = set()
        for e in ET.parse(wire).getroot().findall(ATOM + "entry"):
            for l in e.findall(ATOM + "link"):
                published.add(l.get("href"))
        for path in batch:
            links, skipped = agency_links(args.bin, path)
            unresolvable += skipped
            for candidates in links:
                # Republished byte for byte, or trimmed and percent-encoded where a URI needs it.
                if any(link in published or quote(link.strip(), safe=":/?#[]@!$&'()*+,;=%~") in published
                       for link in candidates):
                    continue
                link = candidates[-1]
                links_missing += 1
                problems.append("link not republished: %s (%s)" % (link, os.path.basename(path)))
        for p in problems:
            kind = p.split(":")[0] if not p.startswith("validate") else " ".join(p.split()[:2] + p.split()[3:4])
            kinds[kind.rstrip(":")] = kinds.get(kind.rstrip(":"), 0) + 1
        with open(os.path.join(directory, "problems.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(problems) + "\n")
        status = "ok" if not problems else "%d problems" % len(problems)
        print("wire %d: %d sources, %d entries: %s" % (b // args.batch, len(batch), count, status))
        for p in problems[:5]:
            print("   ", p)
        if len(problems) > 5:
            print("    … %d more (problems.txt beside the wire)" % (len(problems) - 5))
        if problems:
            failures += 1
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print("  %6d  %s" % (n, kind))
    if agency_warnings:
        print("warnings about the agencies' own text, republished unchanged: " +
              ", ".join("%s %d" % kv for kv in sorted(agency_warnings.items(), key=lambda kv: -kv[1])))
    wires = (len(files) + args.batch - 1) // args.batch
    print("corpus-wire: %d feeds, %d wires, %d entries, %d wires with problems, %d links missing "
          "(%d relative links with no base skipped), %d repair lines"
          % (len(files), wires, total_entries, failures, links_missing, unresolvable, repairs))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
