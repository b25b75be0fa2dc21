import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../src/compare/compare-output.js';
import type { CompareSettings } from '../../src/compare/comparable-lines.js';
import { judgeCommand } from '../../src/compare/judge-command.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { CommandStep, StepRun } from '../../src/model.js';
import { describeCommand } from '../../src/note/command/describe-command.js';
import { rewriteOutput } from '../../src/update/rewrite-output.js';

// Isolation is invisible to the note (SPEC §3): a note written in a fresh `default`
// namespace shows the `kubernetes` Service and its Endpoints, which a run namespace never
// holds. Those differences pass, said on the step; nothing only the run namespace
// prints is written into the note.

const RUN = 'notes-run-ch3-a1b2c3';
const isolated: CompareSettings = {
  tolerances: builtinTolerances,
  namespace: RUN,
  portability: { recorded: {}, current: { flavour: 'k3d', client: 'v1.34.2', server: 'v1.34.2' } },
};
const inDefault: CompareSettings = { ...isolated, namespace: 'default' };
const compare = (documented: string, actual: string, command: string, settings = isolated) => compareOutput(documented, actual, describeCommand(command), settings);

const svcHeader = 'NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)        AGE';
const kubernetesRow = 'kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP        5d';
const webRow = 'web          NodePort    10.96.120.31    <none>        80:30080/TCP   8s';

describe('objects of the context\'s default namespace', () => {
  it.each([
    ['kubectl get svc', `${svcHeader}\n${kubernetesRow}\n${webRow}`, `${svcHeader}\nweb          NodePort    10.43.7.9       <none>        80:31234/TCP   2s`],
    ['kubectl get svc -n default', `${svcHeader}\n${kubernetesRow}\n${webRow}`, `${svcHeader}\nweb          NodePort    10.43.7.9       <none>        80:31234/TCP   2s`],
    ['kubectl get svc -o wide', `${svcHeader}   SELECTOR\n${kubernetesRow}   <none>\n${webRow}   app=web`, `${svcHeader}   SELECTOR\nweb   NodePort   10.43.7.9   <none>   80:31234/TCP   2s   app=web`],
    ['kubectl get services', `${svcHeader}\n${kubernetesRow}`, `No resources found in ${RUN} namespace.`],
    ['kubectl get svc -o name', 'service/kubernetes\nservice/web', 'service/web'],
    [
      'kubectl get endpoints',
      'NAME         ENDPOINTS           AGE\nkubernetes   192.168.65.4:6443   5d\nweb          10.1.0.12:80        8s',
      'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\nNAME   ENDPOINTS      AGE\nweb    10.42.0.7:80   3s',
    ],
    ['kubectl get endpointslices', 'NAME         ADDRESSTYPE   PORTS   ENDPOINTS      AGE\nkubernetes   IPv4          6443    192.168.65.4   5d', `No resources found in ${RUN} namespace.`],
    [
      'kubectl get all',
      'NAME      READY   STATUS    RESTARTS   AGE\npod/web   1/1     Running   0          8s\n\nNAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5d\nservice/web          ClusterIP   10.96.3.4    <none>        80/TCP    8s',
      'NAME      READY   STATUS    RESTARTS   AGE\npod/web   1/1     Running   0          2s\n\nNAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/web   ClusterIP   10.43.3.4    <none>        80/TCP    2s',
    ],
    ['kubectl delete svc --all', 'service "kubernetes" deleted\nservice "web" deleted', `service "web" deleted from ${RUN} namespace`],
  ])('%s passes in a run namespace, saying isolation explained it', (command, documented, actual) => {
    const result = compare(documented, actual, command);
    expect(result.matches, result.diff.map((line) => line.op + line.text).join('\n')).toBe(true);
    expect(result.isolation?.[0]).toMatch(/^context-kubernetes-/);
    // Run in `default` itself, the same outputs are really different.
    expect(compare(documented, actual, command, inDefault).matches).toBe(false);
    expect(compare(documented, actual, command, { ...isolated, namespace: undefined }).matches).toBe(false);
  });

  it('sets aside the kubernetes block of `describe svc`, and only that', () => {
    const block = (name: string, ip: string) => `Name:              ${name}\nNamespace:         default\nType:              ClusterIP\nIP:                ${ip}`;
    const documented = `${block('kubernetes', '10.96.0.1')}\n\n\n${block('web', '10.96.3.4')}`;
    const result = compare(documented, block('web', '10.43.3.4').replace('default', RUN), 'kubectl describe svc');
    expect(result).toMatchObject({ matches: true, isolation: ['context-kubernetes-service'] });
    expect(compare(documented, block('web', '10.43.3.4').replace('ClusterIP', 'NodePort'), 'kubectl describe svc').matches).toBe(false);
  });

  it('never hides drift of the note\'s own objects', () => {
    expect(compare(`${svcHeader}\n${kubernetesRow}\n${webRow}`, `${svcHeader}\nweb   ClusterIP   10.43.7.9   <none>   80/TCP   2s`, 'kubectl get svc').matches).toBe(false);
    expect(compare(`${svcHeader}\n${kubernetesRow}\n${webRow}`, `No resources found in ${RUN} namespace.`, 'kubectl get svc').matches).toBe(false);
    // Across all namespaces `default` is listed as it is: a missing `kubernetes` row is real.
    const all = `NAMESPACE   ${svcHeader}\ndefault     ${kubernetesRow}`;
    expect(compare(all, `No resources found`, 'kubectl get svc -A').matches).toBe(false);
    expect(compare(`${svcHeader}\n${kubernetesRow}`, `${svcHeader}\n${webRow}`, 'kubectl get svc').matches).toBe(false);
  });

  it('never writes what only the run namespace printed into the note', () => {
    const gone = compare(`${svcHeader}\n${kubernetesRow}\n${webRow}`, `No resources found in ${RUN} namespace.`, 'kubectl get svc');
    const written = rewriteOutput(gone.parts![0]);
    // What `default` would show: the header and the kubernetes row, as the note wrote them.
    expect(written).toEqual([svcHeader, kubernetesRow]);
    // The note shows none of the context's objects to keep: the output is not rewritten at all.
    const bare = compare(`NAME   TYPE   CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n${webRow}`, `No resources found in ${RUN} namespace.`, 'kubectl get svc');
    expect(bare.matches).toBe(false);
    expect(bare.parts![0].alignment).toBeUndefined();
  });
});

