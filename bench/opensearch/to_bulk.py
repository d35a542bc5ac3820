#!/usr/bin/env python3
"""Converts JSON Lines corpus files into OpenSearch _bulk NDJSON batch files.

Usage: to_bulk.py OUT_DIR BATCH_SIZE FILE...

Streams every input line once (nothing is held in memory beyond one batch file's buffer) and writes
OUT_DIR/batch-00001.ndjson, batch-00002.ndjson, ... with BATCH_SIZE documents each. Every document
becomes two lines:

    {"index":{"_id":"<record id>"}}
    <the record line exactly as read>

The action line names no index, so the same files can be sent to /<any index>/_bulk. The record is
passed through byte for byte (it is already a JSON object with id, lang, text, title?, published?,
source?), so the only work is reading the id.

Prints one JSON object to stdout: {"records": N, "input_bytes": B, "batches": K, "ndjson_bytes": S}.
"""
import json
import os
import sys


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir, batch_size, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)

    records = input_bytes = ndjson_bytes = batches = 0
    in_batch = 0
    out = None
    try:
        for path in files:
            input_bytes += os.path.getsize(path)
            with open(path, "rb") as f:
                for lineno, line in enumerate(f, 1):
                    line = line.rstrip(b"\r\n")
                    if not line.strip():
                        continue
                    try:
                        doc_id = json.loads(line)["id"]
                    except (ValueError, KeyError, TypeError) as e:
                        print(f"{path}:{lineno}: not a JSON record with an id ({e})", file=sys.stderr)
                        return 1
                    if out is None:
                        batches += 1
                        out = open(os.path.join(out_dir, f"batch-{batches:05d}.ndjson"), "wb")
                    chunk = b'{"index":{"_id":' + json.dumps(doc_id).encode() + b"}}\n" + line + b"\n"
                    out.write(chunk)
                    ndjson_bytes += len(chunk)
                    records += 1
                    in_batch += 1
                    if in_batch == batch_size:
                        out.close()
                        out, in_batch = None, 0
    finally:
        if out is not None:
            out.close()

    print(json.dumps({"records": records, "input_bytes": input_bytes,
                      "batches": batches, "ndjson_bytes": ndjson_bytes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
