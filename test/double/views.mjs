// Objects as the API server returns them, with computed status; endpoints; the node.
import { list, iso } from './kinds.mjs';
import { matches } from './selectors.mjs';
import { controllerOf, templateKey, isReady } from './controllers.mjs';
import { serverVersion } from './versions.mjs';
import { flavour } from './flavours.mjs';
import { canonicalImage, nodeLabels, troubledStatus } from './kubelet.mjs';

// ---------- API views ----------
/** An image as the API reports it (`docker.io/library/x:latest`): the kubelet's own reading of a reference. */
export const normalizeImage = canonicalImage;

function strip(o) {
  if (Array.isArray(o)) return o.map(strip);
  if (o && typeof o === 'object') {
    const out = {};
    for (const [key, v] of Object.entries(o)) if (!key.startsWith('_') && v !== undefined) out[key] = strip(v);
    return out;
  }
  return o;
}

export function podStatus(s, pod, now) {
  const ready = isReady(pod, now);
  const t0 = iso(pod._ms - (pod._off ?? 0));
  const tReady = iso(Math.min(now, pod._readyAt ?? pod._ms) - (pod._off ?? 0) + 2000);
  const cond = (type, ok, extra = {}) => ({ lastProbeTime: null, lastTransitionTime: ok ? tReady : t0, status: ok ? 'True' : 'False', type, ...extra });
  const notReady = { message: `containers with unready status: [${pod.spec.containers.map((c) => c.name).join(' ')}]`, reason: 'ContainersNotReady' };
  const status = {
    conditions: [
      cond('PodReadyToStartContainers', ready),
      { ...cond('Initialized', true), lastTransitionTime: t0 },
      cond('Ready', ready, ready ? {} : notReady),
      cond('ContainersReady', ready, ready ? {} : notReady),
      { ...cond('PodScheduled', true), lastTransitionTime: t0 },
    ],
    containerStatuses: pod.spec.containers.map((c, i) =>
      ready
        ? {
            containerID: `containerd://${pod._cids?.[i] ?? ''}`,
            image: normalizeImage(c.image),
            imageID: `${normalizeImage(c.image).replace(/:[^:/]+$/, '')}@sha256:${imageDigest(c.image)}`,
            lastState: {},
            name: c.name,
            ready: true,
            restartCount: 0,
            started: true,
            state: { running: { startedAt: tReady } },
          }
        : { image: c.image, imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } },
    ),
    hostIP: s.node.ip,
    hostIPs: [{ ip: s.node.ip }],
    phase: ready ? 'Running' : 'Pending',
    qosClass: 'BestEffort',
    startTime: t0,
  };
  if (ready) {
    status.podIP = pod._ip;
    status.podIPs = [{ ip: pod._ip }];
  }
  return troubledStatus(pod, now, status);
}

