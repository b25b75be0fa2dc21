import { setFlagsFromString } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { PatternTooSlow } from '../compare/tolerances/tolerance.js';

// A pattern from the config file runs on every line of every output, and a careless
// one (`(a+)+$`) backtracks for minutes on one long line, deaf to Ctrl-C. So a user
// pattern runs on V8's linear-time engine, which cannot hang; one that needs what that
// engine lacks (lookaround, backreferences) runs in a worker thread with a time budget
// and, past it, fails the step it was judging instead of the whole run.

setFlagsFromString('--enable-experimental-regexp-engine');

/** How long one user pattern may take on one line. */
const BUDGET_MS = 2000;
/** How long a worker may take to start on a loaded machine. */
const START_MS = 20_000;

export function userPattern(source: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(source, `${flags}l`);
  } catch (error) {
    if (!/linear time/.test((error as Error).message)) throw error;
    return new BudgetedRegExp(source, flags, where);
  }
}

class BudgetedRegExp extends RegExp {
  readonly #where: string;
  /** Why it failed once: a pattern that ran out of time on one line is not tried on the next. */
  #failed: string | undefined;

  constructor(source: string, flags: string, where: string) {
    super(source, flags);
    this.#where = where;
  }

  override [Symbol.replace](text: string, replacement: unknown): string {
    if (typeof replacement !== 'string') throw new TypeError('a user pattern takes a replacement string');
    return this.#run({ op: 'replace', source: this.source, flags: this.flags, text, replacement }) as string;
  }

  override test(text: string): boolean {
    return this.#run({ op: 'test', source: this.source, flags: this.flags, text }) as boolean;
  }

  #run(job: Job): string | boolean {
    if (this.#failed) throw new PatternTooSlow(this.#failed);
    try {
      return inWorker(job, this.#where);
    } catch (error) {
      this.#failed = (error as Error).message;
      throw error;
    }
  }
}

interface Job {
  op: 'replace' | 'test';
  source: string;
  flags: string;
  text: string;
  replacement?: string;
}

const WORKER = `
const { workerData } = require('node:worker_threads');
const { port, signal } = workerData;
port.on('message', (job) => {
  let answer;
  try {
    const pattern = new RegExp(job.source, job.flags);
    answer = { value: job.op === 'replace' ? job.text.replace(pattern, job.replacement) : pattern.test(job.text) };
  } catch (error) {
    answer = { error: error.message };
  }
  port.postMessage(answer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
`;

let thread: { worker: Worker; port: MessagePort; signal: Int32Array } | undefined;

function started(): NonNullable<typeof thread> {
  if (thread) return thread;
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, { eval: true, workerData: { port: port2, signal }, transferList: [port2] });
  worker.unref();
  port1.unref();
  if (Atomics.wait(signal, 0, 0, START_MS) === 'timed-out') {
    void worker.terminate();
    throw new Error('could not start the thread that runs config patterns');
  }
  thread = { worker, port: port1, signal };
  return thread;
}

/** Runs the job in the worker and waits for it, at most BUDGET_MS; past that the worker is ended. */
function inWorker(job: Job, where: string): string | boolean {
  const { worker, port, signal } = started();
  Atomics.store(signal, 0, 0);
  port.postMessage(job);
  if (Atomics.wait(signal, 0, 0, BUDGET_MS) === 'timed-out') {
    void worker.terminate();
    thread = undefined;
    throw new PatternTooSlow(`${where} took more than ${BUDGET_MS / 1000} s on a ${job.text.length}-character line and was stopped; make it simpler (no nested repetition)`);
  }
  const answer = receiveMessageOnPort(port)?.message as { value?: string | boolean; error?: string } | undefined;
  if (!answer || answer.error !== undefined) throw new PatternTooSlow(`${where} failed: ${answer?.error ?? 'no answer'}`);
  return answer.value!;
}
