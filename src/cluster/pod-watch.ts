import type { Diagnosis } from '../model.js';
import type { ClusterWatch, Outlook } from '../run/cluster-watch.js';
import { kubectl, type Kubectl } from './kubectl.js';
import { crashing, diagnosisOf, outlookOf } from './pod-outlook.js';
import { readClusterView, type ClusterView } from './pod-states.js';
import { lastLine, looksUnreachable } from './prepare-cluster.js';

/** Crashing containers whose logs a diagnosis fetches: the calls stay bounded. */
const LOGGED_CONTAINERS = 3;
const LOG_LINES = 5;
const LOOK_TIMEOUT_MS = 10_000;

/**
 * What a look lists: the pods and their events say what is starting or failing; the
 * controllers and endpoints, with the pods, whether anything in the namespace still moves.
 */
const LOOKED_AT = 'pods,replicasets,deployments,endpoints,events';

/**
 * The run namespace watched for one note: `kubectl get pods,...,events -o json` (one call)
 * per look, plus `logs --tail=5` for up to three crashing containers in a diagnosis.
 * `scope` selects the cluster and namespace (`--kubeconfig F -n NS`).
 */
export function podWatch(client: Kubectl, scope: string[]): ClusterWatch {
  let unreachableSaid = false;
  const look = async (): Promise<ClusterView | { unreachable: string }> => {
    const result = await kubectl(client, [...scope, 'get', LOOKED_AT, '-o', 'json'], LOOK_TIMEOUT_MS);
    if (result.exitCode !== 0 && (result.exitCode === 127 || looksUnreachable(result.stderr))) return { unreachable: lastLine(result.stderr) };
    return readClusterView(result.stdout);
  };
  return {
    async outlook(): Promise<Outlook> {
      const view = await look();
      return 'unreachable' in view ? { kind: 'unreachable' } : outlookOf(view, Date.now());
    },
    async diagnose(): Promise<Diagnosis | undefined> {
      const view = await look();
      if ('unreachable' in view) {
        if (unreachableSaid) return undefined;
        unreachableSaid = true;
        return { pods: [], events: [], unreachable: `the cluster stopped answering: ${view.unreachable || 'kubectl could not reach it'}` };
      }
      const diagnosis = diagnosisOf(view);
      if (!diagnosis) return undefined;
      for (const { pod, container } of crashing(view).slice(0, LOGGED_CONTAINERS)) {
        const logs = await kubectl(client, [...scope, 'logs', pod, '-c', container, `--tail=${LOG_LINES}`], LOOK_TIMEOUT_MS);
        const lines = logs.stdout.trimEnd().split('\n').filter((line) => line !== '');
        const entry = diagnosis.pods.find((p) => p.pod === pod);
        if (entry && logs.exitCode === 0 && lines.length > 0) entry.logs = lines.slice(-LOG_LINES);
      }
      return diagnosis;
    },
  };
}