export function imageDigest(image) {
  // a stable fake digest per image name (FNV-1a, widened to 64 hex chars)
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 8; round++) {
    for (const ch of `${round}:${image}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

export const deploymentPods = (s, d) => {
  const rsUids = new Set(list(s, 'ReplicaSet', d.metadata.namespace).filter((rs) => controllerOf(rs)?.uid === d.metadata.uid).map((rs) => rs.metadata.uid));
  return list(s, 'Pod', d.metadata.namespace).filter((p) => rsUids.has(controllerOf(p)?.uid));
};
export const rsPods = (s, rs) => list(s, 'Pod', rs.metadata.namespace).filter((p) => controllerOf(p)?.uid === rs.metadata.uid);
export const currentRS = (s, d) => {
  const tkey = templateKey(d.spec.template);
  return list(s, 'ReplicaSet', d.metadata.namespace).find((rs) => controllerOf(rs)?.uid === d.metadata.uid && rs._tkey === tkey) ?? null;
};

export function deploymentStatus(s, d, now) {
  const pods = deploymentPods(s, d);
  const cur = currentRS(s, d);
  const ready = pods.filter((p) => isReady(p, now)).length;
  const updated = cur ? rsPods(s, cur).length : 0;
  const want = d.spec.replicas ?? 1;
  const maxUnavailable = Math.floor(want * 0.25);
  const available = ready >= want - maxUnavailable;
  const t = iso(d._ms - (d._off ?? 0));
  const st = {
    availableReplicas: ready || undefined,
    conditions: [
      { lastTransitionTime: t, lastUpdateTime: t, message: available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.', reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', status: available ? 'True' : 'False', type: 'Available' },
      { lastTransitionTime: t, lastUpdateTime: t, message: cur ? `ReplicaSet "${cur.metadata.name}" ${ready >= want ? 'has successfully progressed' : 'is progressing'}.` : '', reason: ready >= want ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated', status: 'True', type: 'Progressing' },
    ],
    observedGeneration: d.metadata.generation ?? 1,
    readyReplicas: ready || undefined,
    replicas: pods.length || undefined,
    unavailableReplicas: pods.length - ready > 0 ? pods.length - ready : undefined,
    updatedReplicas: updated || undefined,
  };
  return st;
}

export function rsStatus(s, rs, now) {
  const pods = rsPods(s, rs);
  const ready = pods.filter((p) => isReady(p, now)).length;
  return {
    availableReplicas: ready || undefined,
    fullyLabeledReplicas: pods.length || undefined,
    observedGeneration: rs.metadata.generation ?? 1,
    readyReplicas: ready || undefined,
    replicas: pods.length,
  };
}

/** Endpoints derived from a service: ready pods that match its selector. */
export function endpointsFor(s, svc, now) {
  if (!svc._static && !svc.spec.selector) return null;
  const ep = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { creationTimestamp: svc.metadata.creationTimestamp, name: svc.metadata.name, namespace: svc.metadata.namespace },
    _ms: svc._ms,
    _off: svc._off,
  };
  if (svc.metadata.labels) ep.metadata.labels = { ...svc.metadata.labels };
  if (svc._static) {
    ep.subsets = [{ addresses: [{ ip: s.node.ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }];
    return ep;
  }
  const reqs = Object.entries(svc.spec.selector).map(([key, v]) => ({ key, op: '=', values: [String(v)] }));
  const pods = list(s, 'Pod', svc.metadata.namespace).filter((p) => matches(p.metadata.labels, reqs) && isReady(p, now));
  if (!pods.length) return ep; // no subsets → <none>
  const addresses = pods
    .map((p) => ({ ip: p._ip, nodeName: s.node.name, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid } }))
    .sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  const ports = [];
  for (const sp of svc.spec.ports ?? []) {
    let port = sp.targetPort ?? sp.port;
    if (typeof port === 'string' && !/^\d+$/.test(port)) {
      const cp = pods[0].spec.containers.flatMap((c) => c.ports ?? []).find((x) => x.name === port);
      if (!cp) continue;
      port = cp.containerPort;
    }
    const p = { port: Number(port), protocol: sp.protocol ?? 'TCP' };
    if (sp.name) p.name = sp.name;
    ports.push(p);
  }
  ep.subsets = [{ addresses, ports }];
  return ep;
}

export function nodeObject(s, now) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      creationTimestamp: iso(s.created),
      labels: nodeLabels(s),
      name: s.node.name,
      uid: '3b0c8f5e-0d7f-4f57-9a53-6f2a1c9d0e11',
    },
    spec: { podCIDR: `${flavour().pods}.0.0/24`, podCIDRs: [`${flavour().pods}.0.0/24`] },
    status: {
      addresses: [
        { address: s.node.ip, type: 'InternalIP' },
        { address: s.node.name, type: 'Hostname' },
      ],
      conditions: [{ lastHeartbeatTime: iso(now), message: 'kubelet is posting ready status', reason: 'KubeletReady', status: 'True', type: 'Ready' }],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: flavour().runtime,
        kernelVersion: '6.8.0-45-generic',
        kubeProxyVersion: serverVersion().gitVersion,
        kubeletVersion: serverVersion().gitVersion,
        operatingSystem: 'linux',
        osImage: flavour().osImage(serverVersion().gitVersion),
      },
    },
    _ms: s.created,
    _off: 0,
  };
}

export function lbIngress(s, svc) {
  if (svc.spec.type !== 'LoadBalancer') return null;
  // k3s ServiceLB (klipper): the node IP, unless an older LoadBalancer already holds one of the ports
  const ports = new Set((svc.spec.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`));
  const older = list(s, 'Service').filter((o) => o.spec.type === 'LoadBalancer' && (o._seq ?? 0) < (svc._seq ?? 0));
  const mode = Number(serverVersion().minor) >= 30 ? { ipMode: 'VIP' } : {};
  // Docker Desktop's vpnkit publishes every LoadBalancer on localhost; minikube waits for `minikube tunnel`.
  if (flavour().loadBalancer === 'localhost') return [{ hostname: 'localhost', ...mode }];
  if (flavour().loadBalancer === 'pending') return [];
  // cloud-provider-kind hands each service its own address from the docker network.
  if (flavour().loadBalancer === 'pool') return [{ ip: `172.18.255.${200 + ((svc._seq ?? 0) % 50)}`, ...mode }];
  if (older.some((o) => (o.spec.ports ?? []).some((p) => ports.has(`${p.port}/${p.protocol ?? 'TCP'}`)))) return [];
  return [{ ip: s.node.ip, ...mode }];
}

/** The object as the API server returns it: internal fields gone, status computed. */
export function view(s, obj, now) {
  const o = strip(obj);
  switch (obj.kind) {
    case 'Pod':
      o.status = podStatus(s, obj, now);
      break;
    case 'Deployment':
      o.status = strip(deploymentStatus(s, obj, now));
      break;
    case 'ReplicaSet':
      o.status = strip(rsStatus(s, obj, now));
      break;
    case 'Service': {
      const ing = lbIngress(s, obj);
      o.status = { loadBalancer: ing && ing.length ? { ingress: ing } : {} };
      break;
    }
    case 'Namespace':
      o.status = { phase: 'Active' };
      break;
  }
  return o;
}

