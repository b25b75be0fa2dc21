import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kubectl } from '../cluster/kubectl.js';
import { kubectl } from '../cluster/kubectl.js';
import { connect } from '../cluster/prepare-cluster.js';
import { MANAGED_BY, MANAGER, RUN_HOST, RUN_PID, thisHost } from '../cluster/run-labels.js';
import { isRunning } from '../files/atomic-write.js';
import { InputError } from '../errors.js';

interface Listed {
  items?: { metadata?: { name?: string; labels?: Record<string, string> } }[];
}

/**
 * `notes-run clean`: deletes the run namespaces that crashed or killed runs left on the
 * current context (the same context rules as a run), and their temporary kubeconfigs.
 * Only namespaces labelled as notes-run's, and never one a notes-run still running on
 * this machine uses.
 */
export async function clean(client: Kubectl, named: string | undefined, allowed: readonly string[], say: (line: string) => void): Promise<number> {
  const target = await connect(client, named, allowed);
  const listed = await kubectl(client, ['get', 'namespaces', '-l', `${MANAGED_BY}=${MANAGER}`, '-o', 'json', ...target.contextArgs]);
  if (listed.exitCode !== 0) throw new InputError(`could not list the run namespaces: ${listed.stderr.trim().split('\n').pop()}`);
  let items: NonNullable<Listed['items']>;
  try {
    items = (JSON.parse(listed.stdout) as Listed).items ?? [];
  } catch {
    throw new InputError('could not list the run namespaces: kubectl printed no JSON');
  }
  let failed = 0;
  let deleted = 0;
  for (const item of items) {
    const name = item.metadata?.name;
    const labels = item.metadata?.labels ?? {};
    if (!name) continue;
    const pid = Number(labels[RUN_PID]);
    if (labels[RUN_HOST] === thisHost() && Number.isInteger(pid) && isRunning(pid)) {
      say(`kept namespace ${name}: notes-run (pid ${pid}) is still running`);
      continue;
    }
    const result = await kubectl(client, ['delete', 'namespace', name, '--wait=false', '--ignore-not-found', ...target.contextArgs]);
    if (result.exitCode === 0) {
      deleted++;
      say(`deleted namespace ${name}`);
    } else {
      failed++;
      say(`could not delete namespace ${name}: ${result.stderr.trim().split('\n').pop()}`);
    }
  }
  const files = removeDeadKubeconfigs();
  say(`${deleted} run namespace${deleted === 1 ? '' : 's'} deleted on context ${target.context}${files > 0 ? `, ${files} temporary kubeconfig${files === 1 ? '' : 's'} removed` : ''}`);
  return failed > 0 ? 1 : 0;
}

/** `notes-run-kube-PID-*` folders whose run is gone: they hold a copy of the cluster's credentials. */
function removeDeadKubeconfigs(): number {
  let removed = 0;
  for (const name of readdirSync(tmpdir())) {
    const pid = /^notes-run-kube-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
