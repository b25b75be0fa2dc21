import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { execa, type ResultPromise } from 'execa';
import { descendantsOf, killGroup, signal } from './process-tree.js';
import { stripVTControlCharacters as stripAnsi } from 'node:util';

// One bash process per note, fed one step at a time like a notebook kernel: shell
// state (variables, functions, `cd`) carries from step to step. Each step is written
// to a file and sourced, so a step that does not parse fails alone, and its end is
// marked by a line the step cannot forge (a random token).

export interface ShellOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Output kept per step; the rest is dropped with a note, so huge outputs cannot exhaust memory. */
  maxOutputBytes?: number;
}

export interface StepExecution {
  command: string;
  stdin?: string;
  timeoutMs: number;
  /** Stop the command after this long (a long-running command) and call it a success. */
  stopAfterMs?: number;
  /** Checked on each new output; true stops a long-running command early. */
  stopWhen?: (output: string) => boolean;
  onOutput?: (output: string) => void;
}

export interface ExecutionResult {
  output: string;
  exitCode: number | null;
  durationMs: number;
  timedOut: boolean;
  /** A long-running command was stopped on purpose. */
  stopped: boolean;
}

const STEP_SCRIPT = 'step.sh';
const STEP_INPUT = 'stdin';
const KILL_AFTER_MS = 700;
/** The shell stayed busy after its children were killed (a loop in bash itself). */
const SHELL_STUCK_MS = 2000;

const PRELUDE = [
  'exec 2>&1',
  // A stray `exit` must end the step, never the note's shell.
  'shopt -s expand_aliases',
  'alias exit=return logout=return',
  '',
].join('\n');

export class ShellSession {
  readonly #process: ResultPromise;
  readonly #dir: string;
  readonly #token: string;
  readonly #decoder = new StringDecoder('utf8');
  readonly #maxOutput: number;
  #buffer = '';
  #dropped = 0;
  #onData: (() => void) | undefined;
  #dead = false;

  constructor(options: ShellOptions) {
    this.#dir = mkdtempSync(join(tmpdir(), 'notes-run-'));
    this.#token = randomBytes(8).toString('hex');
    this.#maxOutput = options.maxOutputBytes ?? 2_000_000;
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
  }

  get alive(): boolean {
    return !this.#dead;
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  async execute(step: StepExecution): Promise<ExecutionResult> {
    const started = performance.now();
    const inputPath = join(this.#dir, STEP_INPUT);
    writeFileSync(join(this.#dir, STEP_SCRIPT), step.command + '\n');
    if (step.stdin !== undefined) writeFileSync(inputPath, step.stdin);
    const input = step.stdin === undefined ? '/dev/null' : inputPath;
    const shellPid = this.#process.pid!;
    const alreadyRunning = new Set(descendantsOf(shellPid));
    this.#buffer = '';
    this.#dropped = 0;
    this.#process.stdin!.write(
      `. '${join(this.#dir, STEP_SCRIPT)}' < '${input}'; printf '\\n\\036${this.#token}:%s\\036\\n' "$?"\n`,
    );

    let timedOut = false;
    let stopped = false;
    let stopping = false;
    const stop = (why: 'timeout' | 'stop') => {
      if (stopping) return;
      stopping = true;
      if (why === 'timeout') timedOut = true;
      else stopped = true;
      const ours = () => descendantsOf(shellPid).filter((pid) => !alreadyRunning.has(pid));
      signal(ours(), 'SIGTERM');
      timers.push(setTimeout(() => signal(ours(), 'SIGKILL'), KILL_AFTER_MS));
      timers.push(setTimeout(() => this.kill(), KILL_AFTER_MS + SHELL_STUCK_MS));
    };
    const timers: NodeJS.Timeout[] = [setTimeout(() => stop('timeout'), step.timeoutMs)];
    if (step.stopAfterMs !== undefined) timers.push(setTimeout(() => stop('stop'), step.stopAfterMs));

    const marker = `\n\u001e${this.#token}:`;
    try {
      for (;;) {
        const end = this.#buffer.indexOf(marker);
        if (end !== -1) {
          const close = this.#buffer.indexOf('\u001e', end + marker.length);
          if (close !== -1) {
            const exitCode = Number(this.#buffer.slice(end + marker.length, close));
            const output = this.#finish(this.#buffer.slice(0, end));
            this.#buffer = this.#buffer.slice(close + 2);
            return { output, exitCode, durationMs: performance.now() - started, timedOut, stopped };
          }
        }
        if (this.#dead) {
          const output = this.#finish(this.#buffer);
          return { output, exitCode: null, durationMs: performance.now() - started, timedOut, stopped };
        }
        if (step.onOutput) step.onOutput(this.#buffer);
        if (step.stopWhen && !stopping && step.stopWhen(stripAnsi(this.#buffer))) stop('stop');
        await new Promise<void>((resolve) => (this.#onData = resolve));
      }
    } finally {
      this.#onData = undefined;
      for (const timer of timers) clearTimeout(timer);
    }
  }

  #receive(text: string): void {
    this.#buffer += text;
    if (this.#buffer.length > this.#maxOutput * 2) {
      // Keep the head for the report and the tail for the end marker.
      const keepTail = 4096;
      this.#dropped += this.#buffer.length - this.#maxOutput - keepTail;
      this.#buffer = this.#buffer.slice(0, this.#maxOutput) + this.#buffer.slice(-keepTail);
    }
    this.#onData?.();
  }

  #finish(raw: string): string {
    // bash names the sourced file in its own errors; the user only knows their note.
    const output = stripAnsi(raw).replaceAll(`${join(this.#dir, STEP_SCRIPT)}: `, 'bash: ');
    if (this.#dropped === 0) return output;
    return `${output.slice(0, this.#maxOutput)}\n[notes-run: ${this.#dropped} characters of output dropped]\n`;
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
  }
}
