// Turning manifests into stored objects: validation, defaults, create, update, delete.
import { fail } from './errors.mjs';
import * as M from './model.mjs';
import * as R from './rand.mjs';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const canon = (v) => JSON.stringify(v, (k, val) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : 1))) : val));
export const canonical = canon;

const goMap = (m) => `map[string]string{${Object.keys(m ?? {}).sort().map((k) => `"${k}":"${m[k]}"`).join(', ')}}`;
const invalid = (kind, name, msg) => fail(`The ${kind} "${name}" is invalid: ${msg}`);

/** Schema-level checks kubectl does before talking to the server. */
export function validateDoc(obj, file) {
  if (!obj.apiVersion) fail(`error: error validating "${file}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`);
  if (!obj.kind) fail(`error: error validating "${file}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`);
  const kind = Object.hasOwn(M.KINDS, obj.kind) && !M.KINDS[obj.kind].virtual ? obj.kind : null;
  const expectedApi = kind ? M.apiVersionOf(kind) : null;
  if (!kind || obj.apiVersion !== expectedApi)
    fail(`error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${file}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`);
  if (!obj.metadata?.name) fail(`error: error when retrieving current configuration of:\nResource: "${M.resourceName(kind)}", GroupVersionKind: "${expectedApi}, Kind=${kind}"\nName: "", Namespace: "${obj.metadata?.namespace ?? ''}"\nfrom server for: "${file}": resource name may not be empty`);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(obj.metadata.name) || obj.metadata.name.length > 253)
    invalid(kind, obj.metadata.name, `metadata.name: Invalid value: "${obj.metadata.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
  strictDecoding(kind, obj, file);
  return kind;
}

// A container's fields as the API server decodes them (core/v1 Container).
const CONTAINER_FIELDS = new Set(['name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty']);

/**
 * kubectl apply validates strictly by default: the API server refuses a misspelt
 * container field before any other check (recorded from kube-apiserver v1.34.2, see
 * test/fixtures/real/apply-unknown-field.txt).
 */
function strictDecoding(kind, obj, file) {
  const path = kind === 'Pod' ? 'spec' : kind === 'Deployment' || kind === 'ReplicaSet' ? 'spec.template.spec' : null;
  if (!path) return;
  const spec = kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
  const unknown = (spec?.containers ?? []).flatMap((c, i) => Object.keys(c ?? {}).filter((k) => !CONTAINER_FIELDS.has(k)).map((k) => `unknown field "${path}.containers[${i}].${k}"`));
  if (unknown.length)
    fail(`Error from server (BadRequest): error when creating "${file}": ${kind} in version "${obj.apiVersion.replace(/^.*\//, '')}" cannot be handled as a ${kind}: strict decoding error: ${unknown.join(', ')}`);
}

function validatePodSpec(kind, name, spec, path) {
  const cs = spec?.containers;
  if (!Array.isArray(cs) || !cs.length) invalid(kind, name, `${path}.containers: Required value`);
  cs.forEach((c, i) => {
    if (!c.name) invalid(kind, name, `${path}.containers[${i}].name: Required value`);
    if (!c.image) invalid(kind, name, `${path}.containers[${i}].image: Required value`);
  });
}

function deploymentSpecFrom(name, spec) {
  spec = clone(spec ?? {});
  if (!spec.selector) invalid('Deployment', name, 'spec.selector: Required value');
  const labels = spec.template?.metadata?.labels ?? {};
  if (!M.matches(labels, M.selectorReqs(spec.selector)))
    invalid('Deployment', name, `spec.template.metadata.labels: Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``);
  validatePodSpec('Deployment', name, spec.template?.spec, 'spec.template.spec');
  if (spec.replicas === undefined) delete spec.replicas;
  return M.deploymentSpec(spec);
}

