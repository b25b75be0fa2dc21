import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { root, workspace, type JsonReport } from '../../e2e/workspace.js';

// The same scratch copy of the notes a user has, run by the CLI, but with the real
// kubectl (first on PATH, put there by test/cluster/exec.sh) against the test control
// plane, named with --context as a user names a context that does not look local.
export const CONTEXT = 'kwok-notes-run';

/** The node the test cluster runs: kwok's fake one, or a real kubelet with containers (test/cluster/exec.sh says which). */
export const REAL_NODE = process.env.NOTES_RUN_NODE === 'real';
const fixtureNotes = join(root, 'test', 'fixtures', 'notes');

export interface LiveRun {
  exitCode: number | null;
  report: JsonReport;
  stderr: string;
  seconds: number;
}

function requireCluster(): string {
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig) throw new Error('KUBECONFIG is not set: run the cluster tier with `npm run test:cluster`');
  const probe = spawnSync('kubectl', ['--context', CONTEXT, 'get', '--raw', '/readyz'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`the test control plane does not answer: ${probe.stderr}`);
  return kubeconfig;
}

/** Runs notes-run on `note` (in notes/ plus test/fixtures/notes, plus any `extra` file) against the cluster, or the double. */
export function runNote(note: string, args: string[], against: 'cluster' | 'double', extra: string[] = []): LiveRun {
  const started = Date.now();
  if (against === 'double') {
    const ws = workspace();
    cpSync(fixtureNotes, ws.dir, { recursive: true });
    for (const file of extra) cpSync(file, join(ws.dir, basename(file)));
    const { exitCode, report, stderr } = ws.json([...args, note]);
    return { exitCode, report, stderr, seconds: (Date.now() - started) / 1000 };
  }
  const kubeconfig = requireCluster();
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-live-'));
  cpSync(join(root, 'notes'), dir, { recursive: true });
  cpSync(fixtureNotes, dir, { recursive: true });
  for (const file of extra) cpSync(file, join(dir, basename(file)));
  cpSync(kubeconfig, join(dir, '.kubeconfig'));
  // The copy holds the cluster's credentials: it goes as soon as the run is over.
  let result;
  try {
    result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--context', CONTEXT, '--reporter', 'json', ...args, note], {
      cwd: dir,
      env: { ...process.env, KUBECONFIG: join(dir, '.kubeconfig'), NO_COLOR: '1', CI: 'true' },
      encoding: 'utf8',
      timeout: 540_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return { exitCode: result.status, report, stderr: result.stderr, seconds: (Date.now() - started) / 1000 };
}
