#!/usr/bin/env bash
# Takes the real node down (down.sh runs it first, while the namespace still exists): its
# pods stopped through the kubelet when it still answers, so that CNI releases each
# sandbox's network; then every node process; then, whatever a killed run left, the
# containers' processes and cgroups, and every mount and sandbox network namespace the
# node made, by releasing the node's mount namespace. Safe to run when no real node is up.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
node_state="$STATE/node"
cgroup_root="notes-run-$NETNS"
[[ -d $node_state ]] || exit 0
sock="$node_state/containerd/containerd.sock"
tasks() { timeout 5 /usr/bin/ctr --address "$sock" -n k8s.io tasks ls -q 2>/dev/null; }
alive() { [[ -f $STATE/pids/$1 ]] && kill -0 "$(cat "$STATE/pids/$1")" 2>/dev/null; }
stop() { # NAME...: TERM, then KILL after 10 s
  local name pid
  for name; do alive "$name" && kill -TERM "$(cat "$STATE/pids/$name")" 2>/dev/null; done
  for _ in $(seq 50); do
    local any=0
    for name; do alive "$name" && any=1; done
    (( any )) || return 0
    sleep 0.2
  done
  for name; do alive "$name" && kill -KILL "$(cat "$STATE/pids/$name")" 2>/dev/null; done
  return 0
}

# 1. Every pod stopped by the kubelet: it kills the containers and has CNI tear down each
#    sandbox's network (the /run/netns/cni-* file, the bridge port, the address lease).
if alive kubelet && alive kube-apiserver; then
  timeout 20 ip netns exec "$NETNS" "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" delete pods --all --all-namespaces \
    --grace-period=0 --force --wait=false >/dev/null 2>&1
  for _ in $(seq 100); do [[ -z $(tasks) ]] && break; sleep 0.3; done
fi

# 2. The node's programs; containerd last, after killing what the kubelet did not stop.
stop kubelet kube-proxy coredns registry
if alive containerd; then
  for t in $(tasks); do timeout 5 /usr/bin/ctr --address "$sock" -n k8s.io tasks kill -s KILL "$t" >/dev/null 2>&1; done
  for t in $(tasks); do timeout 5 /usr/bin/ctr --address "$sock" -n k8s.io tasks delete -f "$t" >/dev/null 2>&1; done
fi
stop containerd
# The shims of tasks that are gone exit by themselves; any other is ended, by its id.
shims=$(pgrep -f -- "containerd-shim-runc-v2 .*-address $sock" || true)
[[ -n $shims ]] && kill -TERM $shims 2>/dev/null
for _ in $(seq 25); do pgrep -f -- "containerd-shim-runc-v2 .*-address $sock" >/dev/null || break; sleep 0.2; done

# 3. Whatever still runs in the node's cgroups (a killed run's containers), then the cgroups.
for h in /sys/fs/cgroup/*/; do
  [[ -d $h$cgroup_root ]] || continue
  find "$h$cgroup_root" -name cgroup.procs -exec cat {} + 2>/dev/null | xargs -r kill -KILL 2>/dev/null
done
sleep 0.3
for h in /sys/fs/cgroup/*/; do
  [[ -d $h$cgroup_root ]] && find "$h$cgroup_root" -depth -type d -exec rmdir {} + 2>/dev/null
done

# 4. The node's mount namespace: with no process left in it, every mount made in it goes
#    with it (pod volumes, sandbox shm and network namespaces, container root file
#    systems, its own /run, /var/log and /var/lib). A mount still under the state folder on
#    the machine's side is unmounted too.
awk -v s="$node_state" 'index($5, s) == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r m; do
  umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
done
rm -rf "$node_state"
say "down: the real node's pods, programs, cgroups, mounts and sandbox namespaces are gone"
exit 0
