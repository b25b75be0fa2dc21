import type { ClusterEnvironment } from '../../model.js';
import type { ComparableLine } from '../comparable-lines.js';
import { linesMatch, type Ordering } from '../match-lines.js';
import { apiServerAddress, noResourcesWording, nodeRows, runtimeIdPrefixes, storageClass, versionOutput } from './cluster-identity.js';
import { clusterDnsAddress, kubeSystemByFlavour, restartsAge } from './cluster-services.js';
import { deleteWording } from './delete-wording.js';
import { desiredLoadBalancerIp, internalTrafficPolicy, loadBalancerIpMode, loadBalancerVip, namedPorts, podReadyToStartContainers, podTemplateFields } from './describe-service.js';
import type { FactContext, PortabilityFact, PortableCommand, Sides } from './fact.js';
import { containerEventWording, eventFieldPath, pulledImageDetails } from './kubelet-events.js';
import { loadBalancerAddress } from './load-balancer-address.js';
import { nodeNames } from './node-names.js';
import { describeOptional, describeServiceAccount, managedFields, podGeneration } from './kubectl-1-34.js';
import { restartHistory } from './restart-history.js';
import { defaultedContainer, endpointsWarning, foundPods } from './warning-lines.js';

/**
 * The built-in facts, in the order they apply. Each sees the lines as the facts before it
 * left them: the kubelet's wording is settled before kubectl's event prefix is dropped,
 * kube-system rows reduced to their component before node names are looked for (`etcd-kind-control-plane`), addresses before `(VIP)`.
 */
export const portabilityFacts: readonly PortabilityFact[] = [
  deleteWording,
  endpointsWarning,
  defaultedContainer,
  foundPods,
  containerEventWording,
  eventFieldPath,
  pulledImageDetails,
  kubeSystemByFlavour,
  nodeNames,
  loadBalancerAddress,
  internalTrafficPolicy,
  loadBalancerVip,
  desiredLoadBalancerIp,
  namedPorts,
  loadBalancerIpMode,
  podTemplateFields,
  podReadyToStartContainers,
  clusterDnsAddress,
  restartHistory,
  restartsAge,
  versionOutput,
  nodeRows,
  apiServerAddress,
  runtimeIdPrefixes,
  storageClass,
  noResourcesWording,
  describeOptional,
  describeServiceAccount,
  podGeneration,
  managedFields,
];

/** Where the note's outputs were recorded and where they run now; `strict` turns portability off. */
export interface Portability {
  recorded: ClusterEnvironment;
  current: ClusterEnvironment;
  strict?: boolean;
  facts?: readonly PortabilityFact[];
}

/**
 * The fewest facts that make two outputs that differ match, or undefined when no set of
 * the facts that hold for these environments does. Facts only ever run on a mismatch.
 */
export function portableMatch(
  documented: ComparableLine[],
  actual: ComparableLine[],
  ordering: Ordering,
  command: PortableCommand,
  portability: Portability,
): string[] | undefined {
  const context: FactContext = { command, recorded: portability.recorded, current: portability.current };
  const sides: Sides = { documented: documented.map((line) => line.key), actual: actual.map((line) => line.key) };
  const facts = (portability.facts ?? portabilityFacts).filter((fact) => fact.holds(portability.recorded, portability.current));
  const matchesWith = (chosen: readonly PortabilityFact[]) => {
    const aligned = chosen.reduce((current, fact) => fact.align(current, context), sides);
    return linesMatch(asLines(aligned.documented), asLines(aligned.actual), ordering);
  };
  if (!matchesWith(facts)) return undefined;
  // Name only the facts the match needs: a fact whose removal still matches was not the reason.
  let needed = [...facts];
  for (const fact of facts) {
    const without = needed.filter((other) => other !== fact);
    if (matchesWith(without)) needed = without;
  }
  return needed.map((fact) => fact.id);
}

const asLines = (keys: string[]): ComparableLine[] => keys.map((key) => ({ text: key, key }));
