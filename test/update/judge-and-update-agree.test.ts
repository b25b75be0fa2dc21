import { describe, expect, it } from 'vitest';
import { judgeCommand } from '../../src/compare/judge-command.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { CommandStep, NoteResult, StepRun, Verdict } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import { updatedNote } from '../../src/update/update-note.js';

// `--update` rewrites exactly what judging found drifted, and nothing it found to hold:
// the two read one comparison, so they cannot disagree.

const settings = { tolerances: builtinTolerances };

function run(output: string, sessionOutputs?: string[]): StepRun {
  return { output, exitCode: 0, durationMs: 10, timedOut: false, stopped: false, attempts: 1, ...(sessionOutputs ? { sessionOutputs } : {}) };
}

/** Judges each command step of `source` against its run, then rewrites the note from those verdicts. */
function judgeThenUpdate(source: string, runs: StepRun[]) {
  const note = parseNote('note.md', source);
  const commands = note.steps.filter((step): step is CommandStep => step.kind === 'command');
  const verdicts: Verdict[] = commands.map((step, i) => ({ step, run: runs[i], ...judgeCommand(step, runs[i], settings) }) as Verdict);
  const result: NoteResult = { file: 'note.md', status: 'stale', verdicts, messages: [], durationMs: 0 };
  return { verdicts, update: updatedNote(source, result) };
}

describe('--update and judging agree on what drifted', () => {
  it("leaves a typed line's output that matched only once its `%` was read back as output (the zsh retry)", () => {
    const source = ['```bash', 'kubectl exec -it deploy/web -- sh', '/ # printf 50%', '50%', '/ # hostname', 'web-old', '```', ''].join('\n');
    // printf prints no final newline: the `%` the note shows is the command's own.
    const { verdicts, update } = judgeThenUpdate(source, [run('', ['', '50%', 'web-new\n'])]);
    expect(verdicts[0].status).toBe('stale');
    expect(verdicts[0].typed?.map((typed) => typed.status)).toEqual(['pass', 'stale']);
    expect(update?.text).toBe(source.replace('web-old', 'web-new'));
  });
});
