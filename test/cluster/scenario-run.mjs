// Runs the scenario's commands in order in a scratch folder, the way a note's steps run,
// with whatever kubectl is first on PATH: the real one against the test control plane
// (record.mjs) or the test double (test/contract/).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NAMESPACE, SCENARIO } from './scenario.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const notes = join(here, '..', 'fixtures', 'notes');

/** A scratch folder with the fixture notes' manifests and the scenario's own files. */
export function scenarioFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-scenario-'));
  cpSync(notes, dir, { recursive: true });
  cpSync(join(here, 'scenario-files'), dir, { recursive: true });
  return dir;
}

const sh = (command, cwd, env) => {
  const r = spawnSync('bash', ['-c', `${command} 2>&1`], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { output: r.stdout, exitCode: r.status };
};

/**
 * A fresh `rec` namespace made current in a copy of $KUBECONFIG, then every command of
 * the scenario: [{ name, command, output, exitCode }].
 */
export function runScenario(env, { settle = () => {} } = {}) {
  const dir = scenarioFolder();
  const kubeconfig = join(dir, '.kubeconfig');
  cpSync(env.KUBECONFIG, kubeconfig);
  const runEnv = { ...env, KUBECONFIG: kubeconfig };
  try {
    sh(`kubectl delete namespace ${NAMESPACE} --ignore-not-found --wait=true`, dir, runEnv);
    const made = sh(`kubectl create namespace ${NAMESPACE} && kubectl config set-context --current --namespace=${NAMESPACE}`, dir, runEnv);
    if (made.exitCode !== 0) throw new Error(`could not make namespace ${NAMESPACE}: ${made.output}`);
    settle(runEnv, dir);
    return SCENARIO.map(({ name, command }) => ({ name, command, ...sh(command, dir, runEnv) }));
  } finally {
    sh(`kubectl delete namespace ${NAMESPACE} --ignore-not-found --wait=false`, dir, runEnv);
    rmSync(dir, { recursive: true, force: true });
  }
}
