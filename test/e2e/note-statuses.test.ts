import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspace } from './workspace.js';

// A note in which nothing could be checked is `empty`, one checked offline without any
// recorded run `unverified`: neither is fresh, both exit 0 unless --strict, and the
// summary counts them.

const TEMPLATES_ONLY = ['# 사용법', '', '```bash', 'kubectl scale deploy --replicas <NUMBER> <NAME>', 'kubectl logs mydeploy-xxx-xxx', '```', ''].join('\n');

describe('note statuses', () => {
  it('a note whose every step is skipped is empty, not fresh', () => {
    const ws = workspace();
    ws.writeNote(TEMPLATES_ONLY, 'usage.md');
    const { exitCode, report } = ws.json(['usage.md']);
    expect(report.notes[0].status).toBe('empty');
    expect(exitCode).toBe(0);
    expect(report.summary).toMatchObject({ notes: { empty: 1, fresh: 0 } });
    const human = ws.run(['usage.md']);
    expect(human.stdout).toContain('EMPTY usage.md');
    expect(human.stdout).not.toContain('FRESH');
    expect(human.stdout).toMatch(/1 note: 1 empty/);
    expect(ws.run(['--strict', 'usage.md']).status).toBe(1);
  });

  it('a note checked offline with no snapshot is unverified, not fresh', () => {
    const ws = workspace();
    // An empty snapshots folder: a folder that is not there at all is a usage error.
    mkdirSync(join(ws.dir, 'nowhere'));
    const result = ws.run(['--offline', '--snapshots', 'nowhere', 'ch3.md']);
    expect(result.stdout).toContain('UNVERIFIED ch3.md');
    expect(result.stdout).not.toContain('FRESH');
    expect(result.stdout).toMatch(/1 note: 1 unverified/);
    expect(result.status).toBe(0);
    expect(ws.run(['--offline', '--strict', '--snapshots', 'nowhere', 'ch3.md']).status).toBe(1);
  });

  it('--plan reads a note without a cluster and runs nothing', () => {
    const ws = workspace();
    const result = ws.run(['--plan', 'ch3.md'], { KUBE_DOUBLE_DOWN: '1', PATH: `/nonexistent:${process.env.PATH}` });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/PLAN ch3\.md \(\d+ steps/);
    expect(result.stdout).toMatch(/18 +command +kubectl apply -f sleep\/sleep1\.yaml -f sleep\/sleep2\.yaml +output 19-20/);
    expect(result.stdout).toContain('3. 네트워크를 통해 서비스에 Pod 연결하기');
  });
});
