import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNote } from '../../src/check/check-note.js';
import { checkOffline } from '../../src/check/check-offline.js';
import { judgeNote, type StepOutcome } from '../../src/check/judge-note.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { CommandStep, Diagnosis, StepRun } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import { snapshotOf } from '../../src/snapshot/snapshot.js';
import { checkSettings, fence } from '../run/check-settings.js';

// Live and offline checks are one pipeline: they differ only in where the runs come from.

const NOTE = `# n\n\n${fence('echo one\n# one\necho two\n# deux\nfalse\n# done\n')}\n\`\`\`yaml\na: [1\n\`\`\`\n\n\`\`\`bash\n# notes-run: skip\necho skipped\n\`\`\`\n`;
const run = (output: string, exitCode = 0): StepRun => ({ output, exitCode, durationMs: 1, timedOut: false, stopped: false, attempts: 1 });

describe('judgeNote', () => {
  it('judges each step from the outcome a source gives it, and every step in the note order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-judge-'));
    const note = parseNote(join(dir, 'n.md'), NOTE);
    const [one, two, three] = note.steps.filter((step): step is CommandStep => step.kind === 'command');
    const outcomes: StepOutcome[][] = [[{ step: one, run: run('one\n') }], [{ step: two, unrecorded: 'not recorded' }, { step: three, notRun: 'not run' }]];
    const result = await judgeNote(note, outcomes, { compare: { tolerances: builtinTolerances }, cwd: dir });
    expect(result.verdicts.map((verdict) => [verdict.step.line, verdict.status, verdict.reason])).toEqual([
      [4, 'pass', undefined],
      [6, 'unverified', 'not recorded'],
      [8, 'skipped', 'not run'],
      [13, 'broken', expect.stringContaining('YAML syntax error')],
      [19, 'skipped', 'skipped by a notes-run: skip directive'],
    ]);
    expect(result.status).toBe('broken');
  });

  it('asks the cluster once for a batch with failed steps, and never for a batch that passed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-judge-'));
    const note = parseNote(join(dir, 'n.md'), `# n\n\n${fence('echo one\n# one\necho two\n# deux\nfalse\n# done\n')}`);
    const [one, two, three] = note.steps as CommandStep[];
    const diagnosis: Diagnosis = { pods: [], events: ['BackOff pod/x: pulling'] };
    let asked = 0;
    const diagnose = async () => (asked++, diagnosis);
    const outcomes = [[{ step: one, run: run('one\n') }], [{ step: two, run: run('two\n') }, { step: three, run: run('', 1) }]];
    const result = await judgeNote(note, outcomes, { compare: { tolerances: builtinTolerances }, cwd: dir, diagnose });
    expect(asked).toBe(1);
    expect(result.verdicts.map((verdict) => verdict.run?.diagnosis)).toEqual([undefined, diagnosis, diagnosis]);
  });

  it('gives the same verdicts offline, from the snapshot of a live run, as that live run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-judge-'));
    const note = parseNote(join(dir, 'n.md'), NOTE);
    const live = await checkNote(note, checkSettings(dir));
    const snapshot = snapshotOf(live, { context: 'c', namespace: 'ns', kubectl: {} });
    const offline = await checkOffline(note, snapshot, builtinTolerances, dir);
    const seen = (result: typeof live) => result.verdicts.map((verdict) => [verdict.step.line, verdict.status, verdict.reason, verdict.comparison?.diff]);
    expect(seen(offline)).toEqual(seen(live));
    expect(offline.status).toBe(live.status);
    expect(live.verdicts.map((verdict) => verdict.status)).toEqual(['pass', 'stale', 'broken', 'broken', 'skipped']);
  });
});
