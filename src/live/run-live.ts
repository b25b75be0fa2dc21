import { failedResult, hasFailed, unforeseenProblem } from '../check/failed-note.js';
import { InputError } from '../errors.js';
import type { Settings } from '../config/settings.js';
import type { CommandStep, Note, NoteResult, RunInfo, Verdict } from '../model.js';
import { checkLive } from './check-live.js';
import { connectLive, type LiveConnection } from './connect-live.js';
import { eachWithJobs } from './each-with-jobs.js';

/** Where a live run says how it goes: the terminal's progress line, the report, the questions of `--update -i`. */
export interface LiveHooks {
  /** Connected: what the run is against, said before anything runs. */
  header: (info: RunInfo) => void;
  /** After the header, before the first note (`--prepull`). */
  beforeNotes?: (notes: Note[], connection: LiveConnection) => Promise<void>;
  progress: LiveProgress;
  /** One note is done: its report can be shown at once. */
  noteDone: (result: NoteResult) => void;
  warn: (message: string) => void;
  /** `--update --interactive`: asks whether to rewrite one drifted output. */
  confirm?: (file: string, verdict: Verdict) => Promise<boolean>;
}

export interface LiveProgress {
  step(file: string, step: CommandStep): void;
  waiting(file: string, waitingFor: string): void;
  done(file: string): void;
}

/** What the command line chose for a live run: the options this stage reads. */
export interface LiveChoices {
  /** `--step LINE`: run up to these steps and judge just them. */
  steps: number[];
  strict: boolean;
  update: boolean;
  updateAll: boolean;
  keep: boolean;
  allowUnisolated: boolean;
  jobs: number;
  bail: boolean;
  kubectl?: string;
  context?: string;
}

export interface LivePlan {
  options: LiveChoices;
  settings: Settings;
  /** `--snapshots DIR`; else each note's snapshots live in its own project. */
  snapshotsDir: string | undefined;
  env: NodeJS.ProcessEnv;
  startedAt: string;
  signal: AbortSignal;
  /** Reads the notes; called while kubectl asks the cluster for its version. */
  readNotes: () => Note[];
}

/** Connects to the cluster and runs the notes (`--jobs` at a time); a Ctrl-C starts no more. Results in the notes' order. */
export async function runLive(plan: LivePlan, hooks: LiveHooks): Promise<LiveOutcome> {
  const { options, settings, signal } = plan;
  let notes: Note[] = [];
  const connection = connectLive(
    { kubectl: options.kubectl, context: options.context, allowedContexts: settings.allowedContexts, env: plan.env, startedAt: plan.startedAt },
    () => (notes = plan.readNotes()),
  );
  // Said as soon as the cluster has said its versions; the first note starts meanwhile.
  const headerSaid = connection.info.then(hooks.header);
  headerSaid.catch(() => undefined);
  if (hooks.beforeNotes) {
    await headerSaid;
    await hooks.beforeNotes(notes.filter((note) => !hasFailed(note)), connection);
  }
  const results: NoteResult[] = [];
  const cleanups: Promise<void>[] = [];
  await eachWithJobs(notes, options.jobs, async (note, stop) => {
    // Interrupted: no note starts after that, so no namespace is made that nobody will run in.
    if (signal.aborted) return stop();
    // The step the note was at, for a failure nobody foresaw.
    let at = 1;
    const progress: LiveProgress = {
      step: (file, step) => ((at = step.line), hooks.progress.step(file, step)),
      waiting: (file, waitingFor) => hooks.progress.waiting(file, waitingFor),
      done: (file) => hooks.progress.done(file),
    };
    // A note that could not be read gets no namespace and keeps its last snapshot.
    const result = hasFailed(note)
      ? failedResult(note)
      : await checkLive(note, {
          options,
          settings,
          client: connection.client,
          target: connection.target,
          snapshotsDir: plan.snapshotsDir,
          progress,
          signal,
          env: plan.env,
          warn: hooks.warn,
          ...(hooks.confirm ? { confirm: hooks.confirm } : {}),
          afterwards: (cleanup) => void cleanups.push(cleanup),
        }).catch((error: unknown) => {
          // The run's own problems (a namespace the cluster refuses) end the run; anything else fails this note only, cleaned up.
          if (error instanceof InputError) throw error;
          const problem = unforeseenProblem(note.file, at, error);
          hooks.warn(problem);
          return failedResult(note, problem);
        });
    hooks.progress.done(note.file);
    await headerSaid;
    results.push(result);
    hooks.noteDone(result);
    if (options.bail && (result.status === 'stale' || result.status === 'broken')) stop();
  });
  const order = new Map(notes.map((note, i) => [note.file, i]));
  results.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  return { results, info: await connection.info, cleanup: Promise.all(cleanups).then(() => undefined) };
}

export interface LiveOutcome {
  results: NoteResult[];
  info: RunInfo;
  /** The run namespaces being deleted: awaited once the report is out, so that never waits for it. */
  cleanup: Promise<void>;
}
