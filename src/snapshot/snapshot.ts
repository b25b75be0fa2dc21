import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import { writeAtomically } from '../files/atomic-write.js';
import { linkOutOf } from '../files/inside-folder.js';
import type { ClusterEnvironment, CommandStep, NoteResult, StepRun } from '../model.js';
import { maskCommandOutput } from '../secrets/reveals-secret.js';
import { snapshotText } from './snapshot-text.js';

// A snapshot is what a live run of one note saw, kept as YAML with block scalars so a
// `git diff` of two runs reads like the outputs themselves.

/**
 * A step's run as the file keeps it: the run itself (read back as a `StepRun`), with the
 * command it belongs to and flags written only when set. What a run says only about its
 * moment (attempts, the cluster's diagnosis) is not kept.
 */
export type SnapshotStep = { line: number; command: string } & Pick<StepRun, 'exitCode' | 'durationMs' | 'output' | 'sessionOutputs'> &
  Partial<Pick<StepRun, 'stopped' | 'timedOut'>>;

export interface Snapshot {
  note: string;
  date: string;
  context: string;
  namespace: string;
  kubectl: { client?: string; server?: string };
  /** The cluster this run saw: flavour, nodes, versions. */
  cluster?: ClusterEnvironment;
  /**
   * Where the note's documented outputs are known to come from: the cluster of the last
   * `--update=all`, carried from snapshot to snapshot. Absent: unknown (written by hand).
   */
  documentedOn?: ClusterEnvironment;
  steps: SnapshotStep[];
}

/** `snapshots/notes/ch3.md.yaml` for `notes/ch3.md`, mirroring the note's path from the run directory. */
export function snapshotPath(snapshotsDir: string, noteFile: string): string {
  const fromHere = relative(process.cwd(), resolve(noteFile));
  const safe = fromHere.startsWith('..') ? resolve(noteFile).replace(/^\/+/, '') : fromHere;
  return join(snapshotsDir, `${safe}.yaml`);
}

export function snapshotOf(result: NoteResult, about: Omit<Snapshot, 'steps' | 'note' | 'date'>): Snapshot {
  const steps: SnapshotStep[] = [];
  for (const verdict of result.verdicts) {
    if (verdict.step.kind !== 'command' || !verdict.run) continue;
    steps.push(stepOf(verdict.step, verdict.run));
  }
  return { note: result.file, date: new Date().toISOString(), ...about, steps };
}

function stepOf(step: CommandStep, run: StepRun): SnapshotStep {
  return {
    line: step.line,
    command: step.command,
    exitCode: run.exitCode,
    durationMs: Math.round(run.durationMs),
    // A snapshot is committed: credentials a step printed are not.
    output: maskCommandOutput(step.facts, run.output),
    // A session's first piece is what the step's own command printed; each next one, a typed line's.
    ...(run.sessionOutputs
      ? { sessionOutputs: run.sessionOutputs.map((piece, i) => maskCommandOutput(i === 0 ? step.facts : step.session?.[i - 1]?.facts, piece)) }
      : {}),
    ...(run.stopped ? { stopped: true } : {}),
    ...(run.timedOut ? { timedOut: true } : {}),
  };
}

/** Writes a note's snapshot, never through a symbolic link that leads out of the snapshots folder. */
export function writeSnapshot(path: string, snapshot: Snapshot, snapshotsDir: string): void {
  const escape = linkOutOf(snapshotsDir, path, 'the snapshots folder');
  if (escape) throw new Error(escape);
  mkdirSync(dirname(path), { recursive: true });
  writeAtomically(path, snapshotText(snapshot), { linkedInPlace: false });
}

