#!/usr/bin/env python3
"""Makes search queries from a JSON Lines corpus, for `veritas bench-search` (and the OpenSearch comparison).

Usage: bench/search-queries.py CORPUS.jsonl COUNT > queries.txt

Picks COUNT records at random (fixed seed, so runs compare) and takes from each a short query the way people
type them: two or three consecutive words of an English record, or a run of 2 to 6 Han characters of a Chinese one
(a name or phrase), so queries hit real postings in every script. Reads the file once (reservoir sampling)."""
import json
import random
import re
import sys

path, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261123)
reservoir = []
with open(path, encoding="utf-8") as f:
    for n, line in enumerate(f):
        if len(reservoir) < count * 3:
            reservoir.append(line)
        else:
            j = rng.randrange(n + 1)
            if j < len(reservoir):
                reservoir[j] = line
out = []
for line in reservoir:
    if len(out) == count:
        break
    try:
        text = json.loads(line).get("text") or ""
    except ValueError:
        continue
    han = re.findall(r"[\u4e00-\u9fff]{2,}", text)
    if han:
        run = rng.choice(han)
        size = min(len(run), rng.randint(2, 6))
        start = rng.randrange(len(run) - size + 1)
        out.append(run[start:start + size])
        continue
    words = re.findall(r"[A-Za-z][A-Za-z'-]{2,}", text)
    if len(words) >= 3:
        k = rng.randint(2, 3)
        start = rng.randrange(len(words) - k + 1)
        out.append(" ".join(words[start:start + k]))
for q in out:
    print(q)
