import type { Kubectl } from '../cluster/kubectl.js';
import { kubectl } from '../cluster/kubectl.js';
import { connect } from '../cluster/prepare-cluster.js';
import { isRunNamespace, MANAGED_BY, MANAGER, RUN_HOST, RUN_PID, thisHost } from '../cluster/run-labels.js';
import { removeDeadRunFolders } from '../files/run-folders.js';
import { isRunning } from '../files/atomic-write.js';
import { InputError } from '../errors.js';

interface Listed {
  items?: { metadata?: { name?: string; labels?: Record<string, string>; creationTimestamp?: string } }[];
}

/** A run namespace as its labels describe the run that made it. */
interface RunNamespace {
  name: string;
  host?: string;
  pid?: number;
  createdAt?: Date;
}

/**
 * What to do with one run namespace. A run of this machine is known dead or alive by
 * its PID: a dead one's namespace goes, a live one's stays. A run of another machine
 * (or of a notes-run too old to say its host) cannot be checked from here: it may be a
 * colleague's run in progress on a shared cluster, so it is only deleted when asked
 * (`--all`), and otherwise listed with how to delete it.
 */
type Fate = 'delete' | 'in use' | 'elsewhere';

function fateOf(space: RunNamespace, all: boolean): Fate {
  if (space.host === thisHost() && space.pid !== undefined) return isRunning(space.pid) ? 'in use' : 'delete';
  return all ? 'delete' : 'elsewhere';
}

/**
 * `notes-run clean`: deletes the run namespaces that crashed or killed runs left on the
 * current context (the same context rules as a run), and their temporary folders.
 * Only namespaces named and labelled as a run's; never one a notes-run still running on
 * this machine uses.
 */
export async function clean(client: Kubectl, named: string | undefined, allowed: readonly string[], all: boolean, say: (line: string) => void): Promise<number> {
  const target = await connect(client, named, allowed);
  const spaces = await runNamespaces(client, target.contextArgs);
  const now = new Date();
  let failed = 0;
  let deleted = 0;
  const elsewhere: RunNamespace[] = [];
  for (const space of spaces) {
    const fate = fateOf(space, all);
    if (fate === 'in use') {
      say(`kept namespace ${space.name}: notes-run (pid ${space.pid}) is still running (${madeBy(space, now)})`);
      continue;
    }
    if (fate === 'elsewhere') {
      elsewhere.push(space);
      continue;
    }
    const result = await kubectl(client, ['delete', 'namespace', space.name, '--wait=false', '--ignore-not-found', ...target.contextArgs]);
    if (result.exitCode === 0) {
      deleted++;
      say(`deleted namespace ${space.name} (${madeBy(space, now)})`);
    } else {
      failed++;
      say(`could not delete namespace ${space.name}: ${result.stderr.trim().split('\n').pop()}`);
    }
  }
  for (const space of elsewhere) {
    say(`left namespace ${space.name}: made by a run on another machine, which may still be running (${madeBy(space, now)}); delete it with \`kubectl delete namespace ${space.name}${contextHint(target.contextArgs)}\``);
  }
  const folders = removeDeadRunFolders();
  const removedFiles = folders.kube + folders.bin;
  const parts = [
    `${deleted} run namespace${deleted === 1 ? '' : 's'} deleted on context ${target.context}`,
    ...(elsewhere.length > 0 ? [`${elsewhere.length} of other machines left (\`notes-run clean --all\` deletes them too)`] : []),
    ...(removedFiles > 0 ? [`${removedFiles} temporary folder${removedFiles === 1 ? '' : 's'} of dead runs removed`] : []),
  ];
  say(parts.join(', '));
  return failed > 0 ? 1 : 0;
}

async function runNamespaces(client: Kubectl, contextArgs: string[]): Promise<RunNamespace[]> {
  const listed = await kubectl(client, ['get', 'namespaces', '-l', `${MANAGED_BY}=${MANAGER}`, '-o', 'json', ...contextArgs]);
  if (listed.exitCode !== 0) throw new InputError(`could not list the run namespaces: ${listed.stderr.trim().split('\n').pop()}`);
  let items: NonNullable<Listed['items']>;
  try {
    items = (JSON.parse(listed.stdout) as Listed).items ?? [];
  } catch {
    throw new InputError('could not list the run namespaces: kubectl printed no JSON');
  }
  return items.flatMap((item) => {
    const name = item.metadata?.name;
    const labels = item.metadata?.labels ?? {};
    if (!name || !isRunNamespace(name, labels)) return [];
    const pid = Number(labels[RUN_PID]);
    const createdAt = item.metadata?.creationTimestamp ? new Date(item.metadata.creationTimestamp) : undefined;
    return [
      {
        name,
        ...(labels[RUN_HOST] ? { host: labels[RUN_HOST] } : {}),
        ...(labels[RUN_PID] && Number.isInteger(pid) ? { pid } : {}),
        ...(createdAt && !Number.isNaN(createdAt.getTime()) ? { createdAt } : {}),
      },
    ];
  });
}

/** `host 3f2a9c1b0d4e, pid 4242, 3h ago`: what the labels say of the run, for the user to judge. */
function madeBy(space: RunNamespace, now: Date): string {
  const host = space.host === undefined ? 'host unknown' : space.host === thisHost() ? 'this machine' : `host ${space.host}`;
  const pid = space.pid === undefined ? 'pid unknown' : `pid ${space.pid}`;
  return [host, pid, ...(space.createdAt ? [`${age(now.getTime() - space.createdAt.getTime())} old`] : [])].join(', ');
}

function age(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}

function contextHint(contextArgs: string[]): string {
  const context = contextArgs.indexOf('--context');
  return context >= 0 ? ` --context '${contextArgs[context + 1]}'` : '';
}
