#!/usr/bin/env bash
# Takes the test control plane down: ends every process in its network namespace (by
# id, as `ip netns pids` lists them), then deletes the namespace (its bind mount under
# /run/netns goes with it) and etcd's data. Safe to run when nothing is up.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
# A real node first, while its namespace and API server are still there (node-real-down.sh).
bash "$here/node-real-down.sh"
if ip netns list 2>/dev/null | grep -qw "$NETNS"; then
  pids=$(ip netns pids "$NETNS" 2>/dev/null || true)
  [[ -n $pids ]] && kill -TERM $pids 2>/dev/null
  for _ in $(seq 25); do
    pids=$(ip netns pids "$NETNS" 2>/dev/null || true)
    [[ -z $pids ]] && break
    sleep 0.2
  done
  [[ -n $pids ]] && { kill -KILL $pids 2>/dev/null; sleep 0.3; }
  ip netns del "$NETNS"
  say "down: ended every process in $NETNS and deleted it"
fi
# The logs stay in $STATE/logs until the next start; pids and etcd's data go now.
rm -rf "$STATE/pids" "$STATE/etcd" "$STATE/node-flavour"
left=$(ip netns pids "$NETNS" 2>/dev/null || true)
if [[ -n $left ]] || ip netns list 2>/dev/null | grep -qw "$NETNS"; then
  echo "cluster:down: $NETNS is still there (pids: $left)" >&2
  exit 1
fi
exit 0
