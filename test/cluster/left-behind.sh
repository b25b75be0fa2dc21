#!/usr/bin/env bash
# After cluster:down: says what the test control plane left behind, and fails if
# anything: its network namespace or its mount, a process running one of its binaries,
# its pids or etcd's data, or a copy of its kubeconfig (a context named kwok-notes-run)
# in the temp folder, where the live tests and notes-run copy it for a run.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
left=()
ip netns list 2>/dev/null | grep -qw "$NETNS" && left+=("network namespace $NETNS")
grep -qs "/run/netns/$NETNS " /proc/mounts && left+=("the mount /run/netns/$NETNS")
procs=$(pgrep -f -- "$KUBE_BIN/|$STATE/" 2>/dev/null | tr '\n' ' ')
[[ -n $procs ]] && left+=("processes $procs")
[[ -e $STATE/pids ]] && left+=("$STATE/pids")
[[ -e $STATE/etcd ]] && left+=("etcd data in $STATE/etcd")
tmp="${TMPDIR:-/tmp}"
copies=$(grep -l -s -- "$CONTEXT" "$tmp"/notes-run-live-*/.kubeconfig "$tmp"/notes-run-kube-*/config 2>/dev/null | tr '\n' ' ')
[[ -n $copies ]] && left+=("kubeconfig copies $copies")
if (( ${#left[@]} )); then
  printf 'cluster tier: left behind: %s\n' "${left[@]}" >&2
  exit 1
fi
echo "cluster tier: nothing left behind (no namespace $NETNS nor its mount, no process of $KUBE_BIN, no copy of its kubeconfig in $tmp)"
