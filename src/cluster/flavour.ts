import type { ClusterNode } from '../model.js';

// Which local flavour a cluster is, from what its nodes say about themselves (name, OS
// image, kubelet version) and, when they say nothing telling, from the context's name.

const BY_CONTEXT: [RegExp, string][] = [
  [/^k3d-/, 'k3d'],
  [/^kind-/, 'kind'],
  [/^minikube$/, 'minikube'],
  [/^docker-desktop$|^docker-for-desktop$/, 'docker-desktop'],
  [/^rancher-desktop$/, 'rancher-desktop'],
  [/^orbstack$/, 'orbstack'],
  [/^colima/, 'colima'],
];

export function flavourOf(nodes: readonly ClusterNode[], context: string, server?: string): string | undefined {
  const fromContext = BY_CONTEXT.find(([pattern]) => pattern.test(context))?.[1];
  for (const node of nodes) {
    const k3s = /\+k3s/.test(node.kubeletVersion ?? server ?? '') || /^K3s\b/.test(node.osImage ?? '');
    if (node.name === 'docker-desktop' || node.osImage === 'Docker Desktop') return 'docker-desktop';
    if (/^k3d-.+-(server|agent)-\d+$/.test(node.name)) return 'k3d';
    if (/rancher-desktop/.test(node.name)) return 'rancher-desktop';
    if (/^minikube(-m\d+)?$/.test(node.name)) return 'minikube';
    if (node.name === 'orbstack') return 'orbstack';
    if (/-control-plane\d*$|^kind-worker\d*$/.test(node.name) && (fromContext === 'kind' || node.name.startsWith('kind-'))) return 'kind';
    if (k3s) return fromContext === 'k3d' || fromContext === 'rancher-desktop' ? fromContext : 'k3s';
  }
  if (!fromContext && /\+k3s/.test(server ?? '')) return 'k3s';
  return fromContext;
}
