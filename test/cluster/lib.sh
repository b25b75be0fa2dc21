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
# The kubectl built with the server; until it is built, the newest real kubectl of
# Google's package on the image (within the supported skew of one minor version).
KUBECTL="$KUBE_BIN/kubectl"
if [[ ! -x $KUBECTL ]]; then
  KUBECTL=$(ls -1 /usr/lib/google-cloud-sdk/bin/kubectl.1.* 2>/dev/null | sort -V | tail -1)
fi

t0=${t0:-$(date +%s%N)}
say() { printf '[cluster %6.1fs] %s\n' "$(( ($(date +%s%N) - t0) / 1000000 ))e-3" "$*"; }
in_netns() { ip netns exec "$NETNS" "$@"; }
kctl() { in_netns "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$@"; }
