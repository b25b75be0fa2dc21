import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A scratch copy of the user's notes, a fresh simulated cluster and the CLI run the way a
// user runs it, with the kubectl test double first on PATH.

export const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const double = join(root, 'test', 'double');

export interface Workspace {
  dir: string;
  env: NodeJS.ProcessEnv;
  run: (args: string[], extraEnv?: NodeJS.ProcessEnv) => SpawnSyncReturns<string>;
  start: (args: string[]) => ReturnType<typeof spawn>;
  json: (args: string[]) => { exitCode: number | null; report: JsonReport; stderr: string };
  kubectl: (args: string[]) => SpawnSyncReturns<string>;
  note: (name?: string) => string;
  writeNote: (text: string, name?: string) => void;
}

export interface JsonStep {
  line: number;
  kind: 'command' | 'yaml';
  status: string;
  command: string;
  expected: string | null;
  actual: string | null;
  exitCode: number | null;
  durationMs: number;
  heading: string;
  reason?: string;
  portable?: string[];
}

export interface JsonReport {
  notes: { file: string; status: string; steps: JsonStep[] }[];
  summary: Record<string, unknown>;
}

export function workspace(kubeconfig = join(double, 'fixtures', 'kubeconfig.yaml')): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-e2e-'));
  cpSync(join(root, 'notes'), dir, { recursive: true });
  cpSync(kubeconfig, join(dir, '.kubeconfig'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${double}:${process.env.PATH}`,
    KUBECONFIG: join(dir, '.kubeconfig'),
    KUBE_DOUBLE_STATE: join(dir, '.cluster'),
    NO_COLOR: '1',
    CI: 'true',
  };
  const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [cli, ...args], { cwd: dir, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });
  return {
    dir,
    env,
    run,
    start: (args) => spawn(process.execPath, [cli, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }),
    json: (args) => {
      const result = run(['--reporter', 'json', ...args]);
      let report: JsonReport;
      try {
        report = JSON.parse(result.stdout) as JsonReport;
      } catch {
        throw new Error(`not JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
      }
      return { exitCode: result.status, report, stderr: result.stderr };
    },
    kubectl: (args) => spawnSync(join(double, 'kubectl'), args, { cwd: dir, env, encoding: 'utf8' }),
    note: (name = 'ch3.md') => readFileSync(join(dir, name), 'utf8'),
    writeNote: (text, name = 'ch3.md') => writeFileSync(join(dir, name), text),
  };
}

/** The note with one line replaced, checked so a test cannot silently edit nothing. */
export function editLine(text: string, line: number, from: string, to: string): string {
  const lines = text.split('\n');
  if (!lines[line - 1].includes(from)) throw new Error(`line ${line} does not contain ${from}: ${lines[line - 1]}`);
  lines[line - 1] = lines[line - 1].replace(from, to);
  return lines.join('\n');
}
