#!/usr/bin/env bash
# Certificates for the test control plane, made once per state folder with openssl:
# a CA, the API server's serving cert, the kubelet's (kwok's or the real one's) serving cert, an
# admin client cert in system:masters, and the service-account key pair.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
pki="$STATE/pki"
[[ -f $pki/done && -f $pki/kube-proxy.crt ]] && exit 0
mkdir -p "$pki"
cd "$pki"
ssl() { openssl "$@" 2>/dev/null; }
# EC keys: made at once even on a busy machine, and every component accepts them.
key() { ssl ecparam -name prime256v1 -genkey -noout -out "$1"; }
key ca.key
ssl req -x509 -new -key ca.key -days 3650 -subj "/CN=notes-run-kwok-ca" -out ca.crt
leaf() { # name subject extensions
  key "$1.key"
  ssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  printf '%s\n' "$3" > "$1.ext"
  ssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile "$1.ext" -out "$1.crt"
  rm -f "$1.csr" "$1.ext"
}
# 10.43.0.1 is the first address of the service range: the `kubernetes` Service.
leaf apiserver "/CN=kube-apiserver" "subjectAltName=IP:127.0.0.1,IP:$NODE_ADDR,IP:10.43.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
extendedKeyUsage=serverAuth"
leaf kubelet "/CN=$NODE_NAME" "subjectAltName=IP:127.0.0.1,IP:$NODE_ADDR,DNS:$NODE_NAME
extendedKeyUsage=serverAuth"
leaf admin "/O=system:masters/CN=admin" "extendedKeyUsage=clientAuth"
# The real node's clients: the kubelet as the Node authorizer knows it, kube-proxy as the
# user the default system:node-proxier binding names.
leaf kubelet-client "/O=system:nodes/CN=system:node:$NODE_NAME" "extendedKeyUsage=clientAuth"
leaf kube-proxy "/CN=system:kube-proxy" "extendedKeyUsage=clientAuth"
key sa.key
ssl ec -in sa.key -pubout -out sa.pub
touch done
