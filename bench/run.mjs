#!/usr/bin/env node
// Per-step cost of notes-run against cram on the same trivial steps, measured side by
// side in one run. Each tool runs a 1-step and an N-step file; the difference divided
// by N-1 is the cost of a step with start-up taken out. Machines here are shared and
// noisy, so the two files run in turns for several rounds and the median difference
// counts: a slow start in one run moves the median little. The ratio is what counts. notes-run talks to kubectl a few times per note
// whatever the steps; bench/kubectl-bin answers those calls after a fixed pause, so
// that cost is the same in both files and cancels out instead of adding noise. The
// pause is 50 ms, about what a kubectl call takes against a local cluster; notes-run
// parses and writes its snapshot while kubectl works, so it is measured with kubectl
// answering at once too, where nothing of its own work is hidden.
//
// cram runs its tests with /bin/sh, dash on Debian, which runs a trivial command two or
// three times faster than bash. A note's steps are bash, so the like-for-like line is
// cram with --shell=/bin/bash; cram with its own default is printed beside it.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STEPS = Number(process.env.BENCH_STEPS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const work = mkdtempSync(join(tmpdir(), 'notes-run-bench-'));
const cli = join(root, 'dist', 'cli.js');

const env = {
  ...process.env,
  PATH: `${join(root, 'bench', 'kubectl-bin')}:${process.env.PATH}`,
  KUBECONFIG: join(work, 'kubeconfig'),
  NO_COLOR: '1',
};
copyFileSync(join(root, 'test', 'double', 'fixtures', 'kubeconfig.yaml'), env.KUBECONFIG);

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

function timed(run) {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Per-step cost: the median, over the rounds, of an N-step run's time less the 1-step run's next to it. */
function perStep(runOne, runMany) {
  const differences = Array.from({ length: ROUNDS }, () => -timed(runOne) + timed(runMany)).sort((a, b) => a - b);
  return differences[Math.floor(ROUNDS / 2)] / (STEPS - 1);
}

function mustPass(result, what) {
  if (result.status !== 0) {
    process.stderr.write(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}\n`);
    process.exit(1);
  }
}

const notesRun = (file, kubectlSeconds) =>
  mustPass(
    spawnSync(process.execPath, [cli, '--reporter', 'json', '--snapshots', join(work, 'snapshots'), file], {
      env: { ...env, BENCH_KUBECTL_SECONDS: kubectlSeconds },
      encoding: 'utf8',
    }),
    `notes-run ${file}`,
  );
const cram = (file, shell) => mustPass(spawnSync('cram3', ['-q', `--shell=${shell}`, file], { env, encoding: 'utf8' }), `cram3 ${file}`);

const hasCram = spawnSync('cram3', ['--version']).status === 0;
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')]);

const one = writeNote(1);
const many = writeNote(STEPS);
// Under a microsecond a step, the difference is lost in the noise of two whole runs.
const ms = (perStepMs) => (perStepMs < 0.001 ? `${perStepMs.toFixed(3)} ms per step (no cost this machine can measure)` : `${perStepMs.toFixed(3)} ms per step`);
const ratio = (a, b) => (a < 0.001 ? '~0' : (a / b).toFixed(2));
console.log(`${STEPS} trivial steps, median of ${ROUNDS} rounds each`);
const notesRunStep = perStep(() => notesRun(one, '0.05'), () => notesRun(many, '0.05'));
console.log(`notes-run, kubectl answering in 50 ms:  ${ms(notesRunStep)}`);
const notesRunBare = perStep(() => notesRun(one, '0'), () => notesRun(many, '0'));
console.log(`notes-run, kubectl answering at once:   ${ms(notesRunBare)}`);

if (hasCram) {
  const cramOne = writeCram(1);
  const cramMany = writeCram(STEPS);
  const cramBash = perStep(() => cram(cramOne, '/bin/bash'), () => cram(cramMany, '/bin/bash'));
  console.log(`cram3 --shell=/bin/bash:                ${ms(cramBash)}`);
  const cramSh = perStep(() => cram(cramOne, '/bin/sh'), () => cram(cramMany, '/bin/sh'));
  console.log(`cram3 with its default /bin/sh:         ${ms(cramSh)}`);
  console.log(`ratio notes-run / cram3, both in bash:  ${ratio(notesRunStep, cramBash)} (kubectl at once: ${ratio(notesRunBare, cramBash)})`);
  console.log(`ratio notes-run / cram3 in /bin/sh:     ${ratio(notesRunStep, cramSh)} (kubectl at once: ${ratio(notesRunBare, cramSh)})`);
} else {
  console.log('cram3 is not installed (apt-get install python3-cram): no comparison');
}

// Offline checks back the pre-commit hook: they must feel instant.
const notesDir = join(root, 'notes');
const offline = (paths) => spawnSync(process.execPath, [cli, '--offline', '--reporter', 'json', ...paths], { cwd: root, env, encoding: 'utf8' });
const noteCount = readdirSync(notesDir).filter((name) => name.endsWith('.md')).length;
console.log(`offline, notes/ch3.md: ${Math.min(...Array.from({ length: ROUNDS }, () => timed(() => offline(['notes/ch3.md'])))).toFixed(0)} ms wall`);
console.log(`offline, notes/ (${noteCount} notes): ${Math.min(...Array.from({ length: ROUNDS }, () => timed(() => offline(['notes'])))).toFixed(0)} ms wall`);

// Start-up against Node's own: `node -e 0` is the floor no CLI on Node goes below. The
// stages load only when needed, so `--help` should sit just above it; `npx` adds npm's own
// start-up, which is what a user typing the README's command measures.
const bestOf = (command, args) => Math.min(...Array.from({ length: ROUNDS }, () => timed(() => spawnSync(command, args, { cwd: root, env })))).toFixed(0);
console.log(`start-up, best of ${ROUNDS}: node -e 0 ${bestOf(process.execPath, ['-e', '0'])} ms · --help ${bestOf(process.execPath, [cli, '--help'])} ms · ` +
  `--offline notes/ch3.md ${bestOf(process.execPath, [cli, '--offline', 'notes/ch3.md'])} ms · npx notes-run --offline notes/ch3.md ${bestOf('npx', ['notes-run', '--offline', 'notes/ch3.md'])} ms`);
