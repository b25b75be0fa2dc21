import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspace, type Workspace } from './workspace.js';

// The probes of issue 21: a Secret whose key is not named like a credential, printed by
// every shape of command, through every channel a run lets out (the four reporters, the
// snapshot, an updated note). Masking is by value: neither the value nor its base64 form
// may appear anywhere.

const VALUE = 'Zq8vR2pL9xK4w';
const ENCODED = Buffer.from(VALUE).toString('base64');
const fence = '```';

// The value comes from a manifest, not the note: the note's own text (its commands) is the author's.
const manifests = `apiVersion: v1
kind: Secret
metadata:
  name: db
data:
  api_token: ${ENCODED}
---
apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
    - name: app
      image: kiamol/ch03-sleep
      env:
        - name: API_TOKEN
          valueFrom:
            secretKeyRef: { name: db, key: api_token }
`;

/** Every command shape, documented with output that does not hold. */
const probes = `# probes

${fence}bash
kubectl apply -f reader.yaml
# secret/db created
# pod/reader created
kubectl wait --for=condition=Ready pod/reader
# pod/reader condition met
${fence}

${fence}bash
kubectl get secret db -o yaml
# nothing here
kubectl get secret db -o json
# nothing here
kubectl get secret db -o custom-columns=PW:.data.api_token
# PW
# nothing here
kubectl get secret db -o jsonpath='{.data.api_token}'
# nothing here
kubectl get secret db -o jsonpath='{.data.api_token}' | base64 -d
# nothing here
kubectl exec reader -- printenv API_TOKEN
# nothing here
kubectl exec reader -- env
# nothing here
${fence}
`;

function prepared(): Workspace {
  const ws = workspace();
  writeFileSync(join(ws.dir, 'reader.yaml'), manifests);
  ws.writeNote(probes, 'probes.md');
  return ws;
}

function expectNoValue(where: string, text: string): void {
  expect(text, where).not.toContain(VALUE);
  expect(text, where).not.toContain(ENCODED);
}

function snapshotsText(ws: Workspace): string {
  return readdirSync(join(ws.dir, 'snapshots')).map((name) => readFileSync(join(ws.dir, 'snapshots', name), 'utf8')).join('\n');
}

describe('secret values never leave a run', () => {
  it('are masked by value in every reporter, the diff included, and in the snapshot', { timeout: 600_000 }, () => {
    const ws = prepared();
    for (const reporter of ['human', 'json', 'junit', 'github']) {
      const result = ws.run(['--reporter', reporter, '--verbose', '--converge', '0', 'probes.md']);
      expect(result.status, `${reporter}: ${result.stderr}`).toBe(1);
      expectNoValue(`${reporter} report`, result.stdout + result.stderr);
      // The probes ran and each printed the value, masked. A whole output that is the value
      // takes the note's text in its place (a documented placeholder); the rest is stale, its diff shown.
      if (reporter === 'json') {
        const steps = (JSON.parse(result.stdout) as { notes: { steps: { status: string; actual: string; diff?: string[] }[] }[] }).notes[0].steps;
        expect(steps.map((step) => step.status)).toEqual(['pass', 'pass', 'stale', 'stale', 'pass', 'pass', 'pass', 'pass', 'stale']);
        expect(steps.slice(2).every((step) => step.actual.includes('<masked>'))).toBe(true);
        for (const step of steps.filter((step) => step.status === 'stale')) expect(step.diff?.some((line) => line.includes('<masked>'))).toBe(true);
      }
      expectNoValue('snapshot', snapshotsText(ws));
    }
  });

  it('are masked in a note rewritten by --update', { timeout: 300_000 }, () => {
    const ws = prepared();
    const result = ws.run(['--update', '--converge', '0', 'probes.md']);
    expectNoValue('output', result.stdout + result.stderr);
    const updated = ws.note('probes.md');
    expect(updated).not.toBe(probes);
    expect(updated).toContain('<masked>');
    expectNoValue('updated note', updated);
    expectNoValue('snapshot', snapshotsText(ws));
  });

  it('match a placeholder the note documents in their place', { timeout: 300_000 }, () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'reader.yaml'), manifests);
    ws.writeNote(
      probes.split('\n\n```bash\nkubectl get secret db -o yaml')[0] +
        `\n\n${fence}bash\nkubectl get secret db -o jsonpath='{.data.api_token}' | base64 -d\n# xxx%\nkubectl exec reader -- printenv API_TOKEN\n# <masked>\nkubectl get secret db -o custom-columns=PW:.data.api_token\n# PW\n# xxxxxxxx\n${fence}\n`,
      'placeholders.md',
    );
    const { exitCode, report } = ws.json(['placeholders.md']);
    expect(report.notes[0].steps.map((step) => step.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(exitCode).toBe(0);
  });
});
