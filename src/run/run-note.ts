import type { CommandStep, Note, StepRun } from '../model.js';
import { startsInBackground } from '../note/dialect.js';
import type { ClusterWatch } from './cluster-watch.js';
import { Lookout } from './lookout.js';
import { readsCluster, waitsForCluster } from './read-only.js';
import { ShellSession, type ExecutionResult, type ShellOptions, type StepExecution } from './shell-session.js';
import { typedInput } from './typed-input.js';

export interface RunSettings extends ShellOptions {
  stepTimeoutMs: number;
  noteTimeoutMs: number;
  /** How long a long-running command (port-forward, logs -f) runs before it is stopped. */
  graceMs: number;
  /** How long a read-only step whose output does not match yet is run again. */
  convergeMs: number;
  /** How long such a step keeps converging while the run's pods are still starting (pulling images). */
  pullTimeoutMs?: number;
  /** The cluster, asked only about steps that do not match at once (none on a warm cluster). */
  cluster?: ClusterWatch;
  /** A step waits for the cluster: what for (`pulling kiamol/ch03-sleep 23 s`). */
  onWaiting?: (step: CommandStep, waitingFor: string) => void;
  /** Whether a run's output is what the note documents: decides re-runs and early stops. */
  satisfies: (step: CommandStep, run: StepRun) => boolean;
  /** Why a step must not run (a config skip pattern), if it must not. */
  skipReason?: (step: CommandStep) => string | undefined;
  onStepStart?: (step: CommandStep) => void;
  signal?: AbortSignal;
}

export type RunOutcome = { step: CommandStep; run: StepRun } | { step: CommandStep; notRun: string };

const RETRY_PAUSES_MS = [250, 500, 1000, 1500, 2000];
const DEFAULT_PULL_TIMEOUT_MS = 300_000;

/**
 * Runs a note's command steps in order in one shell; yields the outcomes as they come,
 * a batch's together. Consecutive plain steps go to the shell as one batch; a step that
 * may need to be re-run (it reads the cluster), watched (long-running) or fed (a
 * session) goes alone.
 */
export async function* runNote(note: Note, settings: RunSettings): AsyncGenerator<RunOutcome[]> {
  const deadline = Date.now() + settings.noteTimeoutMs;
  let shell = new ShellSession(settings);
  const stopAll = () => shell.kill();
  settings.signal?.addEventListener('abort', stopAll, { once: true });
  try {
    const runnable = note.steps.filter((step): step is CommandStep => step.kind === 'command' && !step.problem && !step.notExecutable && !step.skip);
    let i = 0;
    while (i < runnable.length) {
      const step = runnable[i];
      const skip = settings.skipReason?.(step);
      const late = settings.signal?.aborted
        ? 'the run was interrupted before this step'
        : Date.now() > deadline
          ? `the note's time limit (${settings.noteTimeoutMs / 1000} s) ran out before this step`
          : undefined;
      if (skip || late) {
        yield [{ step, notRun: (skip ?? late)! }];
        i++;
        continue;
      }
      if (!shell.alive) shell = new ShellSession(settings);
      if (needsItsOwnTurn(step)) {
        settings.onStepStart?.(step);
        yield [outcome(step, await runAlone(shell, step, settings, deadline), settings)];
        i++;
        continue;
      }
      let end = i;
      while (end < runnable.length && !needsItsOwnTurn(runnable[end]) && !settings.skipReason?.(runnable[end])) end++;
      const batch = runnable.slice(i, end);
      settings.onStepStart?.(batch[0]);
      const results = await shell.executeBatch(
        batch.map((s) => ({ command: s.command, timeoutMs: stepTimeout(settings, deadline, s.command) })),
        (index) => batch[index + 1] && settings.onStepStart?.(batch[index + 1]),
      );
      yield results.map((result, k) => outcome(batch[k], toRun(result), settings));
      i = end;
    }
  } finally {
    settings.signal?.removeEventListener('abort', stopAll);
    await shell.close();
  }
}

/** A step cut short by Ctrl-C did not fail: it was not (fully) run. */
function outcome(step: CommandStep, run: StepRun, settings: RunSettings): RunOutcome {
  if (run.exitCode === null && settings.signal?.aborted) return { step, notRun: 'the run was interrupted during this step' };
  return { step, run };
}

function needsItsOwnTurn(step: CommandStep): boolean {
  return step.longRunning || step.session !== undefined || readsCluster(step.command) || (step.output !== undefined && startsInBackground(step.command));
}

