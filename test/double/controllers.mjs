// The controllers: namespaces, garbage collection, Deployment → ReplicaSet → Pods.
import * as R from './rand.mjs';
import { STORED, KINDS, list, remove, newObject, put } from './kinds.mjs';
import { createPod, ensureRootCA, ensureKubernetesService } from './objects.mjs';
import { matches, selectorReqs } from './selectors.mjs';
import { kubeletSync } from './kubelet.mjs';

// ---------- controllers ----------
const canon = (v) => JSON.stringify(v, (key, val) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort()) : val));
export const templateKey = (tmpl) => canon(tmpl);
export const controllerOf = (o) => (o.metadata.ownerReferences ?? []).find((r) => r.controller);
export const isReady = (pod, now) => now >= (pod._readyAt ?? 0);

/** Run the controllers until the state is consistent. Called after every mutation. */
export function reconcile(s, now) {
  const namespaces = new Set(list(s, 'Namespace').map((n) => n.metadata.name));
  // namespace-scoped objects of deleted namespaces go away
  for (const kind of STORED) {
    if (!KINDS[kind].ns) continue;
    for (const o of list(s, kind)) if (!namespaces.has(o.metadata.namespace)) remove(s, kind, o.metadata.namespace, o.metadata.name);
  }
  for (const ns of namespaces) ensureRootCA(s, ns, now);
  ensureKubernetesService(s, now);

  // garbage collection
  const uids = (kind) => new Set(list(s, kind).map((o) => o.metadata.uid));
  const deployUids = uids('Deployment');
  for (const rs of list(s, 'ReplicaSet')) {
    const owner = controllerOf(rs);
    if (owner && owner.kind === 'Deployment' && !deployUids.has(owner.uid)) remove(s, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  }
  const rsUids = uids('ReplicaSet');
  for (const p of list(s, 'Pod')) {
    const owner = controllerOf(p);
    if (owner && owner.kind === 'ReplicaSet' && !rsUids.has(owner.uid)) remove(s, 'Pod', p.metadata.namespace, p.metadata.name);
  }

  // deployment controller
  for (const d of list(s, 'Deployment')) {
    const ns = d.metadata.namespace;
    const tkey = templateKey(d.spec.template);
    const owned = list(s, 'ReplicaSet', ns).filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
    let cur = owned.find((rs) => rs._tkey === tkey);
    const maxRev = Math.max(0, ...owned.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)));
    if (!cur) {
      const names = new Set(list(s, 'ReplicaSet', ns).map((r) => r.metadata.name));
      let hash;
      do hash = R.templateHash();
      while (names.has(`${d.metadata.name}-${hash}`));
      const name = `${d.metadata.name}-${hash}`;
      cur = newObject(s, 'ReplicaSet', name, ns, now, now === d._ms ? d._off : null);
      const tlabels = { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
      cur.metadata.labels = tlabels;
      cur.metadata.annotations = {
        'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
        'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + Math.ceil(d.spec.replicas * 0.25)),
        'deployment.kubernetes.io/revision': String(maxRev + 1),
      };
      cur.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid },
      ];
      const sel = JSON.parse(JSON.stringify(d.spec.selector ?? {}));
      sel.matchLabels = { ...(sel.matchLabels ?? {}), 'pod-template-hash': hash };
      cur.spec = {
        replicas: d.spec.replicas,
        selector: sel,
        template: { metadata: { ...(d.spec.template.metadata ?? {}), labels: tlabels }, spec: d.spec.template.spec },
      };
      cur.metadata.generation = 1;
      cur._tkey = tkey;
      cur._hash = hash;
      put(s, cur);
      d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': String(maxRev + 1) };
      d._events = [...(d._events ?? []), { at: now, reason: 'ScalingReplicaSet', msg: `Scaled up replica set ${name} from 0 to ${d.spec.replicas}` }];
      owned.push(cur);
    } else if (Number(cur.metadata.annotations?.['deployment.kubernetes.io/revision']) !== maxRev) {
      cur.metadata.annotations['deployment.kubernetes.io/revision'] = String(maxRev + 1);
      d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': String(maxRev + 1) };
    }
    for (const rs of owned) {
      const want = rs === cur ? d.spec.replicas : 0;
      if (rs.spec.replicas !== want) {
        if (rs !== cur && rs.spec.replicas > 0)
          d._events = [...(d._events ?? []), { at: now, reason: 'ScalingReplicaSet', msg: `Scaled down replica set ${rs.metadata.name} from ${rs.spec.replicas} to 0` }];
        else if (rs === cur)
          d._events = [...(d._events ?? []), { at: now, reason: 'ScalingReplicaSet', msg: `Scaled ${want > rs.spec.replicas ? 'up' : 'down'} replica set ${rs.metadata.name} from ${rs.spec.replicas} to ${want}` }];
        rs.spec.replicas = want;
        rs.metadata.annotations['deployment.kubernetes.io/desired-replicas'] = String(d.spec.replicas);
      }
    }
    d.metadata.generation ??= 1;
  }

  // replicaset controller
  for (const rs of list(s, 'ReplicaSet')) {
    const ns = rs.metadata.namespace;
    const reqs = selectorReqs(rs.spec.selector);
    const pods = list(s, 'Pod', ns);
    for (const p of pods) {
      const owner = controllerOf(p);
      if (owner?.uid === rs.metadata.uid && !matches(p.metadata.labels, reqs)) delete p.metadata.ownerReferences; // released
      else if (!owner && matches(p.metadata.labels, reqs))
        p.metadata.ownerReferences = [
          { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid },
        ];
    }
    const owned = list(s, 'Pod', ns).filter((p) => controllerOf(p)?.uid === rs.metadata.uid);
    const want = rs.spec.replicas ?? 1;
    if (owned.length < want) {
      const names = new Set(pods.map((p) => p.metadata.name));
      for (let i = owned.length; i < want; i++) {
        let name;
        do name = `${rs.metadata.name}-${R.suffix(5)}`;
        while (names.has(name));
        names.add(name);
        const t = rs.spec.template ?? {};
        createPod(s, { name, ns, labels: t.metadata?.labels, annotations: t.metadata?.annotations, spec: t.spec, owner: rs }, now, now === rs._ms ? rs._off : null);
      }
    } else if (owned.length > want) {
      // scale down: not-ready pods first, then the newest
      const victims = owned.slice().sort((a, b) => isReady(a, now) - isReady(b, now) || b._ms - a._ms);
      for (const p of victims.slice(0, owned.length - want)) remove(s, 'Pod', ns, p.metadata.name);
    }
  }
  kubeletSync(s, list(s, 'Pod'), now);
}

