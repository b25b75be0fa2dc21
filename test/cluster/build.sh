#!/usr/bin/env bash
# Builds, once per version, the real control plane the cluster tier runs against:
# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl from the
# k8s.io/kubernetes module, kwok from sigs.k8s.io/kwok, and finds etcd.
# Everything built lives in $NOTES_RUN_KUBE_CACHE (outside the repository), keyed
# by version, so a second run only checks that the binaries are there.
#
# With --node real it also builds what the real-node flavour runs (kubelet and kube-proxy
# from the same module, CoreDNS and the stand-in registry from test/cluster/node/) and
# installs its Debian packages (containerd, runc, CNI plugins, busybox-static, iptables).
#
# Usage: test/cluster/build.sh [--node real]   (prints the bin folder on its last line)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/versions.sh"
node=kwok
if [[ ${1:-} == --node ]]; then node=${2:-}; fi
[[ $node == kwok || $node == real ]] || { echo "build.sh: --node takes kwok or real, not '$node'" >&2; exit 2; }

cache="${NOTES_RUN_KUBE_CACHE:-$HOME/.cache/notes-run/kube-v$KUBE_VERSION}"
bin="$cache/bin"
work="$cache/wrapper"
mkdir -p "$bin" "$work"
# Go's caches go beside the binaries so that one folder holds all this tier costs.
export GOMODCACHE="${GOMODCACHE:-$HOME/.cache/notes-run/gomod}"
export GOCACHE="${GOCACHE:-$HOME/.cache/notes-run/gobuild}"
export GOFLAGS="-mod=mod"
export CGO_ENABLED=0
export GOTOOLCHAIN=local
PATH="/usr/local/go/bin:$PATH"

