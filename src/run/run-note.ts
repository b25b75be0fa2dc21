import { randomBytes } from 'node:crypto';
import type { CommandStep, Note, StepRun } from '../model.js';
import { isReadOnly } from './read-only.js';
import { ShellSession, type ExecutionResult, type ShellOptions } from './shell-session.js';

export interface RunSettings extends ShellOptions {
  stepTimeoutMs: number;
  noteTimeoutMs: number;
  /** How long a long-running command (port-forward, logs -f) runs before it is stopped. */
  graceMs: number;
  /** How long a read-only step whose output does not match yet is run again. */
  convergeMs: number;
  /** Whether a run's output is what the note documents: decides re-runs and early stops. */
  satisfies: (step: CommandStep, run: StepRun) => boolean;
  /** Why a step must not run (a config skip pattern), if it must not. */
  skipReason?: (step: CommandStep) => string | undefined;
  onStepStart?: (step: CommandStep) => void;
  onStepOutput?: (step: CommandStep, output: string) => void;
  signal?: AbortSignal;
}

export type RunOutcome = { step: CommandStep; run: StepRun } | { step: CommandStep; notRun: string };

const RETRY_PAUSES_MS = [250, 500, 1000, 1500, 2000];

/** Runs a note's command steps in order in one shell; yields each outcome as it comes. */
export async function* runNote(note: Note, settings: RunSettings): AsyncGenerator<RunOutcome> {
  const deadline = Date.now() + settings.noteTimeoutMs;
  let shell = new ShellSession(settings);
  const stopAll = () => shell.kill();
  settings.signal?.addEventListener('abort', stopAll, { once: true });
  try {
    for (const step of note.steps) {
      if (step.kind !== 'command' || step.problem || step.notExecutable || step.skip) continue;
      const skip = settings.skipReason?.(step);
      if (skip) {
        yield { step, notRun: skip };
        continue;
      }
      if (settings.signal?.aborted) {
        yield { step, notRun: 'the run was interrupted before this step' };
        continue;
      }
      if (Date.now() > deadline) {
        yield { step, notRun: `the note's time limit (${settings.noteTimeoutMs / 1000} s) ran out before this step` };
        continue;
      }
      if (!shell.alive) shell = new ShellSession(settings);
      settings.onStepStart?.(step);
      yield { step, run: await runStep(shell, step, settings, deadline) };
    }
  } finally {
    settings.signal?.removeEventListener('abort', stopAll);
    await shell.close();
  }
}

async function runStep(shell: ShellSession, step: CommandStep, settings: RunSettings, deadline: number): Promise<StepRun> {
  const retryUntil = isReadOnly(step.command) ? Date.now() + settings.convergeMs : 0;
  let attempts = 0;
  for (;;) {
    attempts++;
    const run = await runOnce(shell, step, settings, deadline);
    run.attempts = attempts;
    const pause = RETRY_PAUSES_MS[Math.min(attempts - 1, RETRY_PAUSES_MS.length - 1)];
    const retry =
      !run.timedOut && run.exitCode !== null && Date.now() + pause < retryUntil && !settings.signal?.aborted && !settings.satisfies(step, run);
    if (!retry) return run;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

async function runOnce(shell: ShellSession, step: CommandStep, settings: RunSettings, deadline: number): Promise<StepRun> {
  const session = step.session ? typedInput(step) : undefined;
  const timeoutMs = Math.max(1, Math.min(settings.stepTimeoutMs, deadline - Date.now()));
  const partial = (output: string): StepRun => ({ ...emptyRun(), output });
  const result: ExecutionResult = await shell.execute({
    command: step.command,
    ...(session ? { stdin: session.input } : {}),
    timeoutMs,
    ...(step.longRunning
      ? {
          stopAfterMs: Math.min(settings.graceMs, timeoutMs),
          stopWhen: (output: string) => step.output !== undefined && settings.satisfies(step, partial(output)),
        }
      : {}),
    onOutput: (output) => settings.onStepOutput?.(step, output),
  });
  const output = result.timedOut || result.stopped ? dropKillNotice(result.output) : result.output;
  const run: StepRun = {
    output: session ? session.strip(output) : output,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    timedOut: result.timedOut,
    stopped: result.stopped,
    attempts: 1,
  };
  const sessionOutputs = session?.split(output);
  if (sessionOutputs) run.sessionOutputs = sessionOutputs;
  return run;
}

function emptyRun(): StepRun {
  return { output: '', exitCode: 0, durationMs: 0, timedOut: false, stopped: false, attempts: 1 };
}

/** bash reports a foreground command it saw killed (`Terminated`); that is our doing, not the command's output. */
function dropKillNotice(output: string): string {
  return output.replace(/(^|\n)(bash: line \d+: +\d+ )?(Terminated|Killed)( +.*)?\n?$/, '$1');
}

/**
 * What is typed into an interactive session: each typed line preceded by an `echo` of
 * a marker, so the session's output can be cut back into one piece per typed line.
 */
function typedInput(step: CommandStep) {
  const token = randomBytes(4).toString('hex');
  const mark = (i: number) => `notes-run-${token}-${i}`;
  const lines = step.session!;
  const input = lines.map((line, i) => `echo ${mark(i + 1)}\n${line.command}\n`).join('') + 'exit\n';
  const markerLine = new RegExp(`^notes-run-${token}-\\d+\\n?`, 'gm');
  return {
    input,
    strip: (output: string) => output.replace(markerLine, ''),
    split: (output: string): string[] | undefined => {
      const pieces: string[] = [];
      let rest = output;
      for (let i = 1; i <= lines.length; i++) {
        const at = rest.indexOf(`${mark(i)}\n`);
        if (at === -1) return undefined;
        pieces.push(rest.slice(0, at));
        rest = rest.slice(at + mark(i).length + 1);
      }
      pieces.push(rest);
      return pieces;
    },
  };
}