describe('an object only the context\'s default namespace holds, named', () => {
  const step = (command: string, documented: string): CommandStep => ({
    kind: 'command',
    line: 10,
    command,
    output: { text: documented, style: 'comment', firstLine: 11, lastLine: 11 + documented.split('\n').length - 1 },
    expectedExit: { kind: 'success' },
    context: { headings: [], text: '' },
    facts: describeCommand(command),
    longRunning: false,
  });
  const run = (output: string, exitCode: number): StepRun => ({ output, exitCode, durationMs: 90, timedOut: false, stopped: false, attempts: 1 });
  const described = 'Name:              kubernetes\nNamespace:         default\nType:              ClusterIP\nIP:                10.96.0.1\nPort:              https  443/TCP\nEndpoints:         192.168.65.4:6443';

  it('passes when the run namespace answers NotFound, saying isolation explained it', () => {
    const judged = judgeCommand(step('kubectl describe service kubernetes', described), run('Error from server (NotFound): services "kubernetes" not found\n', 1), isolated);
    expect(judged.status).toBe('pass');
    expect(judged.comparison?.isolation).toEqual(['context-kubernetes-service']);
    expect(judgeCommand(step('kubectl get svc kubernetes', `${svcHeader}\n${kubernetesRow}`), run('Error from server (NotFound): services "kubernetes" not found\n', 1), isolated).status).toBe('pass');
  });

  it('is broken as before in default itself, or when another object is missing', () => {
    expect(judgeCommand(step('kubectl describe service kubernetes', described), run('Error from server (NotFound): services "kubernetes" not found\n', 1), inDefault).status).toBe('broken');
    expect(judgeCommand(step('kubectl describe service web', described), run('Error from server (NotFound): services "web" not found\n', 1), isolated).status).toBe('broken');
  });
});
