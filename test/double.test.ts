import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { advance } from './double/clock.mjs';

// The kubectl test double, driven the way notes drive kubectl: as a separate process.

const doubleDir = fileURLToPath(new URL('./double', import.meta.url));
const KUBECTL = join(doubleDir, 'kubectl');
const FIXTURE_KUBECONFIG = join(doubleDir, 'fixtures', 'kubeconfig.yaml');
const NOTE = fileURLToPath(new URL('../notes/ch3.md', import.meta.url));

// plain ESM helpers of the double (no type declarations): import them through a variable
const tabwriterPath = './double/tabwriter.mjs';
const { tabwrite, humanDuration } = (await import(tabwriterPath)) as {
  tabwrite: (text: string, minwidth: number, padding: number) => string;
  humanDuration: (ms: number) => string;
};

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';
const HASH = '[bcdf456789]{9,10}';
const POD_IP = /^10\.42\.\d{1,3}\.\d{1,3}$/;

const manifests: Record<string, string> = {
  'sleep/sleep1.yaml': deployment('sleep-1'),
  'sleep/sleep2.yaml': deployment('sleep-2'),
  'sleep/sleep2-service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: sleep-2       # 서비스 이름이 도메인 네임
spec:
  selector:
    app: sleep-2      # app label의 값이 sleep-2인 모든 파드가 대상
  ports:
    - port: 80        # 80번 포트를 주시하다가 파드의 80번 포트로 트래픽을 전달
`,
};

function deployment(name: string, replicas?: number, image = 'kiamol/ch03-sleep'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: sleep
          image: ${image}
`;
}

interface Cluster {
  dir: string;
  env: NodeJS.ProcessEnv;
  k: (args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string }) => SpawnSyncReturns<string>;
  sh: (command: string, env?: NodeJS.ProcessEnv) => SpawnSyncReturns<string>;
  write: (path: string, text: string) => void;
}

