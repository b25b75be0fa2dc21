#!/usr/bin/env node
// How long `notes-run --plan` takes to read a 1,000-step note written in the styles of
// other people's notebooks (prompts, raw pasted tables, `#` and `:'` output, sessions,
// templates): the whole CLI, start-up included, and the parse alone in this process.
// The target is under a second for the CLI. Median of several runs: machines here are
// shared and noisy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STEPS = Number(process.env.BENCH_STEPS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const work = mkdtempSync(join(tmpdir(), 'notes-run-plan-bench-'));

/** Ten steps in ten styles, repeated: a block with prompts, then one without. */
const PROMPTED = [
  (i) => `$ kubectl get pods -l app=web-${i}\nNAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c6d8b5d-k2x9p   1/1     Running   0          40s\n`,
  (i) => `controlplane $ kubectl scale deploy web-${i} --replicas=3\ndeployment.apps/web-${i} scaled\n`,
  (i) => `bash> kubectl delete pod web-${i}\npod "web-${i}" deleted\n`,
  (i) => `$ kubectl exec -it deploy/sleep-${i} -- sh\n/ # hostname\nsleep-${i}\n/ # exit\n`,
];
const PATTERNS = [
  (i) => `kubectl apply -f web-${i}.yaml\n# deployment.apps/web-${i} created\n`,
  (i) => `kubectl describe svc web-${i}\n:'\nName:              web-${i}\nSelector:          app=web\nEndpoints:         10.42.0.5:80\n'\n`,
  (i) => `kubectl delete pod web-${i}\npod "web-${i}" deleted\n`,
  (i) => `kubectl scale rs --replicas <NUMBER> web-${i}\n`,
  (i) => `echo "단계 ${i}"\n# 단계 ${i}\n`,
  (i) => `kubectl exec deploy/sleep -- nslookup web-${i}\n# Server:    10.43.0.10\n`,
  (i) => `kubectl get svc web-${i} -o jsonpath='{.spec.clusterIP}'\n# 10.43.0.${i % 250}%\n`,
  (i) => `while true; do kubectl get pods -l app=web-${i} --no-headers | wc -l; sleep 1; done\n3\n^C\n`,
];

const blocks = [];
// Each group holds 8 + 4 commands and 2 typed lines: 14 steps.
for (let i = 0; i < STEPS; i += 14) {
  const plain = PATTERNS.map((pattern, k) => pattern(i + k)).join('');
  const prompted = PROMPTED.map((pattern, k) => pattern(i + PATTERNS.length + k)).join('');
  blocks.push(`## 실습 ${i / 10 + 1}\n\n\`\`\`bash\n${plain}\`\`\`\n\n\`\`\`bash\n${prompted}\`\`\`\n`);
}
const file = join(work, 'plan-1000.md');
writeFileSync(file, `# 1,000 steps\n\n${blocks.join('\n')}`);

const cli = join(root, 'dist', 'cli.js');
const times = [];
const cpu = [];
let steps = 0;
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  // bash's `time` gives the CPU the CLI used, which a loaded machine does not inflate as it does wall time.
  const script = `TIMEFORMAT='%U %S'; { time '${process.execPath}' '${cli}' --plan --reporter json '${file}' > '${file}.json'; } 2> '${file}.time'`;
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  times.push(performance.now() - started);
  if (result.status !== 0) throw new Error(result.stderr);
  const [user, system] = readFileSync(`${file}.time`, 'utf8').trim().split(/\s+/).map(Number);
  cpu.push((user + system) * 1000);
  steps = JSON.parse(readFileSync(`${file}.json`, 'utf8')).notes[0].steps.length;
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);

const { parseNote } = await import(join(root, 'dist', 'note', 'parse-note.js'));
const text = readFileSync(file, 'utf8');
const parses = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  parseNote(file, text);
  parses.push(performance.now() - started);
}
parses.sort((a, b) => a - b);
const median = (list) => list[Math.floor(list.length / 2)].toFixed(0);
const idle = spawnSync('bash', ['-c', `TIMEFORMAT='%R'; { time '${process.execPath}' -e 0; } 2>&1`], { encoding: 'utf8' }).stdout.trim();
console.log(
  `--plan on a ${steps}-step note: ${median(times)} ms wall (fastest ${times[0].toFixed(0)} ms), ${median(cpu)} ms CPU; ` +
    `parse alone ${median(parses)} ms; node -e 0 takes ${(Number(idle) * 1000).toFixed(0)} ms here (median of ${ROUNDS})`,
);
