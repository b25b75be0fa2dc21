import type { ClusterEnvironment, ClusterNode } from '../model.js';
import { flavourOf } from './flavour.js';
import { kubectl, type Kubectl } from './kubectl.js';

interface NodeList {
  items?: { metadata?: { name?: string }; status?: { nodeInfo?: { osImage?: string; kubeletVersion?: string }; addresses?: { address?: string }[] } }[];
}

/** Asks for the nodes (one kubectl call); a cluster that refuses to list them just leaves them unknown. */
export async function readNodes(client: Kubectl, contextArgs: string[]): Promise<ClusterNode[] | undefined> {
  const listed = await kubectl(client, ['get', 'nodes', '--output=json', ...contextArgs]);
  if (listed.exitCode !== 0) return undefined;
  try {
    const list = JSON.parse(listed.stdout) as NodeList;
    return (list.items ?? []).flatMap((item): ClusterNode[] => {
      const name = item.metadata?.name;
      if (!name) return [];
      const info = item.status?.nodeInfo ?? {};
      const addresses = (item.status?.addresses ?? []).map((a) => a.address).filter((a): a is string => typeof a === 'string');
      return [{ name, ...(info.osImage ? { osImage: info.osImage } : {}), ...(info.kubeletVersion ? { kubeletVersion: info.kubeletVersion } : {}), ...(addresses.length ? { addresses } : {}) }];
    });
  } catch {
    return undefined;
  }
}

export function environmentOf(context: string, versions: { client?: string; server?: string }, nodes: ClusterNode[] | undefined): ClusterEnvironment {
  const flavour = flavourOf(nodes ?? [], context, versions.server);
  return {
    ...(flavour ? { flavour } : {}),
    ...(nodes ? { nodes } : {}),
    ...(versions.client ? { client: versions.client } : {}),
    ...(versions.server ? { server: versions.server } : {}),
  };
}

/** One line for the report's header: `k3d, node k3d-dev-server-0, kubelet v1.31.5+k3s1, server v1.31.5+k3s1, kubectl v1.34.1`. */
export function describeEnvironment(environment: ClusterEnvironment): string {
  const nodes = environment.nodes ?? [];
  const kubelets = [...new Set(nodes.map((node) => node.kubeletVersion).filter(Boolean))];
  return [
    environment.flavour ?? 'flavour unknown',
    nodes.length === 1 ? `node ${nodes[0].name}` : nodes.length > 1 ? `${nodes.length} nodes` : undefined,
    kubelets.length ? `kubelet ${kubelets.join(', ')}` : undefined,
    environment.server ? `server ${environment.server}` : undefined,
    environment.client ? `kubectl ${environment.client}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}