/** A fresh simulated cluster: its own state dir, kubeconfig and working dir with the manifests. */
function cluster(extraEnv: NodeJS.ProcessEnv = {}): Cluster {
  const dir = mkdtempSync(join(tmpdir(), 'kube-double-'));
  copyFileSync(FIXTURE_KUBECONFIG, join(dir, 'kubeconfig.yaml'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${doubleDir}:${process.env.PATH}`,
    KUBECONFIG: join(dir, 'kubeconfig.yaml'),
    KUBE_DOUBLE_STATE: join(dir, 'state'),
    KUBE_DOUBLE_DOWN: '',
    KUBE_DOUBLE_CONVERGE_MS: '',
    KUBE_DOUBLE_CLIENT: '',
    KUBE_DOUBLE_SERVER: '',
    KUBE_DOUBLE_FLAVOUR: '',
    ...extraEnv,
  };
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  for (const [path, text] of Object.entries(manifests)) write(path, text);
  return {
    dir,
    env,
    write,
    k: (args, opts = {}) =>
      spawnSync(KUBECTL, args, { cwd: dir, env: { ...env, ...opts.env }, input: opts.input ?? '', encoding: 'utf8', timeout: 20_000 }),
    sh: (command, more = {}) =>
      spawnSync('bash', ['-c', command], { cwd: dir, env: { ...env, ...more }, input: '', encoding: 'utf8', timeout: 20_000 }),
  };
}

const rows = (text: string) => text.split('\n').filter((l) => l !== '');

function podNames(c: Cluster, selector: string): string[] {
  const r = c.k(['get', 'pods', '-l', selector, '-o', 'name']);
  return rows(r.stdout).map((l) => l.replace('pod/', ''));
}

function podIP(c: Cluster, app: string): string {
  return c.k(['get', 'pod', '-l', `app=${app}`, '-o', 'jsonpath={.items[0].status.podIP}']).stdout;
}

/** Start a long-running command and resolve once its stdout holds `lines` lines. */
function startUntil(c: Cluster, args: string[], lines: number) {
  const child = spawn(KUBECTL, args, { cwd: c.dir, env: c.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (rows(out).length >= lines) resolve(out);
    });
    child.on('exit', (code) => reject(new Error(`exited early (${code}): ${out}${err}`)));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, ready, exited, stderr: () => err };
}

describe('table layout', () => {
  it('ports Go tabwriter: min width 6, padding 3, last column unpadded', () => {
    expect(tabwrite('NAME\tAGE\na\t1s\n', 6, 3)).toBe('NAME   AGE\na      1s\n');
    expect(tabwrite('NAME\tTYPE\tDATA\nkube-root-ca.crt\tx\t1\n', 6, 3)).toBe('NAME               TYPE   DATA\nkube-root-ca.crt   x      1\n');
    // a line without tabs ends the column block (describe relies on it)
    expect(tabwrite('Name:\tx\nIPs:\n  IP:\ty\n', 0, 2)).toBe('Name:  x\nIPs:\n  IP:  y\n');
  });

  it('prints ages like apimachinery HumanDuration', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const d = 24 * h;
    const cases: [number, string][] = [
      [0, '0s'], [119 * s, '119s'], [2 * m, '2m'], [5 * m + 3 * s, '5m3s'], [10 * m, '10m'], [179 * m, '179m'],
      [3 * h, '3h'], [7 * h + 59 * m, '7h59m'], [8 * h, '8h'], [47 * h, '47h'], [2 * d, '2d'], [2 * d + 3 * h, '2d3h'],
      [8 * d, '8d'], [729 * d, '729d'], [2 * 365 * d + 3 * d, '2y3d'], [9 * 365 * d, '9y'],
    ];
    for (const [ms, text] of cases) expect(humanDuration(ms), text).toBe(text);
  });
});

describe('apply and get', () => {
  it('creates deployments whose pods show up as a kubectl table with generated names', () => {
    const c = cluster();
    const applied = c.k(['apply', '-f', 'sleep/sleep1.yaml', '-f', 'sleep/sleep2.yaml']);
    expect(applied.status).toBe(0);
    expect(applied.stdout).toBe('deployment.apps/sleep-1 created\ndeployment.apps/sleep-2 created\n');

    const got = c.k(['get', 'pods']);
    expect(got.status).toBe(0);
    const lines = rows(got.stdout);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^NAME +READY   STATUS    RESTARTS   AGE$/);
    expect(lines[1]).toMatch(new RegExp(`^sleep-1-${HASH}-${SUFFIX} +1/1     Running   0          \\d+s$`));
    expect(lines[2]).toMatch(new RegExp(`^sleep-2-${HASH}-${SUFFIX} +1/1     Running   0          \\d+s$`));
    // NAME is as wide as the longest name plus 3 spaces; nothing trails
    const nameWidth = Math.max(...lines.slice(1).map((l) => l.split(' ')[0].length)) + 3;
    for (const l of lines) expect(l.indexOf('READY') >= 0 ? l.indexOf('READY') : l.indexOf('1/1')).toBe(nameWidth);
    expect(got.stdout).not.toMatch(/ \n/);

    expect(c.k(['apply', '-f', 'sleep/sleep1.yaml']).stdout).toBe('deployment.apps/sleep-1 unchanged\n');
    c.write('sleep/sleep1.yaml', deployment('sleep-1', 2));
    expect(c.k(['apply', '-f', 'sleep/sleep1.yaml']).stdout).toBe('deployment.apps/sleep-1 configured\n');
    expect(podNames(c, 'app=sleep-1')).toHaveLength(2);
  });

  it('prints kubectl get all as one table per kind with kind prefixes', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/']);
    const out = c.k(['get', 'all']).stdout;
    const tables = out.split('\n\n');
    expect(tables).toHaveLength(4);
    expect(tables[0]).toMatch(/^NAME +READY   STATUS    RESTARTS   AGE\npod\/sleep-1-/);
    expect(tables[1]).toMatch(/^NAME +TYPE        CLUSTER-IP +EXTERNAL-IP   PORT\(S\)   AGE\nservice\/kubernetes +ClusterIP   10\.43\.0\.1 +<none>        443\/TCP   \S+\nservice\/sleep-2 +ClusterIP   10\.43\.\d+\.\d+ +<none>        80\/TCP    \d+s$/);
    expect(tables[2]).toMatch(/^NAME +READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment\.apps\/sleep-1   1\/1     1            1           \d+s/);
    expect(tables[3]).toMatch(new RegExp(`^NAME +DESIRED   CURRENT   READY   AGE\\nreplicaset\\.apps/sleep-1-${HASH} +1         1         1       \\d+s`));
  });

  it('says "No resources found" on stderr and exits 0 when nothing matches', () => {
    const c = cluster();
    const r = c.k(['get', 'pods']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('No resources found in default namespace.\n');
    const missing = c.k(['get', 'pod', 'nope']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('fails like kubectl on a missing file', () => {
    const c = cluster();
    const r = c.k(['apply', '-f', 'x.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: the path "x.yaml" does not exist\n');
  });

  it('gives every cluster its own IPs and hashes', () => {
    const a = cluster();
    const b = cluster();
    for (const c of [a, b]) c.k(['apply', '-f', 'sleep/sleep2.yaml', '-f', 'sleep/sleep2-service.yaml']);
    expect(podIP(a, 'sleep-2')).toMatch(POD_IP);
    expect(podIP(a, 'sleep-2')).not.toBe(podIP(b, 'sleep-2'));
    expect(podNames(a, 'app=sleep-2')[0]).not.toBe(podNames(b, 'app=sleep-2')[0]);
    const svcIP = (c: Cluster) => c.k(['get', 'svc', 'sleep-2', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    expect(svcIP(a)).toMatch(/^10\.43\.\d+\.\d+$/);
    expect(svcIP(a)).not.toBe(svcIP(b));
  });

  it('lists endpoints of ready pods, truncated after three', () => {
    const c = cluster();
    c.write('web.yaml', deployment('web', 5) + '---\n' + 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 8080\n      targetPort: 80\n');
    c.k(['apply', '-f', 'web.yaml']);
    const ep = c.k(['get', 'endpoints', 'web']);
    expect(ep.stderr).toBe('');
    expect(rows(ep.stdout)[1]).toMatch(/^web +10\.42\.\d+\.\d+:80,10\.42\.\d+\.\d+:80,10\.42\.\d+\.\d+:80 \+ 2 more\.\.\. +\d+s$/);
    const warned = c.k(['get', 'ep'], { env: { KUBE_DOUBLE_SERVER: '1.33' } });
    expect(warned.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    c.k(['scale', 'deploy/web', '--replicas=0']);
    expect(rows(c.k(['get', 'ep', 'web']).stdout)[1]).toMatch(/^web +<none> +\d+s$/);
  });

  it('keeps state consistent under concurrent writers', async () => {
    const c = cluster();
    const names = Array.from({ length: 6 }, (_, i) => `app-${i}`);
    for (const n of names) c.write(`${n}.yaml`, deployment(n));
    await Promise.all(
      names.map(
        (n) =>
          new Promise<void>((resolve, reject) => {
            const p = spawn(KUBECTL, ['apply', '-f', `${n}.yaml`], { cwd: c.dir, env: c.env });
            p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${n}: ${code}`))));
          }),
      ),
    );
    expect(rows(c.k(['get', 'deploy', '-o', 'name']).stdout)).toEqual(names.map((n) => `deployment.apps/${n}`));
  });

});

