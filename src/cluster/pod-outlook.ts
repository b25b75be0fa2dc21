import type { Diagnosis, PodDiagnosis } from '../model.js';
import type { Outlook, Stillness } from '../run/cluster-watch.js';
import type { ClusterView, ContainerView, PodView } from './pod-states.js';

// What the run's pods tell a step that has not matched yet: they are still starting
// (wait), they failed for good (stop waiting, and say why), or they all run.

/** Reasons that do not go away by waiting: the pod is failing, not starting. */
const FAILING = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'Unschedulable',
  'Error',
  'OOMKilled',
]);
/** Images named in the progress line; the rest are counted. */
const NAMED_PULLS = 2;
/** Warning events a diagnosis shows, the last ones. */
const WARNINGS_SHOWN = 5;

/** Why a pod is not Ready, in the cluster's own word. */
export function troubleOf(pod: PodView): { reason: string; container?: ContainerView } {
  if (pod.unschedulable !== undefined) return { reason: 'Unschedulable' };
  const failing = pod.containers.find((c) => c.reason && FAILING.has(c.reason));
  if (failing) return { reason: failing.reason!, container: failing };
  const waiting = pod.containers.find((c) => !c.ready && c.reason);
  if (waiting) return { reason: waiting.reason!, container: waiting };
  if (pod.containers.length > 0 && pod.phase === 'Running') return { reason: 'not Ready' };
  return { reason: pod.phase };
}

/** Pods that should be running and are not: finished ones (a Job's, `restartPolicy: Never`) are done, not troubled. */
export function notReady(view: ClusterView): PodView[] {
  return view.pods.filter((pod) => !pod.ready && pod.phase !== 'Succeeded');
}

export function outlookOf(view: ClusterView, now: number): Outlook {
  const stillness = stillnessOf(view);
  const troubled = notReady(view)
    .filter((pod) => !pod.terminating)
    .map((pod) => ({ pod, trouble: troubleOf(pod) }));
  const starting = troubled.filter(({ pod, trouble }) => pod.phase !== 'Failed' && !FAILING.has(trouble.reason));
  if (starting.length > 0) return { kind: 'starting', waitingFor: waitingFor(view, starting, now), ...stillness };
  const failing = troubled[0];
  if (failing) return { kind: 'failing', why: `pod ${failing.pod.name} ${failing.trouble.reason}`, ...stillness };
  return { kind: 'settled', ...stillness };
}

/** Pods on their way out and controllers at work keep the namespace moving; the state says whether anything was written. */
function stillnessOf(view: ClusterView): Stillness {
  const ending = view.pods.filter((pod) => pod.terminating).map((pod) => `pod/${pod.name} terminating`);
  const moving = [...ending, ...view.rollouts.map((name) => `${name} rolling out`)];
  return { ...(moving.length > 0 ? { moving: moving.join(', ') } : {}), state: view.state };
}

/** `pulling kiamol/ch03-sleep 23 s`, or `2 pods ContainerCreating`. */
function waitingFor(view: ClusterView, starting: { pod: PodView; trouble: { reason: string } }[], now: number): string {
  const pulls = new Map<string, number>();
  for (const { pod } of starting) {
    for (const [image, since] of pullsUnderWay(view, pod.name)) pulls.set(image, Math.min(since, pulls.get(image) ?? since));
  }
  if (pulls.size > 0) {
    const named = [...pulls].sort((a, b) => a[1] - b[1]).slice(0, NAMED_PULLS);
    const more = pulls.size - named.length;
    const text = named.map(([image, since]) => `${image} ${Math.max(0, Math.round((now - since) / 1000))} s`).join(', ');
    return `pulling ${text}${more > 0 ? ` and ${more} more` : ''}`;
  }
  const counts = new Map<string, number>();
  for (const { trouble } of starting) counts.set(trouble.reason, (counts.get(trouble.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${n === 1 ? 'pod' : 'pods'} ${reason}`).join(', ');
}

/** Images a pod's kubelet started pulling and has not finished with: a `Pulling` event with no `Pulled` or `Failed` after it. */
function pullsUnderWay(view: ClusterView, pod: string): Map<string, number> {
  const pulling = new Map<string, number>();
  for (const event of view.events) {
    if (event.object !== `pod/${pod}`) continue;
    const image = /image "([^"]+)"/.exec(event.message)?.[1];
    if (event.reason === 'Pulling' && image) pulling.set(image, event.at);
    else if (image && (event.reason === 'Pulled' || event.reason === 'Failed')) pulling.delete(image);
  }
  return pulling;
}

/** The pods that are not Ready and the last warnings; logs are fetched for the containers `crashing` names. */
export function diagnosisOf(view: ClusterView): Diagnosis | undefined {
  const pods = notReady(view);
  if (pods.length === 0) return undefined;
  const warnings = view.events.filter((event) => event.type === 'Warning');
  const lines = [...new Set(warnings.map((event) => `${event.reason} ${event.object}: ${event.message}`))];
  return { pods: pods.map(podDiagnosis), events: lines.slice(-WARNINGS_SHOWN) };
}

function podDiagnosis(pod: PodView): PodDiagnosis {
  const { reason, container } = troubleOf(pod);
  const entry: PodDiagnosis = { pod: pod.name, phase: pod.phase, reason };
  if (container) {
    entry.container = container.name;
    entry.image = container.image;
    if (container.message) entry.message = container.message;
    if (container.restarts > 0) entry.restarts = container.restarts;
  } else if (pod.unschedulable) entry.message = pod.unschedulable;
  return entry;
}

/** Containers whose last lines say why they crash. */
export function crashing(view: ClusterView): { pod: string; container: string }[] {
  return notReady(view).flatMap((pod) =>
    pod.containers.filter((c) => c.reason === 'CrashLoopBackOff' || c.crashed || c.reason === 'Error').map((c) => ({ pod: pod.name, container: c.name })),
  );
}
