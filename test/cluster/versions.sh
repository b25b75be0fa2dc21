# The pinned versions of the test control plane; the cache folder is keyed by KUBE_VERSION.
KUBE_VERSION="${KUBE_VERSION:-1.34.2}"
KWOK_VERSION="${KWOK_VERSION:-v0.7.0}"
# Only used when Debian's etcd-server is not to be had.
ETCD_VERSION="${ETCD_VERSION:-v3.6.5}"
