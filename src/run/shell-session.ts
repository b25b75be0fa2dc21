import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { makeRunFolder } from '../files/run-folders.js';
import { hold } from '../cleanup/leftovers.js';
import { execa, type ResultPromise } from 'execa';
import { BatchOutputFile } from './batch-output-file.js';
import { leavesJobRunning, readsStatus } from '../note/command/background.js';
import { BATCH_END, KEPT_STATUS, PRELUDE, sourceLine, stepMarker, stepScript } from './batch-script.js';
import { OutputChannel } from './output-channel.js';
import { descendantsOf, killGroup, signal } from './process-tree.js';

// One bash process per note, fed steps like a notebook kernel: shell state (variables,
// functions, `cd`) carries from step to step. Steps go in batches, one sourced file for
// many steps (see batch-script.ts), so a step costs bash a few microseconds rather than
// a round trip. After each step the shell prints a marker with a random token the step
// cannot forge, and after the batch one more. A batch of several steps nobody needs to
// watch live writes to a file (batch-output-file.ts); the rest writes to the pipe.

export interface ShellOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Output kept per step; the rest is dropped with a note, so huge outputs cannot exhaust memory. */
  maxOutputBytes?: number;
  /** A step of a batch that writes its output to a file is stopped past this many bytes. */
  maxFileBytes?: number;
}

export interface StepExecution {
  command: string;
  stdin?: string;
  timeoutMs: number;
  /** Stop the command after this long (a long-running command) and call it a success. */
  stopAfterMs?: number;
  /** Checked on each new output; true stops a long-running command early. */
  stopWhen?: (output: string) => boolean;
  /** The command model's facts, when the step has them; read from the text otherwise. */
  leavesJob?: boolean;
  readsStatus?: boolean;
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

interface FileBatch {
  output: BatchOutputFile;
  channel: OutputChannel;
  /** The file size past which the running step is stopped. */
  stopAt: number;
  /** The step that ends next was stopped for writing too much. */
  overflowed: boolean;
}

const KILL_AFTER_MS = 700;
/** A batch file is read soon after bash starts on it, and less often while it stays quiet. */
const FILE_POLL_MS = { first: 1, most: 10 };
/** A batch step that writes more than this to its file is stopped: the disk is not ours to fill. */
const MAX_FILE_BYTES = 64 * 2 ** 20;
/** The shell stayed busy after its children were killed (a loop in bash itself). */
const SHELL_STUCK_MS = 2000;

export class ShellSession {
  readonly #process: ResultPromise;
  readonly #dir: string;
  readonly #token: string;
  readonly #marker: string;
  /** The marker after a whole batch. */
  readonly #batchEnd: string;
  readonly #decoder = new StringDecoder('utf8');
  readonly #maxOutput: number;
  readonly #maxFile: number;
  readonly #pipe: OutputChannel;
  /** The batch writing to a file now, if one is. */
  #file: FileBatch | undefined;
  #onData: (() => void) | undefined;
  #dead = false;
  /** The step reading from the pipe was stopped for writing too much. */
  #pipeOverflowed = false;
  readonly #letGo: () => void;
  #batches = 0;
  /** The status the last step taken ended with: what `$?` reads in the first step of the next batch. */
  #lastStatus = 0;

