// What the kubelet and the scheduler do with a pod before it runs: pull its images
// (slowly, or failing), start its containers (or crash-loop them), refuse to start them
// while a referenced ConfigMap or Secret is missing, or leave the pod unscheduled.
// The states a cold or failing cluster shows; see README.md ("Cold and failing clusters").
import { get, iso } from './kinds.mjs';

/** A pod that never becomes ready: later than any date. */
export const FOREVER = 8.64e15;
/** kubelet's first restart back-off. */
const BACKOFF_MS = 10_000;
/** How long a failed pull shows `ErrImagePull` before `ImagePullBackOff`. */
const ERR_PULL_MS = 2_000;

/** KUBE_DOUBLE_TIME_SCALE=k: pulls, back-offs and `kubectl wait --timeout` last 1/k of the time they stand for. */
export const timeScale = () => {
  const k = Number(process.env.KUBE_DOUBLE_TIME_SCALE);
  return Number.isFinite(k) && k > 0 ? k : 1;
};
export const scaled = (ms) => ms / timeScale();

/** KUBE_DOUBLE_IMAGES: `{"IMAGE": {"pullMs": N, "pull": "not-found"|"rate-limit", "crash": ["log line", ...]}}`. */
export function behaviourOf(image) {
  let all = {};
  try {
    all = JSON.parse(process.env.KUBE_DOUBLE_IMAGES || '{}');
  } catch {
    /* a broken knob is no knob */
  }
  const img = String(image ?? '');
  return all[img] ?? all[img.replace(/:[^:/]+$/, '')] ?? {};
}

const defaultPullMs = () => {
  const n = Number(process.env.KUBE_DOUBLE_PULL_MS);
  return Number.isFinite(n) && n > 0 ? n : 0;
};

export function canonicalImage(image) {
  let img = String(image ?? '');
  const first = img.split('/')[0];
  const hasRegistry = img.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) img = `docker.io/${img.includes('/') ? '' : 'library/'}${img}`;
  if (!/:[\w.-]+$/.test(img.split('/').pop()) && !img.includes('@')) img += ':latest';
  return img;
}

/** The pull of an image for a new pod: joins one under way, is instant once the node has the image. */
function pullFor(s, image, now) {
  const b = behaviourOf(image);
  const ms = scaled(b.pullMs ?? defaultPullMs());
  if (b.pull) return { image, from: now, until: now + Math.max(ms, 1), fails: b.pull };
  if (ms === 0 && !s.images?.[canonicalImage(image)]) return null;
  s.images ??= {};
  const key = canonicalImage(image);
  s.images[key] ??= { from: now, until: now + ms };
  const known = s.images[key];
  // Already on the node before this pod came: nothing to pull.
  if (known.until <= now) return null;
  return { image, from: known.from, until: known.until };
}

/** The labels of the cluster's single node: the Node object shows them, the scheduler matches nodeSelectors on them. */
export function nodeLabels(s) {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': s.node.name,
    'kubernetes.io/os': 'linux',
    'node-role.kubernetes.io/control-plane': 'true',
    'node-role.kubernetes.io/master': 'true',
  };
}

/** Why the scheduler cannot place the pod on the single node (a nodeSelector it lacks), if it cannot. */
function unschedulable(s, pod) {
  const labels = nodeLabels(s);
  const wanted = Object.entries(pod.spec.nodeSelector ?? {});
  if (wanted.every(([key, value]) => labels[key] === String(value))) return null;
  return "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
}

/** Called when a pod is created: schedules it and starts its pulls. */
export function admitPod(s, pod, now) {
  const why = unschedulable(s, pod);
  if (why) {
    pod._unschedulable = why;
    delete pod.spec.nodeName;
    pod._readyAt = FOREVER;
    return;
  }
  const pulls = pod.spec.containers.map((c) => pullFor(s, c.image, now));
  if (pulls.some(Boolean)) pod._pulls = pulls;
  const crash = pod.spec.containers.some((c) => behaviourOf(c.image).crash);
  const startAt = Math.max(pod._readyAt, ...pulls.map((p) => (p ? p.until : 0)));
  if (crash || pulls.some((p) => p?.fails)) {
    pod._startAt = startAt;
    pod._readyAt = FOREVER;
  } else pod._readyAt = startAt;
}

/** A container's env or envFrom names a ConfigMap or Secret that does not exist: the kubelet will not create it. */
function missingReference(s, pod) {
  const ns = pod.metadata.namespace;
  for (const c of pod.spec.containers) {
    const refs = [
      ...(c.env ?? []).flatMap((e) => [
        ['ConfigMap', e.valueFrom?.configMapKeyRef],
        ['Secret', e.valueFrom?.secretKeyRef],
      ]),
      ...(c.envFrom ?? []).flatMap((e) => [
        ['ConfigMap', e.configMapRef],
        ['Secret', e.secretRef],
      ]),
    ];
    for (const [kind, ref] of refs) {
      if (!ref?.name || ref.optional) continue;
      if (!get(s, kind, ns, ref.name)) return `${kind.toLowerCase()} "${ref.name}" not found`;
    }
  }
  return null;
}

