// Records the scenario's real outputs from the test control plane into
// test/fixtures/real/: NAME.txt (first run), NAME.run2.txt (second run, a fresh
// namespace: only volatile values differ) and recording.json (commands, exit codes and
// the versions of kubectl, the API server and kwok). Run inside the cluster's network
// namespace: `npm run cluster:record` (the cluster must be up).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from './scenario-run.mjs';
import { NAMESPACE } from './scenario.mjs';

const out = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const kubectl = (...args) => spawnSync('kubectl', args, { encoding: 'utf8' });

// A new namespace is usable once the controller manager has made its ServiceAccount.
function settle(env) {
  const deadline = Date.now() + 30_000;
  while (spawnSync('kubectl', ['get', 'serviceaccount', 'default', '-n', NAMESPACE], { env }).status !== 0) {
    if (Date.now() > deadline) throw new Error('no default ServiceAccount in the recording namespace');
    spawnSync('sleep', ['0.2']);
  }
}

const version = JSON.parse(kubectl('version', '-o', 'json').stdout);
const t0 = Date.now();
const runs = [1, 2].map((n) => {
  process.stdout.write(`recording run ${n}...\n`);
  return runScenario(process.env, { settle });
});
mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) if (file.endsWith('.txt')) rmSync(join(out, file));
runs.forEach((run, i) => {
  for (const step of run) writeFileSync(join(out, `${step.name}${i ? '.run2' : ''}.txt`), step.output);
});
const recording = {
  kubectl: version.clientVersion.gitVersion,
  server: version.serverVersion.gitVersion,
  kwok: process.env.NOTES_RUN_KWOK_VERSION ?? null,
  cluster: 'kube-apiserver, kube-controller-manager and kube-scheduler built from k8s.io/kubernetes, etcd, kwok (test/cluster/)',
  namespace: NAMESPACE,
  steps: runs[0].map((step, i) => ({ name: step.name, command: step.command, exitCode: step.exitCode, exitCodeRun2: runs[1][i].exitCode })),
};
writeFileSync(join(out, 'recording.json'), JSON.stringify(recording, null, 2) + '\n');
process.stdout.write(`recorded ${runs[0].length} commands twice in ${((Date.now() - t0) / 1000).toFixed(1)} s into ${out}\n`);
