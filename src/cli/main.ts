import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import type { Kubectl } from '../cluster/kubectl.js';
import type { Settings } from '../config/settings.js';
import type { Note, NoteResult, RunInfo } from '../model.js';
import { humanNoteReport, humanSummary } from '../report/human-report.js';
import { finalReport } from '../report/render.js';
import { runHeader } from '../report/run-header.js';
import { exitCodeOf } from '../report/summary.js';
import { findNotes } from './find-notes.js';
import { InputError } from './input-error.js';
import { parseOptions, USAGE, type Options } from './options.js';
import { checkBeforeRunning, checkedSteps } from './usage-checks.js';
import { VERSION } from './version.js';

// The stages (Markdown parsing, YAML, diffs, the cluster) are imported once the options
// say they are needed: `--help` and `-v` print at once, `--offline` loads no cluster code.

export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(parseOptions(argv), io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`notes-run: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`notes-run: internal error: ${(error as Error).message}\n`);
    if (io.env.NOTES_RUN_DEBUG) io.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}

async function run(options: Options, io: Io): Promise<number> {
  if (options.help) return (io.stdout.write(USAGE), 0);
  if (options.version) return (io.stdout.write(`notes-run ${VERSION}\n`), 0);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const colors = pc.createColors(options.color ?? (io.stdout.isTTY === true && !io.env.NO_COLOR));
  const warn = (message: string) => io.stderr.write(`notes-run: warning: ${message}\n`);
  checkBeforeRunning(options, io);
  const files = await findNotes(options.paths, warn);
  const [{ loadConfig }, { resolveSettings }, { parseNote }, { readNoteFile }, snapshots] = await Promise.all([
    import('../config/load-config.js'),
    import('../config/settings.js'),
    import('../note/parse-note.js'),
    import('../note/read-note-file.js'),
    import('../snapshot/snapshot.js'),
  ]);
  const settings = resolveSettings(options, await loadConfig(options.config, process.cwd()));
  const readNotes = () => checkedSteps(files.map((file) => parseNote(file, readNoteFile(file))), options.steps);
  const snapshotsDir = resolve(options.snapshots ?? 'snapshots');
  const human = options.reporter === 'human' && !options.outputFile;
  const showNote = (result: NoteResult) => {
    if (human) io.stdout.write(humanNoteReport(result, colors, options.view));
  };
  const header = (info: RunInfo) => {
    if (options.view !== 'quiet') io.stderr.write(runHeader(info, new Date(), colors));
  };

  let results: NoteResult[];
  let info: RunInfo;
  let interrupted = false;
  if (options.offline) {
    const { checkOffline } = await import('../check/check-offline.js');
    const notes = await readNotes();
    const recorded = notes.map((note) => snapshots.readSnapshot(snapshots.snapshotPath(snapshotsDir, note.file)));
    info = offlineInfo(recorded.filter((snapshot) => snapshot !== undefined), startedAt);
    header(info);
    results = notes.map((note, i) => checkOffline(note, recorded[i], settings.tolerances, settings.forNote(note.file).cwd));
    results.forEach(showNote);
  } else {
    ({ results, interrupted, info } = await runLive(readNotes, { options, settings, snapshotsDir, io, colors, showNote, header, warn, startedAt }));
  }

  const elapsed = performance.now() - started;
  const report = { info, view: options.view, notesShown: human };
  if (options.outputFile) {
    writeFileSync(options.outputFile, finalReport(options.reporter, results, elapsed, pc.createColors(false), { ...report, notesShown: false }));
    io.stderr.write(humanSummary(results, elapsed, colors));
  } else {
    io.stdout.write(finalReport(options.reporter, results, elapsed, colors, report));
  }
  if (options.reporter === 'github' && io.env.GITHUB_STEP_SUMMARY) {
    const { githubStepSummary } = await import('../report/github-summary.js');
    const { appendFileSync } = await import('node:fs');
    appendFileSync(io.env.GITHUB_STEP_SUMMARY, githubStepSummary(results, elapsed));
  }
  if (interrupted) {
    io.stderr.write('notes-run: interrupted; the steps that had run are reported above, everything the run started was stopped\n');
    return 130;
  }
  return exitCodeOf(results);
}

function offlineInfo(recorded: { date: string; context: string; kubectl: { client?: string; server?: string } }[], startedAt: string): RunInfo {
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

interface LiveContext {
  options: Options;
  settings: Settings;
  snapshotsDir: string;
  io: Io;
  colors: Colors;
  showNote: (result: NoteResult) => void;
  header: (info: RunInfo) => void;
  warn: (message: string) => void;
  startedAt: string;
}

/** Connects to the cluster, runs the notes (`--jobs` at a time) and stops everything on Ctrl-C. */
async function runLive(readNotes: () => Promise<Note[]>, live: LiveContext): Promise<{ results: NoteResult[]; interrupted: boolean; info: RunInfo }> {
  const { options, settings, io, warn } = live;
  const [{ checkLive }, { connect }, { kubectlOnPath }, { Progress }, { eachWithJobs }, { askBeforeUpdate }] = await Promise.all([
    import('./check-live.js'),
    import('../cluster/prepare-cluster.js'),
    import('../cluster/kubectl-binary.js'),
    import('./progress.js'),
    import('./with-jobs.js'),
    import('./ask-update.js'),
  ]);
  const client: Kubectl = { binary: options.kubectl ? resolve(options.kubectl) : kubectlOnPath(io.env), env: { ...io.env } };
  // The notes are parsed while kubectl asks the cluster for its version.
  let reading: Promise<Note[]> = Promise.resolve([]);
  const target = await connect(client, options.context, settings.allowedContexts, () => void (reading = readNotes()).catch(() => undefined));
  const notes = await reading;
  const info: RunInfo = { mode: 'live', context: target.context, versions: { client: target.clientVersion, server: target.serverVersion }, startedAt: live.startedAt };
  live.header(info);
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const progress = new Progress(io.stderr, io.env);
  const asking = options.update && options.interactive ? askBeforeUpdate(io.stdin, io.stderr, live.colors, progress) : undefined;
  const results: NoteResult[] = [];
  try {
    await eachWithJobs(notes, options.jobs, async (note, stop) => {
      const result = await checkLive(note, {
        options,
        settings,
        client,
        target,
        snapshotsDir: live.snapshotsDir,
        progress,
        signal: abort.signal,
        env: io.env,
        warn,
        ...(asking ? { confirm: asking.confirm } : {}),
      });
      progress.done(note.file);
      results.push(result);
      live.showNote(result);
      if (options.bail && result.status !== 'fresh') stop();
    });
  } finally {
    asking?.close();
    progress.clear();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  const order = new Map(notes.map((note, i) => [note.file, i]));
  results.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  return { results, interrupted: abort.signal.aborted, info };
}
