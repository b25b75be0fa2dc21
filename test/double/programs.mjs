// The shell builtins and the programs installed in the simulated (BusyBox-like) image.
import * as R from './rand.mjs';
import { ExitSignal, sleep, lines, getopt } from './box-util.mjs';
import { ping, nslookup, wget, curl } from './nettools.mjs';

function grepRegex(pattern, { ext, icase }) {
  let p = pattern;
  if (!ext) p = p.replace(/\\\|/g, '\u0000').replace(/\|/g, '\\|').replace(/\u0000/g, '|').replace(/\\([(){}+?])/g, '$1');
  try {
    return new RegExp(p, icase ? 'i' : '');
  } catch {
    return new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), icase ? 'i' : '');
  }
}

export const BUILTINS = {
  exit(args) {
    throw new ExitSignal(args.length ? Number(args[0]) & 255 : this.status);
  },
  /** `exec 2>&1`: the redirections hold for the rest of the session; `exec CMD` runs CMD and ends the shell with its status. */
  async exec(args, io) {
    if (args.length === 0) {
      this.sessionStreams = { out: io.out, err: io.err };
      return 0;
    }
    throw new ExitSignal((await this.runProgram(args, io, { inShell: true })) ?? 0);
  },
  cd(args, io) {
    const target = args[0] ?? '/root';
    const path = this.abs(target).replace(/\/+$/, '') || '/';
    if (!this.isDir(path)) {
      io.err(`sh: cd: can't cd to ${target}: No such file or directory\n`);
      return 2;
    }
    this.cwd = path;
    return 0;
  },
  pwd(args, io) {
    io.out(this.cwd + '\n');
    return 0;
  },
  export(args) {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) this.vars[a.slice(0, eq)] = a.slice(eq + 1);
      this.exported.add(eq > 0 ? a.slice(0, eq) : a);
    }
    return 0;
  },
  unset(args) {
    for (const a of args) {
      delete this.vars[a];
      this.exported.delete(a);
    }
    return 0;
  },
  set() {
    return 0;
  },
  ':'() {
    return 0;
  },
  source(args, io) {
    const f = this.readFile(args[0] ?? '');
    if (f === null) {
      io.err(`sh: .: can't open '${args[0]}'\n`);
      return 2;
    }
    return this.runScript(f, io);
  },
};
BUILTINS['.'] = BUILTINS.source;