/** After every change: a pod waiting for a missing ConfigMap starts once it exists. */
export function kubeletSync(s, pods, now) {
  for (const pod of pods) {
    if (pod._unschedulable) continue;
    const missing = missingReference(s, pod);
    if (missing && !pod._configError) {
      pod._configError = missing;
      pod._startAt ??= pod._readyAt;
      pod._readyAt = FOREVER;
    } else if (!missing && pod._configError) {
      delete pod._configError;
      pod._readyAt = Math.max(pod._startAt ?? now, now);
      delete pod._startAt;
    } else if (missing) pod._configError = missing;
  }
}

/** What one container is doing, when the kubelet's story differs from "running"; null otherwise. */
export function containerTrouble(pod, i, now) {
  const c = pod.spec.containers[i];
  const pull = pod._pulls?.[i];
  if (pull && now < pull.until) return { waiting: { reason: 'ContainerCreating' }, pulling: pull };
  if (pull?.fails) {
    const message = pullError(pull);
    if (now < pull.until + scaled(ERR_PULL_MS)) return { waiting: { reason: 'ErrImagePull', message } };
    return { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${message}` } };
  }
  if (pod._configError) return { waiting: { reason: 'CreateContainerConfigError', message: pod._configError } };
  const crash = behaviourOf(c.image).crash;
  if (crash && pod._startAt !== undefined && now >= pod._startAt) {
    const restarts = 1 + Math.floor((now - pod._startAt) / scaled(BACKOFF_MS));
    const finished = pod._startAt + (restarts - 1) * scaled(BACKOFF_MS) + 50;
    return {
      waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` },
      lastState: { terminated: { exitCode: behaviourOf(c.image).exitCode ?? 1, reason: 'Error', startedAt: iso(finished - 50), finishedAt: iso(finished) } },
      restarts,
      finished,
      logs: crash.map(String),
    };
  }
  if (pod._startAt !== undefined && now < pod._startAt) return { waiting: { reason: 'ContainerCreating' } };
  return null;
}

