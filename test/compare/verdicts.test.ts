import { describe, expect, it } from 'vitest';
import { judgeCommand } from '../../src/compare/judge-command.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { CommandStep, StepRun } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';

// Verdicts a careful reader gives on a real cluster (issue 20).

const settings = { tolerances: builtinTolerances, namespace: 'notes-run-ch3-a1b2c3' };
const stepOf = (command: string, documented: string): CommandStep => {
  const note = parseNote('n.md', `\`\`\`bash\n${command}\n${documented.split('\n').map((line) => `# ${line}`).join('\n')}\n\`\`\`\n`);
  return note.steps[0] as CommandStep;
};
const run = (output: string, exitCode: number): StepRun => ({ output, exitCode, durationMs: 120, timedOut: false, stopped: false, attempts: 1 });

describe('a documented failure among objects that were deleted (item 5)', () => {
  const documented = 'deployment.apps "sleep-1" deleted\nservice "sleep-2" deleted\nError from server (NotFound): error when deleting "sleep/sleep2.yaml": deployments.apps "sleep-2" not found';
  const step = stepOf('kubectl delete -f sleep/', documented);

  it('passes when kubectl fails the same way', () => {
    const now = 'deployment.apps "sleep-1" deleted from notes-run-ch3-a1b2c3 namespace\nservice "sleep-2" deleted from notes-run-ch3-a1b2c3 namespace\nError from server (NotFound): error when deleting "sleep/sleep2.yaml": deployments.apps "sleep-2" not found\n';
    expect(judgeCommand(step, run(now, 1), { ...settings, portability: { recorded: {}, current: { client: 'v1.34.2' } } }).status).toBe('pass');
  });

  it('is stale when every object is deleted now, or another one is missing', () => {
    expect(judgeCommand(step, run('deployment.apps "sleep-1" deleted\nservice "sleep-2" deleted\ndeployment.apps "sleep-2" deleted\n', 0), settings).status).toBe('stale');
    const other = 'deployment.apps "sleep-1" deleted\nError from server (NotFound): error when deleting "sleep/sleep2.yaml": services "sleep-2" not found\nError from server (NotFound): error when deleting "sleep/sleep2.yaml": deployments.apps "sleep-2" not found\n';
    expect(judgeCommand(step, run(other, 1), settings).status).toBe('stale');
  });
});

describe('a cluster that does not answer (item 10)', () => {
  const refused = 'E1205 21:40:01.123456   4242 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"https://127.0.0.1:6443/api?timeout=32s\\": dial tcp 127.0.0.1:6443: connect: connection refused"\nThe connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n';

  it.each([
    ['kubectl get svc web', 'NAME   TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE\nweb    ClusterIP   10.43.0.12    <none>        80/TCP    3s'],
    ['kubectl get pod nope', 'Error from server (NotFound): pods "nope" not found'],
    ['kubectl delete pod nope', 'Error from server (NotFound): pods "nope" not found'],
  ])('%s is broken with the cluster\'s reason, never stale nor a documented failure', (command, documented) => {
    const judged = judgeCommand(stepOf(command, documented), run(refused, 1), settings);
    expect(judged).toMatchObject({ status: 'broken', reason: 'the cluster did not answer: The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?' });
    const tls = judgeCommand(stepOf(command, documented), run('Unable to connect to the server: net/http: TLS handshake timeout\n', 1), settings);
    expect(tls).toMatchObject({ status: 'broken', reason: 'the cluster did not answer: Unable to connect to the server: net/http: TLS handshake timeout' });
  });

  it('leaves a note that documents the outage itself, and other programs, alone', () => {
    const documented = 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?';
    expect(judgeCommand(stepOf('kubectl get pods', documented), run(`${documented}\n`, 1), settings).reason ?? '').not.toMatch(/did not answer/);
    expect(judgeCommand(stepOf('cat log.txt', 'started'), run('started\nUnable to connect to the server: EOF\n', 1), settings).status).toBe('broken');
    expect(judgeCommand(stepOf('cat log.txt', 'started'), run('started\nUnable to connect to the server: EOF\n', 1), settings).reason).toBe('exited with status 1');
  });
});
