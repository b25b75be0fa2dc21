import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { hold } from '../cleanup/leftovers.js';
import { makeRunFolder } from '../files/run-folders.js';
import type { CommandFacts } from '../model.js';
import { describeCommand } from '../note/command/describe-command.js';
import { asTypedOutput, overflowNotice } from './as-typed.js';
import { BashProcess } from './bash-process.js';
import { BATCH_END, KEPT_STATUS, PRELUDE, sourceLine, stepScript } from './batch-script.js';
import { FileBatch, throughFile } from './file-batch.js';
import { OutputChannel } from './output-channel.js';
import { OutputWait } from './output-wait.js';
import { descendantsOf, signal } from './process-tree.js';
import { StepMarkers } from './step-markers.js';
import { StepStop, type StepLimits } from './stop-step.js';

// One bash process per note, fed steps like a notebook kernel: shell state (variables,
// functions, `cd`) carries from step to step. Steps go in batches, one sourced file for
// many steps (see batch-script.ts), so a step costs bash a few microseconds rather than
// a round trip. After each step the shell prints a marker with a random token the step
// cannot forge, and after the batch one more (step-markers.ts). A batch of several steps
// nobody needs to watch live writes to a file (file-batch.ts); the rest writes to the
// pipe. A step that runs too long or writes too much is stopped (stop-step.ts).

export interface ShellOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Output kept per step; the rest is dropped with a note, so huge outputs cannot exhaust memory. */
  maxOutputBytes?: number;
  /** A step of a batch that writes its output to a file is stopped past this many bytes. */
  maxFileBytes?: number;
  /** How long a batch's file may go unread while quiet (tests lengthen it to see late reads). */
  quietFilePollMs?: number;
}

/** What the shell needs to know about a command: the command model's facts (note/command/). */
export type ShellFacts = Pick<CommandFacts, 'leavesJob' | 'readsStatus' | 'plainLine'>;

export interface StepExecution extends StepLimits {
  command: string;
  stdin?: string;
  /** Checked on each new output; true stops a long-running command early. */
  stopWhen?: (output: string) => boolean;
  /** The step's facts; a bare command (a test, a tool) is described by the command model here. */
  facts?: ShellFacts;
}

export interface ExecutionResult {
  output: string;
  /** null: the shell died before the step finished. */
  exitCode: number | null;
  durationMs: number;
  timedOut: boolean;
  /** A long-running command was stopped on purpose. */
  stopped: boolean;
}

/** A batch step that writes more than this to its file is stopped: the disk is not ours to fill. */
const MAX_FILE_BYTES = 64 * 2 ** 20;

const factsOf = (step: StepExecution): ShellFacts => step.facts ?? describeCommand(step.command);

export class ShellSession {
  readonly #bash: BashProcess;
  readonly #dir: string;
  readonly #markers = new StepMarkers();
  readonly #maxOutput: number;
  readonly #maxFile: number;
  readonly #quietFilePollMs: number | undefined;
  readonly #pipe: OutputChannel;
  readonly #wait = new OutputWait();
  /** The batch writing to a file now, if one is. */
  #file: FileBatch | undefined;
  /** The step reading from the pipe was stopped for writing too much. */
  #pipeOverflowed = false;
  readonly #letGo: () => void;
  #batches = 0;
  /** The status the last step taken ended with: what `$?` reads in the first step of the next batch. */
  #lastStatus = 0;

