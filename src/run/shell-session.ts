import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { execa, type ResultPromise } from 'execa';
import { descendantsOf, killGroup, signal } from './process-tree.js';

// One bash process per note, fed steps like a notebook kernel: shell state (variables,
// functions, `cd`) carries from step to step. Steps go in batches, one sourced file for
// many steps, so a step costs bash a few microseconds rather than a round trip. Each
// step runs through `eval` inside a function, so a step that does not parse fails
// alone and a stray `exit` (aliased to `return`) ends the step, never the shell. After
// each step the shell prints a marker with a random token the step cannot forge.

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

const KILL_AFTER_MS = 700;
/** The shell stayed busy after its children were killed (a loop in bash itself). */
const SHELL_STUCK_MS = 2000;

const PRELUDE = [
  'exec 2>&1',
  'shopt -s expand_aliases',
  'alias exit=return logout=return',
  '__notes_run_step() { eval "$__notes_run_command"; }',
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
  #batches = 0;

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

  async execute(step: StepExecution): Promise<ExecutionResult> {
    const [result] = await this.executeBatch([step]);
    return result;
  }

  /** Runs the steps one after another in one go; results come back in the same order. */
  async executeBatch(steps: StepExecution[], onResult?: (index: number, result: ExecutionResult) => void): Promise<ExecutionResult[]> {
    const batch = this.#batches++;
    const script = steps.map((step, i) => this.#stepLine(step, batch, i)).join('');
    const scriptPath = join(this.#dir, `batch-${batch}.sh`);
    writeFileSync(scriptPath, script);
    const shellPid = this.#process.pid!;
    const alreadyRunning = new Set(descendantsOf(shellPid));
    // Steps read /dev/null unless they are fed; one redirection for the whole batch is cheaper.
    this.#process.stdin!.write(`. '${scriptPath}' < /dev/null\n`);

    const results: ExecutionResult[] = [];
    try {
      for (const [i, step] of steps.entries()) {
        const result = await this.#awaitStep(step, shellPid, alreadyRunning, scriptPath);
        results.push(result);
        onResult?.(i, result);
        if (result.exitCode === null) break;
      }
    } finally {
      rmSync(scriptPath, { force: true });
    }
    for (let i = results.length; i < steps.length; i++) {
      results.push({ output: '', exitCode: null, durationMs: 0, timedOut: false, stopped: false });
    }
    return results;
  }

  #stepLine(step: StepExecution, batch: number, index: number): string {
    let input = '';
    if (step.stdin !== undefined) {
      const path = join(this.#dir, `stdin-${batch}-${index}`);
      writeFileSync(path, step.stdin);
      input = ` < '${path}'`;
    }
    return `__notes_run_command=${ansiQuote(step.command)}; __notes_run_step${input}; printf '\\n\\036${this.#token}:%s\\036\\n' "$?"\n`;
  }

  async #awaitStep(step: StepExecution, shellPid: number, alreadyRunning: Set<number>, scriptPath: string): Promise<ExecutionResult> {
    const started = performance.now();
    let timedOut = false;
    let stopped = false;
    let stopping = false;
    const timers: NodeJS.Timeout[] = [];
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
    const marker = `\n\u001e${this.#token}:`;
    const finish = (raw: string, exitCode: number | null): ExecutionResult => ({
      output: this.#clean(raw, scriptPath),
      exitCode,
      durationMs: performance.now() - started,
      timedOut,
      stopped,
    });
    try {
      for (;;) {
        const end = this.#buffer.indexOf(marker);
        const close = end === -1 ? -1 : this.#buffer.indexOf('\u001e', end + marker.length);
        if (close !== -1) {
          const exitCode = Number(this.#buffer.slice(end + marker.length, close));
          const raw = this.#buffer.slice(0, end);
          this.#buffer = this.#buffer.slice(close + 2);
          this.#dropped = 0;
          return finish(raw, exitCode);
        }
        if (this.#dead) return finish(this.#buffer, null);
        // Timers only for a step that has to wait: in a batch most steps are done at once.
        if (timers.length === 0) {
          timers.push(setTimeout(() => stop('timeout'), step.timeoutMs));
          if (step.stopAfterMs !== undefined) timers.push(setTimeout(() => stop('stop'), step.stopAfterMs));
        }
        if (step.stopWhen && !stopping && step.stopWhen(stripAnsi(this.#buffer))) stop('stop');
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
    while (!this.#dead && !enough(stripAnsi(this.#buffer)) && performance.now() < until) {
      const timer = setTimeout(() => this.#onData?.(), until - performance.now());
      await new Promise<void>((resolve) => (this.#onData = resolve));
      clearTimeout(timer);
    }
    this.#onData = undefined;
    const output = stripAnsi(this.#buffer);
    this.#buffer = '';
    return output;
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

  #clean(raw: string, scriptPath: string): string {
    // bash names the sourced batch file in its own errors; the user only knows their note.
    // The step function was defined from standard input, which bash calls `main`.
    const output = stripAnsi(raw)
      .replaceAll(`${scriptPath}: eval: `, 'bash: ')
      .replaceAll(`${scriptPath}: `, 'bash: ')
      .replace(/^main: line \d+: /gm, 'bash: ');
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

/** bash ANSI-C quoting: any text, newlines and quotes included, as one word. */
function ansiQuote(text: string): string {
  const escaped = text.replace(/[\\']/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `$'${escaped}'`;
}
