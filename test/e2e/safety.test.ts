import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { root, workspace, type Workspace } from './workspace.js';

const runNamespaces = (ws: Workspace) =>
  ws.kubectl(['get', 'namespaces', '-o', 'name']).stdout.split('\n').filter((name) => name.includes('notes-run-'));

/** Adds a context named `name` on the double's cluster and makes it current. */
function useContext(ws: Workspace, name: string): void {
  const path = join(ws.dir, '.kubeconfig');
  const config = parse(readFileSync(path, 'utf8'));
  config.contexts.push({ name, context: { cluster: 'default', user: 'default' } });
  config['current-context'] = name;
  writeFileSync(path, stringify(config));
}

describe('the kube context guard', () => {
  it('refuses a context that does not look local, before anything runs', () => {
    const ws = workspace();
    useContext(ws, 'gke_acme_europe-west1_prod');
    const result = ws.run(['ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('refusing to run notes against kube context "gke_acme_europe-west1_prod"');
    expect(result.stderr).toContain('--context gke_acme_europe-west1_prod');
    expect(ws.kubectl(['get', 'deployments', '-A']).stdout).not.toContain('sleep-1');
  });

  it('refuses a local-looking name whose server is a cloud API server signed in to by a cloud CLI', () => {
    for (const name of ['default', 'kind-prod', 'colima-prod', 'k3d-prod.eks.amazonaws.com']) {
      const ws = workspace();
      const path = join(ws.dir, '.kubeconfig');
      const config = parse(readFileSync(path, 'utf8'));
      config.clusters.push({ name: 'eks', cluster: { server: 'https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com' } });
      config.users.push({ name: 'eks', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'prod'] } } });
      config.contexts = config.contexts.filter((context: { name: string }) => context.name !== name);
      config.contexts.push({ name, context: { cluster: 'eks', user: 'eks' } });
      config['current-context'] = name;
      writeFileSync(path, stringify(config));
      const result = ws.run(['ch3.md']);
      expect(result.status, name).toBe(2);
      expect(result.stderr).toContain(`refusing to run notes against kube context "${name}": its server https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com is neither on this machine nor on a private network`);
      expect(result.stderr).toContain(`--context ${name}`);
      expect(ws.kubectl(['get', 'deployments', '-A']).stdout).not.toContain('sleep-1');
    }
  });

  it('runs against that context once it is named with --context', () => {
    const ws = workspace();
    useContext(ws, 'gke_acme_europe-west1_prod');
    expect(ws.run(['--context', 'gke_acme_europe-west1_prod', 'ch3.md']).status).toBe(0);
  });

  it('runs against a context the config file allows', () => {
    const ws = workspace();
    useContext(ws, 'lab-cluster');
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), 'contexts:\n  - lab-*\n');
    expect(ws.run(['ch3.md']).status).toBe(0);
  });

  it('says once, naming the context, when the cluster cannot be reached', () => {
    const ws = workspace();
    const result = ws.run(['ch3.md'], { KUBE_DOUBLE_DOWN: '1' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot reach the cluster of kube context "default"');
    expect(result.stderr).toContain('--offline');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });
});

describe('credentials the cluster refuses (issue 20 item 13)', () => {
  it('says the cluster refused the credentials, and whose, not that it cannot be reached', () => {
    const ws = workspace();
    const path = kubectlInFront(ws, `if [ "$1" = "version" ]; then echo '{"clientVersion":{"gitVersion":"v1.34.2"}}'; echo 'error: You must be logged in to the server (Unauthorized)' >&2; exit 1; fi`);
    const result = ws.run(['ch3.md'], { PATH: path });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the cluster of kube context "default" refused the credentials of user "default" (error: You must be logged in to the server (Unauthorized))');
    expect(result.stderr).not.toContain('Start the cluster');
    expect(result.stderr).toContain('--offline');
  });
});

