import { resolve } from 'node:path';
import { kubectlOnPath } from '../cluster/kubectl-binary.js';
import type { Kubectl } from '../cluster/kubectl.js';
import { connect, type ClusterTarget } from '../cluster/prepare-cluster.js';
import { describeEnvironment } from '../cluster/read-environment.js';
import type { RunInfo } from '../model.js';

export interface LiveConnection {
  client: Kubectl;
  target: ClusterTarget;
  /** What the report's header and the JSON report say the run was against. */
  info: RunInfo;
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
 * How every live run begins, a check or a prepull: our kubectl, the context guard, the
 * cluster's versions and environment. `meanwhile` (reading the notes) runs while kubectl
 * asks the cluster, and a refused context ends the run before anything is made there.
 */
export async function connectLive(choices: ConnectChoices, meanwhile: () => void): Promise<LiveConnection> {
  const client: Kubectl = { binary: choices.kubectl ? resolve(choices.kubectl) : kubectlOnPath(choices.env), env: { ...choices.env } };
  const target = await connect(client, choices.context, choices.allowedContexts, meanwhile);
  const info: RunInfo = {
    mode: 'live',
    context: JSON.stringify(target.context).slice(1, -1),
    versions: { client: target.clientVersion, server: target.serverVersion },
    cluster: describeEnvironment(target.environment),
    startedAt: choices.startedAt,
  };
  return { client, target, info };
}