describe('jsonpath', () => {
  it('prints without a trailing newline', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/']);
    const r = c.k(['get', 'pod', '-l', 'app=sleep-2', '--output', 'jsonpath={.items[0].status.podIP}']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(POD_IP);
    const all = c.k(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}']).stdout;
    expect(all).toMatch(new RegExp(`^sleep-1-${HASH}-${SUFFIX}\\nsleep-2-${HASH}-${SUFFIX}\\n$`));
    expect(c.k(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}']).stdout).toBe('10.43.0.1');
  });

  it('fails with the multi-line error when indexing an empty list', () => {
    const c = cluster();
    const r = c.k(['get', 'pod', '-l', 'app=sleep-2', '-o', 'jsonpath={.items[0].status.podIP}']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: error executing jsonpath "{.items[0].status.podIP}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[0].status.podIP}\n' +
        '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
    );
    const star = c.k(['get', 'pods', '-o', 'jsonpath={.items[*].status.podIP}']);
    expect([star.status, star.stdout, star.stderr]).toEqual([0, '', '']);
  });

  it('supports custom columns', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    const lines = rows(c.k(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName']).stdout);
    expect(lines[0]).toMatch(/^NAME +IP +NODE$/);
    expect(lines[1]).toMatch(new RegExp(`^sleep-1-${HASH}-${SUFFIX}   10\\.42\\.\\d+\\.\\d+ +k3s-node$`));
  });
});

describe('delete and replacement', () => {
  it('replaces a deleted ReplicaSet pod with a new name and IP', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep2.yaml']);
    const [before] = podNames(c, 'app=sleep-2');
    const ipBefore = podIP(c, 'sleep-2');
    const del = c.k(['delete', 'pods', '-l', 'app=sleep-2']);
    expect(del.status).toBe(0);
    expect(del.stdout).toBe(`pod "${before}" deleted\n`);
    const after = podNames(c, 'app=sleep-2');
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    expect(after[0].slice(0, -5)).toBe(before.slice(0, -5)); // same ReplicaSet
    expect(podIP(c, 'sleep-2')).not.toBe(ipBefore);

    const v134 = c.k(['delete', 'pod', after[0]], { env: { KUBE_DOUBLE_CLIENT: '1.34' } });
    expect(v134.stdout).toBe(`pod "${after[0]}" deleted from default namespace\n`);
  });

  it('lets a new pod converge when KUBE_DOUBLE_CONVERGE_MS is set', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep2.yaml', '-f', 'sleep/sleep2-service.yaml']);
    // A window no loaded machine runs the next three commands past; the clock is then
    // advanced to its end, and `wait` sees the pod become ready.
    const env = { KUBE_DOUBLE_CONVERGE_MS: '600000' };
    c.k(['delete', 'pods', '-l', 'app=sleep-2'], { env });
    const wide = rows(c.k(['get', 'pods', '-o', 'wide']).stdout)[1];
    expect(wide).toMatch(/ 0\/1 +ContainerCreating +0 +\d+s +<none> +k3s-node /);
    expect(rows(c.k(['get', 'ep', 'sleep-2']).stdout)[1]).toMatch(/^sleep-2 +<none> /);
    const exec = c.k(['exec', 'deploy/sleep-2', '--', 'hostname']);
    expect(exec.status).toBe(1);
    expect(exec.stderr).toBe('error: unable to upgrade connection: container not found ("sleep")\n');
    advance(c.env.KUBE_DOUBLE_STATE!, 599_000);
    const waited = c.k(['wait', '--for=condition=Ready', 'pod', '-l', 'app=sleep-2', '--timeout=50s']);
    expect(waited.status).toBe(0);
    expect(waited.stdout).toMatch(new RegExp(`^pod/sleep-2-${HASH}-${SUFFIX} condition met\\n$`));
    expect(rows(c.k(['get', 'ep', 'sleep-2']).stdout)[1]).toMatch(/^sleep-2 +10\.42\.\d+\.\d+:80 /);
  });

  it('deletes everything in a deleted namespace', () => {
    const c = cluster();
    expect(c.k(['create', 'namespace', 'lab']).stdout).toBe('namespace/lab created\n');
    expect(c.k(['create', 'namespace', 'lab']).stderr).toBe('Error from server (AlreadyExists): namespaces "lab" already exists\n');
    c.k(['apply', '-n', 'lab', '-f', 'sleep/']);
    expect(podNames(c, 'app=sleep-1')).toEqual([]);
    expect(c.k(['get', 'pods', '-n', 'lab', '-o', 'name']).stdout).toContain('pod/sleep-1-');
    expect(c.k(['get', 'svc', '-n', 'lab', '-o', 'name']).stdout).toBe('service/sleep-2\n'); // no kubernetes service here
    expect(c.k(['delete', 'namespace', 'lab']).stdout).toBe('namespace "lab" deleted\n');
    expect(c.k(['get', 'all', '-n', 'lab']).stderr).toBe('No resources found in lab namespace.\n');
  });
});

