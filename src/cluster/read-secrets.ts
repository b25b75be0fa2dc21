import { secretValuesOf } from '../secrets/secret-values.js';
import { kubectl, type Kubectl } from './kubectl.js';

/**
 * The values of the Secrets in the run's namespace, for masking; undefined when they
 * cannot be listed (RBAC may forbid it), which leaves the patterns of mask-secrets alone.
 */
export async function readSecretValues(client: Kubectl, namespace: string, contextArgs: string[]): Promise<string[] | undefined> {
  const listed = await kubectl(client, ['get', 'secrets', '--namespace', namespace, '--output', 'json', ...contextArgs]);
  return listed.exitCode === 0 ? secretValuesOf(listed.stdout) : undefined;
}
