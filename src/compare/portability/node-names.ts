import type { ClusterEnvironment } from '../../model.js';
import { rewriteBoth, type PortabilityFact } from './fact.js';
import { flavoursDiffer } from './versions.js';

const NODE = '<<node>>';

/** Node names local flavours give their nodes; a k3s node is named after its host and is found by position. */
const FLAVOUR_NODE_NAMES = [
  'docker-desktop',
  'docker-for-desktop',
  'lima-rancher-desktop',
  'rancher-desktop',
  'orbstack',
  'colima(?:-[a-z0-9-]+)?',
  'minikube(?:-m\\d{2,})?',
  'k3d-[a-z0-9-]+?-(?:server|agent)-\\d+',
  '[a-z0-9-]*-control-plane\\d*',
  'kind-worker\\d*',
];
const SHAPED = new RegExp(`(?<=^|[\\s/"'=,])(?:${FLAVOUR_NODE_NAMES.join('|')})(?=$|[\\s/"',:])`, 'g');

// Where a node's name stands in kubectl's output, whatever it is.
const IN_DESCRIBE = /^(Node: )(\S+?)(\/\S+)?$/;
const IN_EVENT = /(Successfully assigned \S+ to )(\S+)$/;

export const nodeNames: PortabilityFact = {
  id: 'node-name-by-flavour',
  changed: 'each flavour names its nodes its own way: `docker-desktop`, `k3d-dev-server-0`, `kind-control-plane`, `minikube`, the host name on k3s',
  appliesTo: 'a note recorded on another flavour or cluster than the current one (or not known to be the same)',
  example: {
    command: 'kubectl get pods -o wide',
    old: 'NAME    READY   STATUS    RESTARTS   AGE   IP          NODE             NOMINATED NODE   READINESS GATES\nsleep   1/1     Running   0          12s   10.1.0.12   docker-desktop   <none>           <none>',
    new: 'NAME    READY   STATUS    RESTARTS   AGE   IP          NODE               NOMINATED NODE   READINESS GATES\nsleep   1/1     Running   0          3s    10.42.0.7   k3d-dev-server-0   <none>           <none>',
  },
  holds: (recorded, current) => flavoursDiffer(recorded, current) || !sameNodes(recorded, current),
  align: (sides, { current }) => {
    const known = (current.nodes ?? []).map((node) => node.name);
    const byName = known.length > 0 ? new RegExp(`(?<=^|[\\s/"'=,])(?:${known.map(escape).join('|')})(?=$|[\\s/"',:])`, 'g') : undefined;
    const named = rewriteBoth(sides, (key) => {
      let out = key.replace(IN_DESCRIBE, (_all, label: string, _name: string, address = '') => `${label}${NODE}${address}`);
      out = out.replace(IN_EVENT, (_all, before: string) => `${before}${NODE}`);
      if (byName) out = out.replace(byName, NODE);
      return out.replace(SHAPED, NODE);
    });
    return { documented: nodeColumns(named.documented), actual: nodeColumns(named.actual) };
  },
};

/** The NODE cell of `get pods -o wide` rows and the NAME cell of `get nodes` rows. */
function nodeColumns(keys: string[]): string[] {
  let column: ((words: string[]) => number) | undefined;
  return keys.map((key) => {
    if (key === '') {
      column = undefined;
      return key;
    }
    if (/^(NAMESPACE )?NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES$/.test(key)) {
      column = (words) => words.length - 3;
      return key;
    }
    if (/^NAME STATUS ROLES AGE VERSION\b/.test(key)) {
      column = () => 0;
      return key;
    }
    if (!column) return key;
    const words = key.split(' ');
    const at = column(words);
    if (at < 0 || at >= words.length || words[at].startsWith('<')) return key;
    words[at] = NODE;
    return words.join(' ');
  });
}

function sameNodes(a: ClusterEnvironment, b: ClusterEnvironment): boolean {
  if (!a.nodes || !b.nodes) return false;
  const names = (environment: ClusterEnvironment) => environment.nodes!.map((node) => node.name).sort().join(',');
  return names(a) === names(b);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

