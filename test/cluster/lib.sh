# Names and places shared by the cluster tier's scripts (sourced, never run).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/versions.sh"
# The network namespace everything runs in: loopback plus one documentation address.
NETNS="${NOTES_RUN_NETNS:-notes-run-kwok}"
NODE_ADDR=192.0.2.10
NODE_NAME=k3d-notes-server-0
CONTEXT=kwok-notes-run
KUBE_BIN="${NOTES_RUN_KUBE_CACHE:-$HOME/.cache/notes-run/kube-v$KUBE_VERSION}/bin"
KUBE_CACHE="$(dirname "$KUBE_BIN")"
# Runtime state of one cluster: certificates, etcd's data, logs, pids, kubeconfig.
STATE="${NOTES_RUN_CLUSTER_STATE:-$HOME/.cache/notes-run/cluster}"
KUBECONFIG_FILE="$STATE/kubeconfig"

t0=${t0:-$(date +%s%N)}
say() { printf '[cluster %6.1fs] %s\n' "$(( ($(date +%s%N) - t0) / 1000000 ))e-3" "$*"; }
in_netns() { ip netns exec "$NETNS" "$@"; }
kctl() { in_netns "$KUBE_BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" "$@"; }
