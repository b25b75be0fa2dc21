import { namespacesOf, rewriteBoth, type PortabilityFact } from './fact.js';
import { straddles } from './versions.js';

// kubectl 1.34 names the namespace a namespaced object was deleted from; cluster-scoped
// objects (namespaces, nodes) read as before. The namespace must be the one the command
// worked in, so `deleted from kube-system namespace` never passes for `-n default`.
const NEW_WORDING = /^(\S+ "[^"]+" (?:force )?deleted) from (\S+) namespace( \((?:server )?dry run\))?$/;

export const deleteWording: PortabilityFact = {
  id: 'kubectl-1.34-delete-wording',
  changed: 'delete prints `pod "x" deleted from NS namespace` (also with `force` and `(dry run)`) where it printed `pod "x" deleted`',
  appliesTo: 'kubectl below 1.34 on one side, 1.34 or later on the other',
  example: { command: 'kubectl delete pod sleep', old: 'pod "sleep" deleted', new: 'pod "sleep" deleted from default namespace' },
  holds: (recorded, current) => straddles(recorded.client, current.client, 34),
  align: (sides, { command }) => {
    const namespaces = namespacesOf(command);
    return rewriteBoth(sides, (key) => {
      const found = NEW_WORDING.exec(key);
      if (!found || !(namespaces === 'any' || namespaces.includes(found[2]))) return key;
      return `${found[1]}${found[3] ?? ''}`;
    });
  },
};