describe('isolation and cleanup', () => {
  it('runs each note in its own namespace and deletes it afterwards', () => {
    const ws = workspace();
    const { report } = ws.json(['ch3.md']);
    expect(report.notes[0].status).toBe('fresh');
    expect(runNamespaces(ws)).toEqual([]);
    expect(ws.kubectl(['get', 'deployments', '-A']).stdout).not.toContain('sleep-1');
  });

  it('still runs, with a warning, on a simpler kubectl that cannot create namespaces', () => {
    const ws = workspace();
    const path = kubectlInFront(ws, 'case "$1 $2" in\n  "create namespace"|"config view") echo "error: unknown command \\"$1\\" for \\"kubectl\\"" >&2; exit 1;;\nesac');
    const result = ws.run(['ch3.md'], { PATH: path });
    expect(result.stderr).toContain('warning: ch3.md: could not create a run namespace');
    expect(result.status).toBe(0);
  });

  it('refuses to run unisolated when the API server refuses the namespace', () => {
    const ws = workspace();
    const path = kubectlInFront(ws, `if [ "$1 $2" = "create namespace" ]; then echo 'Error from server (Forbidden): namespaces is forbidden: User "dev" cannot create resource "namespaces"' >&2; exit 1; fi`);
    const result = ws.run(['ch3.md'], { PATH: path });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('could not create the run namespace');
    expect(result.stderr).toContain('--namespace');
  });

  it('keeps the namespace with --keep', () => {
    const ws = workspace();
    ws.run(['--keep', 'ch3.md']);
    expect(runNamespaces(ws)).toHaveLength(1);
  });

  it('runs in place with --namespace and deletes nothing', () => {
    const ws = workspace();
    expect(ws.run(['--namespace', 'default', 'ch3.md']).status).toBe(0);
    expect(ws.kubectl(['get', 'deployments', '-n', 'default']).stdout).toContain('sleep-1');
  });

  it('stops an interrupted run within seconds, kills its processes and deletes its namespace', async () => {
    const ws = workspace();
    ws.writeNote('# hang\n\n```bash\nkubectl apply -f sleep/sleep1.yaml\nsleep 300 & sleep 301\n```\n', 'hang.md');
    const child = ws.start(['hang.md']);
    let stdout = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    // Interrupted once the note is running, however long a loaded machine takes to get there.
    while (!sleepersAlive()) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stdout).toContain('hang.md:4');
    expect(runNamespaces(ws)).toEqual([]);
    expect(sleepersAlive()).toBe(false);
  });
});

