// The run namespace's pods, controllers, endpoints and events as `kubectl get pods,replicasets,deployments,endpoints,events -o json` prints them
// (one List, one call), read into the few facts a waiting or failing run needs.

export interface ContainerView {
  name: string;
  image: string;
  ready: boolean;
  /** `state.waiting` or `state.terminated`: why the container is not running. */
  reason?: string;
  message?: string;
  restarts: number;
  /** The last run ended in an error (a crash loop's previous run). */
  crashed: boolean;
}

export interface PodView {
  name: string;
  phase: string;
  ready: boolean;
  /** Being deleted: the namespace is still moving until it is gone. */
  terminating: boolean;
  /** The scheduler's message when it could not place the pod. */
  unschedulable?: string;
  containers: ContainerView[];
}

export interface EventView {
  type: string;
  reason: string;
  /** `pod/x`, `deployment/y`. */
  object: string;
  message: string;
  /** Milliseconds since the epoch; 0 when the event carries no time. */
  at: number;
}

export interface ClusterView {
  pods: PodView[];
  events: EventView[];
  /**
   * Every object of the look but events, as `kind/name@resourceVersion`, sorted: two looks
   * with the same state saw a namespace in which nothing was written in between.
   */
  state: string;
  /** Deployments and ReplicaSets whose controller has not caught up with their spec (`deployment/web`). */
  rollouts: string[];
}

// kubectl JSON, read defensively field by field.
type Json = Record<string, any>;

/** Reads kubectl's List; anything unreadable is an empty namespace rather than an error. */
export function readClusterView(stdout: string): ClusterView {
  let list: Json;
  try {
    list = JSON.parse(stdout) as Json;
  } catch {
    return { pods: [], events: [], state: '', rollouts: [] };
  }
  const items: Json[] = Array.isArray(list?.items) ? list.items : [list];
  const objects = items.filter((item) => item?.kind !== 'Event');
  return {
    pods: items.filter((item) => item?.kind === 'Pod').map(podView),
    events: items
      .filter((item) => item?.kind === 'Event')
      .map(eventView)
      .sort((a, b) => a.at - b.at),
    state: objects.map((item) => `${String(item?.kind)}/${String(item?.metadata?.name)}@${String(item?.metadata?.resourceVersion ?? '')}`).sort().join(' '),
    rollouts: objects.filter(rollingOut).map((item) => `${String(item.kind).toLowerCase()}/${String(item.metadata?.name ?? '')}`),
  };
}

/** A controller still at work: a spec it has not seen yet, or fewer or more pods than its spec asks for. */
function rollingOut(item: Json): boolean {
  if (item.kind !== 'Deployment' && item.kind !== 'ReplicaSet') return false;
  const status: Json = item.status ?? {};
  const wanted = Number(item.spec?.replicas ?? 1);
  if (Number(item.metadata?.generation ?? 0) > Number(status.observedGeneration ?? 0)) return true;
  if (Number(status.replicas ?? 0) !== wanted) return true;
  return item.kind === 'Deployment' && Number(status.updatedReplicas ?? 0) !== wanted;
}

function podView(pod: Json): PodView {
  const status: Json = pod.status ?? {};
  const conditions: Json[] = status.conditions ?? [];
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  const view: PodView = {
    name: String(pod.metadata?.name ?? ''),
    phase: String(status.phase ?? 'Pending'),
    ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    terminating: pod.metadata?.deletionTimestamp !== undefined,
    containers: [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].map(containerView),
  };
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') view.unschedulable = String(scheduled.message ?? '');
  return view;
}

function containerView(status: Json): ContainerView {
  const state: Json = status.state?.waiting ?? status.state?.terminated ?? {};
  const view: ContainerView = {
    name: String(status.name ?? ''),
    image: String(status.image ?? ''),
    ready: status.ready === true,
    restarts: Number(status.restartCount ?? 0),
    crashed: status.lastState?.terminated !== undefined && status.lastState.terminated.exitCode !== 0,
  };
  if (state.reason) view.reason = String(state.reason);
  if (state.message) view.message = String(state.message);
  return view;
}

function eventView(event: Json): EventView {
  const time = event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp;
  const involved: Json = event.involvedObject ?? event.regarding ?? {};
  return {
    type: String(event.type ?? 'Normal'),
    reason: String(event.reason ?? ''),
    object: `${String(involved.kind ?? '').toLowerCase()}/${String(involved.name ?? '')}`,
    message: String(event.message ?? event.note ?? ''),
    at: time ? Date.parse(String(time)) || 0 : 0,
  };
}
