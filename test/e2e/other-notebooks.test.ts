import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../src/run/find-executable.js';
import { root, workspace, type JsonReport, type Workspace } from './workspace.js';

// Notes in other people's styles (test/fixtures/notes/, written for these tests): an
// English notebook with every common prompt, a Korean study group's pastes with raw
// output, templates, an editor buffer and an endless loop, and sessions that end at a
// host prompt or at another `kubectl exec -it`. For each: how `--plan` reads every step
// (no cluster), the verdict of every step against the double, and, run with a PATH
// that records every program the note's shell starts, exactly which commands ran and
// that nothing appeared in the note's folder.

const fixtures = join(root, 'test', 'fixtures', 'notes');

function fixtureWorkspace(): Workspace {
  const ws = workspace();
  cpSync(fixtures, ws.dir, { recursive: true });
  return ws;
}

/** [line, status, reading, how the command starts, documented output lines]. */
type Reading = [line: number, status: string, reading: string, command: string, output: [number, number] | null];
/** [line, verdict, typed lines' verdicts]. */
type Verdict = [line: number, status: string, typed?: string[]];

interface Fixture {
  note: string;
  readings: Reading[];
  /** Hints the plan gives besides the ones for raw output: [line, start of message]. */
  hints: [number, string][];
  verdicts: Verdict[];
  noteStatus: string;
  /** Every command the note's shell started, in order of first run. */
  ran: string[];
  args?: string[];
}

const ENGLISH: Fixture = {
  note: 'prompts-english.md',
  readings: [
    [9, 'run', 'command', 'kubectl apply -f sleep/sleep1.yaml -f web/web.yaml', [10, 12]], // `controlplane $`
    [13, 'run', 'command', 'kubectl wait --for=condition=Ready pod -l app=web', [14, 14]],
    [20, 'run', 'command', 'kubectl get deploy,svc', [21, 26]], // `user@host:~/dir$`, two tables across a blank line
    [32, 'run', 'command', 'kubectl describe svc web', [33, 48]], // `❯`
    [54, 'run', 'command', 'kubectl get pods -l app=web', [55, 56]], // `bash>`
    [57, 'run', 'command', 'cat sleep/sleep1.yaml', [58, 73]], // the manifest it prints is output; a bare `bash>` after it is nothing
    [81, 'run', 'command', "kubectl get svc web -o jsonpath='{.spec.ports[0].port}'", [82, 82]], // two-line prompt, `λ`
    [83, 'run', 'command', 'kubectl exec deploy/sleep-1 -- wget -q -O - http://web', [84, 84]], // `PS C:\...>`
    [90, 'run', 'command', 'kubectl logs deploy/web', [91, 93]], // `$>`
    [94, 'run', 'command', 'kubectl scale deploy web --replicas=2', [95, 95]], // `➜  k8s git:(main) ✗`
    [101, 'run', 'session', 'kubectl exec -it deploy/sleep-1 -- sh', null],
    [102, 'run', 'typed', 'hostname', [103, 103]], // `/ # `
    [104, 'run', 'typed', 'cat /etc/hostname', [105, 105]],
    [106, 'run', 'typed', 'exit', null],
    [107, 'run', 'command', 'kubectl get pods -l app=sleep-1 --no-headers | wc -l', [108, 108]],
    [114, 'skipped', 'command', 'oc get pods', [115, 116]],
    [117, 'skipped', 'command', 'ubectl get pods', [118, 119]],
    [120, 'skipped', 'command', "vagrant ssh master -c 'kubectl get nodes'", [121, 122]],
    [136, 'run', 'command', 'kubectl delete -f web/web.yaml', [137, 138]],
    [139, 'skipped', 'command', 'SHOW DATABASES;', [140, 140]], // `mysql>`
  ],
  hints: [[127, 'this block looks like shell commands; label it ```bash to run it']],
  verdicts: [
    [9, 'pass'],
    [13, 'pass'],
    [20, 'pass'],
    [32, 'pass'],
    [54, 'pass'],
    [57, 'pass'],
    [81, 'pass'],
    [83, 'pass'],
    [90, 'pass'],
    [94, 'pass'],
    [101, 'pass', ['pass', 'pass', 'unchecked']],
    [107, 'pass'],
    [114, 'skipped'],
    [117, 'skipped'],
    [120, 'skipped'],
    [136, 'pass'],
    [139, 'skipped'],
  ],
  noteStatus: 'fresh',
  ran: [
    'kubectl apply -f sleep/sleep1.yaml -f web/web.yaml',
    'kubectl wait --for=condition=Ready pod -l app=web',
    'kubectl get deploy,svc',
    'kubectl describe svc web',
    'kubectl get pods -l app=web',
    'cat sleep/sleep1.yaml',
    'kubectl get svc web -o jsonpath={.spec.ports[0].port}',
    'kubectl exec deploy/sleep-1 -- wget -q -O - http://web',
    'kubectl logs deploy/web',
    'kubectl scale deploy web --replicas=2',
    'kubectl exec -it deploy/sleep-1 -- sh',
    'kubectl get pods -l app=sleep-1 --no-headers',
    'wc -l',
    'kubectl delete -f web/web.yaml',
  ],
};

