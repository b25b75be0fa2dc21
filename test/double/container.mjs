// The simulated container: its environment, files and shell plumbing.
import { parse, ShellSyntax } from './shell.mjs';
import * as M from './model.mjs';
import * as N from './network.mjs';
import { ExitSignal, SA, DIRS, getopt } from './box-util.mjs';
import { BUILTINS, PROGRAMS } from './programs.mjs';

export { ExitSignal };
export { isProgram } from './programs.mjs';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Service link env vars (docker links style) for one service. */
function serviceEnv(svc) {
  const env = {};
  if (!svc.spec.clusterIP || svc.spec.clusterIP === 'None' || svc.spec.type === 'ExternalName') return env;
  const N_ = svc.metadata.name.toUpperCase().replace(/-/g, '_');
  const ip = svc.spec.clusterIP;
  const ports = svc.spec.ports ?? [];
  if (!ports.length) return env;
  env[`${N_}_SERVICE_HOST`] = ip;
  env[`${N_}_SERVICE_PORT`] = String(ports[0].port);
  for (const p of ports) if (p.name) env[`${N_}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
  const proto0 = (ports[0].protocol ?? 'TCP').toLowerCase();
  env[`${N_}_PORT`] = `${proto0}://${ip}:${ports[0].port}`;
  for (const p of ports) {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const pre = `${N_}_PORT_${p.port}_${proto.toUpperCase()}`;
    env[pre] = `${proto}://${ip}:${p.port}`;
    env[`${pre}_PROTO`] = proto;
    env[`${pre}_PORT`] = String(p.port);
    env[`${pre}_ADDR`] = ip;
  }
  return env;
}

export function containerEnv(s, pod, c) {
  const env = { PATH, HOSTNAME: pod.metadata.name };
  if (pod.spec.enableServiceLinks !== false) {
    const ns = pod.metadata.namespace;
    const svcs = M.list(s, 'Service', ns).filter((o) => o._ms <= pod._ms);
    for (const svc of svcs) Object.assign(env, serviceEnv(svc));
  }
  const master = M.get(s, 'Service', 'default', 'kubernetes');
  if (master) Object.assign(env, serviceEnv(master));
  const ns = pod.metadata.namespace;
  for (const ef of c.envFrom ?? []) {
    const src = ef.configMapRef ? M.get(s, 'ConfigMap', ns, ef.configMapRef.name) : ef.secretRef ? M.get(s, 'Secret', ns, ef.secretRef.name) : null;
    const data = src?.data ?? {};
    for (const [k, v] of Object.entries(data)) env[(ef.prefix ?? '') + k] = ef.secretRef ? Buffer.from(v, 'base64').toString() : v;
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value).replace(/\$\(([A-Za-z_]\w*)\)/g, (m, v) => env[v] ?? m);
    else if (e.valueFrom?.configMapKeyRef) env[e.name] = M.get(s, 'ConfigMap', ns, e.valueFrom.configMapKeyRef.name)?.data?.[e.valueFrom.configMapKeyRef.key] ?? '';
    else if (e.valueFrom?.secretKeyRef) {
      const v = M.get(s, 'Secret', ns, e.valueFrom.secretKeyRef.name)?.data?.[e.valueFrom.secretKeyRef.key];
      env[e.name] = v ? Buffer.from(v, 'base64').toString() : '';
    } else if (e.valueFrom?.fieldRef) {
      const f = e.valueFrom.fieldRef.fieldPath;
      env[e.name] = { 'metadata.name': pod.metadata.name, 'metadata.namespace': ns, 'status.podIP': pod._ip, 'spec.nodeName': s.node.name, 'status.hostIP': s.node.ip, 'spec.serviceAccountName': 'default' }[f] ?? '';
    } else env[e.name] = '';
  }
  env.HOME ??= '/root';
  return env;
}

function files(s, pod) {
  const ns = pod.metadata.namespace;
  return {
    '/etc/hostname': `${pod.metadata.name}\n`,
    '/etc/resolv.conf': `search ${N.searchDomains(ns).join(' ')}\nnameserver ${N.clusterDns()}\noptions ndots:5\n`,
    '/etc/hosts':
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
      `${pod._ip}\t${pod.metadata.name}\n`,
    '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
    [`${SA}/namespace`]: ns,
    [`${SA}/token`]: 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImRvdWJsZSJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpkZWZhdWx0In0.c2lnbmF0dXJl',
    [`${SA}/ca.crt`]: '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy\n-----END CERTIFICATE-----\n',
  };
}

