// Built-in objects and defaults: namespaces, the kubernetes service, pod specs, pods.
import * as R from './rand.mjs';
import { kubernetesServiceIP } from './flavours.mjs';
import { newObject, put, get, list, convergeMs } from './kinds.mjs';
import { admitPod } from './kubelet.mjs';

export const svcDefaults = () => ({
  internalTrafficPolicy: 'Cluster',
  ipFamilies: ['IPv4'],
  ipFamilyPolicy: 'SingleStack',
  sessionAffinity: 'None',
});

export function createNamespace(s, name, now) {
  const ns = newObject(s, 'Namespace', name, null, now);
  ns.metadata.labels = { 'kubernetes.io/metadata.name': name };
  ns.spec = { finalizers: ['kubernetes'] };
  put(s, ns);
  ensureRootCA(s, name, now);
  return ns;
}

export function ensureRootCA(s, ns, now) {
  if (get(s, 'ConfigMap', ns, 'kube-root-ca.crt')) return;
  const cm = newObject(s, 'ConfigMap', 'kube-root-ca.crt', ns, now);
  cm.metadata.annotations = { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' };
  cm.data = { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy\n-----END CERTIFICATE-----\n' };
  put(s, cm);
}

export function ensureKubernetesService(s, now) {
  if (!get(s, 'Namespace', '', 'default') || get(s, 'Service', 'default', 'kubernetes')) return;
  const o = newObject(s, 'Service', 'kubernetes', 'default', now);
  o.metadata.labels = { component: 'apiserver', provider: 'kubernetes' };
  o.spec = {
    clusterIP: kubernetesServiceIP(),
    clusterIPs: [kubernetesServiceIP()],
    ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    type: 'ClusterIP',
    ...svcDefaults(),
  };
  o._static = true; // endpoints: the node's API server, not pods
  put(s, o);
}

// ---------- defaults ----------
export function deploymentSpec(spec) {
  return {
    progressDeadlineSeconds: 600,
    replicas: 1,
    revisionHistoryLimit: 10,
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
    ...spec,
    template: { ...(spec.template ?? {}), metadata: { ...(spec.template?.metadata ?? {}) } },
  };
}

function podSpec(tmpl, s, podName, vol) {
  const spec = JSON.parse(JSON.stringify(tmpl ?? {}));
  spec.containers = (spec.containers ?? []).map((c) => ({
    imagePullPolicy: !String(c.image ?? '').includes(':') || String(c.image).endsWith(':latest') ? 'Always' : 'IfNotPresent',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...c,
    volumeMounts: [
      ...(c.volumeMounts ?? []),
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol, readOnly: true },
    ],
  }));
  return {
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: 'default',
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
    tolerations: [
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ],
    ...spec,
    nodeName: s.node.name,
    volumes: [
      ...(spec.volumes ?? []),
      {
        name: vol,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
          ],
        },
      },
    ],
  };
}

/** Create a pod (bare or owned) with a fresh IP, scheduled on the node. */
export function createPod(s, { name, ns, labels, annotations, spec, owner }, now, maxOff = null) {
  const used = new Set(list(s, 'Pod').map((p) => p._ip));
  const pod = newObject(s, 'Pod', name, ns, now, maxOff);
  if (owner) pod.metadata.generateName = `${owner.metadata.name}-`;
  pod.metadata.labels = { ...(labels ?? {}) };
  if (annotations && Object.keys(annotations).length) pod.metadata.annotations = { ...annotations };
  if (owner)
    pod.metadata.ownerReferences = [
      { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: owner.metadata.name, uid: owner.metadata.uid },
    ];
  const vol = `kube-api-access-${R.suffix(5)}`;
  pod.spec = podSpec(spec, s, name, vol);
  pod._ip = R.podIP(used);
  pod._readyAt = now + convergeMs();
  admitPod(s, pod, now);
  pod._cids = pod.spec.containers.map(() => R.hex(32));
  put(s, pod);
  return pod;
}

