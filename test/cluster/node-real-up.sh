# The real node of the cluster tier (sourced by up.sh once the control plane answers):
# the stand-in registry, containerd with runc and a CNI bridge, the kubelet, kube-proxy
# (iptables) and CoreDNS, all in the project's network namespace and all their state
# under $STATE/node. Facts this rests on: ../../shared/real-node.md; tear-down:
# node-real-down.sh.
node_state="$STATE/node"
pki="$STATE/pki"
cgroup_root="/notes-run-$NETNS"
rm -rf "$node_state"
mkdir -p "$node_state"/{containerd,certs.d/docker.io,cni,cni-ipam,kubelet,pod-logs,kube-proxy,coredns,registry}

# The node's own mount namespace, as a k3d node has (kept by a bind mount on a file of the
# node's state): containerd, runc and the kubelet share it, so each sees the others' mounts,
# and every mount they make goes with it. In it the six machine-wide sysctls the kubelet
# would otherwise set for the whole machine (overcommit, panic on oops, ...) read as the
# values it wants, so it leaves the machine's alone.
# Its own /run, /var/log and /var/lib too: what containerd, CNI and the kubelet keep there
# whatever their configuration says (shim sockets, sandbox network namespaces, CNI's cache,
# the kubelet's /var/log/containers) never reaches the machine's, and goes with the node.
mnt_ns="$node_state/mnt-ns"
: >"$mnt_ns"
unshare --mount="$mnt_ns" --propagation private true
for d in /run /var/log /var/lib; do nsenter --mount="$mnt_ns" mount -t tmpfs -o mode=0755 notes-run-node "$d"; done
for s in vm/overcommit_memory=1 vm/panic_on_oom=0 kernel/panic=10 kernel/panic_on_oops=1 \
  kernel/keys/root_maxkeys=1000000 kernel/keys/root_maxbytes=25000000; do
  mkdir -p "$node_state/sysctl/$(dirname "${s%%=*}")"
  echo "${s#*=}" >"$node_state/sysctl/${s%%=*}"
  nsenter --mount="$mnt_ns" mount --bind "$node_state/sysctl/${s%%=*}" "/proc/sys/${s%%=*}"
done

# start_on_node NAME CMD...: as start, but in the node's mount namespace and entering only
# the network namespace: `ip netns exec` also remounts /sys, which hides the cgroup mounts
# from kubelet and runc.
start_on_node() {
  local name=$1; shift
  nsenter --mount="$mnt_ns" --net="/run/netns/$NETNS" /usr/bin/setsid "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name"
}

# Forwarding for the pods, and bridged pod-to-pod traffic through iptables so that
# kube-proxy's rules see it (both per network namespace).
in_netns sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1
# A default route that drops silently: a pod's packet to an address nothing answers (a
# ping to a ClusterIP) is lost as on a real node, where it leaves by the node's route out,
# instead of coming back as "network unreachable". Nothing can leave the namespace by it.
in_netns ip route add blackhole default

# The registry first: containerd takes it for docker.io, and the sandbox image is there too.
: >"$node_state/registry/rules"
start registry "$KUBE_BIN/registry" -listen 127.0.0.1:5000 -images "$here/node/images" \
  -busybox /bin/busybox -rules "$node_state/registry/rules"
wait_for "registry serves the stand-in images" 60 grep -q '^registry: ready' "$STATE/logs/registry.log"

# containerd: everything it keeps under the node's state; docker.io is the registry above
# and nothing else (server = it, so no pull ever falls back to the real one).
cat >"$node_state/certs.d/docker.io/hosts.toml" <<TOML
server = "http://127.0.0.1:5000"
[host."http://127.0.0.1:5000"]
  capabilities = ["pull", "resolve"]
TOML
cat >"$node_state/containerd/config.toml" <<TOML
version = 2
root = "$node_state/containerd/root"
state = "$node_state/containerd/state"
# Plugins that would write outside the state folder, or that this node has no use for.
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "$node_state/containerd/containerd.sock"
[ttrpc]
  address = "$node_state/containerd/containerd.sock.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "docker.io/rancher/mirrored-pause:3.6"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  # This machine's root may not lower oom_score_adj (no CAP_SYS_RESOURCE); the kubelet asks
  # for -998 for sandboxes, which runc then fails on.
  restrict_oom_score_adj = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "/usr/sbin/runc"
        Root = "$node_state/containerd/runc"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$node_state/cni"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$node_state/certs.d"
TOML
# One bridge, k3s's pod range for its first node; host-local keeps its leases here too.
cat >"$node_state/cni/10-notes-run.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "notes-run-$NETNS",
  "plugins": [
    {
      "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "10.42.0.0/24" }]],
                "routes": [{ "dst": "0.0.0.0/0" }], "dataDir": "$node_state/cni-ipam" }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
JSON
start_on_node containerd /usr/bin/containerd --config "$node_state/containerd/config.toml"
wait_for "containerd answers" 30 /usr/bin/ctr --address "$node_state/containerd/containerd.sock" version

# The kubelet's cgroups go under a root of the node's own in every hierarchy (cgroup v1
# here), so tear-down finds each of its containers there and removes the lot.
for h in /sys/fs/cgroup/*/; do
  [[ $h == */unified/ ]] && continue
  mkdir -p "$h${cgroup_root#/}"
  if [[ -f ${h}cpuset.cpus ]]; then
    cat "${h}cpuset.cpus" >"$h${cgroup_root#/}/cpuset.cpus"
    cat "${h}cpuset.mems" >"$h${cgroup_root#/}/cpuset.mems"
  fi