describe('wait', () => {
  it('reports each pod and fails when nothing matches', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    const ok = c.k(['wait', '--for=condition=Ready', 'pod', '-l', 'app=sleep-1']);
    expect(ok.stdout).toMatch(new RegExp(`^pod/sleep-1-${HASH}-${SUFFIX} condition met\\n$`));
    const none = c.k(['wait', '--for=condition=Ready', 'pod', '-l', 'app=nope']);
    expect([none.status, none.stderr]).toEqual([1, 'error: no matching resources found\n']);
  });
});

describe('exec', () => {
  it('pings a pod IP like BusyBox and exits 0', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep1.yaml', '-f', 'sleep/sleep2.yaml']);
    const ip = podIP(c, 'sleep-2');
    const r = c.k(['exec', 'deploy/sleep-1', '--', 'ping', '-c', '2', ip]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const q = ip.replace(/\./g, '\\.');
    expect(r.stdout).toMatch(
      new RegExp(
        `^PING ${q} \\(${q}\\): 56 data bytes\\n64 bytes from ${q}: seq=0 ttl=64 time=\\d+\\.\\d{3} ms\\n64 bytes from ${q}: seq=1 ttl=64 time=\\d+\\.\\d{3} ms\\n\\n` +
          `--- ${q} ping statistics ---\\n2 packets transmitted, 2 packets received, 0% packet loss\\nround-trip min/avg/max = \\d+\\.\\d{3}/\\d+\\.\\d{3}/\\d+\\.\\d{3} ms\\n$`,
      ),
    );
  });

  it('gets no answer pinging a service, and says so on stderr with exit 1', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/']);
    const clusterIP = c.k(['get', 'svc', 'sleep-2', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    for (const host of ['sleep-2', 'sleep-2.default.svc.cluster.local']) {
      const r = c.k(['exec', 'deploy/sleep-1', '--', 'ping', '-c', '1', host]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe(
        `PING ${host} (${clusterIP}): 56 data bytes\n\n--- ${host} ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n`,
      );
      expect(r.stderr).toBe('command terminated with exit code 1\n');
    }
    const bad = c.k(['exec', 'deploy/sleep-1', '--', 'ping', '-c', '1', 'nope']);
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([1, '', "ping: bad address 'nope'\ncommand terminated with exit code 1\n"]);
  });

  it('resolves services with nslookup', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/']);
    const clusterIP = c.k(['get', 'svc', 'sleep-2', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    const r = c.k(['exec', 'deploy/sleep-1', '--', 'nslookup', 'sleep-2']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('Server:\t\t10.43.0.10\nAddress:\t10.43.0.10:53\n\n')).toBe(true);
    expect(r.stdout).toContain(`Name:\tsleep-2.default.svc.cluster.local\nAddress: ${clusterIP}\n`);
    expect(r.stdout).toContain("** server can't find sleep-2.svc.cluster.local: NXDOMAIN");
    const filtered = c.k(['exec', 'deploy/sleep-1', '--', 'sh', '-c', 'nslookup sleep-2 | grep "^[^*]"']).stdout;
    expect(filtered).toBe(`Server:\t\t10.43.0.10\nAddress:\t10.43.0.10:53\nName:\tsleep-2.default.svc.cluster.local\nAddress: ${clusterIP}\n`);
    const unknown = c.k(['exec', 'deploy/sleep-1', '--', 'nslookup', 'nope']);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toContain("** server can't find nope.default.svc.cluster.local: NXDOMAIN");
    expect(unknown.stderr).toBe('command terminated with exit code 1\n');
  });

  it('shows the environment in a different order each time, with service links of older services', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    c.k(['apply', '-f', 'sleep/sleep2-service.yaml', '-f', 'sleep/sleep2.yaml']);
    const env = (d: string) => c.k(['exec', `deploy/${d}`, '--', 'printenv']).stdout;
    const a = env('sleep-2');
    const orders = new Set([a, env('sleep-2'), env('sleep-2')]);
    expect(orders.size).toBeGreaterThan(1);
    const lines = rows(a);
    expect(lines).toContain('KUBERNETES_SERVICE_HOST=10.43.0.1');
    expect(lines.some((l) => /^SLEEP_2_SERVICE_HOST=10\.43\.\d+\.\d+$/.test(l))).toBe(true);
    expect(lines.some((l) => /^HOSTNAME=sleep-2-/.test(l))).toBe(true);
    expect(env('sleep-1')).not.toContain('SLEEP_2_'); // its pod is older than the service
    expect(c.k(['exec', 'deploy/sleep-2', '--', 'printenv', 'KUBERNETES_SERVICE_PORT']).stdout).toBe('443\n');
    expect(c.k(['exec', 'deploy/sleep-2', '--', 'cat', '/etc/resolv.conf']).stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.43.0.10\noptions ndots:5\n',
    );
    const wget = c.k(['exec', 'deploy/sleep-1', '--', 'wget', '-qO-', 'http://sleep-2']);
    expect([wget.status, wget.stdout]).toEqual([0, '<html><body><h1>It works!</h1></body></html>\n']);
    const badWget = c.k(['exec', 'deploy/sleep-1', '--', 'wget', '-qO-', 'http://example.com']);
    expect([badWget.status, badWget.stderr]).toEqual([1, "wget: bad address 'example.com'\ncommand terminated with exit code 1\n"]);
  });

  it('runs an interactive shell from stdin without a tty', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    const [pod] = podNames(c, 'app=sleep-1');
    const r = c.k(['exec', '-it', 'deploy/sleep-1', '--', 'sh'], { input: 'echo "hi $HOSTNAME"\nhostname | wc -c\nexit 3\necho never\n' });
    expect(r.stdout).toBe(`hi ${pod}\n${pod.length + 1}\n`);
    expect(r.stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\ncommand terminated with exit code 3\n');
    expect(r.status).toBe(3);
  });

  it('reports a missing executable like containerd', () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    const r = c.k(['exec', 'deploy/sleep-1', '--', 'nosuch']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/,
    );
    const inShell = c.k(['exec', 'deploy/sleep-1', '--', 'sh', '-c', 'nosuch']);
    expect([inShell.status, inShell.stderr]).toEqual([127, 'sh: nosuch: not found\ncommand terminated with exit code 127\n']);
  });
});

describe('long-running commands', () => {
  it('port-forward prints its two lines and stays up until killed', async () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/']);
    const pf = startUntil(c, ['port-forward', 'svc/sleep-2', '8080:80'], 2);
    expect(await pf.ready).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(pf.child.exitCode).toBeNull();
    // the state stays usable meanwhile
    expect(c.k(['get', 'pods', '-o', 'name']).status).toBe(0);
    pf.child.kill('SIGTERM');
    const { code } = await pf.exited;
    expect(code).toBe(143);
    expect(pf.stderr()).toBe('');
  });

  it('logs -f and get -w keep running until interrupted', async () => {
    const c = cluster();
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    const logs = startUntil(c, ['logs', '-f', 'deploy/sleep-1'], 3);
    expect(await logs.ready).toBe('Starting kiamol/ch03-sleep in container sleep\nContainer sleep is running\nReady\n');
    const watch = startUntil(c, ['get', 'pods', '-w'], 2);
    await watch.ready;
    await new Promise((r) => setTimeout(r, 200));
    expect(logs.child.exitCode).toBeNull();
    expect(watch.child.exitCode).toBeNull();
    logs.child.kill('SIGINT');
    watch.child.kill('SIGINT');
    expect((await logs.exited).code).toBe(130);
    expect((await watch.exited).code).toBe(130);
  });
});

