import { optionalPart, optionalParts, rewriteBoth, type PortabilityFact, type PortableCommand } from './fact.js';
import { minorsDiffer, straddles } from './versions.js';

// What kubectl and the API server print differently around 1.34 (issue 20 item 12), from
// the real control plane's recordings and kubectl's source (describe.go, get -o yaml).

const names = (command: PortableCommand, kind: RegExp): boolean => (command.kubectl?.objects ?? []).some((word) => kind.test(word.split('/')[0]));
const POD = /^(po|pods?)$/;

export const describeOptional: PortabilityFact = {
  id: 'kubectl-1.34-describe-optional',
  changed: '`describe` prints a projected volume\'s ConfigMap as `Optional: false` where it printed `ConfigMapOptional: <nil>`',
  appliesTo: 'kubectl below 1.34 on one side, 1.34 or later on the other',
  example: {
    command: 'kubectl describe pod sleep',
    old: 'Volumes:\n  kube-api-access-bj99n:\n    Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  3607\n    ConfigMapName:           kube-root-ca.crt\n    ConfigMapOptional:       <nil>\n    DownwardAPI:             true',
    new: 'Volumes:\n  kube-api-access-x7k2p:\n    Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  3607\n    ConfigMapName:           kube-root-ca.crt\n    Optional:                false\n    DownwardAPI:             true',
  },
  holds: (recorded, current) => straddles(recorded.client, current.client, 34),
  align: (sides, { command }) => (command.kubectl?.verb === 'describe' ? rewriteBoth(sides, (key) => (key === 'ConfigMapOptional: <nil>' ? 'Optional: false' : key)) : sides),
};

export const describeServiceAccount: PortabilityFact = {
  id: 'kubectl-describe-pod-service-account',
  changed: '`describe pod` prints the pod\'s `Service Account:` after its namespace and priority',
  appliesTo: 'kubectl or API servers of different minor versions (newer kubectl prints it)',
  example: {
    command: 'kubectl describe pod sleep',
    old: 'Name:         sleep\nNamespace:    default\nPriority:     0\nNode:         docker-desktop/192.168.65.4',
    new: 'Name:             sleep\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             docker-desktop/192.168.65.4',
  },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client),
  align: (sides, { command }) => (command.kubectl?.verb === 'describe' && names(command, POD) ? optionalPart(sides, /^Service Account: \S+$/g) : sides),
};

export const podGeneration: PortabilityFact = {
  id: 'apiserver-1.34-pod-generation',
  changed: 'Pods carry `metadata.generation` and their conditions an `observedGeneration`, which older API servers never set',
  appliesTo: 'API server below 1.33 on one side, 1.34 or later on the other (the fields came in 1.33 and 1.34)',
  example: {
    command: 'kubectl get pod sleep -o yaml',
    old: 'metadata:\n  creationTimestamp: "2024-08-27T14:00:41Z"\n  name: sleep\n  namespace: default',
    new: 'metadata:\n  creationTimestamp: "2025-12-05T21:00:41Z"\n  generation: 1\n  name: sleep\n  namespace: default',
  },
  holds: (recorded, current) => straddles(recorded.server, current.server, 33, 34),
  align: (sides, { command }) =>
    names(command, POD) ? optionalParts(sides, [/^"?generation"?: \d+,?$/g, /^"?observedGeneration"?: \d+,?$/g]) : sides,
};

// kubectl 1.21 stopped printing `metadata.managedFields` in `-o yaml`/`-o json` (it shows
// them with --show-managed-fields): notes from 1.18-1.20 hold a long block of `f:` lines.
const MANAGED_FIELD_LINE = /^(?:- )?(?:(?:apiVersion|fieldsType|fieldsV1|manager|operation|time|subresource): .*|fieldsV1:|(?:"?[fkvi]:|\.:|"\.").*|\{|\}|\{\}|\],?|\},?)$/;

export const managedFields: PortabilityFact = {
  id: 'kubectl-1.21-managed-fields',
  changed: '`-o yaml` and `-o json` no longer print `metadata.managedFields` (kubectl 1.18-1.20 did)',
  appliesTo: 'kubectl below 1.21 on one side, 1.21 or later on the other',
  example: {
    command: 'kubectl get cm app -o yaml',
    old: 'metadata:\n  creationTimestamp: "2020-11-02T10:00:00Z"\n  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n    fieldsV1:\n      f:data:\n        .: {}\n        f:color: {}\n    manager: kubectl-create\n    operation: Update\n    time: "2020-11-02T10:00:00Z"\n  name: app',
    new: 'metadata:\n  creationTimestamp: "2025-12-05T21:00:00Z"\n  name: app',
  },
  holds: (recorded, current) => straddles(recorded.client, current.client, 21),
  align: (sides) => {
    const has = (keys: string[]) => keys.some(isManagedFieldsStart);
    if (has(sides.documented) === has(sides.actual)) return sides;
    return { documented: withoutManagedFields(sides.documented), actual: withoutManagedFields(sides.actual) };
  },
};

const isManagedFieldsStart = (key: string): boolean => key === 'managedFields:' || key === '"managedFields": [';

function withoutManagedFields(keys: string[]): string[] {
  const kept: string[] = [];
  let inside = false;
  for (const key of keys) {
    if (isManagedFieldsStart(key)) inside = true;
    else if (inside && !MANAGED_FIELD_LINE.test(key) && !/^"(?:apiVersion|fieldsType|fieldsV1|manager|operation|time|subresource)": /.test(key)) inside = false;
    if (!inside) kept.push(key);
  }
  return kept;
}