/**
 * A step that only reads the cluster is run again until it matches: for `convergeMs`,
 * and past that up to the pull deadline while the run's pods are still starting (a cold
 * cluster pulling images). The cluster is asked only once a step has not matched, or
 * while a `kubectl wait` waits.
 */
async function runAlone(shell: ShellSession, step: CommandStep, settings: RunSettings, deadline: number): Promise<StepRun> {
  const reads = readsCluster(step.command);
  const started = Date.now();
  const retryUntil = reads ? started + settings.convergeMs : 0;
  const pullUntil = started + (settings.pullTimeoutMs ?? DEFAULT_PULL_TIMEOUT_MS);
  const lookout = reads && settings.cluster ? new Lookout(settings.cluster, (what) => settings.onWaiting?.(step, what)) : undefined;
  const waits = waitsForCluster(step.command);
  for (let attempts = 1; ; attempts++) {
    const running = runOnce(shell, step, settings, deadline);
    const run = await (lookout && (waits || attempts > 1) ? lookout.during(running) : running);
    run.attempts = attempts;
    if (run.timedOut || run.exitCode === null || settings.signal?.aborted || settings.satisfies(step, run)) return run;
    const pause = RETRY_PAUSES_MS[Math.min(attempts - 1, RETRY_PAUSES_MS.length - 1)];
    const next = Date.now() + pause;
    const again = next < retryUntil || (lookout !== undefined && next < pullUntil && next < deadline && (await lookout.stillStarting()));
    if (!again) return run;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}


async function runOnce(shell: ShellSession, step: CommandStep, settings: RunSettings, deadline: number): Promise<StepRun> {
  const session = step.session ? typedInput(step.session, settings.graceMs) : undefined;
  const timeoutMs = stepTimeout(settings, deadline, step.command);
  const execution: StepExecution = { command: step.command, timeoutMs };
  if (session) execution.stdin = session.input;
  if (step.longRunning) {
    execution.stopAfterMs = Math.min(settings.graceMs, timeoutMs);
    execution.stopWhen = (output) => step.output !== undefined && settings.satisfies(step, { ...toRun(emptyResult()), output });
  }
  const result = await shell.execute(execution);
  const run = toRun(result);
  if (step.output && startsInBackground(step.command) && result.exitCode === 0) {
    // What the job prints once it is running is what the note shows under `cmd &`.
    const printed = run.output;
    run.output += await shell.lateOutput(settings.graceMs, (late) => settings.satisfies(step, { ...run, output: printed + late }));
  }
  if (session) {
    const pieces = session.split(run.output);
    run.output = session.strip(run.output);
    if (pieces) run.sessionOutputs = pieces;
  }
  return run;
}

/** A command that sets its own time limit (`kubectl wait --timeout=90s`) gets it, and a little more to say it ran out. */
function stepTimeout(settings: RunSettings, deadline: number, command: string): number {
  const own = ownTimeoutMs(command);
  const limit = own === undefined ? settings.stepTimeoutMs : Math.max(settings.stepTimeoutMs, own + OWN_TIMEOUT_SLACK_MS);
  return Math.max(1, Math.min(limit, deadline - Date.now()));
}

const OWN_TIMEOUT_SLACK_MS = 5000;
const GO_DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `--timeout=1m30s`, `--timeout 90s` (a Go duration, as kubectl and helm take it) in milliseconds. */
export function ownTimeoutMs(command: string): number | undefined {
  const duration = /--timeout[= ]((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)(?!\S)/.exec(command)?.[1];
  if (duration === undefined) return undefined;
  let ms = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(amount) * GO_DURATION_UNITS_MS[unit];
  return ms;
}

function toRun(result: ExecutionResult): StepRun {
  const output = result.timedOut || result.stopped ? dropKillNotice(result.output) : result.output;
  return { output, exitCode: result.exitCode, durationMs: result.durationMs, timedOut: result.timedOut, stopped: result.stopped, attempts: 1 };
}

function emptyResult(): ExecutionResult {
  return { output: '', exitCode: 0, durationMs: 0, timedOut: false, stopped: false };
}

/** bash reports a foreground command it saw killed (`Terminated`); that is our doing, not the command's output. */
function dropKillNotice(output: string): string {
  return output.replace(/(^|\n)(bash: line \d+: +\d+ )?(Terminated|Killed)( +.*)?\n?$/, '$1');
}
