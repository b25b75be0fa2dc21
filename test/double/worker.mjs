// A worker of the double's server: runs one kubectl call at a time as if it were that
// call's own process. The modules are loaded before the first call; each call brings
// its argv, environment, directory, pid, stdin and output FIFOs (opened by the server), which this worker puts
// where the double's modules look for them (process.env, relative paths, os.homedir(),
// process.stdin and fd 0, process.pid, the io it is given), so the modules need no
// knowledge of the server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { kubectl, preload } from './command.mjs';

let call = null;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const pause = (ms) => Atomics.wait(sleeper, 0, 0, ms);

// A worker cannot chdir: relative paths are resolved against the call's directory.
const realCwd = process.cwd();
process.cwd = () => call?.cwd ?? realCwd;
const absolute = (p) => (typeof p === 'string' && !path.isAbsolute(p) ? path.resolve(process.cwd(), p) : p);
const PATH_FIRST = ['readFileSync', 'writeFileSync', 'appendFileSync', 'statSync', 'lstatSync', 'existsSync', 'readdirSync', 'mkdirSync', 'rmdirSync', 'rmSync', 'unlinkSync', 'openSync', 'accessSync'];
const real = {};
for (const name of PATH_FIRST) {
  real[name] = fs[name];
  fs[name] = (p, ...rest) => real[name](p === 0 && call ? call.stdin : absolute(p), ...rest);
}
const realRename = fs.renameSync;
fs.renameSync = (from, to) => realRename(absolute(from), absolute(to));
const realHomedir = os.homedir;
os.homedir = () => process.env.HOME || realHomedir();
syncBuiltinESMExports();

function writeAll(fd, text) {
  if (!text) return;
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) {
    try {
      at += fs.writeSync(fd, bytes, at);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      pause(1);
    }
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

async function serve(request) {
  call = request;
  const { out, err } = request;
  // The reader went away (`| head`): stop quietly, as kubectl does.
  const io = {
    out: (s) => {
      try {
        writeAll(out, s);
      } catch {
        process.exit(0);
      }
    },
    err: (s) => {
      try {
        writeAll(err, s);
      } catch {
        process.exit(0);
      }
    },
  };
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, request.env);
  let stdin = null;
  Object.defineProperty(process, 'stdin', {
    configurable: true,
    get: () => {
      if (!stdin) {
        stdin = fs.createReadStream(request.stdin);
        stdin.on('error', () => stdin.push(null));
        stdin.isTTY = request.tty || undefined;
      }
      return stdin;
    },
  });
  Object.defineProperty(process, 'pid', { configurable: true, value: request.pid });
  const code = await kubectl(request.argv, io);
  for (const s of SIGNALS) process.removeAllListeners(s);
  stdin?.destroy();
  call = null;
  parentPort.postMessage({ t: 'exit', code });
}

parentPort.on('message', (m) => {
  if (m.t === 'run') serve(m);
  // A signal the command listens for (port-forward, logs -f, ping) is its to handle;
  // any other ends the call, as it would end a kubectl process.
  else if (m.t === 'signal') {
    if (process.listenerCount(m.name) > 0) process.emit(m.name);
    else parentPort.postMessage({ t: 'exit', signal: m.name });
  }
});
await preload();