function serviceSpecFrom(s, name, spec, live) {
  spec = clone(spec ?? {});
  const type = spec.type ?? 'ClusterIP';
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
    invalid('Service', name, `spec.type: Unsupported value: "${type}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`);
  const ports = (spec.ports ?? []).map((p) => ({ ...p }));
  if (!ports.length && type !== 'ExternalName' && spec.clusterIP !== 'None') invalid('Service', name, 'spec.ports: Required value');
  const usedNodePorts = new Set(
    M.list(s, 'Service')
      .filter((o) => o.metadata.uid !== live?.metadata.uid)
      .flatMap((o) => (o.spec.ports ?? []).map((p) => p.nodePort))
      .filter(Boolean),
  );
  ports.forEach((p, i) => {
    if (ports.length > 1 && !p.name) invalid('Service', name, `spec.ports[${i}].name: Required value`);
    if (p.port === undefined) invalid('Service', name, `spec.ports[${i}].port: Required value`);
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
    if (type === 'NodePort' || type === 'LoadBalancer') {
      if (p.nodePort !== undefined) {
        if (p.nodePort < 30000 || p.nodePort > 32767)
          invalid('Service', name, `spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is 30000-32767`);
        if (usedNodePorts.has(p.nodePort)) invalid('Service', name, `spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: provided port is already allocated`);
      } else {
        const old = live?.spec.ports?.find((q) => q.port === p.port && q.protocol === p.protocol)?.nodePort;
        p.nodePort = old ?? R.nodePort(usedNodePorts);
      }
      usedNodePorts.add(p.nodePort);
    } else delete p.nodePort;
  });
  const out = { ...spec, type };
  if (ports.length) out.ports = ports;
  if (type === 'ExternalName') {
    delete out.clusterIP;
    return out;
  }
  let ip = live?.spec.clusterIP ?? spec.clusterIP;
  if (!ip) ip = R.serviceIP(new Set(M.list(s, 'Service').map((o) => o.spec.clusterIP)));
  out.clusterIP = ip;
  out.clusterIPs = [ip];
  Object.assign(out, { ...M.svcDefaults(), ...out });
  if (type === 'NodePort' || type === 'LoadBalancer') out.externalTrafficPolicy ??= 'Cluster';
  if (type === 'LoadBalancer') out.allocateLoadBalancerNodePorts ??= true;
  return out;
}

function secretData(name, obj) {
  const data = { ...(obj.data ?? {}) };
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v.replace(/\s/g, '')))
      fail(`Error from server (BadRequest): error when creating: Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0`);
    data[k] = v.replace(/\s/g, '');
  }
  for (const [k, v] of Object.entries(obj.stringData ?? {})) data[k] = Buffer.from(String(v)).toString('base64');
  return data;
}

/** Create a stored object from a manifest. The namespace must exist. */
export function createFrom(s, manifest, ns, now, { lastApplied } = {}) {
  const kind = manifest.kind;
  const name = manifest.metadata.name;
  if (M.KINDS[kind].ns && !M.get(s, 'Namespace', '', ns)) fail(`Error from server (NotFound): namespaces "${ns}" not found`);
  let o;
  if (kind === 'Namespace') o = M.createNamespace(s, name, now);
  else if (kind === 'Pod') {
    validatePodSpec('Pod', name, manifest.spec, 'spec');
    o = M.createPod(s, { name, ns, labels: manifest.metadata.labels, annotations: manifest.metadata.annotations, spec: manifest.spec }, now);
  } else {
    o = M.newObject(s, kind, name, ns, now);
    if (kind === 'Deployment') {
      o.spec = deploymentSpecFrom(name, manifest.spec);
      o.metadata.generation = 1;
    } else if (kind === 'Service') o.spec = serviceSpecFrom(s, name, manifest.spec, null);
    else if (kind === 'ConfigMap') {
      if (manifest.data) o.data = Object.fromEntries(Object.entries(manifest.data).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      if (manifest.binaryData) o.binaryData = { ...manifest.binaryData };
    } else if (kind === 'Secret') {
      o.type = manifest.type ?? 'Opaque';
      const data = secretData(name, manifest);
      if (Object.keys(data).length) o.data = data;
    }
  }
  if (manifest.metadata.labels) o.metadata.labels = { ...(o.metadata.labels ?? {}), ...stringify(manifest.metadata.labels) };
  if (manifest.metadata.annotations) o.metadata.annotations = { ...(o.metadata.annotations ?? {}), ...stringify(manifest.metadata.annotations) };
  if (lastApplied) o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied };
  M.put(s, o);
  return o;
}

