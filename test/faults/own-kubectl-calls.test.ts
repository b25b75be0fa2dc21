import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { workspace } from '../e2e/workspace.js';
import { doubleKubectl, kubectlInFront, runNamespaces } from './fault-kit.js';

const fence = '```';

// A recording kubectl in front of the double: every call notes-run makes itself (its
// parent is node; the note's own calls come from its bash) is logged with its argv and
// the manifest it creates from, then handed over.
function recording(ws: ReturnType<typeof workspace>): { path: string; calls: () => { argv: string; stdin: string }[] } {
  const log = join(ws.dir, '.own-calls');
  writeFileSync(log, '');
  const path = kubectlInFront(
    ws,
    [
      `if [ "$(cat /proc/$PPID/comm)" = node ]; then`,
      `  if [ "$1 $2" = "create -f" ]; then`,
      `    printf '%s\\t%s\\0' "$*" "$(base64 -w0 < "$3")" >> ${log}`,
      `    exec ${doubleKubectl} "$@"`,
      `  fi`,
      `  printf '%s\\t\\0' "$*" >> ${log}`,
      `fi`,
    ].join('\n'),
  );
  return {
    path,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((entry) => {
          const [argv, stdin] = entry.split('\t');
          return { argv, stdin: Buffer.from(stdin, 'base64').toString('utf8') };
        }),
  };
}

const matchingNote = `# all match

${fence}bash
kubectl apply -f sleep/sleep1.yaml
# deployment.apps/sleep-1 created
kubectl wait --for=condition=Ready pod -l app=sleep-1
# pod/sleep-1-5bfcffdc46-vh8fd condition met
kubectl get deploy sleep-1 -o name
# deployment.apps/sleep-1
echo done
# done
${fence}
`;

describe('notes-run talks to the cluster little when every step matches at once', () => {
  it('makes the run namespace, labelled and with its default ServiceAccount, in one call, and asks versions and nodes once', () => {
    const ws = workspace();
    ws.writeNote(matchingNote, 'a.md');
    ws.writeNote(matchingNote, 'b.md');
    const { path, calls } = recording(ws);
    const result = ws.run(['a.md', 'b.md'], { PATH: path });
    expect(result.stdout).toContain('2 notes: 2 fresh');
    expect(result.status).toBe(0);
    const own = calls();
    const verbs = own.map((call) => call.argv.replace(/notes-run-[a-z0-9-]+/g, 'NS').replace(/^create -f \S+$/, 'create -f FILE'));
    // Per run: versions and nodes. Per note: its namespace made and deleted, and the Secrets
    // read (to mask their values) after the batches that may have made one: the apply's and the echo's.
    const secrets = 'get secrets --namespace NS --output json';
    expect(verbs.sort()).toEqual(
      [
        'version --output=json',
        'get nodes --output=json',
        ...['create -f FILE', 'delete namespace NS --ignore-not-found --wait=false', secrets, secrets].flatMap((call) => [call, call]),
      ].sort(),
    );
    const [namespace, account] = own.find((call) => call.argv.startsWith('create -f '))!.stdin.split('\n---\n').map((doc) => parse(doc));
    expect(namespace.kind).toBe('Namespace');
    expect(namespace.metadata.labels['app.kubernetes.io/managed-by']).toBe('notes-run');
    expect(account).toMatchObject({ kind: 'ServiceAccount', metadata: { name: 'default', namespace: namespace.metadata.name } });
    expect(runNamespaces(ws)).toEqual([]);
  });
});