  constructor(options: ShellOptions) {
    this.#dir = makeRunFolder('shell');
    this.#token = randomBytes(8).toString('hex');
    this.#marker = stepMarker(this.#token);
    this.#batchEnd = `${this.#marker}${BATCH_END}\u001e\n`;
    this.#maxOutput = options.maxOutputBytes ?? 2_000_000;
    this.#maxFile = options.maxFileBytes ?? MAX_FILE_BYTES;
    this.#pipe = new OutputChannel(this.#maxOutput);
    this.#process = execa('bash', ['--noprofile', '--norc'], {
      cwd: options.cwd,
      env: { ...options.env, BASH_ENV: undefined, ENV: undefined },
      extendEnv: false,
      detached: true,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
    });
    this.#process.stdout!.on('data', (chunk: Buffer) => this.#receive(this.#decoder.write(chunk)));
    this.#process.stderr!.on('data', (chunk: Buffer) => this.#receive(chunk.toString('utf8')));
    this.#process.stdin!.on('error', () => undefined);
    void this.#process.then(() => {
      this.#dead = true;
      this.#onData?.();
    });
    this.#process.stdin!.write(PRELUDE);
    this.#letGo = hold(`note shell (pid ${this.#process.pid})`, () => {
      this.kill();
      rmSync(this.#dir, { recursive: true, force: true });
    });
  }

  get alive(): boolean {
    return !this.#dead;
  }

  async execute(step: StepExecution): Promise<ExecutionResult> {
    const [result] = await this.executeBatch([step]);
    return result;
  }

  /** Runs the steps one after another in one go; results come back in the same order. */
  async executeBatch(steps: StepExecution[], onResult?: (index: number, result: ExecutionResult) => void): Promise<ExecutionResult[]> {
    const results: ExecutionResult[] = [];
    let retried = -1;
    while (results.length < steps.length && !this.#dead) {
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
    const script = steps.map((step, i) =>
      stepScript(step.command, this.#token, {
        input: this.#inputOf(step, batch, i),
        throughEval: firstThroughEval && i === 0,
        lastStatus: i === 0 ? String(this.#lastStatus) : KEPT_STATUS,
        keepStatus: i + 1 < steps.length && (steps[i + 1].readsStatus ?? readsStatus(steps[i + 1].command)),
      }),
    );
    const scriptPath = join(this.#dir, `batch-${batch}.sh`);
    writeFileSync(scriptPath, script.join(''));
    const shellPid = this.#process.pid!;
    const alreadyRunning = new Set(descendantsOf(shellPid));
    /** The processes this batch's steps started: what stopping a step ends. */
    const startedHere = () => descendantsOf(shellPid).filter((pid) => !alreadyRunning.has(pid));
    const file: FileBatch | undefined = throughFile(steps) ? { output: new BatchOutputFile(this.#dir, batch), channel: new OutputChannel(this.#maxOutput), stopAt: this.#maxFile, overflowed: false } : undefined;
    const channel = file?.channel ?? this.#pipe;
    const stopStep = () => {
      const started = startedHere();
      // Nothing of its own to stop: bash itself is writing (a loop of builtins), and only ending it stops that.
      if (started.length === 0) this.kill();
      else signal(started, 'SIGTERM');
    };
    // Steps are taken while bash runs the ones after them, each on a core of its own.
    let poll: NodeJS.Timeout | undefined;
    const readSoon = (ms: number) => {
      poll = setTimeout(() => readSoon(this.#readFile(file!, stopStep) ? FILE_POLL_MS.first : Math.min(ms * 2, FILE_POLL_MS.most)), ms);
    };
    if (file) readSoon(FILE_POLL_MS.first);
    this.#file = file;
    this.#process.stdin!.write(sourceLine(scriptPath, this.#token, file?.output.path));
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
      clearTimeout(poll);
      this.#file = undefined;
      file?.output.close();
      rmSync(scriptPath, { force: true });
    }
  }

  /** Moves what the batch wrote to its file into its channel; `stop` when a step writes without end. False when nothing came. */
  #readFile(file: FileBatch, stop: () => void): boolean {
    const text = file.output.read();
    if (text === '') return false;
    file.channel.append(text);
    const size = file.output.size();
    if (size > file.stopAt) {
      file.stopAt = size + this.#maxFile;
      file.overflowed = true;
      stop();
    }
    this.#onData?.();
    return true;
  }

  /** Said at the end of the output of a step stopped for writing too much (once). */
  #overflowNote(channel: OutputChannel): string {
    if (channel === this.#pipe && this.#pipeOverflowed) {
      this.#pipeOverflowed = false;
      return `[notes-run: the step wrote more than ${this.#maxFile} bytes of output and was stopped]\n`;
    }
    if (!this.#file?.overflowed || channel !== this.#file.channel) return '';
    this.#file.overflowed = false;
    return `[notes-run: the step wrote more than ${this.#maxFile} bytes of output and was stopped]\n`;
  }

  #inputOf(step: StepExecution, batch: number, index: number): string {
    if (step.stdin === undefined) return '';
    const path = join(this.#dir, `stdin-${batch}-${index}`);
    writeFileSync(path, step.stdin);
    return ` < '${path}'`;
  }

  /** Waits for the batch's own end marker and takes it out, leaving any output around it to a background job. */
  async #awaitBatchEnd(channel: OutputChannel): Promise<void> {
    while (!this.#dead && !channel.remove(this.#batchEnd)) {
      await new Promise<void>((resolve) => (this.#onData = resolve));
      this.#onData = undefined;
    }
  }

  /** The next step's result if its marker is in; BATCH_END when bash stopped sourcing the batch before the step. */
  #takeStep(channel: OutputChannel, started: number, scriptPath: string, timedOut = false, stopped = false): ExecutionResult | typeof BATCH_END | undefined {
    const end = channel.find(this.#marker);
    const close = end === -1 ? -1 : channel.text.indexOf('\u001e', end + this.#marker.length);
    if (close === -1) return undefined;
    const status = channel.text.slice(end + this.#marker.length, close);
    const raw = channel.cut(end, close + 2 - end);
    // What bash printed as it gave up on the file is said again when the step is retried.
    if (status === BATCH_END) return BATCH_END;
    const output = this.#clean(raw.text, raw.dropped, scriptPath) + this.#overflowNote(channel);
    this.#lastStatus = Number(status);
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
    let timedOut = false;
    let stopped = false;
    let stopping = false;
    const timers: NodeJS.Timeout[] = [];
    const stop = (why: 'timeout' | 'stop' | 'overflow') => {
      if (stopping) return;
      stopping = true;
      if (why === 'timeout') timedOut = true;
      else if (why === 'stop') stopped = true;
      else this.#pipeOverflowed = true;
      signal(startedHere(), 'SIGTERM');
      timers.push(setTimeout(() => signal(startedHere(), 'SIGKILL'), KILL_AFTER_MS));
      timers.push(setTimeout(() => this.kill(), KILL_AFTER_MS + SHELL_STUCK_MS));
    };
    try {
      for (;;) {
        const taken = this.#takeStep(channel, started, scriptPath, timedOut, stopped);
        if (taken !== undefined) return taken;
        if (this.#dead) {
          if (this.#file) drain(this.#file);
          const output = this.#clean(channel.text, channel.dropped, scriptPath) + this.#overflowNote(channel);
          return { output, exitCode: null, durationMs: performance.now() - started, timedOut, stopped };
        }
        // Timers only for a step that has to wait: in a batch most steps are done at once.
        if (timers.length === 0) {
          timers.push(setTimeout(() => stop('timeout'), step.timeoutMs));
          if (step.stopAfterMs !== undefined) timers.push(setTimeout(() => stop('stop'), step.stopAfterMs));
        }
        if (step.stopWhen && !stopping && step.stopWhen(stripAnsi(channel.text))) stop('stop');
        // The same cap as a batch writing to its file: a step printing without end is stopped.
        if (channel === this.#pipe && !stopping && channel.received > this.#maxFile) stop('overflow');
        await new Promise<void>((resolve) => (this.#onData = resolve));
      }
    } finally {
      this.#onData = undefined;
      for (const timer of timers) clearTimeout(timer);
    }
  }

  /**
   * Output that arrives between steps, from a job a step left in the background
   * (`kubectl port-forward ... &` prints its `Forwarding from` lines after the prompt
   * is back). Waits until `enough` says so or `ms` pass, and hands over what came.
   */
  async lateOutput(ms: number, enough: (output: string) => boolean): Promise<string> {
    const until = performance.now() + ms;
    while (!this.#dead && !enough(stripAnsi(this.#pipe.text)) && performance.now() < until) {
      const timer = setTimeout(() => this.#onData?.(), until - performance.now());
      await new Promise<void>((resolve) => (this.#onData = resolve));
      clearTimeout(timer);
    }
    this.#onData = undefined;
    return stripAnsi(this.#pipe.takeAll());
  }

  #receive(text: string): void {
    this.#pipe.append(text);
    if (this.#file && this.#pipe.remove(this.#batchEnd)) {
      // bash is done with the file: all of it goes in before the batch's end marker.
      drain(this.#file);
      this.#file.channel.append(this.#batchEnd);
    }
    this.#onData?.();
  }

  #clean(raw: string, dropped: number, scriptPath: string): string {
    // bash names the sourced batch file and a line of it in its own errors, as a script
    // would; the user typed the command at a prompt, where bash says just `bash: `. The
    // step function was defined from standard input, which bash calls `main`.
    let output = raw.includes('\u001b') ? stripAnsi(raw) : raw;
    for (const name of [scriptPath, 'main']) output = asTyped(output, name);
    if (dropped === 0) return output;
    return `${output.slice(0, this.#maxOutput)}\n[notes-run: ${dropped} characters of output dropped]\n`;
  }

  /** Ends the shell and everything it started, background jobs included. */
  kill(): void {
    const pid = this.#process.pid;
    if (pid !== undefined) {
      for (const child of descendantsOf(pid)) killGroup(child);
      killGroup(pid);
    }
    this.#dead = true;
    this.#onData?.();
  }

  async close(): Promise<void> {
    if (!this.#dead) this.kill();
    await this.#process.catch(() => undefined);
    rmSync(this.#dir, { recursive: true, force: true });
    this.#letGo();
  }
}

/**
 * `<batch file>: line 3: cd: x: No such file or directory` → `bash: cd: x: No such file
 * or directory`. After a syntax error, bash reading a file also quotes the line it gave
 * up on; at a prompt it does not.
 */
function asTyped(output: string, name: string): string {
  const prefix = `${name}: `;
  if (!output.includes(prefix)) return output;
  const lines: string[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith(prefix)) lines.push(line);
    else if (!(/^(eval: )?line \d+: `.*'$/.test(line.slice(prefix.length)) && lines.at(-1)?.startsWith('bash: syntax error'))) {
      lines.push(`bash: ${line.slice(prefix.length).replace(/^(eval: )?(line \d+: )?/, '')}`);
    }
  }
  return lines.join('\n');
}

/** Several steps, none fed, watched or leaving a job behind: their output can wait in a file. */
function throughFile(steps: StepExecution[]): boolean {
  return steps.length > 1 && steps.every((step) => step.stdin === undefined && !step.stopWhen && step.stopAfterMs === undefined && !(step.leavesJob ?? leavesJobRunning(step.command)));
}

/** Everything the batch's file still holds, into its channel. */
function drain(file: FileBatch): void {
  for (let text = file.output.read(); text !== ''; text = file.output.read()) file.channel.append(text);
}
