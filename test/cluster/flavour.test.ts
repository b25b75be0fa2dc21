import { describe, expect, it } from 'vitest';
import { flavourOf } from '../../src/cluster/flavour.js';
import { describeEnvironment, environmentOf } from '../../src/cluster/read-environment.js';

// Node names, OS images and kubelet versions as `kubectl get nodes -o wide` shows them on each flavour.
describe('the flavour of a cluster', () => {
  it.each([
    ['docker-desktop', [{ name: 'docker-desktop', osImage: 'Docker Desktop', kubeletVersion: 'v1.22.5' }], 'docker-desktop'],
    ['k3d-dev', [{ name: 'k3d-dev-server-0', osImage: 'K3s v1.31.5+k3s1', kubeletVersion: 'v1.31.5+k3s1' }], 'k3d'],
    ['k3d-lab', [{ name: 'k3d-lab-agent-1', kubeletVersion: 'v1.34.1+k3s1' }, { name: 'k3d-lab-server-0', kubeletVersion: 'v1.34.1+k3s1' }], 'k3d'],
    ['default', [{ name: 'my-laptop', osImage: 'Ubuntu 24.04.1 LTS', kubeletVersion: 'v1.33.3+k3s1' }], 'k3s'],
    ['kind-kind', [{ name: 'kind-control-plane', osImage: 'Debian GNU/Linux 12 (bookworm)', kubeletVersion: 'v1.31.2' }], 'kind'],
    ['kind-dev', [{ name: 'dev-control-plane', kubeletVersion: 'v1.31.2' }, { name: 'dev-worker', kubeletVersion: 'v1.31.2' }], 'kind'],
    ['minikube', [{ name: 'minikube', osImage: 'Ubuntu 22.04.5 LTS', kubeletVersion: 'v1.32.0' }], 'minikube'],
    ['rancher-desktop', [{ name: 'lima-rancher-desktop', kubeletVersion: 'v1.30.4+k3s1' }], 'rancher-desktop'],
  ])('context %s with nodes %j is %s', (context, nodes, flavour) => {
    expect(flavourOf(nodes, context)).toBe(flavour);
  });

  it('falls back on the context name when the nodes cannot be listed, and is unknown past that', () => {
    expect(flavourOf([], 'k3d-dev')).toBe('k3d');
    expect(flavourOf([], 'lab-cluster', 'v1.31.5+k3s1')).toBe('k3s');
    expect(flavourOf([], 'lab-cluster', 'v1.31.2')).toBeUndefined();
  });

  it('describes the environment in one header line', () => {
    const environment = environmentOf('k3d-dev', { client: 'v1.34.1', server: 'v1.34.1+k3s1' }, [{ name: 'k3d-dev-server-0', kubeletVersion: 'v1.34.1+k3s1' }]);
    expect(describeEnvironment(environment)).toBe('k3d, node k3d-dev-server-0, kubelet v1.34.1+k3s1, server v1.34.1+k3s1, kubectl v1.34.1');
    expect(describeEnvironment(environmentOf('lab', {}, undefined))).toBe('flavour unknown');
  });
});
