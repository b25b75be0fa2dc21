// The state of a fresh single-node cluster: k3s unless KUBE_DOUBLE_FLAVOUR names another flavour.
import * as R from './rand.mjs';
import { newObject, put } from './kinds.mjs';
import { createNamespace, createPod, ensureKubernetesService, deploymentSpec, svcDefaults } from './objects.mjs';
import { clusterDns, flavour } from './flavours.mjs';
import { reconcile } from './controllers.mjs';
import * as clock from './clock.mjs';

export function initState() {
  const now = clock.now();
  const created = now - R.int(2 * 3600_000, 20 * 86400_000);
  const s = { version: 1, rv: 1, created, node: { name: flavour().node, ip: flavour().nodeIP() }, objects: {} };
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) createNamespace(s, ns, created);
  ensureKubernetesService(s, created);
  const sys = (name, labels, image, ports = [], replicas = 1) => {
    const d = newObject(s, 'Deployment', name, 'kube-system', created);
    d.metadata.labels = { ...labels };
    d.spec = deploymentSpec({
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers: [{ name, image, ports }] } },
    });
    d.metadata.generation = 1;
    put(s, d);
  };
  sys('coredns', { 'k8s-app': 'kube-dns' }, 'rancher/mirrored-coredns-coredns:1.12.0', [
    { containerPort: 53, name: 'dns', protocol: 'UDP' },
    { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
    { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
  ], flavour().k3s ? 1 : 2);
  // What only this flavour runs in kube-system: static control-plane pods named after the node, daemon pods, add-ons.
  for (const name of flavour().extraSystem) {
    const component = name.replace(/-(NODE|\*)$/, '');
    const podName = name.replace('NODE', s.node.name).replace('*', R.suffix(5));
    createPod(s, { name: podName, ns: 'kube-system', labels: { component }, spec: { containers: [{ name: component, image: `registry.k8s.io/${component}:v1` }] } }, created);
  }
  if (flavour().k3s) seedK3sAddOns(sys);
  const svc = (name, labels, clusterIP, ports) => {
    const o = newObject(s, 'Service', name, 'kube-system', created);
    o.metadata.labels = labels;
    o.spec = { clusterIP, clusterIPs: [clusterIP], ports, selector: { ...labels }, type: 'ClusterIP', ...svcDefaults() };
    put(s, o);
  };
  svc('kube-dns', { 'k8s-app': 'kube-dns' }, clusterDns(), [
    { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
    { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
  ]);
  if (flavour().k3s) {
    svc('metrics-server', { 'k8s-app': 'metrics-server' }, R.serviceIP(new Set()), [
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
    ]);
  }
  reconcile(s, created);
  return s;
}

/** k3s ships local-path-provisioner and metrics-server in kube-system (the double leaves traefik out). */
function seedK3sAddOns(sys) {
  sys('local-path-provisioner', { app: 'local-path-provisioner' }, 'rancher/local-path-provisioner:v0.0.30');
  sys('metrics-server', { 'k8s-app': 'metrics-server' }, 'rancher/mirrored-metrics-server:v0.7.2', [
    { containerPort: 10250, name: 'https', protocol: 'TCP' },
  ]);
}
