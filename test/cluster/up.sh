#!/usr/bin/env bash
# Starts the test control plane inside a network namespace of its own: etcd, the API
# server, controller manager, scheduler and kwok with one fake k3d-like node. Waits
# until the API answers and the `default` ServiceAccount exists. On any failure it
# takes everything down again (down.sh), so a failed start leaves nothing behind.
#
# --node real (or NOTES_RUN_NODE=real) starts a real node instead of kwok's fake one:
# kubelet, containerd and runc, a CNI bridge, kube-proxy, CoreDNS and a registry of
# stand-in images (node-real-up.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
node="${NOTES_RUN_NODE:-kwok}"
if [[ ${1:-} == --node ]]; then node=${2:-}; fi
[[ $node == kwok || $node == real ]] || { echo "cluster:up: --node takes kwok or real, not '$node'" >&2; exit 2; }

[[ ${NOTES_RUN_NO_BUILD:-0} == 1 ]] || "$here/build.sh" --node "$node" | sed 's/^/  /'
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
  [[ -x $KUBE_BIN/$b ]] || { echo "cluster:up: $KUBE_BIN/$b is missing (npm run cluster:build)" >&2; exit 2; }
done
[[ -x $KUBE_BIN/kubectl ]] && KUBECTL="$KUBE_BIN/kubectl"
[[ -x $KUBECTL ]] || { echo "cluster:up: no kubectl: $KUBE_BIN/kubectl is not built" >&2; exit 2; }
[[ $KUBECTL == "$KUBE_BIN/kubectl" ]] || say "kubectl is not built yet: using $KUBECTL"
# The kubectl of this cluster, alone in a folder that exec.sh puts first on PATH.
mkdir -p "$STATE/kubectl-bin" && ln -sf "$KUBECTL" "$STATE/kubectl-bin/kubectl"
if ip netns list | grep -qw "$NETNS"; then
  say "a namespace $NETNS is left from an earlier run: taking it down first"
  "$here/down.sh"
fi
trap 'status=$?; if [[ $status != 0 ]]; then say "start failed (exit $status): taking it down; logs in $STATE/logs"; "$here/down.sh" >&2 || true; fi' EXIT