const KOREAN: Fixture = {
  note: 'korean-study-group.md',
  readings: [
    [10, 'run', 'command', 'kubectl apply -f web/web.yaml', [11, 12]],
    [17, 'run', 'command', 'kubectl get all', [18, 28]], // four tables with blank lines; the sentence after them is not output
    [36, 'run', 'command', 'kubectl describe deploy web', [37, 69]], // wrapped labels, Events
    [72, 'run', 'command', 'kubectl logs deploy/web', [74, 76]], // `:'` block after a `#` annotation
    [85, 'skipped', 'command', 'kubectl scale deploy --replicas <NUMBER> <NAME>', null],
    [86, 'skipped', 'command', 'kubectl get pod <TAB>', null],
    [87, 'skipped', 'command', 'curl <공인IP>:30080', null],
    [88, 'skipped', 'command', 'kubectl logs mydeploy-xxx-xxx', null],
    [94, 'skipped', 'command', 'kubectl edit deploy web', [103, 103]], // the buffer with `# --> 3으로 수정`, `<-- 확인`, `<ESC> + :wq`
    [109, 'run', 'command', 'kubectl scale deploy web --replicas=3', [110, 110]],
    [111, 'run', 'command', 'kubectl get pods --show-labels', [112, 115]],
    [121, 'run', 'long-running', 'while true; do kubectl get pods -l app=web --no-headers | wc -l; sleep 1; done', [122, 124]],
    [138, 'run', 'command', 'kubectl delete -f web/web.yaml', [139, 140]], // `service "web" deleted` is output
  ],
  hints: [
    [29, '`kill` is not something the shell can run here'],
    [129, 'this block looks like shell commands; label it ```bash to run it'],
  ],
  verdicts: [
    [10, 'pass'],
    [17, 'pass'],
    [36, 'pass'],
    [72, 'pass'],
    [85, 'skipped'],
    [86, 'skipped'],
    [87, 'skipped'],
    [88, 'skipped'],
    [94, 'skipped'],
    [109, 'pass'],
    [111, 'pass'],
    [121, 'pass'],
    [138, 'pass'],
  ],
  noteStatus: 'fresh',
  // The loop prints a line a second; on a loaded machine it may need longer than 3 s for two. It stops once they match.
  args: ['--grace', '20'],
  ran: [
    'kubectl apply -f web/web.yaml',
    'kubectl get all',
    'kubectl describe deploy web',
    'kubectl logs deploy/web',
    'kubectl scale deploy web --replicas=3',
    'kubectl get pods --show-labels',
    'kubectl get pods -l app=web --no-headers',
    'wc -l',
    'sleep 1',
    'kubectl delete -f web/web.yaml',
  ],
};

