import { checkNote } from '../check/check-note.js';
import { noteTolerances } from '../check/note-tolerances.js';
import { onlySelected, selectSteps } from '../check/select-steps.js';
import { kubectlShim } from '../cluster/kubectl-binary.js';
import type { Kubectl } from '../cluster/kubectl.js';
import { podWatch } from '../cluster/pod-watch.js';
import { readSecretValues } from '../cluster/read-secrets.js';
import { isolate, pinnedKubeconfig, type ClusterTarget, type RunNamespace } from '../cluster/prepare-cluster.js';
import type { CompareSettings } from '../compare/comparable-lines.js';
import type { Settings } from '../config/settings.js';
import type { Note, NoteResult, Verdict } from '../model.js';
import { KnownSecrets } from '../secrets/known-secrets.js';
import { readNoteSource } from '../note/read-note-file.js';
import { noteStatus } from '../check/verdicts.js';
import { documentedOnOf, snapshotOf, snapshotPath, writeSnapshot } from '../snapshot/snapshot.js';
import { NoteChanged, rewritable, updatedNote, whyNotWritable, writeNoteAtomically } from '../update/update-note.js';
import { timeLimitsOf } from '../time-limits.js';
import { InputError } from '../errors.js';
import type { LiveChoices, LiveProgress } from './run-live.js';

export interface LiveRun {
  options: LiveChoices;
  settings: Settings;
  client: Kubectl;
  target: ClusterTarget;
  snapshotsDir: string;
  progress: LiveProgress;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
  /** `--update --interactive`: asks whether to rewrite one drifted output. */
  confirm?: (file: string, verdict: Verdict) => Promise<boolean>;
}

/** One note against the cluster: its own namespace, its run, its snapshot, its cleanup. */
export async function checkLive(whole: Note, live: LiveRun): Promise<NoteResult> {
  const selection = selectSteps(whole, live.options.steps);
  const result = await checkWhole(selection?.note ?? whole, live, selection === undefined);
  return selection ? onlySelected(result, selection.selected) : result;
}

async function checkWhole(note: Note, live: LiveRun, complete: boolean): Promise<NoteResult> {
  const { options, settings, client, target } = live;
  const place = settings.forNote(note.file);
  const space = await namespaceFor(note, place.namespace, live);
  if (space.warning) live.warn(`${note.file}: ${space.warning}`);
  const path = snapshotPath(live.snapshotsDir, note.file);
  // The note's outputs come from where its last `--update=all` ran, else from somewhere unknown.
  const documentedOn = documentedOnOf(path);
  const compare: CompareSettings = {
    tolerances: noteTolerances(note, settings.tolerances, place.cwd),
    namespace: space.name,
    portability: { recorded: documentedOn ?? {}, current: target.environment, strict: options.strict },
  };
  let releasing: Promise<void> | undefined;
  const release = () => {
    // A namespace that could not be deleted is named, never left behind in silence.
    releasing ??= space.release(options.keep).then(
      (problem) => void (problem && live.warn(`${note.file}: ${problem}`)),
      (error: Error) => live.warn(`${note.file}: cleaning up the run namespace ${space.name} failed: ${error.message}`),
    );
    return releasing;
  };
  // Every value of every Secret the namespace held while the note ran is masked in all the run lets out.
  const known = new KnownSecrets();
  let shim: ReturnType<typeof kubectlShim> | undefined;
  try {
    shim = kubectlShim(client.binary);
    const result = await checkNote(note, {
      cwd: place.cwd,
      env: shellEnvironment(live.env, shim.dir, space.kubeconfig),
      ...timeLimitsOf(settings),
      cluster: podWatch(client, watchScope(space, target)),
      onWaiting: (_step, waitingFor) => live.progress.waiting(note.file, waitingFor),
      skipReason: settings.skipReason,
      signal: live.signal,
      compare,
      onStepStart: (step) => live.progress.step(note.file, step),
      // kubectl deletes the namespace while the steps are judged and the snapshot and the note written.
      onRunEnd: () => void release(),
      secrets: { known, learn: async () => known.learn((await readSecretValues(client, space.name, target.contextArgs)) ?? []) },
    });
    // A note stopped halfway is not fresh, whatever the steps that ran say.
    if (live.signal.aborted) return { ...result, status: 'interrupted' };
    // A snapshot and an update need the whole note's run, not a `--step` slice of it.
    if (!complete) return result;
    const snapshotFile = path;
    try {
      writeSnapshot(
        snapshotFile,
        snapshotOf(result, {
          context: target.context,
          namespace: space.name,
          kubectl: { client: target.clientVersion, server: target.serverVersion },
          cluster: target.environment,
          documentedOn: options.update && options.updateAll ? target.environment : documentedOn,
        }),
        live.snapshotsDir,
      );
    } catch (error) {
      // A full disk or a read-only folder is this note's problem: the other notes' results stand.
      addProblem(result, `could not write the snapshot ${snapshotFile} (${errorCode(error)})`);
    }
    if (options.update) {
      try {
        await applyUpdate(note, result, live.confirm, options.updateAll, live.signal);
      } catch (error) {
        addProblem(result, `not updated: ${error instanceof NoteChanged ? error.message : `could not write the note (${errorCode(error)})`}`);
      }
    }
    // Stopped while --update --interactive asked: nothing was written, and the note says it was cut short.
    if (live.signal.aborted) return { ...result, status: 'interrupted' };
    return result;
  } finally {
    shim?.remove();
    await release();
  }
}

