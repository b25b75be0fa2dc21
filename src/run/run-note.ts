import type { CommandStep, Note, StepRun } from '../model.js';
import type { TimeLimits } from '../time-limits.js';
import type { ClusterWatch } from './cluster-watch.js';
import { inRunNamespace } from '../note/command/default-namespace.js';
import { findExecutable } from './find-executable.js';
import { Lookout } from './lookout.js';
import { ShellSession, type ExecutionResult, type ShellOptions, type StepExecution } from './shell-session.js';
import { asTerminalShows } from './terminal-view.js';
import { typedInput } from './typed-input.js';

/** The time limits are the run's (`TIME_LIMITS`): a step's, the note's, the grace, converging and waiting for pulls. */
export interface RunSettings extends ShellOptions, TimeLimits {
  /** The cluster, asked only about steps that do not match at once (none on a warm cluster). */
  cluster?: ClusterWatch;
  /** A step waits for the cluster: what for (`pulling kiamol/ch03-sleep 23 s`). */
  onWaiting?: (step: CommandStep, waitingFor: string) => void;
  /** Whether a run's output is what the note documents: decides re-runs and early stops. */
  satisfies: (step: CommandStep, run: StepRun) => boolean;
  /** Whether two runs of a step printed the same, values that legitimately change aside; absent: as written. */
  sameOutput?: (step: CommandStep, before: string, after: string) => boolean;
  /** Why a step must not run (a config skip pattern), if it must not. */
  skipReason?: (step: CommandStep) => string | undefined;
  onStepStart?: (step: CommandStep) => void;
  signal?: AbortSignal;
  /** The namespace the note runs in, which stands for the `default` its commands name. */
  runNamespace?: string;
}

export type RunOutcome = { step: CommandStep; run: StepRun } | { step: CommandStep; notRun: string };

const RETRY_PAUSES_MS = [250, 500, 1000, 1500, 2000];

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
  const missing = missingPrograms(settings.env.PATH ?? '');
  const skipReason = (step: CommandStep) => settings.skipReason?.(step) ?? missing(step);
  try {
    const runnable = note.steps.filter((step): step is CommandStep => step.kind === 'command' && !step.problem && !step.notExecutable && !step.skip);
    let i = 0;
    while (i < runnable.length) {
      const step = runnable[i];
      const skip = skipReason(step);
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
      while (end < runnable.length && !needsItsOwnTurn(runnable[end]) && !skipReason(runnable[end])) end++;
      const batch = runnable.slice(i, end);
      settings.onStepStart?.(batch[0]);
      const results = await shell.executeBatch(
        batch.map((s) => execution(s, stepTimeout(settings, deadline, s), settings.runNamespace)),
        (index) => batch[index + 1] && settings.onStepStart?.(batch[index + 1]),
      );
      // The shell died during one step of the batch: the steps after it never ran.
      const died = results.findIndex((result) => result.exitCode === null);
      yield results.map((result, k) =>
        died !== -1 && k > died ? { step: batch[k], notRun: `not run: the shell running the note died during the step at line ${batch[died].line}` } : outcome(batch[k], toRun(result), settings),
      );
      i = end;
    }
  } finally {
    settings.signal?.removeEventListener('abort', stopAll);
    await shell.close();
  }
}

/**
 * A step whose program is not installed here (`oc`, `minikube`, a typo like `ubectl`)
 * is skipped with that reason rather than left to fail: the note is not wrong about it.
 */
function missingPrograms(path: string): (step: CommandStep) => string | undefined {
  // Only a program found is remembered: a note may install one (`mv kubectx /usr/local/bin`) and use it later.
  const found = new Set<string>();
  return (step) => {
    const program = step.needsProgram;
    if (program === undefined || found.has(program)) return undefined;
    if (findExecutable(program, path) === undefined) return `${program} is not installed`;
    found.add(program);
    return undefined;
  };
}

/** A step cut short by Ctrl-C did not fail: it was not (fully) run. */
function outcome(step: CommandStep, run: StepRun, settings: RunSettings): RunOutcome {
  if (run.exitCode === null && settings.signal?.aborted) return { step, notRun: 'the run was interrupted during this step' };
  return { step, run };
}

function needsItsOwnTurn(step: CommandStep): boolean {
  return step.longRunning || step.session !== undefined || step.facts.readsCluster || (step.output !== undefined && step.facts.background);
}

/**
 * A step that only reads the cluster is run again until it matches: for `convergeMs`,
 * and past that up to the pull deadline while the run's pods are still starting (a cold
 * cluster pulling images). The cluster is asked only once a step has not matched, or
 * while a `kubectl wait` waits.
 */