const SESSIONS: Fixture = {
  note: 'sessions.md',
  readings: [
    [6, 'run', 'command', 'kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml', [7, 8]],
    [9, 'run', 'command', "kubectl wait --for=condition=Ready pod -l 'app in (sleep-1,sleep-2)'", [10, 11]],
    [19, 'run', 'session', 'kubectl exec -it deploy/sleep-1 -- sh', null], // ends at the next exec -it, with no exit
    [20, 'run', 'typed', 'hostname', [21, 21]],
    [22, 'run', 'typed', 'cat /etc/hostname', [23, 23]],
    [24, 'run', 'session', 'kubectl exec -it deploy/sleep-2 -- sh', null],
    [25, 'run', 'typed', 'printenv HOSTNAME', [26, 26]],
    [27, 'run', 'typed', 'exit', null],
    [34, 'run', 'session', 'kubectl exec -it deploy/sleep-2 -- sh', null], // ends at the host's `❯`
    [35, 'run', 'typed', 'hostname', [36, 36]], // `/var/log # `
    [37, 'run', 'command', 'kubectl get pods -l app=sleep-2 --no-headers | wc -l', [38, 38]],
    [44, 'run', 'session', 'kubectl exec -it deploy/sleep-1 -- sh', null], // typed lines in the next block
    [50, 'run', 'typed', 'hostname', [51, 51]], // `root@sleep-1:/# `
    [52, 'run', 'typed', 'exit', null],
    [65, 'run', 'command', 'kubectl delete deploy sleep-1 sleep-2', [66, 67]],
  ],
  hints: [],
  verdicts: [
    [6, 'pass'],
    [9, 'pass'],
    [19, 'pass', ['pass', 'pass']],
    [24, 'pass', ['pass', 'unchecked']],
    [34, 'pass', ['pass']],
    [37, 'pass'],
    [44, 'pass', ['pass', 'unchecked']],
    [65, 'pass'],
  ],
  noteStatus: 'fresh',
  ran: [
    'kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml',
    'kubectl wait --for=condition=Ready pod -l app in (sleep-1,sleep-2)',
    'kubectl exec -it deploy/sleep-1 -- sh',
    'kubectl exec -it deploy/sleep-2 -- sh',
    'kubectl get pods -l app=sleep-2 --no-headers',
    'wc -l',
    'kubectl delete deploy sleep-1 sleep-2',
  ],
};

// Issue 23: what the author typed on another machine, at a database's prompt or as a
// template is never started; output in the next fence and remarks read as meant.
const KILLERCODA: Fixture = {
  note: 'killercoda-lab.md',
  readings: [
    [9, 'run', 'command', 'kubectl get nodes', [10, 11]], // `controlplane $`: the note's own machine
    [17, 'skipped', 'command', 'ssh node01', [18, 18]],
    [24, 'skipped', 'command', 'ps aux | grep kubelet', null], // the next blocks are typed on node01
    [25, 'skipped', 'command', 'cat /var/lib/kubelet/config.yaml | grep static', null], // `# Output shows …` is a remark
    [27, 'skipped', 'command', 'journalctl -u kubelet | tail -n 2', null],
    [33, 'skipped', 'command', 'sudo systemctl restart kubelet', null], // a subsection: still on node01
    [34, 'skipped', 'command', 'systemctl status kubelet --no-pager | head -n 3', [35, 37]],
    [38, 'skipped', 'command', 'exit', [39, 40]], // `logout`, `Connection to node01 closed.`
    [46, 'run', 'command', 'kubectl apply -f web/web.yaml', [52, 53]], // output in the next fence
    [57, 'run', 'command', 'kubectl get deploy web', [58, 59]],
    [65, 'skipped', 'command', 'crictl ps --name web -q', [66, 66]], // `root@node01:~#`
    [67, 'run', 'command', "kubectl get svc web -o jsonpath='{.spec.ports[0].port}'", [68, 68]], // `80%`: zsh's mark
    [74, 'skipped', 'command', 'kubectl cordon <node name>', null],
    [75, 'skipped', 'command', 'kubectl drain [NODE_NAME] --ignore-daemonsets', null],
    [76, 'skipped', 'command', 'kubectl uncordon <node name>', null],
    [83, 'skipped', 'command', 'kubectl top nodes', [84, 86]], // every row, `45%` kept
    [92, 'run', 'command', 'kubectl delete -f web/web.yaml', [93, 94]],
  ],
  hints: [],
  verdicts: [
    [9, 'pass'],
    [17, 'skipped'],
    [24, 'skipped'],
    [25, 'skipped'],
    [27, 'skipped'],
    [33, 'skipped'],
    [34, 'skipped'],
    [38, 'skipped'],
    [46, 'pass'],
    [57, 'pass'],
    [65, 'skipped'],
    [67, 'pass'],
    [74, 'skipped'],
    [75, 'skipped'],
    [76, 'skipped'],
    [83, 'skipped'],
    [92, 'pass'],
  ],
  noteStatus: 'fresh',
  ran: [
    'kubectl get nodes',
    'kubectl apply -f web/web.yaml',
    'kubectl get deploy web',
    'kubectl get svc web -o jsonpath={.spec.ports[0].port}',
    'kubectl delete -f web/web.yaml',
  ],
};

