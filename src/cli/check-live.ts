import { dirname, resolve } from 'node:path';
import { checkNote } from '../check/check-note.js';
import { shimDirectory } from '../cluster/kubectl-binary.js';
import type { Kubectl } from '../cluster/kubectl.js';
import { isolate, pinnedKubeconfig, type ClusterTarget, type RunNamespace } from '../cluster/prepare-cluster.js';
import { builtinTolerances } from '../compare/tolerances/registry.js';
import type { Note, NoteResult } from '../model.js';
import { snapshotOf, snapshotPath, writeSnapshot } from '../snapshot/snapshot.js';
import type { Options } from './options.js';
import type { Progress } from './progress.js';

export interface LiveRun {
  options: Options;
  client: Kubectl;
  target: ClusterTarget;
  snapshotsDir: string;
  progress: Progress;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
}

/** One note against the cluster: its own namespace, its run, its snapshot, its cleanup. */
export async function checkLive(note: Note, live: LiveRun): Promise<NoteResult> {
  const { options, client, target } = live;
  const space = await namespaceFor(note, live);
  try {
    const result = await checkNote(note, {
      cwd: resolve(options.cwd ?? dirname(note.file)),
      env: shellEnvironment(live.env, client, space.kubeconfig),
      stepTimeoutMs: options.stepTimeoutMs,
      noteTimeoutMs: options.noteTimeoutMs,
      graceMs: options.graceMs,
      convergeMs: options.convergeMs,
      signal: live.signal,
      compare: { tolerances: builtinTolerances, namespace: space.name },
      onStepStart: (step) => live.progress.step(note.file, step),
    });
    if (!live.signal.aborted) {
      writeSnapshot(
        snapshotPath(live.snapshotsDir, note.file),
        snapshotOf(result, { context: target.context, namespace: space.name, kubectl: { client: target.clientVersion, server: target.serverVersion } }),
      );
    }
    return result;
  } finally {
    await space.release(options.keep);
  }
}

function namespaceFor(note: Note, { options, client, target }: LiveRun): Promise<RunNamespace> {
  if (options.namespace === undefined) return isolate(client, target, note.file);
  return pinnedKubeconfig(client, target.context, options.namespace).then((pinned) => ({
    name: options.namespace!,
    kubeconfig: pinned.path,
    release: async () => pinned.remove(),
  }));
}

/** The note's shell: UTF-8 so Korean output survives, no colour, no pager, our kubectl and KUBECONFIG. */
function shellEnvironment(env: NodeJS.ProcessEnv, client: Kubectl, kubeconfig: string | undefined): Record<string, string | undefined> {
  return {
    ...env,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    NO_COLOR: '1',
    TERM: 'dumb',
    PAGER: 'cat',
    PATH: `${shimDirectory(client.binary)}:${env.PATH ?? ''}`,
    ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}),
  };
}
