#!/usr/bin/env bash
# Writes to FILE the pod stages kwok runs with: its own default ("fast") stages, copied
# by build.sh from the kwok module, with one change. A running container gets a
# containerID, as a container runtime gives it: `containerd://` and 64 hex digits (here
# the sha256 of the pod's uid and the container's name), where kwok's default gives
# none and `kubectl get pod -o jsonpath='{..containerID}'` would print nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
file=$1
stages="$KUBE_CACHE/kwok-stages"
for f in pod-ready pod-complete pod-delete; do
  [[ -f $stages/$f.yaml ]] || { echo "kwok-stages.sh: $stages/$f.yaml is missing (npm run cluster:build)" >&2; exit 2; }
done
id='containerID: {{ printf "containerd://%s" (sha256sum (printf "%s/%s" $.metadata.uid .name)) | Quote }}'
{
  # Only the containers' statuses of pod-ready: the first `- image:` line of the file.
  awk -v id="$id" '{ print } !done && /^      - image: \{\{ \.image \| Quote \}\}$/ { print "        " id; done = 1 }' "$stages/pod-ready.yaml"
  echo '---'
  cat "$stages/pod-complete.yaml"
  echo '---'
  cat "$stages/pod-delete.yaml"
} >"$file"
grep -q 'containerID:' "$file" || { echo "kwok-stages.sh: no containerStatuses in kwok's pod-ready stage" >&2; exit 1; }
