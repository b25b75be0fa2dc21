import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubeconfigText, readContext } from '../../src/cluster/kubeconfig.js';
import { InputError } from '../../src/errors.js';

// The kube context read from the kubeconfig files themselves, as kubectl merges them
// (first file to name an entry wins, first to set current-context chooses): no kubectl
// process on the way to the first step.

function files(...texts: string[]): { env: NodeJS.ProcessEnv; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-kubeconfig-'));
  const paths = texts.map((text, i) => {
    const path = join(dir, `config-${i}`);
    writeFileSync(path, text);
    return path;
  });
  return { env: { KUBECONFIG: [join(dir, 'missing'), ...paths].join(delimiter) }, dir };
}

const FIRST = `apiVersion: v1
kind: Config
contexts:
  - name: k3d-lab
    context: { cluster: lab, user: admin, namespace: apps }
users:
  - name: admin
    user: { client-certificate: certs/admin.crt, token: first }
`;
const SECOND = `apiVersion: v1
kind: Config
current-context: k3d-lab
clusters:
  - name: lab
    cluster: { server: https://127.0.0.1:6550, certificate-authority: ca.crt }
users:
  - name: admin
    user: { token: second }
`;

describe('the kube context from the kubeconfig files', () => {
  it('merges the files as kubectl does and reads name, namespace, server and user', () => {
    const { env, dir } = files(FIRST, SECOND);
    const read = readContext(env, undefined);
    expect(read.context).toEqual({
      name: 'k3d-lab',
      namespace: 'apps',
      server: 'https://127.0.0.1:6550',
      user: { 'client-certificate': join(dir, 'certs/admin.crt'), token: 'first' },
    });
    const shell = parse(kubeconfigText(read, 'notes-run-x'));
    expect(shell['current-context']).toBe('k3d-lab');
    expect(shell.contexts).toEqual([{ name: 'k3d-lab', context: { cluster: 'lab', user: 'admin', namespace: 'notes-run-x' } }]);
    expect(shell.clusters[0].cluster['certificate-authority']).toBe(join(dir, 'ca.crt'));
  });

  it('says when there is no current context, or no such context', () => {
    expect(() => readContext(files(FIRST).env, undefined)).toThrow(/no current kube context \(the kubeconfig sets no current-context\)/);
    expect(() => readContext({ KUBECONFIG: '/nonexistent/config' }, undefined)).toThrow(/no current kube context \(no kubeconfig file found\)/);
    expect(() => readContext(files(FIRST, SECOND).env, 'kind-x')).toThrow(/could not read kube context "kind-x": the kubeconfig has no such context/);
  });

  it('names the file and line of a kubeconfig that is not YAML', () => {
    const { env, dir } = files(SECOND, 'contexts:\n  - name: [unclosed\n');
    let error: unknown;
    try {
      readContext(env, undefined);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(new RegExp(`^${join(dir, 'config-1')}:\\d+: the kubeconfig is not valid YAML`));
  });
});