export const PROGRAMS = {
  sh(args, io) {
    return this.shell(args, io);
  },
  true: () => 0,
  false: () => 1,
  echo(args, io) {
    let nl = true;
    if (args[0] === '-n') {
      nl = false;
      args = args.slice(1);
    } else if (args[0] === '-e') args = args.slice(1);
    io.out(args.join(' ') + (nl ? '\n' : ''));
    return 0;
  },
  printf(args, io) {
    const fmt = (args[0] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    let i = 1;
    io.out(fmt.replace(/%[sd%]/g, (m) => (m === '%%' ? '%' : args[i++] ?? '')));
    return 0;
  },
  test(args) {
    if (args[args.length - 1] === ']') args = args.slice(0, -1);
    const [a, op, b] = args;
    if (args.length === 1) return a ? 0 : 1;
    if (args.length === 2) {
      if (a === '-n') return op ? 0 : 1;
      if (a === '-z') return op ? 1 : 0;
      if (a === '-f' || a === '-e' || a === '-r') return this.readFile(op) !== null || this.isDir(this.abs(op)) ? 0 : 1;
      if (a === '-d') return this.isDir(this.abs(op)) ? 0 : 1;
      if (a === '!') return op ? 1 : 0;
    }
    const ops = { '=': a === b, '==': a === b, '!=': a !== b, '-eq': +a === +b, '-ne': +a !== +b, '-lt': +a < +b, '-gt': +a > +b, '-le': +a <= +b, '-ge': +a >= +b };
    return Object.hasOwn(ops, op) ? (ops[op] ? 0 : 1) : 2;
  },
  printenv(args, io) {
    const env = this.environ();
    if (!args.length) {
      io.out(R.shuffle(Object.entries(env)).map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    let code = 0;
    for (const a of args) {
      if (Object.hasOwn(env, a)) io.out(env[a] + '\n');
      else code = 1;
    }
    return code;
  },
  env(args, io) {
    if (args.length) {
      const i = args.findIndex((a) => !a.includes('='));
      if (i >= 0) return this.runProgram(args.slice(i), io, { inShell: true });
    }
    return PROGRAMS.printenv.call(this, [], io);
  },
  hostname(args, io) {
    io.out((args.includes('-i') ? this.pod._ip : this.pod.metadata.name) + '\n');
    return 0;
  },
  whoami(args, io) {
    io.out('root\n');
    return 0;
  },
  id(args, io) {
    io.out('uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n');
    return 0;
  },
  uname(args, io) {
    io.out(args.includes('-a') ? `Linux ${this.pod.metadata.name} 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC x86_64 Linux\n` : 'Linux\n');
    return 0;
  },
  date(args, io) {
    const d = new Date();
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const p = (n) => String(n).padStart(2, '0');
    io.out(`${days[d.getUTCDay()]} ${mons[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`);
    return 0;
  },
  /** BusyBox `timeout [-s SIG] SECS PROG ARGS`: interrupts PROG once SECS pass. */
  async timeout(args, io) {
    let signal = 'TERM';
    if (args[0] === '-s') {
      signal = String(args[1]).replace(/^SIG/, '');
      args = args.slice(2);
    }
    const secs = Number(args[0]);
    if (!Number.isFinite(secs) || args.length < 2) {
      io.err('timeout: usage: timeout [-s SIG] SECS PROG ARGS\n');
      return 1;
    }
    const timer = setTimeout(() => process.emit(`SIG${signal}`), secs * 1000);
    try {
      return (await this.runProgram(args.slice(1), io, { inShell: true })) ?? 127;
    } finally {
      clearTimeout(timer);
    }
  },
  async sleep(args) {
    const secs = Number(args[0] ?? 0);
    if (Number.isFinite(secs) && secs > 0) await sleep(secs * 1000);
    return 0;
  },
  which(args, io) {
    let code = 0;
    for (const a of args) {
      if (Object.hasOwn(PROGRAMS, a)) io.out(`/bin/${a}\n`);
      else code = 1;
    }
    return code;
  },
  cat(args, io) {
    if (!args.length) {
      io.out(io.stdin ?? '');
      return 0;
    }
    let code = 0;
    for (const a of args) {
      if (a === '-') {
        io.out(io.stdin ?? '');
        continue;
      }
      const f = this.readFile(a);
      if (f === null) {
        io.err(`cat: can't open '${a}': ${this.isDir(this.abs(a)) ? 'Is a directory' : 'No such file or directory'}\n`);
        code = 1;
      } else io.out(f);
    }
    return code;
  },
  ls(args, io) {
    const { rest } = getopt(args, []);
    const targets = rest.length ? rest : [this.cwd];
    let code = 0;
    for (const t of targets) {
      const path = this.abs(t).replace(/\/+$/, '') || '/';
      if (this.isDir(path)) io.out(this.dirEntries(path).map((x) => x + '\n').join(''));
      else if (this.readFile(path) !== null) io.out(t + '\n');
      else {
        io.err(`ls: ${t}: No such file or directory\n`);
        code = 1;
      }
    }
    return code;
  },
  grep(args, io) {
    const { opts, rest } = getopt(args, ['e', 'm']);
    const pattern = opts.e ?? rest.shift();
    if (pattern === undefined) {
      io.err('BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
      return 2;
    }
    const re = opts.F ? null : grepRegex(pattern, { ext: !!opts.E, icase: !!opts.i });
    const test = (l) => (re ? re.test(l) : opts.i ? l.toLowerCase().includes(pattern.toLowerCase()) : l.includes(pattern));
    const inputs = rest.length ? rest.map((f) => [f, this.readFile(f)]) : [[null, io.stdin ?? '']];
    let count = 0;
    let code = 1;
    for (const [f, text] of inputs) {
      if (text === null) {
        io.err(`grep: ${f}: No such file or directory\n`);
        code = 2;
        continue;
      }
      const hits = lines(text).filter((l) => test(l) !== !!opts.v);
      count += hits.length;
      if (!opts.q && !opts.c) io.out(hits.map((l) => (rest.length > 1 ? `${f}:${l}` : l) + '\n').join(''));
    }
    if (opts.c) io.out(`${count}\n`);
    return count ? 0 : code;
  },
  head(args, io) {
    const { n, text } = countArgs.call(this, args, io);
    io.out(lines(text).slice(0, n).map((l) => l + '\n').join(''));
    return 0;
  },
  tail(args, io) {
    const { n, text } = countArgs.call(this, args, io);
    const l = lines(text);
    io.out(l.slice(Math.max(0, l.length - n)).map((x) => x + '\n').join(''));
    return 0;
  },
  wc(args, io) {
    const { opts, rest } = getopt(args, []);
    const text = rest.length ? this.readFile(rest[0]) ?? '' : io.stdin ?? '';
    const l = (text.match(/\n/g) ?? []).length;
    const w = text.split(/\s+/).filter(Boolean).length;
    const c = Buffer.byteLength(text);
    if (opts.l) io.out(`${l}\n`);
    else if (opts.w) io.out(`${w}\n`);
    else if (opts.c) io.out(`${c}\n`);
    else io.out(`${String(l).padStart(7)} ${String(w).padStart(7)} ${String(c).padStart(7)}\n`);
    return 0;
  },
  sort(args, io) {
    const { opts, rest } = getopt(args, []);
    let l = lines(rest.length ? this.readFile(rest[0]) ?? '' : io.stdin ?? '');
    l = opts.n ? l.sort((a, b) => parseFloat(a) - parseFloat(b)) : l.sort();
    if (opts.r) l.reverse();
    if (opts.u) l = [...new Set(l)];
    io.out(l.map((x) => x + '\n').join(''));
    return 0;
  },
  uniq(args, io) {
    const l = lines(io.stdin ?? '').filter((x, i, a) => i === 0 || a[i - 1] !== x);
    io.out(l.map((x) => x + '\n').join(''));
    return 0;
  },
  cut(args, io) {
    const { opts } = getopt(args, ['d', 'f', 'c']);
    const d = opts.d ?? '\t';
    const fields = String(opts.f ?? '1').split(',').map(Number);
    io.out(lines(io.stdin ?? '').map((l) => fields.map((f) => l.split(d)[f - 1] ?? '').join(d) + '\n').join(''));
    return 0;
  },
  ping(args, io) {
    return ping.call(this, args, io);
  },
  nslookup(args, io) {
    return nslookup.call(this, args, io);
  },
  wget(args, io) {
    return wget.call(this, args, io);
  },
  curl(args, io) {
    return curl.call(this, args, io);
  },
};
PROGRAMS.bash = PROGRAMS.sh;
PROGRAMS.ash = PROGRAMS.sh;
PROGRAMS['['] = PROGRAMS.test;

function countArgs(args, io) {
  let n = 10;
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n') n = Number(args[++i]);
    else if (/^-n\d+$/.test(args[i])) n = Number(args[i].slice(2));
    else if (/^-\d+$/.test(args[i])) n = Number(args[i].slice(1));
    else rest.push(args[i]);
  }
  return { n, text: rest.length ? this.readFile(rest[0]) ?? '' : io.stdin ?? '' };
}

export const isProgram = (name) => Object.hasOwn(PROGRAMS, name.replace(/^\/(?:usr\/)?(?:local\/)?s?bin\//, ''));
