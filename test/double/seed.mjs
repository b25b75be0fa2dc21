// The state of a fresh single-node k3s cluster.
import * as R from './rand.mjs';
import { newObject, put } from './kinds.mjs';
import { createNamespace, ensureKubernetesService, deploymentSpec, svcDefaults } from './objects.mjs';
import { reconcile } from './controllers.mjs';

// ---------- seed: a fresh single-node k3s ----------
export function initState() {
  const now = Date.now();
  const created = now - R.int(2 * 3600_000, 20 * 86400_000);
  const s = { version: 1, rv: 1, created, node: { name: 'k3s-node', ip: `172.18.0.${R.int(2, 10)}` }, objects: {} };
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) createNamespace(s, ns, created);
  ensureKubernetesService(s, created);
  const sys = (name, labels, image, ports = []) => {
    const d = newObject(s, 'Deployment', name, 'kube-system', created);
    d.metadata.labels = { ...labels };
    d.spec = deploymentSpec({
      replicas: 1,
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
  ]);
  sys('local-path-provisioner', { app: 'local-path-provisioner' }, 'rancher/local-path-provisioner:v0.0.30');
  sys('metrics-server', { 'k8s-app': 'metrics-server' }, 'rancher/mirrored-metrics-server:v0.7.2', [
    { containerPort: 10250, name: 'https', protocol: 'TCP' },
  ]);
  const svc = (name, labels, clusterIP, ports) => {
    const o = newObject(s, 'Service', name, 'kube-system', created);
    o.metadata.labels = labels;
    o.spec = { clusterIP, clusterIPs: [clusterIP], ports, selector: { ...labels }, type: 'ClusterIP', ...svcDefaults() };
    put(s, o);
  };
  svc('kube-dns', { 'k8s-app': 'kube-dns' }, '10.43.0.10', [
    { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
    { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
  ]);
  svc('metrics-server', { 'k8s-app': 'metrics-server' }, R.serviceIP(new Set()), [
    { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
  ]);
  reconcile(s, created);
  return s;
}

