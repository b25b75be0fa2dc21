// A small pflag-like parser: global flags anywhere, `--` ends flag parsing.
import { fail } from './errors.mjs';

// name: [shorthand, type]; type: b = bool, s = string, a = repeatable string
const FLAGS = {
  kubeconfig: [null, 's'], context: [null, 's'], namespace: ['n', 's'], cluster: [null, 's'],
  user: [null, 's'], server: ['s', 's'], 'request-timeout': [null, 's'], v: ['v', 's'],
  token: [null, 's'], 'insecure-skip-tls-verify': [null, 'b'], 'log-flush-frequency': [null, 's'],
  output: ['o', 's'], selector: ['l', 's'], filename: ['f', 'a'], container: ['c', 's'],
  watch: ['w', 'b'], 'watch-only': [null, 'b'], 'all-namespaces': ['A', 'b'], 'show-labels': [null, 'b'],
  'no-headers': [null, 'b'], 'label-columns': ['L', 'a'], 'field-selector': [null, 's'],
  'sort-by': [null, 's'], 'show-kind': [null, 'b'], 'ignore-not-found': [null, 'b'], raw: [null, 'b'],
  timeout: [null, 's'], for: [null, 'a'], all: [null, 'b'], stdin: ['i', 'b'], tty: ['t', 'b'],
  quiet: ['q', 'b'], image: [null, 'a'], replicas: [null, 's'], port: [null, 's'],
  'target-port': [null, 's'], type: [null, 's'], name: [null, 's'], protocol: [null, 's'],
  'from-literal': [null, 'a'], 'from-file': [null, 'a'], 'from-env-file': [null, 'a'],
  previous: ['p', 'b'], tail: [null, 's'], prefix: [null, 'b'], since: [null, 's'],
  timestamps: [null, 'b'], follow: ['f', 'b'], 'all-containers': [null, 'b'], 'max-log-requests': [null, 's'],
  force: [null, 'b'], 'grace-period': [null, 's'], now: [null, 'b'], wait: [null, 'b'],
  'dry-run': [null, 's'], address: [null, 'a'], current: [null, 'b'], minify: [null, 'b'],
  flatten: [null, 'b'], recursive: ['R', 'b'], cascade: [null, 's'], overwrite: [null, 'b'],
  record: [null, 'b'], 'save-config': [null, 'b'], validate: [null, 's'], 'server-side': [null, 'b'],
  'field-manager': [null, 's'], 'pod-running-timeout': [null, 's'], client: [null, 'b'],
  env: [null, 'a'], restart: [null, 's'], rm: [null, 'b'], labels: [null, 's'], expose: [null, 'b'],
  command: [null, 'b'], kustomize: ['k', 's'], 'cluster-ip': [null, 's'], 'external-ip': [null, 's'],
  'load-balancer-ip': [null, 's'], 'session-affinity': [null, 's'], 'generator': [null, 's'],
  'show-managed-fields': [null, 'b'], 'chunk-size': [null, 's'], 'allow-missing-template-keys': [null, 'b'],
  prune: [null, 'b'],
  'to-revision': [null, 's'], 'revision': [null, 's'], 'current-replicas': [null, 's'],
  'show-events': [null, 'b'], help: ['h', 'b'],
  'output-watch-events': [null, 'b'], 'subresource': [null, 's'], 'local': [null, 'b'],
  'server-print': [null, 'b'], 'set-raw-bytes': [null, 'b'], 'short': [null, 'b'],
};

// `-f` means --filename everywhere except `logs`, where it is --follow.
const shortFor = (cmd, ch) => {
  if (ch === 'f') return cmd === 'logs' ? 'follow' : 'filename';
  for (const [name, [sh]] of Object.entries(FLAGS)) if (sh === ch && name !== 'follow') return name;
  return null;
};

export class Args {
  constructor() {
    this.pos = [];
    this.flags = new Map();
    this.dash = null; // words after `--`, or null
  }
  has(name) {
    return this.flags.has(name);
  }
  get(name, dflt = undefined) {
    const v = this.flags.get(name);
    return v === undefined ? dflt : v[v.length - 1];
  }
  all(name) {
    return this.flags.get(name) ?? [];
  }
  bool(name) {
    const v = this.get(name);
    return v !== undefined && v !== 'false';
  }
}

function set(args, name, value) {
  if (!args.flags.has(name)) args.flags.set(name, []);
  args.flags.get(name).push(value);
}

/** The first positional word is the command; it decides whether `-f` means follow. */
export function parseArgs(argv) {
  const args = new Args();
  let cmd = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.dash = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = FLAGS[name];
      if (!spec) fail(`Error: unknown flag: --${name}\nSee 'kubectl ${cmd ? cmd + ' ' : ''}--help' for usage.`);
      if (eq >= 0) set(args, name, a.slice(eq + 1));
      else if (spec[1] === 'b') set(args, name, 'true');
      else if (name === 'dry-run') set(args, name, 'client');
      else {
        if (i + 1 >= argv.length) fail(`error: flag needs an argument: --${name}`);
        set(args, name, argv[++i]);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // shorthand cluster: -it, -n ns, -nns, -n=ns, -ojsonpath=...
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        const name = shortFor(cmd, ch);
        if (!name) fail(`Error: unknown shorthand flag: '${ch}' in ${a}\nSee 'kubectl ${cmd ? cmd + ' ' : ''}--help' for usage.`);
        if (FLAGS[name][1] === 'b') {
          if (a[k + 1] === '=') {
            set(args, name, a.slice(k + 2));
            break;
          }
          set(args, name, 'true');
          continue;
        }
        let rest = a.slice(k + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        if (rest !== '') set(args, name, rest);
        else {
          if (i + 1 >= argv.length) fail(`error: flag needs an argument: '${ch}' in -${ch}`);
          set(args, name, argv[++i]);
        }
        break;
      }
      continue;
    }
    if (cmd === null) cmd = a;
    args.pos.push(a);
  }
  return args;
}

/** Go-style duration (`30s`, `2m`, `1m30s`, `500ms`, plain seconds) → ms. */
export function parseDuration(str, dflt) {
  if (str === undefined) return dflt;
  if (/^\d+$/.test(str)) return Number(str) * 1000;
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let m;
  let seen = '';
  while ((m = re.exec(str))) {
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2]];
    seen += m[0];
  }
  if (seen !== str) fail(`error: invalid argument "${str}" for "--timeout" flag: time: invalid duration "${str}"`);
  return ms;
}
