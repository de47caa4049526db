#!/usr/bin/env python3
"""A real client reads the wire: feedparser parses a generated wire feed with bozo false and finds
every entry's title, link and source (title and a link back to the agency feed or site).

Usage: wire-reader-check.py FEED.atom EXPECTED_ENTRIES   (run with a Python that has feedparser)
"""
import sys

import feedparser

path, expected = sys.argv[1], int(sys.argv[2])
d = feedparser.parse(path)
problems = []
if d.bozo:
    problems.append(f"bozo: {d.get('bozo_exception')}")
if d.version != "atom10":
    problems.append(f"version {d.version!r}, expected atom10")
if len(d.entries) != expected:
    problems.append(f"{len(d.entries)} entries, expected {expected}")
for i, e in enumerate(d.entries):
    src = e.get("source") or {}
    links = [l.get("href") for l in src.get("links", [])]
    if not e.get("title"):
        problems.append(f"entry {i}: no title")
    if not (e.get("link") or "").startswith("http"):
        problems.append(f"entry {i}: link {e.get('link')!r}")
    if not src.get("title"):
        problems.append(f"entry {i}: source without a title")
    if not any(h and h.startswith("http") for h in links):
        problems.append(f"entry {i}: source without a link: {links}")
for p in problems:
    print("wire reader check:", p)
print(f"feedparser {feedparser.__version__} read {len(d.entries)} entries, bozo={bool(d.bozo)}: "
      + ("OK" if not problems else f"{len(problems)} problems"))
sys.exit(1 if problems else 0)
