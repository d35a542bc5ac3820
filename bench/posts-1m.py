#!/usr/bin/env python3
"""Writes N short posts (default 1,000,000) for the million-post benchmarks in BENCHMARKS.md.

The corpus's short posts (Weibo, tweets, LIHKG titles, airline tweets) are taken in file order and repeated
until N are written; each copy after the first gets a new id ("<id>-r<k>") and a suffix (" #r<k>"), so copies
are near-duplicates, as a live stream of reposts is. The output is deterministic for a given corpus and N.

Usage: bench/posts-1m.py OUT.jsonl [N] [CORPUS]   (CORPUS defaults to ../shared/corpus beside the repository)
"""
import json
import os
import sys

FOLDERS = ["weibo_ced", "tweeteval", "lihkg_titles", "twitter_airline"]


def posts(corpus):
    for folder in FOLDERS:
        path = os.path.join(corpus, folder)
        for name in sorted(os.listdir(path)):
            if not name.endswith(".jsonl"):
                continue
            with open(os.path.join(path, name), encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line:
                        yield json.loads(line)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "..", "..", "shared", "corpus")
    base = list(posts(corpus))
    if not base:
        sys.exit("no posts under " + corpus)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            k, j = divmod(i, len(base))
            p = dict(base[j])
            if k > 0:
                p["id"] = "%s-r%d" % (p["id"], k)
                p["text"] = "%s #r%d" % (p["text"], k)
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print("wrote %d posts (%d distinct) to %s" % (n, len(base), out), file=sys.stderr)


if __name__ == "__main__":
    main()