done

node_kubeconfig() { # FILE CERT-NAME
  local k="$KUBECTL --kubeconfig $1 config"
  $k set-cluster "$CONTEXT" --server=https://127.0.0.1:6443 --certificate-authority="$pki/ca.crt" --embed-certs >/dev/null
  $k set-credentials "$2" --client-certificate="$pki/$2.crt" --client-key="$pki/$2.key" --embed-certs >/dev/null
  $k set-context "$CONTEXT" --cluster="$CONTEXT" --user="$2" >/dev/null
  $k use-context "$CONTEXT" >/dev/null
}
node_kubeconfig "$node_state/kubelet/kubeconfig" kubelet-client
node_kubeconfig "$node_state/kube-proxy/kubeconfig" kube-proxy

cat >"$node_state/kubelet/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: unix://$node_state/containerd/containerd.sock
cgroupDriver: cgroupfs
cgroupRoot: $cgroup_root
failSwapOn: false
failCgroupV1: false
address: $NODE_ADDR
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
tlsCertFile: $pki/kubelet.crt
tlsPrivateKeyFile: $pki/kubelet.key
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $pki/ca.crt }
authorization: { mode: Webhook }
clusterDomain: cluster.local
clusterDNS: [10.43.0.10]
# No search domains or name servers of the machine's: pods know only the cluster's DNS.
resolvConf: ""
podLogsDir: $node_state/pod-logs
volumePluginDir: $node_state/kubelet/volume-plugins
serializeImagePulls: false
# A test node on a shared disk: never evict for disk or memory pressure, nor collect images.
evictionHard: { memory.available: "1Mi", nodefs.available: "1%", imagefs.available: "1%" }
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
YAML
start_on_node kubelet "$KUBE_BIN/kubelet" --config="$node_state/kubelet/config.yaml" \
  --kubeconfig="$node_state/kubelet/kubeconfig" --root-dir="$node_state/kubelet/root" \
  --cert-dir="$node_state/kubelet/pki" --hostname-override="$NODE_NAME" --node-ip="$NODE_ADDR" --v=1
wait_for "node $NODE_NAME registered" 90 kctl get node "$NODE_NAME"
# The labels a k3d server node carries that a kubelet may not set on itself.
kctl label node "$NODE_NAME" --overwrite node-role.kubernetes.io/control-plane=true node-role.kubernetes.io/master=true >/dev/null
wait_for "node $NODE_NAME is Ready" 90 kctl wait --for=condition=Ready "node/$NODE_NAME" --timeout=1s

cat >"$node_state/kube-proxy/config.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection: { kubeconfig: $node_state/kube-proxy/kubeconfig }
hostnameOverride: $NODE_NAME
clusterCIDR: 10.42.0.0/16
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# conntrack's table size is the machine's, not this namespace's: leave every setting as it is.
conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s }
YAML
start_on_node kube-proxy "$KUBE_BIN/kube-proxy" --config="$node_state/kube-proxy/config.yaml" --v=1
wait_for "kube-proxy is healthy" 60 in_netns /usr/bin/busybox wget -q -O /dev/null http://127.0.0.1:10256/healthz

# Cluster DNS at 10.43.0.10 as on k3s: the kube-dns Service, answered by CoreDNS on the
# node's address (an EndpointSlice of the project's, beside the controller's empty one).
cat >"$node_state/coredns/Corefile" <<COREFILE
.:53 {
    bind $NODE_ADDR
    errors
    ready 127.0.0.1:8181
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $KUBECONFIG_FILE $CONTEXT
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    prometheus 127.0.0.1:9153
    cache 30
    loadbalance
}
COREFILE
start coredns "$KUBE_BIN/coredns" -conf "$node_state/coredns/Corefile"
kctl apply -f "$here/manifests/kube-dns.yaml" >/dev/null
kctl apply -f - >/dev/null <<YAML
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kube-dns-coredns
  namespace: kube-system
  labels:
    kubernetes.io/service-name: kube-dns
    endpointslice.kubernetes.io/managed-by: notes-run
addressType: IPv4
endpoints:
  - addresses: [$NODE_ADDR]
    conditions: { ready: true }
    nodeName: $NODE_NAME
ports:
  - { name: dns, port: 53, protocol: UDP }
  - { name: dns-tcp, port: 53, protocol: TCP }
  - { name: metrics, port: 9153, protocol: TCP }
YAML
wait_for "CoreDNS is ready" 60 in_netns /usr/bin/busybox wget -q -O /dev/null http://127.0.0.1:8181/ready
