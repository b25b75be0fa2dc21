#!/usr/bin/env node
// Per-step cost of notes-run against cram on the same trivial steps, measured side by
// side in one run. Each tool runs a 1-step and an N-step file; the difference divided
// by N-1 is the cost of a step with start-up taken out. Machines here are shared and
// noisy, so each measurement is the best of a few rounds and the ratio is what counts.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STEPS = Number(process.env.BENCH_STEPS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const work = mkdtempSync(join(tmpdir(), 'notes-run-bench-'));
const cli = join(root, 'dist', 'cli.js');
const double = join(root, 'test', 'double');

const env = {
  ...process.env,
  PATH: `${double}:${process.env.PATH}`,
  KUBECONFIG: join(work, 'kubeconfig'),
  KUBE_DOUBLE_STATE: join(work, 'cluster'),
  NO_COLOR: '1',
};
copyFileSync(join(double, 'fixtures', 'kubeconfig.yaml'), env.KUBECONFIG);

function writeNote(n) {
  const body = Array.from({ length: n }, (_, i) => `echo step ${i}\n# step ${i}`).join('\n');
  const file = join(work, `steps-${n}.md`);
  writeFileSync(file, `# bench\n\n\`\`\`bash\n${body}\n\`\`\`\n`);
  return file;
}

function writeCram(n) {
  const body = Array.from({ length: n }, (_, i) => `  $ echo step ${i}\n  step ${i}\n`).join('');
  const file = join(work, `steps-${n}.t`);
  writeFileSync(file, body);
  return file;
}

function best(run) {
  let fastest = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

function mustPass(result, what) {
  if (result.status !== 0) {
    process.stderr.write(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}\n`);
    process.exit(1);
  }
}

const notesRun = (file) => mustPass(spawnSync(process.execPath, [cli, '--reporter', 'json', '--snapshots', join(work, 'snapshots'), file], { env, encoding: 'utf8' }), `notes-run ${file}`);
const cram = (file) => mustPass(spawnSync('cram3', ['-q', file], { env, encoding: 'utf8' }), `cram3 ${file}`);

const hasCram = spawnSync('cram3', ['--version']).status === 0;
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')]);

const one = writeNote(1);
const many = writeNote(STEPS);
const notesRunStep = (best(() => notesRun(many)) - best(() => notesRun(one))) / (STEPS - 1);
console.log(`notes-run: ${notesRunStep.toFixed(3)} ms per step (${STEPS} steps, best of ${ROUNDS})`);

if (hasCram) {
  const cramOne = writeCram(1);
  const cramMany = writeCram(STEPS);
  const cramStep = (best(() => cram(cramMany)) - best(() => cram(cramOne))) / (STEPS - 1);
  console.log(`cram3:     ${cramStep.toFixed(3)} ms per step`);
  console.log(`ratio notes-run / cram: ${(notesRunStep / cramStep).toFixed(2)}`);
} else {
  console.log('cram3 is not installed (apt-get install python3-cram): no comparison');
}

// Offline checks back the pre-commit hook: they must feel instant.
const notesDir = join(root, 'notes');
const offline = (paths) => spawnSync(process.execPath, [cli, '--offline', '--reporter', 'json', ...paths], { cwd: root, env, encoding: 'utf8' });
const noteCount = readdirSync(notesDir).filter((name) => name.endsWith('.md')).length;
console.log(`offline, notes/ch3.md: ${best(() => offline(['notes/ch3.md'])).toFixed(0)} ms wall`);
console.log(`offline, notes/ (${noteCount} notes): ${best(() => offline(['notes'])).toFixed(0)} ms wall`);
