#!/usr/bin/env bash
# Prints why the cluster tier cannot run on this machine, or nothing when it can: it
# needs Go (to build the control plane when its cache is cold), `ip`, and the right to
# make a network namespace, probed with a throwaway one. NOTES_RUN_CLUSTER_TIER=0 turns
# it off. Exits 0 either way; .ci/run reads what it prints.
[[ ${NOTES_RUN_CLUSTER_TIER:-1} == 0 ]] && { echo "NOTES_RUN_CLUSTER_TIER=0"; exit 0; }
command -v go >/dev/null || { echo "Go is not installed"; exit 0; }
command -v ip >/dev/null || { echo "the ip command (iproute2) is not installed"; exit 0; }
probe="notes-run-probe-$$"
ip netns add "$probe" 2>/dev/null || { echo "this machine does not let CI create a network namespace (ip netns add)"; exit 0; }
ip netns del "$probe"