async function runAlone(shell: ShellSession, step: CommandStep, settings: RunSettings, deadline: number): Promise<StepRun> {
  const reads = step.facts.readsCluster;
  const started = Date.now();
  const retryUntil = reads ? started + settings.convergeMs : 0;
  const pullUntil = started + settings.pullTimeoutMs;
  const lookout = reads && settings.cluster ? new Lookout(settings.cluster, (what) => settings.onWaiting?.(step, what)) : undefined;
  // `kubectl wait` waits for the cluster by design: it is watched from its first run.
  const waits = step.facts.kubectl?.verb === 'wait';
  let before: string | undefined;
  for (let attempts = 1; ; attempts++) {
    const running = runOnce(shell, step, settings, deadline);
    const run = await (lookout && (waits || attempts > 1) ? lookout.during(running) : running);
    run.attempts = attempts;
    if (run.timedOut || run.exitCode === null || settings.signal?.aborted || settings.satisfies(step, run)) return run;
    const pause = RETRY_PAUSES_MS[Math.min(attempts - 1, RETRY_PAUSES_MS.length - 1)];
    const next = Date.now() + pause;
    const again = next < retryUntil || (lookout !== undefined && next < pullUntil && next < deadline && (await lookout.stillStarting()));
    if (!again) {
      // Whether giving it longer could help: the output was still changing between its last two runs.
      if (before !== undefined) run.settled = (settings.sameOutput ?? ((_step, a, b) => a === b))(step, before, run.output);
      return run;
    }
    before = run.output;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}


async function runOnce(shell: ShellSession, step: CommandStep, settings: RunSettings, deadline: number): Promise<StepRun> {
  const session = step.session ? typedInput(step.session.map((line) => ({ ...line, command: asRun(line.command, line.facts, settings.runNamespace) })), settings.graceMs) : undefined;
  const timeoutMs = stepTimeout(settings, deadline, step);
  const run = execution(step, timeoutMs, settings.runNamespace);
  if (session) run.stdin = session.input;
  if (step.longRunning) {
    run.stopAfterMs = Math.min(settings.graceMs, timeoutMs);
    run.stopWhen = (output) => step.output !== undefined && settings.satisfies(step, { ...toRun(emptyResult()), output });
  }
  const result = await shell.execute(run);
  const ran = toRun(result);
  if (step.output && step.facts.background && result.exitCode === 0) {
    // What the job prints once it is running is what the note shows under `cmd &`.
    const printed = ran.output;
    ran.output += await shell.lateOutput(settings.graceMs, (late) => settings.satisfies(step, { ...ran, output: printed + late }));
  }
  if (session) {
    const pieces = session.split(ran.output);
    ran.output = session.strip(ran.output);
    if (pieces) ran.sessionOutputs = pieces;
  }
  return ran;
}

/** What the shell needs to know to run a step, from the step's command facts. */
function execution(step: CommandStep, timeoutMs: number, runNamespace?: string): StepExecution {
  const text = asRun(step.command, step.facts, runNamespace);
  // A loop the shell runs itself can only be stopped as a process of its own.
  const command = step.facts.loopsForever ? `(\n${text}\n)` : text;
  const { leavesJob, readsStatus, plainLine } = step.facts;
  return { command, timeoutMs, facts: { leavesJob, readsStatus, plainLine: plainLine && !step.facts.loopsForever } };
}

/** The command as it runs: the `default` it names is the run's namespace (isolation is invisible to the note). */
function asRun(command: string, facts: Pick<CommandStep['facts'], 'namesDefault'>, runNamespace: string | undefined): string {
  return facts.namesDefault && runNamespace !== undefined && runNamespace !== 'default' ? inRunNamespace(command, runNamespace) : command;
}

/** A command that sets its own time limit (`kubectl wait --timeout=90s`) gets it, and a little more to say it ran out. */
function stepTimeout(settings: RunSettings, deadline: number, step: CommandStep): number {
  const own = step.facts.ownTimeoutMs;
  const limit = own === undefined ? settings.stepTimeoutMs : Math.max(settings.stepTimeoutMs, own + OWN_TIMEOUT_SLACK_MS);
  return Math.max(1, Math.min(limit, deadline - Date.now()));
}

const OWN_TIMEOUT_SLACK_MS = 5000;

function toRun(result: ExecutionResult): StepRun {
  const output = asTerminalShows(result.timedOut || result.stopped ? dropKillNotice(result.output) : result.output);
  return { output, exitCode: result.exitCode, durationMs: result.durationMs, timedOut: result.timedOut, stopped: result.stopped, attempts: 1 };
}

function emptyResult(): ExecutionResult {
  return { output: '', exitCode: 0, durationMs: 0, timedOut: false, stopped: false };
}

/** bash reports a foreground command it saw killed (`Terminated`); that is our doing, not the command's output. */
function dropKillNotice(output: string): string {
  return output.replace(/(^|\n)(bash: line \d+: +\d+ )?(Terminated|Killed)( +.*)?\n?$/, '$1');
}
