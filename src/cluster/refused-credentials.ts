import { kubectl, type Kubectl } from './kubectl.js';

// An API server that answers but will not take the kubeconfig's credentials (an expired
// token, a revoked certificate) is not a cluster that is down: saying "start the cluster"
// sends the user the wrong way. kubectl's words for it, and the user it presented.

const REFUSED = /You must be logged in to the server|\(Unauthorized\)|the server has asked for the client to provide credentials|x509: certificate has expired/;

export function refusedCredentials(stderr: string): boolean {
  return REFUSED.test(stderr);
}

/** The kubeconfig user the context presents, if kubectl can say. */
export async function contextUser(client: Kubectl, contextArgs: string[]): Promise<string | undefined> {
  const view = await kubectl(client, ['config', 'view', '--minify', '-o', 'jsonpath={.contexts[0].context.user}', ...contextArgs]);
  const user = view.stdout.trim();
  return view.exitCode === 0 && user !== '' ? user : undefined;
}
