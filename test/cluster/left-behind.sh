#!/usr/bin/env bash
# After cluster:down: says what the test control plane left behind, and fails if
# anything: its network namespace or its mount, a process running one of its binaries,
# its pids or etcd's data, or a copy of its kubeconfig (a context named kwok-notes-run)
# in the temp folder, where the live tests and notes-run copy it for a run. Of a real node:
# its state folder, a cgroup, a mount under its state, a sandbox network namespace with a
# pod address, CNI's cache files or the kubelet's log links.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
left=()
ip netns list 2>/dev/null | grep -qw "$NETNS" && left+=("network namespace $NETNS")
grep -qs "/run/netns/$NETNS " /proc/mounts && left+=("the mount /run/netns/$NETNS")
procs=$(pgrep -f -- "$KUBE_BIN/|$STATE/" 2>/dev/null | tr '\n' ' ')
[[ -n $procs ]] && left+=("processes $procs")
[[ -e $STATE/pids ]] && left+=("$STATE/pids")
[[ -e $STATE/etcd ]] && left+=("etcd data in $STATE/etcd")
[[ -e $STATE/node ]] && left+=("the real node's state $STATE/node")
cgroups=$(ls -d /sys/fs/cgroup/*/"notes-run-$NETNS" 2>/dev/null | tr '\n' ' ')
[[ -n $cgroups ]] && left+=("cgroups $cgroups")
mounts=$(awk -v s="$STATE/" 'index($5, s) == 1 { print $5 }' /proc/self/mountinfo | tr '\n' ' ')
[[ -n $mounts ]] && left+=("mounts $mounts")
# A sandbox's network namespace lives in the node's mount namespace: once that is gone, a
# name left in /run/netns is a file that no longer holds a namespace.
for ns in /run/netns/cni-*; do
  [[ -e $ns ]] || continue
  if ! grep -qs " $ns " /proc/self/mountinfo; then left+=("the name $ns of a sandbox namespace that is gone")
  elif ip -n "$(basename "$ns")" -o addr show eth0 2>/dev/null | grep -q ' inet 10\.42\.0\.'; then left+=("sandbox network namespace $ns"); fi
done
cni=$(ls /var/lib/cni/results/"notes-run-$NETNS"-* 2>/dev/null | tr '\n' ' ')
[[ -n $cni ]] && left+=("CNI cache files $cni")
links=$(find /var/log/containers -maxdepth 1 -lname "$STATE/*" 2>/dev/null | tr '\n' ' ')
[[ -n $links ]] && left+=("container log links $links")
shims=$(find /run/containerd/s -type s 2>/dev/null | tr '\n' ' ')
[[ -n $shims ]] && left+=("containerd shim sockets $shims")
tmp="${TMPDIR:-/tmp}"
copies=$(grep -l -s -- "$CONTEXT" "$tmp"/notes-run-live-*/.kubeconfig "$tmp"/notes-run-kube-*/config 2>/dev/null | tr '\n' ' ')
[[ -n $copies ]] && left+=("kubeconfig copies $copies")
if (( ${#left[@]} )); then
  printf 'cluster tier: left behind: %s\n' "${left[@]}" >&2
  exit 1
fi
echo "cluster tier: nothing left behind (no namespace $NETNS nor its mount, no process of $KUBE_BIN, no copy of its kubeconfig in $tmp)"
