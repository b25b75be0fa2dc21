import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workspace } from './workspace.js';

// A note that documents a secret's value (ch4-config.md §4.3 does: `... | base64 -d`
// printing `shh...`). The live run's snapshot holds `<masked>` there, never the value;
// offline, the masked value stands for what the note documents, so the note is fresh.

const fence = '```';
const note = `# secrets

${fence}bash
kubectl create secret generic db --from-literal=secret=shh...
# secret/db created
kubectl get secret db -o jsonpath='{.data.secret}'
# c2hoLi4u%
kubectl get secret db -o jsonpath='{.data.secret}' | base64 -d
# shh...%
kubectl get secret db -o yaml | grep '  secret:'
#   secret: c2hoLi4u
DB_PASSWORD='shh...' printenv DB_PASSWORD
# shh...
${fence}
`;

describe('offline, a masked secret matches what the note documents', () => {
  it('the snapshot and the JSON report never hold the value; offline the note is fresh and says why', () => {
    const ws = workspace();
    ws.writeNote(note, 'secrets.md');
    const live = ws.json(['secrets.md']);
    expect(live.exitCode).toBe(0);
    expect(live.report.notes[0].status).toBe('fresh');
    // The value, plain or base64, is in no output kept for git or CI.
    const actuals = live.report.notes[0].steps.map((step) => step.actual ?? '').join('\n');
    expect(actuals).not.toMatch(/shh\.\.\.|c2hoLi4u/);
    const snapshot = parse(readFileSync(join(ws.dir, 'snapshots', 'secrets.md.yaml'), 'utf8')) as { steps: { output: string }[] };
    const outputs = snapshot.steps.map((step) => step.output);
    expect(outputs.join('\n')).not.toMatch(/shh\.\.\.|c2hoLi4u/);
    expect(outputs.slice(1)).toEqual(['<masked>', '<masked>', '  secret: <masked>\n', '<masked>\n']);

    const offline = ws.json(['--offline', 'secrets.md']);
    expect(offline.exitCode).toBe(0);
    expect(offline.report.notes[0].status).toBe('fresh');
    const steps = offline.report.notes[0].steps as (typeof offline.report.notes[0]['steps'][0] & { notes?: string[] })[];
    expect(steps.map((step) => step.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(steps[2].actual).toBe('<masked>');
    expect(steps[2].notes).toEqual(['1 secret value held as <masked> taken as what the note documents']);

    const verbose = ws.run(['--offline', '--verbose', 'secrets.md']);
    expect(verbose.status).toBe(0);
    expect(verbose.stdout).toContain('secrets.md:8 kubectl get secret db -o jsonpath=\'{.data.secret}\' | base64 -d (a secret value held as <masked> taken as documented)');
    expect(verbose.stdout).not.toContain('shh...%');
  });

  it('a documented value that differs elsewhere on its line is still stale', () => {
    const ws = workspace();
    ws.writeNote(note, 'secrets.md');
    expect(ws.run(['secrets.md']).status).toBe(0);
    ws.writeNote(note.replace('#   secret: c2hoLi4u', '#   token: c2hoLi4u'), 'secrets.md');
    const offline = ws.json(['--offline', 'secrets.md']);
    expect(offline.exitCode).toBe(1);
    expect(offline.report.notes[0].steps.map((step) => step.status)).toEqual(['pass', 'pass', 'pass', 'stale', 'pass']);
  });
});
