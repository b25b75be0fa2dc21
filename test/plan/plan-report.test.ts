import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../src/note/parse-note.js';
import { planNote } from '../../src/plan/plan-note.js';
import { displayWidth, humanPlan, jsonPlan } from '../../src/plan/plan-report.js';

const note = parseNote(
  'n.md',
  [
    '# 실습',
    '',
    '```bash',
    '$ curl <공인IP>:30080',
    '$ echo "안녕 쿠버네티스"',
    '안녕 쿠버네티스',
    '$ kubectl exec -it web -- sh',
    '/ # hostname',
    'web',
    '/ # exit',
    '```',
    '',
  ].join('\n'),
);

describe('the plan', () => {
  it('lines its columns up as a terminal shows them, Korean counting two columns', () => {
    const lines = humanPlan(planNote(note), pc.createColors(false)).split('\n').filter((line) => /^\s+\d+ /.test(line));
    const detailColumn = (line: string) => displayWidth(line.slice(0, line.search(/ {2}(output|a template)/)));
    const withDetail = lines.filter((line) => / {2}(output|a template)/.test(line));
    expect(withDetail.length).toBeGreaterThan(2);
    expect(new Set(withDetail.map(detailColumn)).size).toBe(1);
    expect(lines.join('\n')).toContain('curl <공인IP>:30080');
    expect(displayWidth('공인IP')).toBe(6);
  });

  it('gives each step, typed lines included, the report fields and where its output is', () => {
    const [plan] = JSON.parse(jsonPlan([planNote(note)])).notes;
    expect(plan.steps.map((s: { line: number; status: string; reading: string; outputLines: unknown }) => [s.line, s.status, s.reading, s.outputLines])).toEqual([
      [4, 'skipped', 'command', null],
      [5, 'run', 'command', [6, 6]],
      [7, 'run', 'session', null],
      [8, 'run', 'typed', [9, 9]],
      [10, 'run', 'typed', null],
    ]);
    expect(plan.steps[0]).toMatchObject({ kind: 'command', command: 'curl <공인IP>:30080', actual: null, exitCode: null, durationMs: 0, heading: '실습' });
    expect(plan.steps[0].reason).toMatch(/template/);
  });
});
