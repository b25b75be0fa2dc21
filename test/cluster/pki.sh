#!/usr/bin/env bash
# Certificates for the test control plane, made once per state folder with openssl:
# a CA, the API server's serving cert, kwok's (the fake kubelet's) serving cert, an
# admin client cert in system:masters, and the service-account key pair.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
pki="$STATE/pki"
[[ -f $pki/done ]] && exit 0
mkdir -p "$pki"
cd "$pki"
ssl() { openssl "$@" 2>/dev/null; }
ssl genrsa -out ca.key 2048
ssl req -x509 -new -key ca.key -days 3650 -subj "/CN=notes-run-kwok-ca" -out ca.crt
leaf() { # name subject extensions
  ssl genrsa -out "$1.key" 2048
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
ssl genrsa -out sa.key 2048
ssl rsa -in sa.key -pubout -out sa.pub
touch done
