// Command dispatch, the shared command context, and the "no cluster" failure.
import { fail } from './errors.mjs';
import { loadKubeconfig, serverEndpoint, configCommand } from './kubeconfig.mjs';
import { readState, transact } from './state.mjs';
import * as M from './model.mjs';
import * as clock from './clock.mjs';

const USAGE = `kubectl controls the Kubernetes cluster manager (test double).

Supported commands: get, describe, apply, create, delete, expose, run, scale, label,
rollout, set image, wait, logs, exec, port-forward, version, cluster-info, config.
`;

const COMMANDS = {
  get: ['./cmd-get.mjs', 'get'],
  describe: ['./describe.mjs', 'describe'],
  apply: ['./cmd-apply.mjs', 'apply'],
  create: ['./cmd-apply.mjs', 'create'],
  delete: ['./cmd-apply.mjs', 'del'],
  expose: ['./cmd-edit.mjs', 'expose'],
  run: ['./cmd-edit.mjs', 'runPod'],
  scale: ['./cmd-edit.mjs', 'scale'],
  label: ['./cmd-edit.mjs', 'label'],
  rollout: ['./cmd-edit.mjs', 'rollout'],
  set: ['./cmd-edit.mjs', 'set'],
  wait: ['./cmd-misc.mjs', 'wait'],
  logs: ['./cmd-misc.mjs', 'logs'],
  'port-forward': ['./cmd-misc.mjs', 'portForward'],
  'cluster-info': ['./cmd-misc.mjs', 'clusterInfo'],
  'api-resources': ['./cmd-misc.mjs', 'apiResources'],
  exec: ['./exec.mjs', 'exec'],
};

/** Everything a command needs: flags, kubeconfig, namespace, output, and state access. */
export async function makeContext(args, io) {
  const kc = await loadKubeconfig(args);
  const ctx = {
    args,
    io,
    kc,
    ns: kc.namespace,
    now: () => clock.now(),
    state: () => readState(M.initState),
    /** Mutate the state under the lock; the controllers run before it is written. */
    mutate: (fn) =>
      transact(M.initState, (s) => {
        const now = clock.now();
        const r = fn(s, now);
        M.reconcile(s, now);
        return r;
      }),
  };
  return ctx;
}

export function serverDown(kc) {
  return process.env.KUBE_DOUBLE_DOWN === '1' || !kc.server || kc.server.includes('unreachable');
}

/** kubectl 1.32 with no API server: klog lines, then "The connection ... was refused". */
export function downMessage(kc) {
  const { hostport, url, dial } = serverEndpoint(kc);
  const d = new Date();
  const p = (n, w = 2) => String(n).padStart(w, '0');
  const lines = [];
  for (let i = 0; i < 5; i++) {
    const t = new Date(d.getTime() + i);
    const stamp = `${p(t.getMonth() + 1)}${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}.${p(t.getMilliseconds(), 3)}${p(i * 137 % 1000, 3)}`;
    lines.push(
      `E${stamp} ${String(process.pid).padStart(7)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"${url}/api?timeout=32s\\": dial tcp ${dial}: connect: connection refused"`,
    );
  }
  lines.push(`The connection to the server ${hostport} was refused - did you specify the right host or port?`);
  return lines.join('\n');
}

export function requireServer(ctx) {
  if (serverDown(ctx.kc)) fail(downMessage(ctx.kc));
}

async function version(args, io) {
  const out = args.get('output');
  const kc = await loadKubeconfig(args);
  const clientOnly = args.bool('client');
  const down = !clientOnly && serverDown(kc);
  const cv = M.clientVersion();
  if (out === 'json' || out === 'yaml') {
    const v = { clientVersion: cv, kustomizeVersion: M.kustomizeVersion() };
    if (!clientOnly && !down) v.serverVersion = M.serverVersion();
    if (out === 'json') io.out(JSON.stringify(v, null, 2) + '\n');
    else {
      const { toYaml } = await import('./kubeconfig.mjs');
      io.out(await toYaml(v));
    }
  } else if (out) fail(`error: --output must be 'yaml' or 'json'`);
  else {
    io.out(`Client Version: ${cv.gitVersion}\nKustomize Version: ${M.kustomizeVersion()}\n`);
    if (!clientOnly && !down) io.out(`Server Version: ${M.serverVersion().gitVersion}\n`);
  }
  if (down) fail(downMessage(kc));
  if (!clientOnly) {
    const c = Number(cv.minor);
    const sv = Number(M.serverVersion().minor);
    if (Math.abs(c - sv) > 1)
      io.err(`WARNING: version difference between client (${cv.major}.${c}) and server (1.${sv}) exceeds the supported minor version skew of +/-1\n`);
  }
  return 0;
}

export async function run(args, io) {
  const cmd = args.pos[0];
  if (!cmd) {
    io.out(USAGE);
    return 0;
  }
  if (args.bool('help')) {
    io.out(`kubectl ${cmd}: help is not simulated by the kubectl test double.\n`);
    return 0;
  }
  if (cmd === 'config') {
    const { printPlain } = await import('./printers.mjs');
    return configCommand(args, io, (obj, fmt) => printPlain(obj, fmt, io));
  }
  if (cmd === 'version') return version(args, io);
  const entry = COMMANDS[cmd];
  if (!entry) fail(`Error: unknown command "${cmd}" for "kubectl"`);
  const ctx = await makeContext(args, io);
  const mod = await import(entry[0]);
  return mod[entry[1]](ctx);
}
