import { resolve } from 'node:path';
import { kubectlOnPath } from '../cluster/kubectl-binary.js';
import type { Kubectl } from '../cluster/kubectl.js';
import { openContext, type ClusterTarget } from '../cluster/prepare-cluster.js';
import { describeEnvironment } from '../cluster/read-environment.js';
import type { RunInfo } from '../model.js';

export interface LiveConnection {
  client: Kubectl;
  target: ClusterTarget;
  /** What the report's header and the JSON report say the run was against: once the cluster has said its versions. */
  info: Promise<RunInfo>;
}

export interface ConnectChoices {
  /** `--kubectl PATH`; else kubectl on the PATH. */
  kubectl?: string;
  /** `--context NAME`; else the current context, which must look local or be allowed. */
  context?: string;
  allowedContexts: readonly string[];
  env: NodeJS.ProcessEnv;
  startedAt: string;
}

/**
 * How every live run begins, a check or a prepull: our kubectl, the context guard (from
 * the kubeconfig, before anything is made on the cluster), and the cluster's versions and
 * environment asked for without waiting: `meanwhile` (reading the notes) and the first
 * note's start go on while kubectl asks.
 */
export function connectLive(choices: ConnectChoices, meanwhile: () => void): LiveConnection {
  const client: Kubectl = { binary: choices.kubectl ? resolve(choices.kubectl) : kubectlOnPath(choices.env), env: { ...choices.env } };
  const target = openContext(client, choices.context, choices.allowedContexts);
  meanwhile();
  const info = target.facts.then(
    (facts): RunInfo => ({
      mode: 'live',
      context: JSON.stringify(target.context).slice(1, -1),
      versions: { client: facts.clientVersion, server: facts.serverVersion },
      cluster: describeEnvironment(facts.environment),
      startedAt: choices.startedAt,
    }),
  );
  info.catch(() => undefined);
  return { client, target, info };
}