describe('kubeconfig', () => {
  it('reads, edits and lists contexts', () => {
    const c = cluster();
    expect(c.k(['config', 'current-context']).stdout).toBe('default\n');
    expect(c.k(['config', 'get-contexts', '-o', 'name']).stdout).toBe('default\nk3d-other\noffline\n');
    const copy = join(c.dir, 'run.kubeconfig');
    writeFileSync(copy, c.k(['config', 'view', '--minify', '--flatten', '--raw']).stdout);
    expect(readFileSync(copy, 'utf8')).toContain('current-context: default\n');
    expect(readFileSync(copy, 'utf8')).toContain('client-key-data: LS0t');
    c.k(['create', 'namespace', 'run-1']);
    const set = c.k(['config', 'set-context', '--current', '--namespace=run-1', '--kubeconfig', copy]);
    expect(set.stdout).toBe('Context "default" modified.\n');
    expect(readFileSync(copy, 'utf8')).toContain('namespace: run-1');
    c.k(['apply', '-f', 'sleep/sleep1.yaml', '--kubeconfig', copy]);
    expect(c.k(['get', 'deploy', '-o', 'name', '--kubeconfig', copy]).stdout).toBe('deployment.apps/sleep-1\n');
    expect(c.k(['get', 'deploy', '-o', 'name'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(c.k(['get', 'deploy']).stderr).toBe('No resources found in default namespace.\n');
    expect(c.k(['--context', 'k3d-other', 'config', 'view', '--minify', '-o', 'jsonpath={.contexts[0].context.namespace}']).stdout).toBe('other');
  });

  it('has no current context without a kubeconfig', () => {
    const c = cluster({ KUBECONFIG: '/nonexistent/kubeconfig' });
    const r = c.k(['config', 'current-context']);
    expect([r.status, r.stderr]).toEqual([1, 'error: current-context is not set\n']);
  });
});

describe('an unreachable cluster', () => {
  it('fails every server command like kubectl 1.32 but keeps config working', () => {
    const c = cluster({ KUBE_DOUBLE_DOWN: '1' });
    const r = c.k(['get', 'pods']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines.slice(0, -1))
      expect(l).toMatch(
        /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"https:\/\/127\.0\.0\.1:6443\/api\?timeout=32s\\": dial tcp 127\.0\.0\.1:6443: connect: connection refused"$/,
      );
    expect(lines.at(-1)).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
    expect(c.k(['config', 'current-context']).stdout).toBe('default\n');
    const offline = cluster().k(['--context', 'offline', 'get', 'pods']);
    expect(offline.status).toBe(1);
    expect(offline.stderr).toContain('was refused - did you specify the right host or port?');
  });

  it('prints versions, and only the client side when down', () => {
    const c = cluster();
    expect(c.k(['version']).stdout).toBe('Client Version: v1.32.3\nKustomize Version: v5.5.0\nServer Version: v1.31.5+k3s1\n');
    const json = JSON.parse(c.k(['version', '-o', 'json']).stdout);
    expect(json.clientVersion.gitVersion).toBe('v1.32.3');
    expect(json.serverVersion.gitVersion).toBe('v1.31.5+k3s1');
    const down = c.k(['version'], { env: { KUBE_DOUBLE_DOWN: '1' } });
    expect(down.status).toBe(1);
    expect(down.stdout).toBe('Client Version: v1.32.3\nKustomize Version: v5.5.0\n');
  });
});

describe('errors', () => {
  it('never shows a stack trace', () => {
    const c = cluster();
    const r = c.k(['frobnicate']);
    expect([r.status, r.stderr]).toEqual([1, 'Error: unknown command "frobnicate" for "kubectl"\n']);
    const flag = c.k(['get', 'pods', '--bogus']);
    expect([flag.status, flag.stderr]).toEqual([1, "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"]);
    const noState = c.k(['get', 'pods'], { env: { KUBE_DOUBLE_STATE: '' } });
    expect(noState.status).toBe(1);
    expect(noState.stderr).toMatch(/^error: KUBE_DOUBLE_STATE is not set/);
    for (const x of [r, flag, noState]) expect(x.stderr).not.toMatch(/at .*\.mjs:\d+/);
  });
});

// ---------- the user's note, run against the double ----------

interface Step {
  command: string;
  expected: string[] | null;
  noNewline: boolean;
}

/** Steps of ch3.md's bash blocks: a command, then `#` lines or a `:'` block as its output. */
function noteSteps(text: string): Step[] {
  const steps: Step[] = [];
  const lines = text.split('\n');
  let inBash = false;
  let current: Step | null = null;
  let mode: 'none' | 'comments' | 'block' | 'done' = 'none';
  for (const raw of lines) {
    const line = raw.trim();
    if (!inBash) {
      if (line === '```bash') inBash = true;
      continue;
    }
    if (line === '```') {
      inBash = false;
      current = null;
      mode = 'none';
      continue;
    }
    if (mode === 'block') {
      if (line === "'") mode = 'done';
      else current!.expected!.push(line);
      continue;
    }
    if (line === ":'" && current) {
      current.expected = [];
      mode = 'block';
      continue;
    }
    if (line.startsWith('#')) {
      if (current && (mode === 'none' || mode === 'comments')) {
        current.expected ??= [];
        current.expected.push(line.replace(/^# ?/, ''));
        mode = 'comments';
      }
      continue;
    }
    if (line === '') {
      if (mode === 'comments') mode = 'done';
      continue;
    }
    current = { command: line, expected: null, noNewline: false };
    mode = 'none';
    steps.push(current);
  }
  for (const s of steps) {
    const last = s.expected?.at(-1);
    if (last?.endsWith('%')) {
      s.expected![s.expected!.length - 1] = last.slice(0, -1);
      s.noNewline = true;
    }
  }
  return steps;
}

/** Everything a run may change: IPs, generated names, ages, timings. */
function normalize(lines: string[]): string[] {
  return lines
    .map((l) =>
      l
        .replace(/\b10\.xx\.xx\.xx\b/g, '<IP>')
        .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<IP>')
        .replace(/\b(sleep-\d)-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, '$1-<HASH>-<SUFFIX>')
        .replace(/time=\d+\.\d+ ms/g, 'time=<T> ms')
        .replace(/= [\d.]+\/[\d.]+\/[\d.]+ ms/g, '= <T> ms')
        .replace(/\s+\d+(s|m\d*s?|h\d*m?|d\d*h?)$/, ' <AGE>')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l, i, all) => !(l === '' && (i === 0 || i === all.length - 1)));
}

describe("the user's note ch3.md", () => {
  it('runs every documented command with matching output', () => {
    const c = cluster();
    const steps = noteSteps(readFileSync(NOTE, 'utf8'));
    expect(steps.map((s) => s.command)).toEqual([
      'kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml',
      'kubectl wait --for=condition=Ready pod -l app=sleep-1',
      'kubectl wait --for=condition=Ready pod -l app=sleep-2',
      "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'",
      "kubectl exec deploy/sleep-1 -- ping -c 2 $(kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}')",
      "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'",
      'kubectl delete pods -l app=sleep-2',
      "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'",
      'kubectl apply -f sleep/sleep2-service.yaml',
      'kubectl get svc sleep-2',
      'kubectl exec deploy/sleep-1 -- ping -c 1 sleep-2',
    ]);
    const ipsSeen: string[] = [];
    for (const step of steps) {
      const r = c.sh(`${step.command} 2>&1`);
      const out = r.stdout;
      const expectedFailure = step.expected?.some((l) => /^command terminated with exit code (\d+)$/.test(l));
      expect(r.status, step.command).toBe(expectedFailure ? 1 : 0);
      if (!step.expected) continue;
      if (step.noNewline) expect(out.endsWith('\n'), step.command).toBe(false);
      expect(normalize(out.split('\n')), step.command).toEqual(normalize(step.expected));
      if (step.command.startsWith('kubectl get pod -l app=sleep-2')) ipsSeen.push(out);
    }
    // the pod IP changes when the pod is replaced (실습2)
    expect(ipsSeen[1]).not.toBe(ipsSeen[2]);
  });
});

describe('cluster flavours (KUBE_DOUBLE_FLAVOUR)', () => {
  it('is k3d with kubectl 1.34: k3d node, k3s addresses, node IP for a LoadBalancer, 1.34 delete wording', () => {
    const c = cluster({ KUBE_DOUBLE_FLAVOUR: 'k3d', KUBE_DOUBLE_CLIENT: '1.34', KUBE_DOUBLE_SERVER: '1.34' });
    expect(c.k(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name} {.items[0].status.nodeInfo.kubeletVersion} {.items[0].status.nodeInfo.osImage}']).stdout).toBe(
      'k3d-dev-server-0 v1.34.1+k3s1 K3s v1.34.1+k3s1',
    );
    expect(JSON.parse(c.k(['version', '-o', 'json']).stdout).clientVersion.gitVersion).toBe('v1.34.1');
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    expect(podIP(c, 'sleep-1')).toMatch(POD_IP);
    c.k(['expose', 'deploy/sleep-1', '--type=LoadBalancer', '--port=8080', '--target-port=80']);
    const nodeIP = c.k(['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[0].address}']).stdout;
    expect(c.k(['get', 'svc', 'sleep-1', '-o', 'jsonpath={.status.loadBalancer.ingress[0]}']).stdout).toBe(`{"ip":"${nodeIP}","ipMode":"VIP"}`);
    expect(c.k(['get', 'svc', '-n', 'kube-system', 'kube-dns', '-o', 'jsonpath={.spec.clusterIP}']).stdout).toBe('10.43.0.10');
    const pod = podNames(c, 'app=sleep-1')[0];
    expect(c.k(['delete', 'pod', pod]).stdout).toBe(`pod "${pod}" deleted from default namespace\n`);
    expect(c.k(['describe', 'pod', '-l', 'app=sleep-1']).stdout).toMatch(/Created container: sleep\n/);
  });

  it('is kind with kubectl 1.31: kind node, kubeadm addresses, a pool address for a LoadBalancer, old wording', () => {
    const c = cluster({ KUBE_DOUBLE_FLAVOUR: 'kind', KUBE_DOUBLE_CLIENT: '1.31', KUBE_DOUBLE_SERVER: '1.31' });
    expect(c.k(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name} {.items[0].status.nodeInfo.kubeletVersion}']).stdout).toBe('kind-control-plane v1.31.5');
    expect(JSON.parse(c.k(['version', '-o', 'json']).stdout).clientVersion.gitVersion).toBe('v1.31.5');
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    expect(podIP(c, 'sleep-1')).toMatch(/^10\.244\.\d{1,3}\.\d{1,3}$/);
    c.k(['expose', 'deploy/sleep-1', '--type=LoadBalancer', '--port=8080', '--target-port=80']);
    expect(rows(c.k(['get', 'svc', 'sleep-1']).stdout)[1]).toMatch(/^sleep-1\s+LoadBalancer\s+10\.96\.\S+\s+172\.18\.255\.\d+\s+8080:3\d{4}\/TCP/);
    expect(c.k(['get', 'svc', '-n', 'kube-system', 'kube-dns', '-o', 'jsonpath={.spec.clusterIP}']).stdout).toBe('10.96.0.10');
    expect(c.k(['get', 'pods', '-n', 'kube-system', '-o', 'name']).stdout).toMatch(/pod\/etcd-kind-control-plane\n[^]*pod\/kindnet-/);
    const pod = podNames(c, 'app=sleep-1')[0];
    expect(c.k(['delete', 'pod', pod]).stdout).toBe(`pod "${pod}" deleted\n`);
    expect(c.k(['describe', 'pod', '-l', 'app=sleep-1']).stdout).toMatch(/Created container sleep\n/);
    expect(c.k(['get', 'ep', 'sleep-1']).stderr).toBe('');
  });

  it('is Docker Desktop: localhost for every LoadBalancer, its own kube-system', () => {
    const c = cluster({ KUBE_DOUBLE_FLAVOUR: 'docker-desktop' });
    c.k(['apply', '-f', 'sleep/sleep1.yaml']);
    c.k(['expose', 'deploy/sleep-1', '--type=LoadBalancer', '--port=8080', '--target-port=80']);
    expect(rows(c.k(['get', 'svc', 'sleep-1']).stdout)[1]).toMatch(/\slocalhost\s/);
    expect(c.k(['get', 'pods', '-n', 'kube-system', '-o', 'name']).stdout).toContain('pod/vpnkit-controller');
    expect(c.k(['get', 'nodes', '-o', 'name']).stdout).toBe('node/docker-desktop\n');
  });
});
