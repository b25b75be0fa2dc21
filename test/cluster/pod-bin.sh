#!/usr/bin/env bash
# Fills DIR with one wrapper per program the simulated container knows (sh, ping,
# nslookup, printenv, hostname, curl, wget, cat, ...). DIR is kwok's whole PATH, so an
# exec finds these or nothing: a program the simulation lacks fails as "not found".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir=$1
node=$(command -v node)
rm -rf "$dir"; mkdir -p "$dir"
programs=$(cd "$here/../.." && "$node" -e "import('./test/double/programs.mjs').then((m) => console.log(Object.keys(m.PROGRAMS).join(' ')))")
for p in $programs; do
  [[ $p == '[' ]] && continue
  # ${0##*/}, not basename: nothing but these wrappers is on kwok's PATH.
  printf '#!/bin/sh\nexec "%s" "%s" "${0##*/}" "$@"\n' "$node" "$here/pod/exec.mjs" >"$dir/$p"
  chmod +x "$dir/$p"
done
