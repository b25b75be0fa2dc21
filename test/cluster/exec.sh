#!/usr/bin/env bash
# Runs a command where the test control plane can be reached: inside its network
# namespace, with its kubeconfig and the kubectl built with it first on PATH.
#   npm run cluster:exec -- kubectl get pods -A
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ $# -gt 0 ]] || { echo "usage: cluster:exec -- COMMAND [ARGS...]" >&2; exit 2; }
ip netns list | grep -qw "$NETNS" || { echo "cluster:exec: the test cluster is not up (npm run cluster:up)" >&2; exit 2; }
# The node the cluster was started with (kwok's or a real one), for the live tests to read.
node=$(cat "$STATE/node-flavour" 2>/dev/null || echo kwok)
exec ip netns exec "$NETNS" env KUBECONFIG="$KUBECONFIG_FILE" PATH="$STATE/kubectl-bin:$KUBE_BIN:$PATH" NOTES_RUN_KWOK_VERSION="$KWOK_VERSION" \
  NOTES_RUN_NODE="$node" NOTES_RUN_REGISTRY_RULES="$STATE/node/registry/rules" "$@"