function pullError(pull) {
  const ref = canonicalImage(pull.image);
  if (pull.fails === 'rate-limit') {
    const repo = ref.replace(/^docker\.io\//, '').replace(/:[^:/]+$/, '');
    return (
      `failed to pull and unpack image "${ref}": failed to copy: httpReadSeeker: failed open: unexpected status code ` +
      `https://registry-1.docker.io/v2/${repo}/manifests/sha256:${'0'.repeat(8)}: 429 Too Many Requests - Server message: toomanyrequests: ` +
      'You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'
    );
  }
  return (
    `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": pull access denied, repository does not exist ` +
    'or may require authorization: server message: insufficient_scope: authorization failed'
  );
}

/** The STATUS column of `kubectl get pods` for a pod in trouble, null when it is the usual Running/ContainerCreating. */
export function statusWord(pod, now) {
  if (pod._unschedulable) return 'Pending';
  for (let i = 0; i < pod.spec.containers.length; i++) {
    const t = containerTrouble(pod, i, now);
    if (t && t.waiting.reason !== 'ContainerCreating') return t.waiting.reason;
  }
  return null;
}

/** RESTARTS of a crash-looping pod, as kubectl ≥ 1.22 prints it. */
export function restartsCell(pod, now) {
  const t = pod.spec.containers.map((_, i) => containerTrouble(pod, i, now)).find((x) => x?.restarts);
  if (!t) return null;
  const ago = Math.max(0, Math.floor((now - t.finished) / 1000));
  return `${t.restarts} (${ago}s ago)`;
}

/** The API view's status for a pod in trouble: overrides what views.mjs computed for a plain pod. */
export function troubledStatus(pod, now, status) {
  if (pod._unschedulable) {
    const t0 = status.startTime;
    return {
      conditions: [{ lastProbeTime: null, lastTransitionTime: t0, message: pod._unschedulable, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }],
      phase: 'Pending',
      qosClass: status.qosClass,
    };
  }
  const troubles = pod.spec.containers.map((_, i) => containerTrouble(pod, i, now));
  if (!troubles.some((t) => t && t.waiting.reason !== 'ContainerCreating')) return status;
  // A crash-looping container has started before: the pod runs, with its IP, just not Ready.
  if (troubles.some((t) => t?.restarts)) {
    status.phase = 'Running';
    status.podIP = pod._ip;
    status.podIPs = [{ ip: pod._ip }];
  }
  status.containerStatuses = status.containerStatuses.map((cs, i) => {
    const t = troubles[i];
    if (!t) return cs;
    return {
      image: cs.image,
      imageID: t.lastState ? cs.imageID || '' : '',
      lastState: t.lastState ?? {},
      name: cs.name,
      ready: false,
      restartCount: t.restarts ?? 0,
      started: false,
      state: { waiting: t.waiting },
    };
  });
  return status;
}

/** The events a pod has gathered, oldest first: `kubectl get events` and `describe`. */
export function podEvents(s, pod, now) {
  const name = pod.metadata.name;
  const t0 = pod._ms;
  const ev = [];
  const add = (at, type, reason, from, msg, container) => at <= now && ev.push({ at, type, reason, from, msg, container });
  if (pod._unschedulable) {
    add(t0, 'Warning', 'FailedScheduling', 'default-scheduler', pod._unschedulable);
    return ev;
  }
  add(t0, 'Normal', 'Scheduled', 'default-scheduler', `Successfully assigned ${pod.metadata.namespace}/${name} to ${s.node.name}`);
  pod.spec.containers.forEach((c, i) => {
    const pull = pod._pulls?.[i];
    const from = pull ? Math.max(pull.from, t0) : t0;
    add(from, 'Normal', 'Pulling', 'kubelet', `Pulling image "${c.image}"`, c.name);
    if (pull?.fails) {
      add(pull.until, 'Warning', 'Failed', 'kubelet', `Failed to pull image "${c.image}": ${pullError(pull)}`, c.name);
      add(pull.until, 'Warning', 'Failed', 'kubelet', 'Error: ErrImagePull', c.name);
      add(pull.until + scaled(ERR_PULL_MS), 'Normal', 'BackOff', 'kubelet', `Back-off pulling image "${c.image}"`, c.name);
      add(pull.until + scaled(ERR_PULL_MS), 'Warning', 'Failed', 'kubelet', 'Error: ImagePullBackOff', c.name);
      return;
    }
    const pulled = pull ? pull.until : t0 + 300;
    const secs = ((pulled - from) / 1000 * timeScale()).toFixed(3);
    add(pulled, 'Normal', 'Pulled', 'kubelet', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: 3481623 bytes.`, c.name);
    if (pod._configError) {
      add(pulled + 10, 'Warning', 'Failed', 'kubelet', `Error: ${pod._configError}`, c.name);
      return;
    }
    add(pulled + 100, 'Normal', 'Created', 'kubelet', `Created container: ${c.name}`, c.name);
    add(pulled + 200, 'Normal', 'Started', 'kubelet', `Started container ${c.name}`, c.name);
    const t = containerTrouble(pod, i, now);
    if (t?.restarts) add(t.finished + 10, 'Warning', 'BackOff', 'kubelet', `Back-off restarting failed container ${c.name} in pod ${name}_${pod.metadata.namespace}(${pod.metadata.uid})`, c.name);
  });
  return ev;
}

/** `kubectl get events` objects (core/v1 Event) for the pods of a namespace. */
export function eventObjects(s, pods, now) {
  const out = [];
  for (const pod of pods) {
    podEvents(s, pod, now).forEach((e, i) => {
      const at = iso(e.at);
      out.push({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { creationTimestamp: at, name: `${pod.metadata.name}.${(pod._seq ?? 0).toString(16).padStart(8, '0')}${i.toString(16).padStart(8, '0')}`, namespace: pod.metadata.namespace },
        count: 1,
        firstTimestamp: at,
        involvedObject: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid, ...(e.container ? { fieldPath: `spec.containers{${e.container}}` } : {}) },
        lastTimestamp: at,
        message: e.msg,
        reason: e.reason,
        source: e.from === 'kubelet' ? { component: 'kubelet', host: s.node.name } : { component: e.from },
        type: e.type,
        _ms: e.at,
        _off: 0,
      });
    });
  }
  return out.sort((a, b) => a._ms - b._ms);
}

/** `kubectl logs` of a container that is not running: its last run's lines, or why there are none. */
export function logsOfTroubled(pod, c, now) {
  const i = pod.spec.containers.indexOf(c);
  const t = containerTrouble(pod, i, now);
  if (!t) return null;
  if (t.logs) return { lines: t.logs.slice(-100) };
  const why = t.waiting.reason === 'ImagePullBackOff' || t.waiting.reason === 'ErrImagePull' ? 'trying and failing to pull image' : t.waiting.reason;
  return { error: `Error from server (BadRequest): container "${c.name}" in pod "${pod.metadata.name}" is waiting to start: ${why}` };
}