export class Container {
  constructor(s, pod, c, now) {
    this.s = s;
    this.pod = pod;
    this.c = c;
    this.now = now;
    this.env = containerEnv(s, pod, c);
    this.vars = { ...this.env };
    this.exported = new Set(Object.keys(this.env));
    this.fs = files(s, pod);
    this.cwd = '/';
    this.status = 0;
    // A volume (emptyDir, configMap, secret, ...) is a directory at its mountPath, empty
    // unless the volume carries files; files written under it show up in `ls`.
    this.dirs = new Set(Object.keys(DIRS));
    for (const vm of c.volumeMounts ?? []) {
      for (let d = (vm.mountPath ?? '').replace(/\/+$/, ''); d && d !== '/'; d = d.slice(0, d.lastIndexOf('/')) || '/') this.dirs.add(d);
    }
  }

  isDir(path) {
    const p = path.replace(/\/+$/, '') || '/';
    return this.dirs.has(p) || Object.keys(this.fs).some((f) => f.startsWith(p === '/' ? '/' : p + '/'));
  }

  /** Names directly under a directory: the image's own, mounted or created dirs, and files. */
  dirEntries(path) {
    const p = path.replace(/\/+$/, '') || '/';
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set(DIRS[p] ?? []);
    for (const f of [...Object.keys(this.fs), ...this.dirs]) {
      if (f.startsWith(prefix) && f.length > prefix.length) names.add(f.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }

  // ---------- shell ----------
  async runScript(src, io) {
    let program;
    try {
      program = parse(src);
    } catch (e) {
      if (!(e instanceof ShellSyntax)) throw e;
      io.err(`sh: ${e.message}\n`);
      return (this.status = 2);
    }
    for (const { chain } of program) {
      for (const { op, pipeline } of chain) {
        if (op === '&&' && this.status !== 0) continue;
        if (op === '||' && this.status === 0) continue;
        this.status = await this.runPipeline(pipeline, io);
      }
    }
    return this.status;
  }

  async runPipeline(cmds, io) {
    let stdin = io.stdin;
    let code = 0;
    for (let i = 0; i < cmds.length; i++) {
      const last = i === cmds.length - 1;
      let buf = '';
      const stageIo = last ? { ...io, stdin } : { ...io, stdin, out: (t) => (buf += t) };
      code = await this.runCommand(cmds[i], stageIo);
      stdin = buf;
    }
    return code;
  }

  async expandParts(parts, split = true) {
    const fields = [''];
    let quoted = false;
    const push = (v, doSplit) => {
      if (!doSplit) {
        fields[fields.length - 1] += v;
        return;
      }
      const pieces = v.split(/[ \t\n]+/);
      fields[fields.length - 1] += pieces[0];
      for (const p of pieces.slice(1)) fields.push(p);
    };
    for (const p of parts) {
      if (p.t === 'lit') push(p.v, false);
      else if (p.t === 'sq') {
        quoted = true;
        push(p.v, false);
      } else if (p.t === 'dq') {
        quoted = true;
        for (const q of p.parts) push(await this.expandOne(q), false);
      } else push(await this.expandOne(p), split);
    }
    const out = fields.filter((f, i) => f !== '' || quoted || (i > 0 && i < fields.length - 1));
    return quoted && !out.length ? [''] : out;
  }

  async expandOne(p) {
    if (p.t === 'lit') return p.v;
    if (p.t === 'var') {
      if (p.name === '?') return String(this.status);
      if (p.name === '$') return '1';
      if (p.name === '0') return 'sh';
      if (p.name === '#') return '0';
      const v = this.vars[p.name];
      return v === undefined || v === '' ? p.dflt ?? '' : v;
    }
    if (p.t === 'cmd') {
      let buf = '';
      const saved = this.status;
      await this.runScript(p.script, { out: (t) => (buf += t), err: this.io.err, stdin: '' });
      void saved;
      return buf.replace(/\n+$/, '');
    }
    return '';
  }

  async runCommand(cmd, io) {
    // leading assignments
    let words = cmd.words;
    const assigns = [];
    while (words.length && words[0][0]?.t === 'lit' && /^[A-Za-z_]\w*=/.test(words[0][0].v)) {
      const [first, ...rest] = words[0];
      const eq = first.v.indexOf('=');
      const name = first.v.slice(0, eq);
      const val = (await this.expandParts([{ t: 'lit', v: first.v.slice(eq + 1) }, ...rest], false)).join('');
      assigns.push([name, val]);
      words = words.slice(1);
    }
    const argv = [];
    for (const w of words) argv.push(...(await this.expandParts(w)));
    if (!argv.length) {
      for (const [k, v] of assigns) this.vars[k] = v;
      return 0;
    }
    // redirections
    let out = io.out;
    let err = io.err;
    let stdin = io.stdin;
    const writes = [];
    for (const r of cmd.redirs) {
      if (r.op === 'dup') {
        if (r.fd === 2 && r.to === 1) err = out;
        else if (r.fd === 1 && r.to === 2) out = err;
        continue;
      }
      const target = r.target ? (await this.expandParts(r.target)).join(' ') : '/dev/null';
      if (r.op === '<') {
        const f = this.readFile(target);
        if (f === null) {
          io.err(`sh: can't open '${target}': no such file\n`);
          return 1;
        }
        stdin = f;
        continue;
      }
      let sink;
      if (target === '/dev/null') sink = () => {};
      else if (target === '/dev/stderr') sink = io.err;
      else if (target === '/dev/stdout') sink = io.out;
      else {
        const path = this.abs(target);
        if (r.op === '>') this.fs[path] = '';
        else this.fs[path] ??= '';
        sink = (t) => (this.fs[path] += t);
        writes.push(path);
      }
      if (r.both) {
        out = sink;
        err = sink;
      } else if (r.fd === 2) err = sink;
      else out = sink;
    }
    const cio = { out, err, stdin };
    const saved = {};
    for (const [k, v] of assigns) {
      saved[k] = this.vars[k];
      this.vars[k] = v;
    }
    try {
      return await this.runProgram(argv, cio, { inShell: true });
    } finally {
      for (const [k] of assigns) {
        if (saved[k] === undefined) delete this.vars[k];
        else this.vars[k] = saved[k];
      }
    }
  }

  abs(p) {
    if (p.startsWith('/')) return p;
    return (this.cwd === '/' ? '' : this.cwd) + '/' + p;
  }

  readFile(p) {
    const path = this.abs(p);
    if (path.startsWith('/proc/')) return null;
    return Object.hasOwn(this.fs, path) ? this.fs[path] : null;
  }

  /** Exported variables as the process environment. */
  environ() {
    const env = {};
    for (const k of this.exported) if (this.vars[k] !== undefined) env[k] = this.vars[k];
    return env;
  }

  // ---------- programs ----------
  has(name) {
    return Object.hasOwn(PROGRAMS, name) || Object.hasOwn(BUILTINS, name);
  }

  /** Run argv. Returns the exit status; unknown programs → 127 in a shell, null at the top. */
  async runProgram(argv, io, { inShell = false } = {}) {
    this.io ??= io;
    let name = argv[0];
    const m = /^\/(?:usr\/)?(?:local\/)?s?bin\/([^/]+)$/.exec(name);
    if (m) name = m[1];
    if (inShell && Object.hasOwn(BUILTINS, name)) return BUILTINS[name].call(this, argv.slice(1), io);
    if (Object.hasOwn(PROGRAMS, name)) return PROGRAMS[name].call(this, argv.slice(1), io);
    if (!inShell) return null;
    io.err(`sh: ${argv[0]}: not found\n`);
    return 127;
  }

  /** An interactive shell without a tty: commands come from stdin, one line at a time. */
  async interactive(lineSource, io) {
    for await (const line of lineSource) {
      try {
        // `exec 2>&1` typed earlier holds for every line after it.
        await this.runScript(line, this.sessionStreams ? { ...io, ...this.sessionStreams } : io);
      } catch (e) {
        if (e instanceof ExitSignal) return e.code;
        throw e;
      }
    }
    return this.status;
  }

  async shell(args, io) {
    const { opts, rest } = getopt(args, []);
    if (opts.c) {
      const script = rest[0];
      if (script === undefined) {
        io.err('sh: -c requires an argument\n');
        return 2;
      }
      try {
        return await this.runScript(script, io);
      } catch (e) {
        if (e instanceof ExitSignal) return e.code;
        throw e;
      }
    }
    if (rest.length) {
      const f = this.readFile(rest[0]);
      if (f === null) {
        io.err(`sh: can't open '${rest[0]}': No such file or directory\n`);
        return 2;
      }
      try {
        return await this.runScript(f, io);
      } catch (e) {
        if (e instanceof ExitSignal) return e.code;
        throw e;
      }
    }
    // interactive: stdin is either a line source (top-level exec -i) or a string (pipe)
    if (io.lines) return this.interactive(io.lines, io);
    if (typeof io.stdin === 'string' && io.stdin) {
      try {
        return await this.runScript(io.stdin, { ...io, stdin: '' });
      } catch (e) {
        if (e instanceof ExitSignal) return e.code;
        throw e;
      }
    }
    return 0;
  }
}
