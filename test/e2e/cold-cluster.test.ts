import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, workspace, type JsonStep } from './workspace.js';

// A cold cluster (images still pulling) and a failing one (pulls refused, crash loops,
// a missing ConfigMap, no node to schedule on), simulated by the kubectl test double.

const IMAGES = {
  'kiamol/ch03-sleep': { pullMs: 40_000 },
  'kiamol/ch03-nope': { pull: 'not-found' },
  'kiamol/ch03-busy': { pull: 'rate-limit' },
  'kiamol/crashy': { crash: ['starting up', 'reading /config/app.json', 'panic: no config'] },
};

interface Diagnosed extends JsonStep {
  attempts?: number;
  diagnosis?: {
    pods: { pod: string; phase: string; reason?: string; image?: string; message?: string; logs?: string[]; restarts?: number }[];
    events: string[];
    unreachable?: string;
  };
}

/** A kubectl that logs every call notes-run and the note make, then is the double. */
function loggedKubectl(dir: string): { binary: string; calls: () => string[] } {
  const bin = join(dir, 'logged');
  mkdirSync(bin);
  const log = join(dir, 'kubectl.log');
  writeFileSync(log, '');
  const binary = join(bin, 'kubectl');
  writeFileSync(binary, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${join(root, 'test', 'double', 'kubectl')}' "$@"\n`);
  chmodSync(binary, 0o755);
  return { binary, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('a cold cluster', () => {
  it('keeps waiting while 40 s image pulls run: the note is fresh and the progress line says what it waits for', () => {
    const ws = workspace();
    // Pulls of "40 s" take 5 s here, and kubectl wait's 30 s timeout 3.75 s: it runs out
    // before the pull is done, past the 2.5 s of converging (the default 10 s, scaled alike).
    const env = { ...ws.env, KUBE_DOUBLE_IMAGES: JSON.stringify(IMAGES), KUBE_DOUBLE_TIME_SCALE: '8', CI: '', COLUMNS: '200' };
    const cli = join(root, 'dist', 'cli.js');
    // `script` gives the CLI a terminal, where the progress line is drawn.
    const result = spawnSync('script', ['-qec', `stty cols 200; '${process.execPath}' '${cli}' --verbose --converge 2.5 ch3.md`, '/dev/null'], { cwd: ws.dir, env, encoding: 'utf8', timeout: 120_000 });
    expect(result.stdout).toContain('FRESH ch3.md');
    expect(result.stdout).toMatch(/waiting: pulling kiamol\/ch03-sleep \d+ s · kubectl wait --for=condition=Ready pod -l app=sleep-1/);
    expect(result.stdout).toMatch(/ch3\.md:24 kubectl wait --for=condition=Ready pod -l app=sleep-1 \(run [2-9] times while the cluster converged\)/);
    expect(result.status).toBe(0);
  }, 120_000);

  it('asks the cluster nothing more on a warm cluster where every step matches at once', () => {
    const ws = workspace();
    const kubectl = loggedKubectl(ws.dir);
    const { exitCode, report } = ws.json(['--kubectl', kubectl.binary, 'ch3.md']);
    expect(report.notes[0].status).toBe('fresh');
    expect(exitCode).toBe(0);
    const calls = kubectl.calls();
    expect(calls.some((call) => call.includes('kubectl wait') || call.startsWith('wait'))).toBe(true);
    expect(calls.filter((call) => call.includes('pods,events') || call.includes('--tail=5'))).toEqual([]);
  });
});

const note = (manifest: string) => `# 실패하는 Pod
- 배포
  \`\`\`bash
  kubectl apply -f ${manifest}
  # deployment.apps/app created
  \`\`\`
- 기다린다
  \`\`\`bash
  kubectl wait --for=condition=Ready pod -l app=app
  # pod/app-5bfcffdc46-vh8fd condition met
  \`\`\`
`;

const deployment = (image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:${extra}
      containers:
        - name: app
          image: ${image}
`;

const CASES: Record<string, string> = {
  'pull.md': deployment('kiamol/ch03-nope'),
  'ratelimit.md': deployment('kiamol/ch03-busy'),
  'crash.md': deployment('kiamol/crashy'),
  'configmap.md': deployment('kiamol/ch03-ok').replace('image: kiamol/ch03-ok', 'image: kiamol/ch03-ok\n          envFrom:\n            - configMapRef:\n                name: app-config'),
  'unschedulable.md': deployment('kiamol/ch03-ok', '\n      nodeSelector:\n        disktype: ssd'),
};

function failingWorkspace() {
  const ws = workspace();
  for (const [file, manifest] of Object.entries(CASES)) {
    const yaml = file.replace('.md', '.yaml');
    writeFileSync(join(ws.dir, yaml), manifest);
    ws.writeNote(note(yaml), file);
  }
  // kubectl wait's 30 s last 1 s here; --converge 1 keeps the test short (the default is 10 s).
  const env = { KUBE_DOUBLE_IMAGES: JSON.stringify(IMAGES), KUBE_DOUBLE_TIME_SCALE: '30' };
  return { ws, env };
}

describe('a failing cluster', () => {
  const { ws, env } = failingWorkspace();
  const result = ws.run(['--reporter', 'json', '--converge', '1', '--jobs', '5', ...Object.keys(CASES)], env);
  const report = JSON.parse(result.stdout) as { notes: { file: string; status: string; steps: Diagnosed[] }[] };
  const wait = (file: string) => {
    const found = report.notes.find((n) => n.file === file)!;
    expect(found.status).toBe('broken');
    expect(found.steps.find((s) => s.line === 4)!.status).toBe('pass');
    const step = found.steps.find((s) => s.line === 9)!;
    expect(step.status).toBe('broken');
    return step.diagnosis!;
  };

  it('breaks the note at the wait, exit 1', () => {
    expect(result.status).toBe(1);
    expect(report.notes.map((n) => n.status)).toEqual(['broken', 'broken', 'broken', 'broken', 'broken']);
  });

  it('says a pull failed: ErrImagePull or ImagePullBackOff, the image and the registry message', () => {
    const diagnosis = wait('pull.md');
    expect(diagnosis.pods[0].reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    expect(diagnosis.pods[0]).toMatchObject({ phase: 'Pending', image: 'kiamol/ch03-nope' });
    expect(diagnosis.pods[0].message).toContain('pull access denied, repository does not exist');
    expect(diagnosis.events.join('\n')).toContain('Failed pod/app-');
  });

  it('says Docker Hub refused: toomanyrequests', () => {
    const diagnosis = wait('ratelimit.md');
    expect(diagnosis.pods[0].message).toContain('toomanyrequests: You have reached your pull rate limit');
  });

  it('says a container crash-loops, with its last log lines', () => {
    const diagnosis = wait('crash.md');
    expect(diagnosis.pods[0]).toMatchObject({ reason: 'CrashLoopBackOff', logs: ['starting up', 'reading /config/app.json', 'panic: no config'] });
    expect(diagnosis.events.join('\n')).toMatch(/BackOff pod\/app-\S+: Back-off restarting failed container app/);
  });

  it('says which ConfigMap is missing', () => {
    expect(wait('configmap.md').pods[0]).toMatchObject({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
  });

  it("says the pod cannot be scheduled, in the scheduler's words", () => {
    const diagnosis = wait('unschedulable.md');
    expect(diagnosis.pods[0]).toMatchObject({ phase: 'Pending', reason: 'Unschedulable' });
    expect(diagnosis.pods[0].message).toContain("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector");
    expect(diagnosis.events.join('\n')).toContain('FailedScheduling pod/app-');
  });

  it('shows the diagnosis under the step in the human report', () => {
    const { ws: human, env: humanEnv } = failingWorkspace();
    const shown = human.run(['--converge', '1', 'crash.md'], humanEnv);
    expect(shown.stdout).toMatch(/✗ broken crash\.md:9 kubectl wait[^\n]*\n(.*\n)*? +cluster:\n +pod app-\S+ Running: CrashLoopBackOff \(container app, image kiamol\/crashy, \d+ restarts\)\n/);
    expect(shown.stdout).toMatch(/ +│ panic: no config\n/);
  });
});

describe('a cluster that stops answering mid-run', () => {
  it('is said once, on the first step it breaks', () => {
    const ws = workspace();
    ws.writeNote(
      `# 끊긴 클러스터
\`\`\`bash
kubectl create deployment app --image=kiamol/ch03-sleep
# deployment.apps/app created
sed -i 's#server: .*#server: https://unreachable.invalid:6443#' "$KUBECONFIG"
kubectl get deploy app
# NAME   READY   UP-TO-DATE   AVAILABLE   AGE
# app    1/1     1            1           5s
kubectl get pods
# No resources found in default namespace.
\`\`\`
`,
      'down.md',
    );
    const { report } = ws.json(['--converge', '0', 'down.md']);
    const steps = report.notes[0].steps as Diagnosed[];
    expect(steps.map((s) => s.status)).toEqual(['pass', 'unchecked', 'broken', 'broken']);
    expect(steps[2].diagnosis?.unreachable).toMatch(/^the cluster stopped answering: The connection to the server .* was refused/);
    expect(steps[3].diagnosis).toBeUndefined();
  });
});
