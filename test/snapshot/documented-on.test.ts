import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentedOnOf } from '../../src/snapshot/snapshot.js';

const HEADER = ['note: n.md', 'date: 2026-12-01T10:00:00.000Z', 'context: k3d-notes', 'documentedOn:', '  flavour: docker-desktop', '  client: v1.22.5', '  server: v1.22.5'];
const STEPS = ['steps:', '  - line: 3', '    command: kubectl get ns', '    exitCode: 0', '    durationMs: 5', '    output: |', '      NAME', ''];

function snapshotFile(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'notes-run-documented-on-')), 'n.md.yaml');
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('documentedOnOf', () => {
  it('reads where the outputs were documented from the header', () => {
    expect(documentedOnOf(snapshotFile([...HEADER, ...STEPS]))).toEqual({ flavour: 'docker-desktop', client: 'v1.22.5', server: 'v1.22.5' });
  });

  it('does not parse the steps (a live run of a long note reads only the header)', () => {
    const brokenSteps = ['steps:', '  - line: [unclosed', '    output: |', '  bad: : :'];
    expect(documentedOnOf(snapshotFile([...HEADER, ...brokenSteps]))).toMatchObject({ flavour: 'docker-desktop' });
  });

  it('still finds it written by hand below the steps', () => {
    expect(documentedOnOf(snapshotFile([...HEADER.slice(0, 3), ...STEPS, ...HEADER.slice(3)]))).toMatchObject({ flavour: 'docker-desktop' });
  });

  it('is undefined without a snapshot, without the field, or with a header that is not YAML', () => {
    expect(documentedOnOf('/nonexistent/n.md.yaml')).toBeUndefined();
    expect(documentedOnOf(snapshotFile([...HEADER.slice(0, 3), ...STEPS]))).toBeUndefined();
    expect(documentedOnOf(snapshotFile(['note: [unclosed', ...STEPS]))).toBeUndefined();
  });
});
