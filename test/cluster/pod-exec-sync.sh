#!/usr/bin/env bash
# kwok runs an exec with the environment of the Exec object that names the pod. For
# every pod that appears, create one that tells the simulated container which pod it
# is (NOTES_RUN_POD, NOTES_RUN_NAMESPACE). Runs inside the namespace until taken down.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
k() { "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$@"; }
declare -A seen
while true; do
  while read -r ns name; do
    [[ -z ${name:-} || -n ${seen[$ns/$name]:-} ]] && continue
    seen[$ns/$name]=1
    k create -f - >/dev/null 2>&1 <<YAML || true
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Exec
metadata: {name: "$name", namespace: "$ns"}
spec:
  execs:
    - local:
        envs:
          - {name: NOTES_RUN_POD, value: "$name"}
          - {name: NOTES_RUN_NAMESPACE, value: "$ns"}
YAML
  done < <(k get pods -A --watch -o 'jsonpath={.metadata.namespace}{" "}{.metadata.name}{"\n"}' 2>/dev/null)
  sleep 1
done
