#!/usr/bin/env node
// notes-run against the commands themselves, on the project's control plane (run inside
// its network namespace by `npm run bench:cluster`, with the cluster up). For each note
// (notes/ch3.md and the cluster tier's fixture notes), in the same run, back to back:
//   - notes-run on the note, as the cluster tier runs it;
//   - a plain bash script of the same commands, generated from the note's steps
//     (`--plan`): its waits are the note's own `kubectl wait`s, a session gets its typed
//     lines on stdin, a long-running command runs for the grace period notes-run gives it,
//     skipped steps are left out. It runs in a fresh namespace made and deleted outside
//     the timing, as notes-run's own run namespace is not.
// A recording kubectl first on PATH counts the kubectl processes each made beyond the
// note's own (those whose parent is node, not the note's bash). Prints the ratio per note
// and overall. The cluster is shared by both, one after the other.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const CONTEXT = 'kwok-notes-run';
const GRACE_S = 3;
/** The cluster tier's fixture notes, with the arguments its tables run them with (test/cluster/live/fixture-notes.cluster.ts). */
const NOTES = [
  ['ch3.md', []],
  ['ch2-pods.md', []],
  ['ch3-services.md', []],
  ['ch4-config.md', []],
  ['ch5-sessions.md', []],
  ['ch6-controllers.md', []],
  ['dialect-edge.md', ['--namespace', 'default']],
  ['korean-study-group.md', ['--grace', '20']],
  ['prompts-english.md', []],
  ['sessions.md', []],
];
const only = process.argv.slice(2);

if (!process.env.KUBECONFIG) {
  console.error('bench:cluster: no KUBECONFIG; run it with `npm run bench:cluster` once `npm run cluster:up` is done');
  process.exit(2);
}
spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });

const work = mkdtempSync(join(tmpdir(), 'notes-run-bench-cluster-'));
cpSync(join(root, 'notes'), work, { recursive: true });
cpSync(join(root, 'test', 'fixtures', 'notes'), work, { recursive: true });
const kubeconfig = join(work, '.kubeconfig');
cpSync(process.env.KUBECONFIG, kubeconfig);

// The recording kubectl: logs `own` or `note` by its parent, then runs the real one.
const realKubectl = spawnSync('bash', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
const bin = join(work, '.bin');
const calls = join(work, '.calls');
mkdirSync(bin);
writeFileSync(
  join(bin, 'kubectl'),
  `#!/usr/bin/env bash\nif [ "$(cat /proc/$PPID/comm)" = node ]; then echo own >> ${calls}; else echo note >> ${calls}; fi\nexec ${realKubectl} "$@"\n`,
);
chmodSync(join(bin, 'kubectl'), 0o755);
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, KUBECONFIG: kubeconfig, NO_COLOR: '1', CI: 'true' };

function counted(run) {
  writeFileSync(calls, '');
  const started = performance.now();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  const lines = readFileSync(calls, 'utf8').split('\n').filter(Boolean);
  return { result, seconds, own: lines.filter((line) => line === 'own').length, note: lines.filter((line) => line === 'note').length };
}

const quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The note's commands as a bash script, from notes-run's own reading of the note. */
function plainScript(note, args) {
  const plan = JSON.parse(spawnSync(process.execPath, [cli, '--plan', '--reporter', 'json', ...args, note], { cwd: work, env, encoding: 'utf8' }).stdout);
  const grace = Number(args[args.indexOf('--grace') + 1]) || GRACE_S;
  const steps = plan.notes[0].steps.filter((step) => step.kind === 'command' && step.status !== 'skipped');
  const lines = ['set +e'];
  for (const step of steps) {
    if (step.reading === 'typed') continue;
    if (step.reading === 'session') {
      const typed = steps.filter((s) => s.reading === 'typed' && s.session === step.line).map((s) => quote(s.command));
      lines.push(`printf '%s\\n' ${typed.join(' ')} | ${step.command}`);
    } else if (step.reading === 'long-running') {
      lines.push(`timeout ${grace} bash -c ${quote(step.command)}`);
    } else {
      lines.push(step.command);
    }
  }
  return lines.join('\n') + '\n';
}

function kubectl(args) {
  return spawnSync(realKubectl, ['--context', CONTEXT, ...args], { env: { ...env, PATH: process.env.PATH }, encoding: 'utf8' });
}

/** The script in a namespace of its own, made and deleted outside the timing. */
function runPlain(note, args) {
  const script = join(work, `.${note}.sh`);
  writeFileSync(script, plainScript(note, args));
  const inPlace = args.includes('--namespace');
  const namespace = inPlace ? args[args.indexOf('--namespace') + 1] : `bench-plain-${Date.now().toString(36)}`;
  if (!inPlace) kubectl(['create', 'namespace', namespace]);
  const config = join(work, '.plain-kubeconfig');
  cpSync(kubeconfig, config);
  spawnSync(realKubectl, ['--kubeconfig', config, 'config', 'use-context', CONTEXT]);
  spawnSync(realKubectl, ['--kubeconfig', config, 'config', 'set-context', '--current', `--namespace=${namespace}`]);
  try {
    return counted(() => spawnSync('bash', [script], { cwd: work, env: { ...env, KUBECONFIG: config }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } finally {
    if (!inPlace) kubectl(['delete', 'namespace', namespace, '--wait=false']);
  }
}

function runNotesRun(note, args) {
  const measured = counted(() =>
    spawnSync(process.execPath, [cli, '--context', CONTEXT, '--reporter', 'json', '--snapshots', join(work, '.snapshots'), ...args, note], { cwd: work, env, encoding: 'utf8' }),
  );
  let status = `exit ${measured.result.status}`;
  try {
    const report = JSON.parse(measured.result.stdout);
    const counts = {};
    for (const step of report.notes[0].steps) counts[step.status] = (counts[step.status] ?? 0) + 1;
    status = `${report.notes[0].status} (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')})`;
  } catch {
    // Not JSON: the exit status says enough.
  }
  return { ...measured, status };
}

const rows = [];
for (const [note, args] of NOTES) {
  if (only.length > 0 && !only.includes(note)) continue;
  const tool = runNotesRun(note, args);
  const plain = runPlain(note, args);
  rows.push({ note, tool, plain });
  console.log(
    `${note.padEnd(24)} notes-run ${tool.seconds.toFixed(1).padStart(6)} s  plain ${plain.seconds.toFixed(1).padStart(6)} s  ` +
      `ratio ${(tool.seconds / plain.seconds).toFixed(2).padStart(5)}  kubectl beyond the note's: notes-run ${tool.own}, plain ${plain.own}  ` +
      `(note's own: ${tool.note} / ${plain.note})  ${tool.status}`,
  );
}
const total = (side) => rows.reduce((sum, row) => sum + row[side].seconds, 0);
console.log(`overall: notes-run ${total('tool').toFixed(1)} s, plain ${total('plain').toFixed(1)} s, ratio ${(total('tool') / total('plain')).toFixed(2)}`);
rmSync(work, { recursive: true, force: true });