/** A snapshot file's text, or undefined when the note has none yet. */
function textOf(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function readSnapshot(path: string): Snapshot | undefined {
  const text = textOf(path);
  if (text === undefined) return undefined;
  try {
    const snapshot = parse(text) as Snapshot;
    if (!Array.isArray(snapshot?.steps)) throw new Error('no steps');
    snapshot.steps.forEach(checkStep);
    return snapshot;
  } catch (error) {
    throw new InputError(`${path}: not a notes-run snapshot (${(error as Error).message.split('\n')[0]})`);
  }
}

/** A recorded step holds what a run produces, of the types a run produces them in. */
function checkStep(step: unknown, i: number): void {
  const entry = step as Record<string, unknown> | null;
  const wrong = (field: string, kind: string) => new Error(`steps[${i}].${field} must be ${kind}`);
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new Error(`steps[${i}] must be a mapping`);
  if (!Number.isInteger(entry.line)) throw wrong('line', 'a line number');
  if (typeof entry.command !== 'string') throw wrong('command', 'text');
  if (typeof entry.output !== 'string') throw wrong('output', 'text');
  if (entry.exitCode !== null && !Number.isInteger(entry.exitCode)) throw wrong('exitCode', 'a whole number or null');
  if (entry.durationMs !== undefined && typeof entry.durationMs !== 'number') throw wrong('durationMs', 'a number');
  if (entry.sessionOutputs !== undefined && !(Array.isArray(entry.sessionOutputs) && entry.sessionOutputs.every((piece) => typeof piece === 'string'))) {
    throw wrong('sessionOutputs', 'a list of texts');
  }
  for (const flag of ['stopped', 'timedOut']) if (entry[flag] !== undefined && typeof entry[flag] !== 'boolean') throw wrong(flag, 'true or false');
}

/**
 * Finds the recorded run of each step by its command text; a command that occurs
 * several times is matched by occurrence. Lines move when a note is edited, commands don't.
 * What comes back is a run like a live one, so judging cannot tell them apart; fields
 * older snapshots did not keep read as a plain run.
 */
export function recordedRuns(snapshot: Snapshot): (step: CommandStep) => StepRun | undefined {
  const byCommand = new Map<string, SnapshotStep[]>();
  for (const step of snapshot.steps) byCommand.set(step.command, [...(byCommand.get(step.command) ?? []), step]);
  const seen = new Map<string, number>();
  return (step) => {
    const n = seen.get(step.command) ?? 0;
    seen.set(step.command, n + 1);
    const entry = byCommand.get(step.command)?.[n];
    return entry && runOf(entry);
  };
}

function runOf(entry: SnapshotStep): StepRun {
  return {
    output: entry.output,
    exitCode: entry.exitCode,
    durationMs: entry.durationMs,
    timedOut: entry.timedOut ?? false,
    stopped: entry.stopped ?? false,
    attempts: 1,
    ...(entry.sessionOutputs ? { sessionOutputs: entry.sessionOutputs } : {}),
  };
}

/** Reads a snapshot for what it says about the note; a missing or unreadable one says nothing. */
export function readSnapshotQuietly(path: string): Snapshot | undefined {
  try {
    return readSnapshot(path);
  } catch {
    return undefined;
  }
}

/**
 * Where the note's outputs were documented, as its last snapshot says, or undefined. A
 * live run needs only this from the old snapshot: the header above `steps:` is parsed,
 * not the steps (a note of 500 steps paid for parsing all of them on every run).
 */
export function documentedOnOf(path: string): ClusterEnvironment | undefined {
  const text = textOf(path);
  if (text === undefined) return undefined;
  const steps = text.search(/^steps:/m);
  try {
    const header = parse(steps < 0 ? text : text.slice(0, steps)) as Partial<Snapshot> | null;
    if (header?.documentedOn !== undefined || steps < 0 || !/^documentedOn:/m.test(text.slice(steps))) return header?.documentedOn ?? undefined;
    // Written by hand below the steps: read it the long way.
    return readSnapshotQuietly(path)?.documentedOn;
  } catch {
    return undefined;
  }
}

/** The cluster a snapshot's outputs were recorded on; older snapshots knew only the versions. */
export function recordedCluster(snapshot: Snapshot): ClusterEnvironment {
  return snapshot.cluster ?? { ...(snapshot.kubectl?.client ? { client: snapshot.kubectl.client } : {}), ...(snapshot.kubectl?.server ? { server: snapshot.kubectl.server } : {}) };
}