/** A PATH whose kubectl runs `intercept` (bash) before handing over to the test double. */
function kubectlInFront(ws: Workspace, intercept: string): string {
  const bin = join(ws.dir, '.wrapper-bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'kubectl'), `#!/usr/bin/env bash\n${intercept}\nexec ${join(root, 'test', 'double', 'kubectl')} "$@"\n`);
  chmodSync(join(bin, 'kubectl'), 0o755);
  return `${bin}:${ws.env.PATH}`;
}

function sleepersAlive(): boolean {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .some((pid) => {
      try {
        return /^sleep\u0000(300|301)\u0000/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        return false;
      }
    });
}

describe("the note's shell", () => {
  it('has a UTF-8 locale, no colour, pager, editor or terminal, reads nothing and knows `k` as kubectl', () => {
    const ws = workspace();
    const fence = '```';
    ws.writeNote(
      [
        '# env',
        `${fence}bash`,
        'echo "$LC_ALL $NO_COLOR $TERM $PAGER $KUBE_EDITOR"',
        '# C.UTF-8 1 dumb cat true',
        'word=한글; echo "$word ${#word}"',
        '# 한글 2',
        '[ -t 0 ] || [ -t 1 ] || echo no terminal',
        '# no terminal',
        'cat',
        'k get namespace default -o name',
        '# namespace/default',
        fence,
        '',
      ].join('\n'),
      'env.md',
    );
    const { exitCode, report } = ws.json(['env.md']);
    expect(report.notes[0].steps.map((step) => [step.line, step.status])).toEqual([
      [3, 'pass'],
      [5, 'pass'],
      [7, 'pass'],
      [9, 'unchecked'],
      [10, 'pass'],
    ]);
    expect(exitCode).toBe(0);
  });
});

describe('many notes', () => {
  const slowNote = (name: string) => `# ${name}\n\n\`\`\`bash\nsleep 1.5\necho ${name}\n# ${name}\n\`\`\`\n`;

  it('runs a folder of notes and reports each', () => {
    const ws = workspace();
    ws.writeNote(slowNote('a'), 'a.md');
    const { report } = ws.json(['.']);
    expect(report.notes.map((note) => note.file).sort()).toEqual(['a.md', 'ch3.md']);
  });

  it('expands a quoted glob, and says so when it matches nothing', () => {
    const ws = workspace();
    ws.writeNote(slowNote('a'), 'a.md');
    const { report } = ws.json(['*.md']);
    expect(report.notes.map((note) => note.file)).toEqual(['a.md', 'ch3.md']);
    const result = ws.run(['nothing-*.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('nothing-*.md: no file matches this pattern');
  });

  it('runs two notes at the same time with --jobs 2, and one after the other without', () => {
    // Each note waits (up to 20 s) for the other to have started: only notes that run
    // at the same time both see it. No clock is read: speed belongs to \`npm run bench\`.
    const meet = (me: string, other: string) =>
      `# ${me}\n\n\`\`\`bash\ntouch "$MEET/${me}"; for i in $(seq 200); do [ -e "$MEET/${other}" ] && break; sleep 0.1; done; [ -e "$MEET/${other}" ] && echo met\n# met\n\`\`\`\n`;
    const ws = workspace();
    ws.writeNote(meet('a', 'b'), 'a.md');
    ws.writeNote(meet('b', 'a'), 'b.md');
    const parallel = join(ws.dir, 'parallel');
    mkdirSync(parallel);
    const both = ws.run(['--jobs', '2', '--reporter', 'json', 'a.md', 'b.md'], { MEET: parallel });
    expect(JSON.parse(both.stdout).notes.map((note: { status: string }) => note.status)).toEqual(['fresh', 'fresh']);
    const serial = join(ws.dir, 'serial');
    mkdirSync(serial);
    const one = ws.run(['--reporter', 'json', '--timeout', '1', 'a.md', 'b.md'], { MEET: serial });
    expect(JSON.parse(one.stdout).notes[0].status).not.toBe('fresh');
  });

  it('stops after the first stale note with --bail', () => {
    const ws = workspace();
    ws.writeNote('# a\n\n```bash\necho a\n# b\n```\n', 'a.md');
    ws.writeNote('# b\n\n```bash\necho b\n# b\n```\n', 'b.md');
    const { exitCode, report } = ws.json(['--bail', 'a.md', 'b.md']);
    expect(exitCode).toBe(1);
    expect(report.notes.map((note) => note.file)).toEqual(['a.md']);
  });
});

describe('CI reporters', () => {
  it('writes JUnit XML with a testcase per step, stale as failure, broken as error', () => {
    const ws = workspace();
    ws.writeNote('# n\n\n## 절\n\n```bash\necho a\n# b\nfalse\necho ok\n# ok\n```\n', 'n.md');
    const result = ws.run(['--reporter', 'junit', '--output-file', 'report.xml', 'n.md']);
    expect(result.status).toBe(1);
    const xml = readFileSync(join(ws.dir, 'report.xml'), 'utf8');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = doc.testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'n.md', tests: '3', failures: '1', errors: '1' });
    for (const attribute of ['time', 'timestamp', 'hostname', 'id', 'package']) expect(suite[attribute]).toBeDefined();
    expect(suite.time).toMatch(/^\d+\.\d+$/);
    const cases = suite.testcase as { name: string; failure?: unknown; error?: unknown }[];
    expect(cases).toHaveLength(3);
    expect(cases[0].name).toContain('n.md:6');
    expect(cases[0].name).toContain('절');
    expect(cases[0].failure).toBeDefined();
    expect(cases[1].error).toBeDefined();
    expect(cases[2].failure ?? cases[2].error).toBeUndefined();
  });

  it('writes GitHub workflow annotations at file:line', () => {
    const ws = workspace();
    ws.writeNote('# n\n\n```bash\necho a\n# b\n```\n', 'n.md');
    const result = ws.run(['--reporter', 'github', 'n.md']);
    expect(result.stdout).toMatch(/^::warning file=n\.md,line=4,title=stale%3A echo a::.*- b%0A\+ a/m);
  });
});
