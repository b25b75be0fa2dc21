// Small helpers shared by the simulated container's programs.

/** Thrown by `exit`; carries the status. */
export class ExitSignal {
  constructor(code) {
    this.code = code;
  }
}

export const SA = '/var/run/secrets/kubernetes.io/serviceaccount';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Directories `ls` and `cd` know. */
export const DIRS = {
  '/': ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  [SA]: ['ca.crt', 'namespace', 'token'],
  '/root': [],
  '/tmp': [],
};

export const lines = (text) => {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
};

/** Parse busybox-style short options: `-c 2`, `-c2`, `-qO-`. spec: letters taking a value. */
export function getopt(argv, withValue) {
  const opts = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=');
      opts[k] = v ?? (withValue.includes(`--${k}`) ? argv[++i] : true);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d+$/.test(a)) {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        if (withValue.includes(ch)) {
          opts[ch] = a.slice(k + 1) || argv[++i];
          break;
        }
        opts[ch] = true;
      }
      continue;
    }
    rest.push(a);
  }
  return { opts, rest };
}
