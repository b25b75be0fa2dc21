// The double's server: one per state directory, started by the first kubectl call
// (./kubectl, the thin client) and ending itself once no call came for IDLE_MS. It
// never opens a socket: calls arrive as lines on the FIFO `double.ctl` in its runtime
// folder (given as its argument), each naming a call's files under `calls/` there:
//   call D            run the request in D.req, writing to D.out (and D.err), stdin from
//                     the path the request names, and the exit status to D.status;
//   signal D NAME     the client got signal NAME.
// The call itself names the state directory (KUBE_DOUBLE_STATE in its environment). It
// runs in a worker thread that has the double's modules loaded already, so it costs
// milliseconds instead of a Node process start and module load.
import { closeSync, constants, mkdirSync, openSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';

const IDLE_MS = Number(process.env.KUBE_DOUBLE_IDLE_MS) || 10_000;
// A command that does not answer a signal within this long is ended, as a process would be.
const SIGNAL_GRACE_MS = 300;
const dir = process.argv[2];
mkdirSync(join(dir, 'calls'), { recursive: true });
const ctlPath = join(dir, 'double.ctl');
const pidPath = join(dir, 'double.pid');

const spare = [];
function startWorker() {
  const w = { worker: new Worker(new URL('./worker.mjs', import.meta.url), { stdout: false, stderr: false }), call: null, gone: false };
  w.worker.on('message', (m) => w.call?.fromWorker(m));
  w.worker.on('error', (e) => w.call?.fromWorker({ t: 'internal', message: e?.message ?? String(e) }));
  w.worker.on('exit', (code) => {
    w.gone = true;
    const i = spare.indexOf(w);
    if (i >= 0) spare.splice(i, 1);
    w.call?.fromWorker({ t: 'exit', code });
  });
  return w;
}
const topUp = () => spare.length < 1 && spare.push(startWorker());

const calls = new Map();
let idleTimer = null;
function armIdle() {
  clearTimeout(idleTimer);
  if (calls.size === 0 && !leaving) idleTimer = setTimeout(shutDown, IDLE_MS);
}
setInterval(() => {
  for (const call of calls.values()) call.sweep();
}, 500).unref();

/** The request file: NUL-separated cwd, pid, tty, merged, stdin, argc, argv..., then env. */
function readRequest(d) {
  const fields = readFileSync(`${d}.req`, 'utf8').split('\0');
  unlinkSync(`${d}.req`);
  const [cwd, pid, tty, merged, stdin, argc] = fields;
  const argv = fields.slice(6, 6 + Number(argc));
  const env = {};
  for (const entry of fields.slice(6 + Number(argc))) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { t: 'run', cwd, pid: Number(pid), tty: tty === '1', stdin, argv, env, merged: merged === '1' };
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Open a client's FIFO for writing once its reader (the client's cat) is there. */
async function openOutput(fifo, clientPid) {
  for (;;) {
    try {
      return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (e) {
      if (e.code !== 'ENXIO' || !alive(clientPid)) throw e;
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

/** The call's exit status, to the client waiting on its status FIFO. */
function tell(d, status) {
  try {
    const fd = openSync(`${d}.status`, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, `${status}\n`);
    closeSync(fd);
  } catch {
    /* the client is gone */
  }
}

async function startCall(d) {
  clearTimeout(idleTimer);
  let request;
  const fds = [];
  try {
    request = readRequest(d);
    fds.push(await openOutput(`${d}.out`, request.pid));
    if (!request.merged) fds.push(await openOutput(`${d}.err`, request.pid));
  } catch {
    for (const fd of fds) closeSync(fd);
    tell(d, 1);
    for (const suffix of ['.out', '.err', '.in', '.status', '.req']) rmSync(d + suffix, { force: true });
    armIdle();
    return;
  }
  request.out = fds[0];
  request.err = fds.at(-1);
  const w = spare.shift() ?? startWorker();
  topUp();
  let signalTimer = null;
  const finish = (status, reusable) => {
    if (!calls.has(d)) return;
    calls.delete(d);
    clearTimeout(signalTimer);
    for (const fd of fds) closeSync(fd);
    tell(d, status);
    for (const suffix of ['.out', '.err', '.in', '.status']) rmSync(d + suffix, { force: true });
    w.call = null;
    if (reusable && !w.gone && spare.length < 2) spare.push(w);
    else if (!w.gone) w.worker.terminate();
    armIdle();
  };
  w.call = {
    fromWorker(m) {
      if (m.t === 'exit' && m.signal) finish(`signal ${m.signal.replace(/^SIG/, '')}`, false);
      else if (m.t === 'exit') finish(m.code ?? 1, !w.gone);
      else if (m.t === 'internal') {
        try {
          writeSync(request.err, `error: kubectl test double internal error: ${m.message}\n`);
        } catch {
          /* the client is gone */
        }
      }
    },
    // The client was killed outright (a run ending its steps' process trees): so is its call.
    sweep() {
      if (!alive(request.pid)) finish(137, false);
    },
    signal(name) {
      w.worker.postMessage({ t: 'signal', name: `SIG${name}` });
      signalTimer ??= setTimeout(() => finish(`signal ${name}`, false), SIGNAL_GRACE_MS);
    },
  };
  calls.set(d, w.call);
  w.worker.postMessage(request);
}

function onLine(line) {
  const [verb, d, name] = line.split(' ');
  if (verb === 'call') startCall(d);
  else if (verb === 'signal') calls.get(d)?.signal(name);
}

let ours = null;
let leaving = false;
function shutDown() {
  // Unlinked first, so a new client starts a new server rather than write to this one.
  if (!leaving) {
    leaving = true;
    try {
      if (statSync(ctlPath).ino === ours) {
        unlinkSync(ctlPath);
        unlinkSync(pidPath);
      }
      rmdirSync(join(dir, 'calls'));
      rmdirSync(dir);
    } catch {
      /* another server's files are there, or the folder went away */
    }
  }
  // A call that got in before the unlink is still served; a client whose call this
  // server never took sees it gone and starts another.
  setTimeout(() => (calls.size ? shutDown() : process.exit(0)), 500);
}

// Made under a private name and renamed into place, so a client never finds a FIFO
// nobody reads; held open read-write, so it never reads end-of-file between calls.
const privateCtl = join(dir, `double.${process.pid}.ctl`);
execFileSync('mkfifo', [privateCtl]);
const ctl = new Socket({ fd: openSync(privateCtl, constants.O_RDWR | constants.O_NONBLOCK), readable: true, writable: false });
ours = statSync(privateCtl).ino;
renameSync(privateCtl, ctlPath);
writeFileSync(`${pidPath}.${process.pid}`, `${process.pid}\n`);
renameSync(`${pidPath}.${process.pid}`, pidPath);
let buffer = '';
ctl.setEncoding('utf8');
ctl.on('data', (chunk) => {
  buffer += chunk;
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) {
    onLine(buffer.slice(0, nl));
    buffer = buffer.slice(nl + 1);
  }
});
topUp();
armIdle();
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, shutDown);
