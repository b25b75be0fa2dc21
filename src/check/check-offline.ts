import type { CompareSettings } from '../compare/comparable-lines.js';
import { InputError } from '../errors.js';
import type { Settings } from '../config/settings.js';
import type { Note, NoteResult, RunInfo } from '../model.js';
import { readSnapshot, recordedCluster, recordedRuns, snapshotPath, type Snapshot } from '../snapshot/snapshot.js';
import { failedResult, hasFailed } from './failed-note.js';
import { judgeNote, type StepOutcome } from './judge-note.js';
import { judgeMasked } from './masked-recording.js';
import { noteTolerances } from './note-tolerances.js';
import { verdictWithoutRun } from './verdicts.js';

/** Judges a note's documented outputs against its last live run, with no cluster at all: the snapshot is the source of runs. */
export function checkOffline(note: Note, snapshot: Snapshot | undefined, tolerances: CompareSettings['tolerances'], cwd: string, strict = false): Promise<NoteResult> {
  const compare: CompareSettings = {
    tolerances: noteTolerances(note, tolerances, cwd),
    namespace: snapshot?.namespace,
    // The snapshot's outputs stand for the cluster they were recorded on.
    ...(snapshot ? { portability: { recorded: snapshot.documentedOn ?? {}, current: recordedCluster(snapshot), strict } } : {}),
  };
  // The verdict keeps the masked run: a report shows `<masked>`, never the value.
  return judgeNote(note, [recordedOutcomes(note, snapshot)], { compare, cwd, judge: judgeMasked(compare) });
}

/** The recorded run of every step a live run would have run, looked up in the note's order. */
function recordedOutcomes(note: Note, snapshot: Snapshot | undefined): StepOutcome[] {
  const recorded = snapshot ? recordedRuns(snapshot) : () => undefined;
  const unrecorded = snapshot ? 'no recorded run of this command (new or edited since the last live run)' : 'no snapshot of this note yet: run it live once';
  const outcomes: StepOutcome[] = [];
  for (const step of note.steps) {
    if (step.kind !== 'command' || verdictWithoutRun(step)) continue;
    const run = recorded(step);
    outcomes.push(run ? { step, run } : { step, unrecorded });
  }
  return outcomes;
}

export interface OfflineRun {
  settings: Pick<Settings, 'tolerances' | 'forNote'>;
  snapshotsDir: string;
  strict: boolean;
  startedAt: string;
  /** A snapshot that cannot be read is said as it is met, as well as on its note. */
  warn: (message: string) => void;
}

/**
 * `--offline`: every note against its snapshot. A corrupt snapshot fails its note only;
 * the header (said before the notes) names when the snapshots that could be read were recorded.
 */
export async function checkAllOffline(notes: Note[], run: OfflineRun, header: (info: RunInfo) => void): Promise<{ results: NoteResult[]; info: RunInfo }> {
  const recorded = notes.map((note) => (hasFailed(note) ? { snapshot: undefined } : readRecorded(snapshotPath(run.snapshotsDir, note.file), run.warn)));
  const info = offlineInfo(recorded.flatMap(({ snapshot }) => (snapshot ? [snapshot] : [])), run.startedAt);
  header(info);
  const results: NoteResult[] = [];
  for (const [i, note] of notes.entries()) {
    const { snapshot, problem } = recorded[i];
    if (hasFailed(note) || problem !== undefined) results.push(failedResult(note, problem));
    else results.push(await checkOffline(note, snapshot, run.settings.tolerances, run.settings.forNote(note.file).cwd, run.strict));
  }
  return { results, info };
}

function readRecorded(path: string, warn: (message: string) => void): { snapshot?: Snapshot; problem?: string } {
  try {
    return { snapshot: readSnapshot(path) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    warn(error.message);
    return { problem: error.message };
  }
}

function offlineInfo(recorded: Snapshot[], startedAt: string): RunInfo {
  const oldest = [...recorded].sort((a, b) => a.date.localeCompare(b.date))[0];
  const contexts = new Set(recorded.map((snapshot) => snapshot.context));
  return {
    mode: 'offline',
    ...(contexts.size === 1 ? { context: [...contexts][0] } : {}),
    versions: oldest ? { ...oldest.kubectl } : {},
    startedAt,
    ...(oldest ? { snapshotAt: oldest.date } : {}),
  };
}
