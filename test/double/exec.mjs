// kubectl exec: resolve the pod and container, then run the command in the simulated container.
import { fail } from './errors.mjs';
import * as M from './model.mjs';
import * as R from './rand.mjs';
import { requireServer } from './main.mjs';
import { podFor, containerOf } from './cmd-misc.mjs';
import { Container, ExitSignal, isProgram } from './container.mjs';

const ociError = (name) =>
  `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${R.hex(32)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`;

/** stdin as an async iterator of lines (read as they arrive, so `exit` ends the session at once). */
async function* stdinLines() {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
  }
}

async function runIn(ctx, s, pod, c, argv, { stdin }) {
  const { io } = ctx;
  const box = new Container(s, pod, c, ctx.now());
  if (!isProgram(argv[0])) fail(ociError(argv[0]));
  const streams = containerStreams(io);
  const cio = { out: io.out, err: streams.err, stdin: '' };
  if (stdin) {
    const isShell = /(^|\/)(ba|a)?sh$/.test(argv[0]) && !argv.includes('-c') && argv.length === 1;
    if (isShell) cio.lines = stdinLines();
    else {
      const { readFileSync } = await import('node:fs');
      try {
        cio.stdin = readFileSync(0, 'utf8');
      } catch {
        cio.stdin = '';
      }
    }
  }
  let code;
  try {
    code = await box.runProgram(argv, cio);
  } catch (e) {
    if (e instanceof ExitSignal) code = e.code;
    else throw e;
  }
  if (cio.lines) process.stdin.destroy();
  await streams.flushed();
  return code ?? 0;
}

/**
 * kubectl copies the container's stdout and stderr from two streams of their own, each as
 * it comes: what a program wrote to stderr may reach the terminal after what the shell
 * printed on stdout next. `KUBE_DOUBLE_EXEC_STDERR_LAG_MS=N` makes that so every time:
 * the container's stderr arrives N ms late (all of it before kubectl exits).
 */
function containerStreams(io) {
  const lag = Number(process.env.KUBE_DOUBLE_EXEC_STDERR_LAG_MS ?? 0);
  if (!(lag > 0)) return { err: io.err, flushed: async () => {} };
  const pending = [];
  return {
    err: (text) => pending.push(new Promise((resolve) => setTimeout(() => resolve(io.err(text)), lag))),
    flushed: () => Promise.all(pending),
  };
}

export async function exec(ctx) {
  const { args, io } = ctx;
  const word = args.pos[1];
  if (!word && !args.has('filename')) fail("error: pod, type/name or --filename must be specified\nSee 'kubectl exec -h' for help and examples");
  if (args.dash === null) {
    if (args.pos.length > 2) fail("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
    fail('error: you must specify at least one command for the container');
  }
  if (!args.dash.length) fail('error: you must specify at least one command for the container');
  requireServer(ctx);
  const s = ctx.state();
  const now = ctx.now();
  const { pod } = podFor(ctx, s, word, now, { verb: 'exec' });
  const c = containerOf(ctx, pod);
  if (!M.isReady(pod, now)) fail(`error: unable to upgrade connection: container not found ("${c.name}")`);
  const stdin = args.bool('stdin');
  if (stdin && args.bool('tty') && !process.stdin.isTTY && !args.bool('quiet'))
    io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const code = await runIn(ctx, s, pod, c, args.dash, { stdin });
  if (code !== 0) fail(`command terminated with exit code ${code}`, code);
  return 0;
}

/** kubectl run -i: attach to the new pod's main process. */
export async function attach(ctx, podName, argv) {
  const { args, io } = ctx;
  const s = ctx.state();
  const pod = M.get(s, 'Pod', ctx.ns, podName);
  pod._readyAt = 0;
  if (args.bool('tty') && !process.stdin.isTTY) io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  io.err("If you don't see a command prompt, try pressing enter.\n");
  const code = await runIn(ctx, s, pod, pod.spec.containers[0], argv, { stdin: true });
  return code;
}