const KOREAN_COURSE: Fixture = {
  note: 'korean-course.md',
  readings: [
    [10, 'skipped', 'command', 'ssh ‹본인 VM Public IP>', null], // a template that opens a shell on the VM
    [14, 'skipped', 'command', 'sudo crictl version', null], // typed on the VM, up to the next section
    [21, 'run', 'command', 'kubectl apply -f web/web.yaml', [22, 23]], // `# 이제 파드가 떴는지 확인한다` is a remark
    [25, 'run', 'command', 'kubectl wait --for=condition=Ready pod -l app=web', null],
    [29, 'run', 'command', 'kubectl get deploy web', [33, 34]], // `결과:` and the next fence
    [40, 'skipped', 'command', 'kubectl get [리소스 타입]', null],
    [41, 'skipped', 'command', 'kubectl logs [화일이름]', null],
    [42, 'skipped', 'command', 'kubectl cordon ‹노드 이름>', null],
    [43, 'skipped', 'command', 'kubectl describe node <node 이름>', null],
    [49, 'skipped', 'command', 'vagrant ssh k8s-worker1', null],
    [53, 'skipped', 'command', 'sudo journalctl -u kubelet --no-pager | tail -n 2', null],
    [54, 'skipped', 'command', 'exit', null],
    [60, 'run', 'command', 'kubectl get nodes', [61, 62]], // `[root@m-k8s ~]#`: the note's own machine
    [63, 'skipped', 'command', 'systemctl restart kubelet', null], // `[root@w1-k8s ~]#`
    [64, 'run', 'command', "kubectl get svc web -o jsonpath='{.spec.ports[0].port}'", [65, 65]],
    [71, 'skipped', 'command', 'kubectl exec -it mysql-0 -- mysql -uroot -p', [72, 72]],
    [73, 'skipped', 'command', "SELECT name FROM users WHERE name = 'O''Brien';", [74, 79]], // `mysql>`, the table its output
    [81, 'skipped', 'command', 'exit', [82, 82]],
    [88, 'skipped', 'command', 'kubectl edit svc web', [89, 89]], // `# service/web edited`
    [93, 'run', 'command', 'kubectl delete -f web/web.yaml', [94, 95]],
  ],
  hints: [],
  verdicts: [
    [10, 'skipped'],
    [14, 'skipped'],
    [21, 'pass'],
    [25, 'unchecked'],
    [29, 'pass'],
    [40, 'skipped'],
    [41, 'skipped'],
    [42, 'skipped'],
    [43, 'skipped'],
    [49, 'skipped'],
    [53, 'skipped'],
    [54, 'skipped'],
    [60, 'pass'],
    [63, 'skipped'],
    [64, 'pass'],
    [71, 'skipped'],
    [73, 'skipped'],
    [81, 'skipped'],
    [88, 'skipped'],
    [93, 'pass'],
  ],
  noteStatus: 'fresh',
  ran: [
    'kubectl apply -f web/web.yaml',
    'kubectl wait --for=condition=Ready pod -l app=web',
    'kubectl get deploy web',
    'kubectl get nodes',
    'kubectl get svc web -o jsonpath={.spec.ports[0].port}',
    'kubectl delete -f web/web.yaml',
  ],
};

