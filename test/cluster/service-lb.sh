#!/usr/bin/env bash
# The test cluster's stand-in for k3s's ServiceLB (klipper-lb), which every k3d cluster
# runs: a Service of type LoadBalancer gets the node's address as its EXTERNAL-IP. Without
# it the Service stays `<pending>` for good, as on a cluster with no load-balancer
# controller, and a note written on k3d waits on it in vain. Nothing listens on that
# address: the notes only read it. Runs inside the namespace until taken down.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
k() { "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$@"; }
status="{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"$NODE_ADDR\",\"ipMode\":\"VIP\"}]}}}"
while true; do
  while read -r ns name type ingress; do
    [[ $type == LoadBalancer && -z ${ingress:-} ]] || continue
    k patch service "$name" -n "$ns" --subresource=status --type=merge -p "$status" >/dev/null 2>&1 || true
  done < <(k get services -A --watch -o 'jsonpath={.metadata.namespace}{" "}{.metadata.name}{" "}{.spec.type}{" "}{.status.loadBalancer.ingress[0].ip}{"\n"}' 2>/dev/null)
  sleep 1
done