  constructor(options: ShellOptions) {
    this.#dir = makeRunFolder('shell');
    this.#maxOutput = options.maxOutputBytes ?? 2_000_000;
    this.#maxFile = options.maxFileBytes ?? MAX_FILE_BYTES;
    this.#quietFilePollMs = options.quietFilePollMs;
    this.#pipe = new OutputChannel(this.#maxOutput);
    this.#bash = new BashProcess(options, (text) => this.#receive(text), () => this.#wait.ring());
    this.#bash.write(PRELUDE);
    this.#letGo = hold(`note shell (pid ${this.#bash.pid})`, () => {
      this.kill();
      rmSync(this.#dir, { recursive: true, force: true });
    });
  }

  get alive(): boolean {
    return this.#bash.alive;
  }

  async execute(step: StepExecution): Promise<ExecutionResult> {
    const [result] = await this.executeBatch([step]);
    return result;
  }

  /** Runs the steps one after another in one go; results come back in the same order. */
  async executeBatch(steps: StepExecution[], onResult?: (index: number, result: ExecutionResult) => void): Promise<ExecutionResult[]> {
    const results: ExecutionResult[] = [];
    let retried = -1;
    while (results.length < steps.length && this.alive) {
      const from = results.length;
      // A batch that ended early ended at a step bash could not parse: that one goes through eval now.
      const ran = await this.#sourceBatch(steps.slice(from), retried === from, (i, result) => {
        results.push(result);
        onResult?.(from + i, result);
      });
      if (ran === 0 && retried === from) break;
      retried = results.length;
    }
    for (let i = results.length; i < steps.length; i++) {
      results.push({ output: '', exitCode: null, durationMs: 0, timedOut: false, stopped: false });
    }
    return results;
  }

  /** Sources one batch file; returns how many of its steps ran before it ended. */
  async #sourceBatch(steps: StepExecution[], firstThroughEval: boolean, onResult: (index: number, result: ExecutionResult) => void): Promise<number> {
    const batch = this.#batches++;
    const facts = steps.map(factsOf);
    const script = steps.map((step, i) =>
      stepScript(step.command, this.#markers.token, {
        input: this.#inputOf(step, batch, i),
        throughEval: firstThroughEval && i === 0,
        lastStatus: i === 0 ? String(this.#lastStatus) : KEPT_STATUS,
        keepStatus: i + 1 < steps.length && facts[i + 1].readsStatus,
        facts: facts[i],
      }),
    );
    const scriptPath = join(this.#dir, `batch-${batch}.sh`);
    writeFileSync(scriptPath, script.join(''));
    const shellPid = this.#bash.pid;
    const alreadyRunning = new Set(descendantsOf(shellPid));
    /** The processes this batch's steps started: what stopping a step ends. */
    const startedHere = () => descendantsOf(shellPid).filter((pid) => !alreadyRunning.has(pid));
    const file = throughFile(steps, facts) ? new FileBatch(this.#dir, batch, { maxOutput: this.#maxOutput, maxFile: this.#maxFile, quietPollMs: this.#quietFilePollMs }) : undefined;
    const channel = file?.channel ?? this.#pipe;
    // Nothing of its own to stop: bash itself is writing (a loop of builtins), and only ending it stops that.
    const stopStep = () => {
      const started = startedHere();
      if (started.length === 0) this.kill();
      else signal(started, 'SIGTERM');
    };
    file?.poll(stopStep, () => this.#wait.ring());
    this.#file = file;
    this.#bash.write(sourceLine(scriptPath, this.#markers.token, file?.output.path));
    let ran = 0;
    try {
      for (const step of steps) {
        // Most steps of a batch are done by the time the one before is read: no need to wait for them.
        const result = this.#takeStep(channel, performance.now(), scriptPath) ?? (await this.#awaitStep(step, channel, startedHere, scriptPath));
        if (result === BATCH_END) return ran;
        ran++;
        onResult(ran - 1, result);
        if (result.exitCode === null) return ran;
      }
      await this.#awaitBatchEnd(channel);
      return ran;
    } finally {
      this.#file = undefined;
      file?.close();
      rmSync(scriptPath, { force: true });
    }
  }

  /** Said at the end of the output of a step stopped for writing too much (once). */
  #overflowNote(channel: OutputChannel): string {
    if (channel === this.#pipe && this.#pipeOverflowed) {
      this.#pipeOverflowed = false;
      return overflowNotice(this.#maxFile);
    }
    if (!this.#file?.overflowed || channel !== this.#file.channel) return '';
    this.#file.overflowed = false;
    return overflowNotice(this.#maxFile);
  }

  #inputOf(step: StepExecution, batch: number, index: number): string {
    if (step.stdin === undefined) return '';
    const path = join(this.#dir, `stdin-${batch}-${index}`);
    writeFileSync(path, step.stdin);
    return ` < '${path}'`;
  }

  /** Waits for the batch's own end marker and takes it out, leaving any output around it to a background job. */
  async #awaitBatchEnd(channel: OutputChannel): Promise<void> {
    while (this.alive && !channel.remove(this.#markers.batchEnd)) {
      await this.#wait.next();
      this.#wait.clear();
    }
  }

  /** The next step's result if its marker is in; BATCH_END when bash stopped sourcing the batch before the step. */
  #takeStep(channel: OutputChannel, started: number, scriptPath: string, timedOut = false, stopped = false): ExecutionResult | typeof BATCH_END | undefined {
    const taken = this.#markers.takeStep(channel);
    if (taken === undefined) return undefined;
    // What bash printed as it gave up on the file is said again when the step is retried.
    if (taken.status === BATCH_END) return BATCH_END;
    const output = asTypedOutput(taken.output, taken.dropped, scriptPath, this.#maxOutput) + this.#overflowNote(channel);
    this.#lastStatus = Number(taken.status);
    return { output, exitCode: this.#lastStatus, durationMs: performance.now() - started, timedOut, stopped };
  }

  /** A step's result, or BATCH_END when bash stopped sourcing the batch before the step. */
  async #awaitStep(
    step: StepExecution,
    channel: OutputChannel,
    startedHere: () => number[],
    scriptPath: string,
  ): Promise<ExecutionResult | typeof BATCH_END> {
    const started = performance.now();
    const stop = new StepStop(startedHere, () => this.kill());
    try {
      for (;;) {
        const timedOut = stop.reason === 'timeout';
        const stopped = stop.reason === 'stop';
        const taken = this.#takeStep(channel, started, scriptPath, timedOut, stopped);
        if (taken !== undefined) return taken;
        if (!this.alive) {
          // Read everything the shell wrote before it died: the step's marker may be in
          // what was still on its way, and then this step ended and a later one died.
          await this.#bash.ended();
          this.#file?.drain();
          const late = this.#takeStep(channel, started, scriptPath, timedOut, stopped);
          if (late !== undefined) return late;
          const output = asTypedOutput(channel.text, channel.dropped, scriptPath, this.#maxOutput) + this.#overflowNote(channel);
          return { output, exitCode: null, durationMs: performance.now() - started, timedOut, stopped };
        }
        stop.arm(step);
        if (step.stopWhen && !stop.stopping && step.stopWhen(stripAnsi(channel.text))) stop.stop('stop');
        // The same cap as a batch writing to its file: a step printing without end is stopped.
        if (channel === this.#pipe && !stop.stopping && channel.received > this.#maxFile) {
          this.#pipeOverflowed = true;
          stop.stop('overflow');
        }
        await this.#wait.next();
      }
    } finally {
      this.#wait.clear();
      stop.clear();
    }
  }

  /**
   * Output that arrives between steps, from a job a step left in the background
   * (`kubectl port-forward ... &` prints its `Forwarding from` lines after the prompt
   * is back). Waits until `enough` says so or `ms` pass, and hands over what came.
   */
  async lateOutput(ms: number, enough: (output: string) => boolean): Promise<string> {
    const until = performance.now() + ms;
    while (this.alive && !enough(stripAnsi(this.#pipe.text)) && performance.now() < until) {
      const timer = setTimeout(() => this.#wait.ring(), until - performance.now());
      await this.#wait.next();
      clearTimeout(timer);
    }
    this.#wait.clear();
    return stripAnsi(this.#pipe.takeAll());
  }

  #receive(text: string): void {
    this.#pipe.append(text);
    if (this.#file && this.#pipe.remove(this.#markers.batchEnd)) {
      // bash is done with the file: all of it goes in before the batch's end marker.
      this.#file.drain();
      this.#file.channel.append(this.#markers.batchEnd);
    }
    this.#wait.ring();
  }

  /** Ends the shell and everything it started, background jobs included. */
  kill(): void {
    this.#bash.kill();
    this.#wait.ring();
  }

  async close(): Promise<void> {
    if (this.alive) this.kill();
    await this.#bash.ended();
    rmSync(this.#dir, { recursive: true, force: true });
    this.#letGo();
  }
}