/** Rewrites the drifted outputs in the note and marks those steps as updated. */
async function applyUpdate(note: Note, result: NoteResult, confirm: LiveRun['confirm'], all: boolean, signal: AbortSignal): Promise<void> {
  if (rewritable(result, all).length === 0) return;
  const readOnly = whyNotWritable(note.file);
  if (readOnly) return addProblem(result, `not updated: ${readOnly}`);
  const accepted = new Set<Verdict>();
  for (const verdict of rewritable(result, all)) {
    if (signal.aborted) break;
    if (!confirm || (await unlessStopped(confirm(note.file, verdict), signal))) accepted.add(verdict);
  }
  // A Ctrl-C at the question means stop: no answer given so far is acted on.
  if (signal.aborted) return addProblem(result, 'not updated: interrupted while asking; the note was left as it is');
  const source = readNoteSource(note.file);
  // `--update=all` rewrites the outputs that match only as portable too.
  const update = updatedNote(source.text, result, (verdict) => accepted.has(verdict), all);
  if (!update) return;
  writeNoteAtomically(note.file, update.text, { bom: source.bom, unchangedSince: note.digest ?? source.digest });
  for (const verdict of result.verdicts) {
    if (update.steps.includes(verdict.step.line)) verdict.updated = true;
  }
}

/** The answer, or no once the run is told to stop: a question nobody will answer must not hold the run. */
function unlessStopped(answer: Promise<boolean>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return Promise.race([answer, new Promise<boolean>((resolve) => signal.addEventListener('abort', () => resolve(false), { once: true }))]);
}

/** notes-run's own look at the run namespace: the note's kubeconfig when it has one, else the named context. */
function watchScope(space: RunNamespace, target: ClusterTarget): string[] {
  const cluster = space.kubeconfig ? ['--kubeconfig', space.kubeconfig] : target.contextArgs;
  return [...cluster, '--namespace', space.name];
}

/** A problem writing what the run produced, said on the note it belongs to. */
function addProblem(result: NoteResult, message: string): void {
  result.messages = [...result.messages, { line: 1, column: 1, message, severity: 'error' }];
  result.status = noteStatus(result.verdicts, result);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

async function namespaceFor(note: Note, namespace: string | undefined, live: LiveRun): Promise<RunNamespace> {
  const { client, target } = live;
  if (namespace === undefined) return isolate(client, target, note.file, { allowUnisolated: live.options.allowUnisolated });
  try {
    const pinned = await pinnedKubeconfig(client, target.context, namespace);
    return { name: namespace, kubeconfig: pinned.path, release: async () => void pinned.remove() };
  } catch (error) {
    // Without a named context the user's own kubeconfig already selects the right cluster.
    if (!(error instanceof InputError) || target.contextArgs.length > 0) throw error;
    return { name: namespace, warning: `${error.message}; running with your kubeconfig as it is`, release: async () => undefined };
  }
}

/**
 * The note's shell: UTF-8 so Korean output survives, no colour, no pager, an editor that
 * changes nothing (`kubectl edit` has nobody to type into it), our kubectl and KUBECONFIG.
 */
function shellEnvironment(env: NodeJS.ProcessEnv, kubectlDir: string, kubeconfig: string | undefined): Record<string, string | undefined> {
  return {
    ...env,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    NO_COLOR: '1',
    TERM: 'dumb',
    PAGER: 'cat',
    EDITOR: 'true',
    VISUAL: 'true',
    KUBE_EDITOR: 'true',
    PATH: `${kubectlDir}:${env.PATH ?? ''}`,
    ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}),
  };
}
