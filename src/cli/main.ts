import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import { checkOffline } from '../check/check-offline.js';
import { askBeforeUpdate } from './ask-update.js';
import type { Kubectl } from '../cluster/kubectl.js';
import { loadConfig } from '../config/load-config.js';
import { resolveSettings, type Settings } from '../config/settings.js';
import type { Note, NoteResult } from '../model.js';
import { parseNote } from '../note/parse-note.js';
import { readNoteFile } from '../note/read-note-file.js';
import { humanNoteReport, humanSummary } from '../report/human-report.js';
import { finalReport } from '../report/render.js';
import { exitCodeOf } from '../report/summary.js';
import { readSnapshot, snapshotPath } from '../snapshot/snapshot.js';
import { findNotes } from './find-notes.js';
import { InputError } from './input-error.js';
import { parseOptions, USAGE, type Options } from './options.js';
import { Progress } from './progress.js';
import { eachWithJobs } from './with-jobs.js';
import { VERSION } from './version.js';

export interface Io {
  stdin: NodeJS.ReadableStream;
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
  const colors = pc.createColors(options.color ?? (io.stdout.isTTY === true && !io.env.NO_COLOR));
  const files = await findNotes(options.paths);
  const settings = resolveSettings(options, await loadConfig(options.config, process.cwd()));
  const readNotes = () => files.map((file) => parseNote(file, readNoteFile(file)));
  const snapshotsDir = resolve(options.snapshots ?? 'snapshots');
  const showNote = (result: NoteResult) => {
    if (options.reporter === 'human' && !options.outputFile) io.stdout.write(humanNoteReport(result, colors));
  };

  if (options.offline && options.update) throw new InputError('--update rewrites notes from a live run; it cannot go with --offline');
  if (options.offline && (options.prepull || options.prepullOnly)) throw new InputError('prepull pulls images on the cluster; it cannot go with --offline');
  if (options.prepullOnly) return (await prepullLive(readNotes, { options, settings, snapshotsDir, io, colors, showNote })) ? 0 : 1;
  let results: NoteResult[];
  let interrupted = false;
  if (options.offline) {
    results = readNotes().map((note) => checkOffline(note, readSnapshot(snapshotPath(snapshotsDir, note.file)), settings.tolerances, settings.forNote(note.file).cwd));
    results.forEach(showNote);
  } else {
    ({ results, interrupted } = await runLive(readNotes, { options, settings, snapshotsDir, io, colors, showNote }));
  }

  const elapsed = performance.now() - started;
  if (options.outputFile) {
    writeFileSync(options.outputFile, finalReport(options.reporter, results, elapsed, pc.createColors(false), false));
    io.stderr.write(humanSummary(results, elapsed, colors));
  } else {
    io.stdout.write(finalReport(options.reporter, results, elapsed, colors, options.reporter === 'human'));
  }
  if (interrupted) {
    io.stderr.write('notes-run: interrupted; the steps that had run are reported above, everything the run started was stopped\n');
    return 130;
  }
  return exitCodeOf(results);
}

interface LiveContext {
  options: Options;
  settings: Settings;
  snapshotsDir: string;
  io: Io;
  colors: Colors;
  showNote: (result: NoteResult) => void;
}

/** `notes-run prepull NOTE…`: connects, pulls the notes' images, and says which failed and why. */
async function prepullLive(readNotes: () => Note[], live: LiveContext): Promise<boolean> {
  const { options, settings, io } = live;
  const [{ prepull }, { connect }, { kubectlOnPath }] = await Promise.all([import('./prepull.js'), import('../cluster/prepare-cluster.js'), import('../cluster/kubectl-binary.js')]);
  const client: Kubectl = { binary: options.kubectl ? resolve(options.kubectl) : kubectlOnPath(io.env), env: { ...io.env } };
  let notes: Note[] = [];
  const target = await connect(client, options.context, settings.allowedContexts, () => (notes = readNotes()));
  io.stderr.write(live.colors.dim(`notes-run: kube context ${target.context}${target.serverVersion ? ` (server ${target.serverVersion})` : ''}\n`));
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await prepull(notes, { settings, client, target, colors: live.colors, write: (text) => io.stdout.write(text), signal: abort.signal });
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

/** Connects to the cluster, runs the notes (`--jobs` at a time) and stops everything on Ctrl-C. */
async function runLive(readNotes: () => Note[], live: LiveContext): Promise<{ results: NoteResult[]; interrupted: boolean }> {
  const { options, settings, io } = live;
  // Loaded only for a live run: an offline check (the pre-commit hook) must start fast.
  const [{ checkLive }, { connect }, { kubectlOnPath }] = await Promise.all([
    import('./check-live.js'),
    import('../cluster/prepare-cluster.js'),
    import('../cluster/kubectl-binary.js'),
  ]);
  const client: Kubectl = { binary: options.kubectl ? resolve(options.kubectl) : kubectlOnPath(io.env), env: { ...io.env } };
  // The notes are parsed while kubectl asks the cluster for its version.
  let notes: Note[] = [];
  const target = await connect(client, options.context, settings.allowedContexts, () => (notes = readNotes()));
  io.stderr.write(live.colors.dim(`notes-run: kube context ${target.context}${target.serverVersion ? ` (server ${target.serverVersion})` : ''}\n`));
  if (options.prepull) {
    const { prepull } = await import('./prepull.js');
    await prepull(notes, { settings, client, target, colors: live.colors, write: (text) => io.stderr.write(text) });
  }
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const progress = new Progress(io.stderr, io.env);
  const warn = (message: string) => io.stderr.write(`notes-run: warning: ${message}\n`);
  const asking = options.update && options.interactive ? askBeforeUpdate(io.stdin, io.stderr, live.colors) : undefined;
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
  return { results, interrupted: abort.signal.aborted };
}