t0=$(date +%s)
say() { printf '[build %4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

# The server side first, kwok beside it, kubectl last.
server_bins=(kube-apiserver kube-controller-manager kube-scheduler)
have_all=1
for b in "${server_bins[@]}" kwok kubectl; do [[ -x "$bin/$b" ]] || have_all=0; done

# replace_staging DIR: in the wrapper module DIR, map every staging module of the
# release to its published v0.<minor>.<patch>. k8s.io/kubernetes requires them at
# v0.0.0, which the proxy does not serve; the list is read from the release's own
# go.mod, so a new version needs no edit here.
replace_staging() {
  local modfile staging m
  modfile=$(go mod download -json "k8s.io/kubernetes@v$KUBE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')
  staging=$(sed -n 's/^[[:space:]]*\(k8s\.io\/[a-z0-9-]*\) v0\.0\.0$/\1/p' "$modfile" | sort -u)
  [[ -n $staging ]] || { echo "build.sh: found no staging modules in $modfile" >&2; exit 1; }
  for m in $staging; do (cd "$1" && go mod edit -replace="$m=$m@v0.${KUBE_VERSION#1.}"); done
  say "$(echo "$staging" | wc -l) staging modules replaced in $(basename "$1")"
}

# build_one NAME PACKAGE: go build into bin/, timed.
build_one() {
  local s; s=$(date +%s)
  if [[ -x "$bin/$1" ]]; then say "$1: cached"; return; fi
  say "$1: building $2"
  go build -trimpath -ldflags "$ldf" -o "$bin/$1.tmp" "$2"
  mv "$bin/$1.tmp" "$bin/$1"
  say "$1: built in $(( $(date +%s) - s ))s"
}

# Without these the binaries call themselves v0.0.0-master and kubectl version says so.
minor="${KUBE_VERSION#1.}"; minor="${minor%%.*}"
ldf="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldf+=" -X $p.gitVersion=v$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
  ldf+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done

if [[ $have_all == 1 ]]; then
  say "cached: $bin (kubernetes v$KUBE_VERSION, kwok $KWOK_VERSION)"
else
  command -v go >/dev/null || { echo "build.sh: go is not on PATH; the cluster tier needs Go" >&2; exit 2; }
  say "building kubernetes v$KUBE_VERSION and kwok $KWOK_VERSION into $cache with $(go version)"
  cd "$work"
  [[ -f go.mod ]] || go mod init local/kubebins >/dev/null 2>&1
  replace_staging "$work"
  cat > tools.go <<GO
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
  say "go get k8s.io/kubernetes@v$KUBE_VERSION (downloads the module graph)"
  go get "k8s.io/kubernetes@v$KUBE_VERSION"
  # kwok with its own go.mod (k8s.io v0.33, the combination its release was tested
  # with), built beside the server binaries: the two share nothing compiled.
  kwok_pid=
  if [[ ! -x "$bin/kwok" ]]; then
    (
      s=$(date +%s)
      say "kwok: building sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION (alongside)"
      GOFLAGS= GOBIN="$cache/kwok-bin" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" &&
        mv "$cache/kwok-bin/kwok" "$bin/kwok" && say "kwok: built in $(( $(date +%s) - s ))s"
    ) &
    kwok_pid=$!
  fi
  for b in "${server_bins[@]}"; do build_one "$b" "k8s.io/kubernetes/cmd/$b"; done

  build_one kubectl k8s.io/kubernetes/cmd/kubectl
  if [[ -n $kwok_pid ]]; then wait "$kwok_pid" || { echo "build.sh: kwok did not build" >&2; exit 1; }; fi
  say "all built"
fi

# kwok reads per-pod Exec objects from the API server: it needs their CRD, which ships
# in the kwok module beside its source.
if [[ ! -f "$cache/kwok-crds/execs.yaml" ]]; then
  mkdir -p "$cache/kwok-crds"
  crd="$(go env GOMODCACHE)/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/crd/bases/kwok.x-k8s.io_execs.yaml"
  [[ -f $crd ]] || go mod download "sigs.k8s.io/kwok@$KWOK_VERSION"
  cp "$crd" "$cache/kwok-crds/execs.yaml"
fi

# kwok's default pod stages ("fast"), which up.sh starts kwok with after one change
# (kwok-stages.sh); they ship in the kwok module too.
if [[ ! -f "$cache/kwok-stages/pod-ready.yaml" ]]; then
  mkdir -p "$cache/kwok-stages"
  stages="$(go env GOMODCACHE)/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage/pod/fast"
  [[ -d $stages ]] || go mod download "sigs.k8s.io/kwok@$KWOK_VERSION"
  cp "$stages"/pod-ready.yaml "$stages"/pod-complete.yaml "$stages"/pod-delete.yaml "$cache/kwok-stages/"
fi

# etcd: Debian's etcd-server when present (or installable), else built from go.etcd.io.
if [[ ! -x "$bin/etcd" ]]; then
  if [[ ! -x /usr/bin/etcd ]] && command -v apt-get >/dev/null; then
    say "etcd: installing Debian's etcd-server"
    (apt-get install -y etcd-server >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y etcd-server >/dev/null 2>&1; }) || true
  fi
  if [[ -x /usr/bin/etcd ]]; then
    ln -sf /usr/bin/etcd "$bin/etcd"
    say "etcd: using /usr/bin/etcd ($(/usr/bin/etcd --version | head -1))"
  else
    s=$(date +%s)
    say "etcd: building go.etcd.io/etcd/server/v3@$ETCD_VERSION"
    GOFLAGS= GOBIN="$cache/etcd-bin" go install -trimpath -ldflags "-s -w" "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
    mv "$cache/etcd-bin/server" "$bin/etcd"
    say "etcd: built in $(( $(date +%s) - s ))s"
  fi
fi
if [[ $node == real ]]; then
  # Debian's packages for the node; apt's lists are refreshed only when an install fails.
  pkgs=(containerd runc containernetworking-plugins busybox-static iptables conntrack)
  missing=()
  for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if (( ${#missing[@]} )); then
    say "node: installing Debian's ${missing[*]}"
    apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
      { apt-get update >/dev/null 2>&1 && apt-get install -y "${missing[@]}" >/dev/null; }
  fi
  # kubelet and kube-proxy from the wrapper module the server binaries were built in: the
  # same release, and most of their packages are already in Go's build cache.
  (cd "$work" && for b in kubelet kube-proxy; do build_one "$b" "k8s.io/kubernetes/cmd/$b"; done)
  # The project's own node programs are built every time: go build leaves a binary whose
  # build ID matches alone, so this costs a second when nothing in test/cluster/node changed.
  # The registry's rules (slow, refuse) are the tier's cold and failing pulls: their own
  # tests first (Go caches the result while nothing changed).
  (cd "$here/node" && go test ./registry >/dev/null) || { echo "build.sh: test/cluster/node/registry's tests fail (cd test/cluster/node && go test ./registry)" >&2; exit 1; }
  for b in coredns registry; do
    s=$(date +%s)
    (cd "$here/node" && go build -trimpath -ldflags "-s -w" -o "$bin/$b" "./$b")
    say "$b: ready in $(( $(date +%s) - s ))s (test/cluster/node/$b)"
  done
fi
say "done"
echo "$bin"