const stringify = (m) => Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, String(v)]));

/** Apply-style merge of labels/annotations: drop keys the last apply owned, set the new ones. */
function mergeMap(live, prevApplied, next) {
  const out = { ...(live ?? {}) };
  for (const k of Object.keys(prevApplied ?? {})) delete out[k];
  Object.assign(out, stringify(next));
  return Object.keys(out).length ? out : undefined;
}

/** Update a live object from a manifest (kubectl apply on an existing object). */
export function updateFrom(s, live, manifest, now, { lastApplied, prev }) {
  const kind = live.kind;
  const name = live.metadata.name;
  const before = canon({ spec: live.spec, data: live.data, type: live.type, labels: live.metadata.labels, annotations: live.metadata.annotations });
  const prevMeta = prev?.metadata ?? {};
  if (kind === 'Deployment') {
    const spec = deploymentSpecFrom(name, manifest.spec);
    if (manifest.spec?.replicas === undefined) spec.replicas = prev?.spec?.replicas !== undefined ? 1 : live.spec.replicas;
    if (canon(spec) !== canon(live.spec)) {
      live.spec = spec;
      live.metadata.generation = (live.metadata.generation ?? 1) + 1;
    }
  } else if (kind === 'Service') {
    live.spec = serviceSpecFrom(s, name, manifest.spec, live);
  } else if (kind === 'Pod') {
    validatePodSpec('Pod', name, manifest.spec, 'spec');
    const want = manifest.spec.containers;
    const have = live.spec.containers;
    const sameShape = want.length === have.length && want.every((c, i) => c.name === have[i].name);
    const strip = (cs) => cs.map(({ image, ...rest }) => canon({ ...rest, volumeMounts: undefined, resources: undefined, imagePullPolicy: undefined, terminationMessagePath: undefined, terminationMessagePolicy: undefined }));
    if (!sameShape || canon(strip(want)) !== canon(strip(have)))
      invalid('Pod', name, 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)');
    want.forEach((c, i) => (have[i].image = c.image));
  } else if (kind === 'ConfigMap') {
    live.data = manifest.data ? stringify(manifest.data) : undefined;
    live.binaryData = manifest.binaryData;
  } else if (kind === 'Secret') {
    const data = secretData(name, manifest);
    live.data = Object.keys(data).length ? data : undefined;
    if (manifest.type && live.type !== manifest.type) invalid('Secret', name, 'type: Invalid value: "' + manifest.type + '": field is immutable');
  }
  live.metadata.labels = mergeMap(live.metadata.labels, prevMeta.labels, manifest.metadata.labels);
  if (kind === 'Namespace') live.metadata.labels = { ...(live.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  const ann = mergeMap(live.metadata.annotations, prevMeta.annotations, manifest.metadata.annotations) ?? {};
  if (lastApplied) ann[LAST_APPLIED] = lastApplied;
  live.metadata.annotations = Object.keys(ann).length ? ann : undefined;
  const changed = before !== canon({ spec: live.spec, data: live.data, type: live.type, labels: live.metadata.labels, annotations: live.metadata.annotations });
  if (changed) M.put(s, live);
  return changed;
}

export const PROTECTED_NS = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Delete one object (controllers run afterwards). */
export function deleteObject(s, kind, ns, name) {
  if (kind === 'Namespace' && PROTECTED_NS.includes(name))
    fail(`Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`);
  M.remove(s, kind, ns, name);
}

export function deletedMessage(kind, name, ns, force = false) {
  const base = `${M.kindPrefix(kind)} "${name}" ${force ? 'force deleted' : 'deleted'}`;
  const v = Number(M.clientMinor().split('.')[1]);
  return M.KINDS[kind].ns && v >= 34 ? `${base} from ${ns} namespace` : base;
}
