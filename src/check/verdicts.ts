import type { Note, NoteStatus, Verdict } from '../model.js';

/** Steps whose verdict is known before anything runs. */
export function verdictWithoutRun(step: Note['steps'][number]): Verdict | undefined {
  if (step.kind !== 'command') return undefined;
  if (step.problem) return { step, status: 'broken', reason: step.problem };
  if (step.notExecutable) return { step, status: 'skipped', reason: step.notExecutable };
  if (step.skip) return { step, status: 'skipped', reason: step.skip };
  return undefined;
}

export function noteStatus(verdicts: Verdict[], note: Pick<Note, 'messages'>): NoteStatus {
  if (verdicts.some((v) => v.status === 'broken') || note.messages.some((m) => m.severity === 'error')) return 'broken';
  if (verdicts.some((v) => v.status === 'stale')) return 'stale';
  if (!verdicts.some((v) => v.status !== 'skipped')) return 'empty';
  const commands = verdicts.filter((v) => v.step.kind === 'command' && v.status !== 'skipped');
  if (commands.length > 0 && commands.every((v) => v.status === 'unverified')) return 'unverified';
  return 'fresh';
}