const BLOG: Fixture = {
  note: 'blog-tutorial.md',
  readings: [
    [9, 'run', 'command', 'kubectl apply -f web/web.yaml', [13, 14]], // output in the next fence
    [18, 'run', 'command', "kubectl get svc web -o jsonpath='{.spec.ports[0].port}'", [22, 22]], // a `text` fence
    [30, 'skipped', 'command', 'docker exec -it kind-control-plane bash', null],
    [34, 'skipped', 'command', 'crictl ps --name web', null],
    [35, 'skipped', 'command', 'ls /etc/kubernetes/manifests', null],
    [36, 'skipped', 'command', 'exit', null],
    [42, 'skipped', 'command', 'minikube ssh', null],
    [43, 'skipped', 'command', 'sudo systemctl status kubelet --no-pager | head -n 1', [44, 44]], // `docker@minikube:~$`
    [45, 'skipped', 'command', 'exit', [46, 46]],
    [52, 'skipped', 'command', 'multipass shell k8s-master', null],
    [53, 'skipped', 'command', 'rm -rf /tmp/scratch', null],
    [59, 'skipped', 'command', 'kubectl exec -it pg-0 -- psql -U postgres', null],
    [60, 'skipped', 'command', 'SELECT count(*)', [62, 65]], // `postgres=#`, `postgres-#`
    [67, 'skipped', 'command', '\\q', null],
    [71, 'skipped', 'command', 'kubectl exec -it redis-0 -- redis-cli', null],
    [72, 'skipped', 'command', 'SET greeting "hello world"', [73, 73]], // `127.0.0.1:6379>`
    [74, 'skipped', 'command', 'GET greeting', [75, 75]],
    [83, 'run', 'command', 'kubectl delete -f web/web.yaml', [87, 88]],
  ],
  hints: [],
  verdicts: [
    [9, 'pass'],
    [18, 'pass'],
    [30, 'skipped'],
    [34, 'skipped'],
    [35, 'skipped'],
    [36, 'skipped'],
    [42, 'skipped'],
    [43, 'skipped'],
    [45, 'skipped'],
    [52, 'skipped'],
    [53, 'skipped'],
    [59, 'skipped'],
    [60, 'skipped'],
    [67, 'skipped'],
    [71, 'skipped'],
    [72, 'skipped'],
    [74, 'skipped'],
    [83, 'pass'],
  ],
  noteStatus: 'fresh',
  ran: ['kubectl apply -f web/web.yaml', 'kubectl get svc web -o jsonpath={.spec.ports[0].port}', 'kubectl delete -f web/web.yaml'],
};

const FIXTURES = [ENGLISH, KOREAN, SESSIONS, KILLERCODA, KOREAN_COURSE, BLOG];

interface PlanStep {
  line: number;
  status: string;
  reading: string;
  command: string;
  outputLines: [number, number] | null;
  reason?: string;
  typed?: unknown;
}

describe.each(FIXTURES)('$note: --plan', (fixture) => {
  let plan: { notes: { file: string; steps: PlanStep[]; messages: { line: number; message: string; severity: string }[] }[] };
  let exitCode: number | null;
  beforeAll(() => {
    // No cluster: a kubeconfig whose server is unreachable, and no state directory.
    const ws = fixtureWorkspace();
    const result = ws.run(['--plan', '--reporter', 'json', fixture.note], { KUBE_DOUBLE_DOWN: '1' });
    exitCode = result.status;
    plan = JSON.parse(result.stdout);
  });

  it('reads every step as its author meant, and nothing else', () => {
    const steps = plan.notes[0].steps.map((step): Reading => [step.line, step.status, step.reading, step.command.split('\n')[0], step.outputLines]);
    expect(steps).toEqual(fixture.readings);
    expect(exitCode).toBe(0);
  });

  it('says why each skipped step is skipped, and gives its hints', () => {
    for (const step of plan.notes[0].steps.filter((s) => s.status === 'skipped')) expect(step.reason, `line ${step.line}`).toMatch(/\w/);
    const hints = plan.notes[0].messages.filter((m) => !m.message.startsWith('output pasted'));
    expect(hints.map((m) => m.line)).toEqual(fixture.hints.map(([line]) => line));
    hints.forEach((m, i) => expect(m.message.startsWith(fixture.hints[i][1]), m.message).toBe(true));
  });
});

