// Cluster flavours (KUBE_DOUBLE_FLAVOUR): what differs between a k3s/k3d, kind, Docker
// Desktop or minikube cluster as kubectl shows it. Default k3s, as the double always was.
import { randomInt } from 'node:crypto';

const K3S = {
  node: 'k3s-node',
  nodeIP: () => `172.18.0.${randomInt(2, 10)}`,
  pods: '10.42',
  services: '10.43',
  k3s: true,
  osImage: (server) => `K3s ${server}`,
  runtime: 'containerd://1.7.23-k3s2',
  // ServiceLB (klipper): the node's address, `<pending>` when the port is taken
  loadBalancer: 'node',
  extraSystem: [],
};

const FLAVOURS = {
  k3s: K3S,
  k3d: { ...K3S, node: 'k3d-dev-server-0' },
  kind: {
    node: 'kind-control-plane',
    nodeIP: () => `172.18.0.${randomInt(2, 10)}`,
    pods: '10.244',
    services: '10.96',
    osImage: () => 'Debian GNU/Linux 12 (bookworm)',
    runtime: 'containerd://1.7.18',
    // cloud-provider-kind (or MetalLB) hands out addresses from the docker network
    loadBalancer: 'pool',
    extraSystem: ['etcd-NODE', 'kube-apiserver-NODE', 'kube-controller-manager-NODE', 'kube-scheduler-NODE', 'kube-proxy-*', 'kindnet-*'],
  },
  'docker-desktop': {
    node: 'docker-desktop',
    nodeIP: () => '192.168.65.3',
    pods: '10.1',
    services: '10.96',
    osImage: () => 'Docker Desktop',
    runtime: 'docker://27.4.0',
    loadBalancer: 'localhost',
    extraSystem: ['etcd-NODE', 'kube-apiserver-NODE', 'kube-controller-manager-NODE', 'kube-scheduler-NODE', 'kube-proxy-*', 'storage-provisioner', 'vpnkit-controller'],
  },
  minikube: {
    node: 'minikube',
    nodeIP: () => '192.168.49.2',
    pods: '10.244',
    services: '10.96',
    osImage: () => 'Ubuntu 22.04.5 LTS',
    runtime: 'docker://27.4.1',
    loadBalancer: 'pending',
    extraSystem: ['etcd-NODE', 'kube-apiserver-NODE', 'kube-controller-manager-NODE', 'kube-scheduler-NODE', 'kube-proxy-*', 'storage-provisioner'],
  },
};

export const flavourName = () => (FLAVOURS[process.env.KUBE_DOUBLE_FLAVOUR] ? process.env.KUBE_DOUBLE_FLAVOUR : 'k3s');
export const flavour = () => FLAVOURS[flavourName()];
/** The cluster DNS service: the tenth address of the service range. */
export const clusterDns = () => `${flavour().services}.0.10`;
export const kubernetesServiceIP = () => `${flavour().services}.0.1`;