mkdir -p "$STATE/logs" "$STATE/pids"
rm -rf "$STATE/etcd" "$STATE/logs"/*
ip netns add "$NETNS"
in_netns ip link set lo up
# A non-loopback address for the API server to advertise (it refuses a loopback one for
# the `kubernetes` Endpoints). A dummy interface when the kernel has them, else on lo.
if in_netns ip link add nr0 type dummy 2>/dev/null; then
  in_netns ip link set nr0 up
  in_netns ip addr add "$NODE_ADDR/32" dev nr0
else
  in_netns ip addr add "$NODE_ADDR/32" dev lo
fi
say "network namespace $NETNS: lo and $NODE_ADDR"

"$here/pki.sh"
pki="$STATE/pki"
kc() { "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" config "$@" >/dev/null; }
rm -f "$KUBECONFIG_FILE"
kc set-cluster "$CONTEXT" --server=https://127.0.0.1:6443 --certificate-authority="$pki/ca.crt" --embed-certs
kc set-credentials admin --client-certificate="$pki/admin.crt" --client-key="$pki/admin.key" --embed-certs
kc set-context "$CONTEXT" --cluster="$CONTEXT" --user=admin --namespace=default
kc use-context "$CONTEXT"
say "certificates and kubeconfig ($KUBECONFIG_FILE, context $CONTEXT)"

# start NAME CMD...: in the namespace, its own session, output to logs/NAME.log.
start() {
  local name=$1; shift
  in_netns /usr/bin/setsid "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name"
}
# wait_for WHAT SECONDS CMD...: retry CMD until it succeeds.
wait_for() {
  local what=$1 limit=$2; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    if (( $(date +%s) > deadline )); then echo "cluster:up: $what did not come up in ${limit}s" >&2; return 1; fi
    sleep 0.3
  done
  say "$what"
}

# Debian's etcd 3.4 has no watch progress requests, which streaming lists (WatchList)
# need: with them on, informers of kwok and the controllers keep restarting their
# watches and miss pod updates. Off on the server and in every client.
export KUBE_FEATURE_WatchListClient=false
start etcd "$KUBE_BIN/etcd" --name n0 --data-dir "$STATE/etcd" \
  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster n0=http://127.0.0.1:2380 --log-level warn
start kube-apiserver "$KUBE_BIN/kube-apiserver" --etcd-servers=http://127.0.0.1:2379 \
  --secure-port=6443 --advertise-address="$NODE_ADDR" \
  --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" --client-ca-file="$pki/ca.crt" \
  --kubelet-certificate-authority="$pki/ca.crt" --kubelet-client-certificate="$pki/admin.crt" --kubelet-client-key="$pki/admin.key" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
  --service-cluster-ip-range=10.43.0.0/16 --authorization-mode=Node,RBAC --allow-privileged=true \
  --kubelet-preferred-address-types=InternalIP --feature-gates=WatchList=false
wait_for "API server answers /readyz" 120 kctl get --raw /readyz

start kube-controller-manager "$KUBE_BIN/kube-controller-manager" --kubeconfig="$KUBECONFIG_FILE" \
  --root-ca-file="$pki/ca.crt" --service-account-private-key-file="$pki/sa.key" \
  --leader-elect=false --bind-address=127.0.0.1 --use-service-account-credentials=false
start kube-scheduler "$KUBE_BIN/kube-scheduler" --kubeconfig="$KUBECONFIG_FILE" --leader-elect=false --bind-address=127.0.0.1

if [[ $node == real ]]; then
  source "$here/node-real-up.sh"
  echo real >"$STATE/node-flavour"
  wait_for "ServiceAccount default/default exists" 60 kctl get serviceaccount default -n default
  say "up with a real node: kubectl context $CONTEXT in $KUBECONFIG_FILE; run commands with npm run cluster:exec -- CMD"
  exit 0
fi
echo kwok >"$STATE/node-flavour"

# kwok renews a Lease for its node, as a kubelet does (40 s, renewed every 10 s).
# Without one the node lifecycle controller sees only kwok's node status heartbeat,
# about every 55 s: past its 50 s grace it turns the node NotReady for a few seconds
# and marks every pod on it NotReady, which kwok never sets back.
# kwok: exec finds programs on kwok's own PATH, which holds only the project's simulated
# container programs (pod-bin/): no real ping, nslookup or curl can ever run.
"$here/pod-bin.sh" "$STATE/pod-bin"
kctl apply -f "$KUBE_CACHE/kwok-crds/execs.yaml" >/dev/null
wait_for "kwok's Exec CRD is served" 60 kctl get execs.kwok.x-k8s.io -A
# kwok's pod stages, with a containerID for each running container (kwok-stages.sh).
"$here/kwok-stages.sh" "$STATE/kwok-stages.yaml"
start kwok /usr/bin/env -i PATH="$STATE/pod-bin" HOME="$STATE" KUBE_FEATURE_WatchListClient=false \
  NOTES_RUN_KUBECTL="$KUBECTL" NOTES_RUN_KUBECONFIG="$KUBECONFIG_FILE" NOTES_RUN_NODE_NAME="$NODE_NAME" NOTES_RUN_NODE_IP="$NODE_ADDR" \
  "$KUBE_BIN/kwok" --kubeconfig="$KUBECONFIG_FILE" --config="$STATE/kwok-stages.yaml" --manage-all-nodes=true \
  --node-ip="$NODE_ADDR" --node-name="$NODE_NAME" --node-port=10250 --server-address="$NODE_ADDR:10250" \
  --tls-cert-file="$pki/kubelet.crt" --tls-private-key-file="$pki/kubelet.key" \
  --cidr=10.42.0.1/24 --enable-crds=Exec --node-lease-duration-seconds=40
kctl apply -f "$here/manifests/node.yaml" -f "$here/manifests/kube-dns.yaml" >/dev/null
wait_for "node $NODE_NAME is Ready" 60 kctl wait --for=condition=Ready "node/$NODE_NAME" --timeout=1s
start pod-exec-sync "$here/pod-exec-sync.sh"
start service-lb "$here/service-lb.sh"
wait_for "ServiceAccount default/default exists" 60 kctl get serviceaccount default -n default
say "up: kubectl context $CONTEXT in $KUBECONFIG_FILE; run commands with npm run cluster:exec -- CMD"