/** A directory of programs that write their command line to `log` when the note's shell starts them, then run the real one. */
function recordingPath(log: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-record-'));
  const programs = ['cat', 'wc', 'sleep', 'curl', 'wget', 'ls', 'grep', 'head', 'tail', 'ps', 'sudo', 'rm', 'touch', 'env', 'printenv', 'hostname', 'true', 'false'];
  const real = new Map<string, string>([['kubectl', join(root, 'test', 'double', 'kubectl')]]);
  for (const name of programs) {
    const found = findExecutable(name, process.env.PATH ?? '');
    if (found) real.set(name, found);
  }
  for (const [name, target] of real) {
    const wrapper = join(dir, name);
    // Only the note's shell sets KUBE_EDITOR=true: notes-run's own kubectl calls are not the note's.
    writeFileSync(wrapper, `#!/bin/sh\nif [ "$KUBE_EDITOR" = true ]; then printf '%s\\n' "${name} $*" >> '${log}'; fi\nexec '${target}' "$@"\n`);
    chmodSync(wrapper, 0o755);
  }
  // What a note types on another machine or at a database's prompt: recorded if ever started here, installed or not.
  for (const name of ['ssh', 'systemctl', 'journalctl', 'crictl', 'mysql', 'psql', 'redis-cli', 'minikube', 'multipass']) {
    const wrapper = join(dir, name);
    writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "${name} $*" >> '${log}'\nexit 1\n`);
    chmodSync(wrapper, 0o755);
  }
  return dir;
}

function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      out.push(`${relative(dir, path)} ${statSync(path).size}`);
      if (statSync(path).isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

describe.each(FIXTURES)('$note: against the double', (fixture) => {
  let report: JsonReport;
  let exitCode: number | null;
  let ran: string[];
  let before: string[];
  let after: string[];
  beforeAll(() => {
    const ws = fixtureWorkspace();
    const log = join(mkdtempSync(join(tmpdir(), 'notes-run-log-')), 'ran.log');
    writeFileSync(log, '');
    const snapshots = mkdtempSync(join(tmpdir(), 'notes-run-snapshots-'));
    mkdirSync(join(ws.dir, '.cluster'), { recursive: true });
    ws.kubectl(['get', 'ns']);
    before = listing(ws.dir);
    const result = ws.run(['--reporter', 'json', '--snapshots', snapshots, ...(fixture.args ?? []), fixture.note], { PATH: `${recordingPath(log)}:${ws.env.PATH}` });
    after = listing(ws.dir).filter((entry) => !entry.startsWith('.cluster'));
    before = before.filter((entry) => !entry.startsWith('.cluster'));
    exitCode = result.status;
    report = JSON.parse(result.stdout) as JsonReport;
    // A read-only step may be re-run while the cluster converges and a loop runs many times: each command once, in order.
    // The kubectl double itself starts `cat` on its call files and `env -0`: those are not the note's.
    const double = (line: string) => line === 'env -0' || line.includes('/kube-double-');
    ran = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => line.trimEnd()))].filter((line) => !double(line));
  });

  it('gives the careful verdict on every step, typed lines included, and reports no other step', () => {
    type Entry = JsonReport['notes'][number]['steps'][number] & { typed?: { status: string }[] };
    const steps = report.notes[0].steps as Entry[];
    const verdicts = steps.map((step): Verdict => (step.typed ? [step.line, step.status, step.typed.map((t) => t.status)] : [step.line, step.status]));
    expect(verdicts, JSON.stringify(steps.filter((s) => s.status !== 'pass' && s.status !== 'skipped'), null, 1)).toEqual(fixture.verdicts);
    expect(report.notes[0].status).toBe(fixture.noteStatus);
    expect(exitCode).toBe(0);
  });

  it('says a missing program is not installed', () => {
    const missing = report.notes[0].steps.filter((s) => /^(oc|ubectl|vagrant) /.test(s.command) && !s.reason?.startsWith('opens a shell'));
    for (const step of missing) expect(step.reason).toBe(`${step.command.split(' ')[0]} is not installed`);
  });

  it('ran exactly the commands the note holds, and nothing else', () => {
    // The programs of a pipeline start together, in no fixed order.
    expect([...ran].sort()).toEqual([...fixture.ran].sort());
  });

  it('created nothing in the note folder', () => {
    expect(after).toEqual(before);
  });
});
