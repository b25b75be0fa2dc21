// The real cluster's objects, read with kubectl, in the shape the kubectl test double's
// simulated container reads (test/double/container.mjs): so a pod's programs on this
// cluster answer from the same simulation as on the double, fed with real objects.
import { spawnSync } from 'node:child_process';
import { put } from '../../double/kinds.mjs';

const KINDS = 'pods,services,configmaps,secrets';

/** What the API server holds now, as the double's state (`s.objects[kind][key]`). */
export function readClusterState(env = process.env) {
  const got = spawnSync(env.NOTES_RUN_KUBECTL, ['--kubeconfig', env.NOTES_RUN_KUBECONFIG, 'get', KINDS, '-A', '-o', 'json'], { encoding: 'utf8' });
  if (got.status !== 0) throw new Error(`reading the cluster failed: ${got.stderr.trim()}`);
  const s = { rv: 0, node: { name: env.NOTES_RUN_NODE_NAME ?? 'node', ip: env.NOTES_RUN_NODE_IP ?? '127.0.0.1' }, objects: {} };
  for (const item of JSON.parse(got.stdout).items) put(s, fromApi(item));
  return s;
}

/** The double's private fields, worked out from what the API says. */
function fromApi(obj) {
  const ms = Date.parse(obj.metadata.creationTimestamp);
  obj._ms = ms;
  obj._off = 0;
  if (obj.kind === 'Pod') {
    obj._ip = obj.status?.podIP;
    const ready = (obj.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    obj._readyAt = ready ? 0 : Infinity;
  }
  // The API server's own Service has Endpoints that point at it, not at pods.
  if (obj.kind === 'Service' && obj.metadata.namespace === 'default' && obj.metadata.name === 'kubernetes') obj._static = true;
  return obj;
}
