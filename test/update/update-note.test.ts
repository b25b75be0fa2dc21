import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import { compareOutput } from '../../src/compare/compare-output.js';
import type { CompareSettings } from '../../src/compare/comparable-lines.js';
import { rewriteOutput as rewriteAligned } from '../../src/update/rewrite-output.js';
import { writeNoteAtomically } from '../../src/update/update-note.js';

const settings = { tolerances: builtinTolerances };

/** An ordered output judged, then rewritten from the alignment that judgement made. */
function rewriteOutput(documented: string, actual: string, compare: CompareSettings): string[] {
  const [part] = compareOutput(documented, actual, { ordering: 'ordered' }, compare).parts!;
  expect(part.matches).toBe(false);
  return rewriteAligned(part);
}

describe('rewriting a documented output', () => {
  it('keeps placeholders, old timings and old hashes where the new output still fits them', () => {
    const documented = 'PING 10.xx.xx.xx (10.xx.xx.xx): 56 data bytes\n64 bytes from 10.xx.xx.xx: seq=0 ttl=64 time=0.362 ms\n1 packets transmitted, 1 packets received, 0% packet loss';
    const actual = 'PING 10.42.3.9 (10.42.3.9): 56 data bytes\n64 bytes from 10.42.3.9: seq=0 ttl=64 time=0.101 ms\n1 packets transmitted, 0 packets received, 100% packet loss\n';
    expect(rewriteOutput(documented, actual, settings)).toEqual([
      'PING 10.xx.xx.xx (10.xx.xx.xx): 56 data bytes',
      '64 bytes from 10.xx.xx.xx: seq=0 ttl=64 time=0.362 ms',
      '1 packets transmitted, 0 packets received, 100% packet loss',
    ]);
  });

  it('changes only the drifted words of a table row, keeping the later columns where they were when it can', () => {
    const documented = 'NAME      TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE\nsleep-2   ClusterIP   10.43.44.128   <none>        80/TCP    12s';
    const actual = 'NAME      TYPE       CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE\nsleep-2   NodePort   10.43.91.7    <none>        80:31234/TCP   3s\n';
    // The header still matches, so it stays as written; the row keeps its IP and age.
    expect(rewriteOutput(documented, actual, settings)).toEqual([
      'NAME      TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE',
      'sleep-2   NodePort    10.43.44.128   <none>        80:31234/TCP  12s',
    ]);
  });

  it('adds and drops whole lines, and leaves author remarks and ^C where they were', () => {
    const documented = '(결과에서 IP 마스킹 함)\nForwarding from 127.0.0.1:8080 -> 80\nold line\n^C';
    const actual = 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n';
    expect(rewriteOutput(documented, actual, settings)).toEqual([
      '(결과에서 IP 마스킹 함)',
      'Forwarding from 127.0.0.1:8080 -> 80',
      'Forwarding from [::1]:8080 -> 80',
      '^C',
    ]);
  });

  it('keeps the marks where the author left output out, and what drifted around them', () => {
    const actual = 'Name:   web\nIP:     10.42.0.7\nStatus: Pending\nNode:   k3s\nEvents: <none>\n';
    expect(rewriteOutput('Name:   web\n(생략)\nStatus: Running\n...\nEvents: <none>', actual, settings)).toEqual([
      'Name:   web',
      '(생략)',
      'Status: Pending',
      '...',
      'Events: <none>',
    ]);
    expect(rewriteOutput('Name:   api\n(이하 생략)', actual, settings)).toEqual(['Name:   web', '(이하 생략)']);
  });
});

describe('writing the note', () => {
  it('replaces the file by rename, keeping its mode, with no temporary file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-atomic-'));
    const path = join(dir, 'note.md');
    writeFileSync(path, 'old\n', { mode: 0o640 });
    const before = statSync(path);
    writeNoteAtomically(path, 'new\n');
    const after = statSync(path);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['note.md']);
  });
});

describe('rewriting a line that is not a table row', () => {
  it('writes it exactly as printed, not re-aligned to the documented spacing', () => {
    expect(rewriteOutput('deployment.apps/sleep-1   configured', 'deployment.apps/sleep-1 created\n', settings)).toEqual(['deployment.apps/sleep-1 created']);
    expect(rewriteOutput('pod "sleep-2-xx"    deleted\nok', 'pod "sleep-2-xx" deleted from default namespace\nok\n', settings)).toEqual([
      'pod "sleep-2-xx" deleted from default namespace',
      'ok',
    ]);
  });

  it('still keeps a masked value the new line fits, in the spacing the command printed', () => {
    expect(rewriteOutput('PING 10.xx.xx.xx  (10.xx.xx.xx): 56 data bytes', 'PING 10.42.0.9 (10.42.0.9): 64 data bytes\n', settings)).toEqual(['PING 10.xx.xx.xx (10.xx.xx.xx): 64 data bytes']);
  });
});

describe('the one atomic write', () => {
  it('removes its temporary file when the write fails, and the note stays as it was', async () => {
    const { writeAtomically } = await import('../../src/files/atomic-write.js');
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-atomic-'));
    const path = join(dir, 'note.md');
    writeFileSync(path, 'old\n');
    expect(() =>
      writeAtomically(path, 'new\n', {
        beforeRename: () => {
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        },
      }),
    ).toThrow('no space left');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['note.md']);
  });
});
