import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import { failedNote, hasFailed, unforeseenProblem } from '../check/failed-note.js';
import type { NotePlan } from '../plan/plan-note.js';
import type { Kubectl } from '../cluster/kubectl.js';
import type { Settings } from '../config/settings.js';
import type { LiveConnection } from '../live/connect-live.js';
import type { LiveOutcome } from '../live/run-live.js';
import type { CommandStep, Note, NoteResult, RunInfo } from '../model.js';
import { reporters } from '../report/reporters.js';
import { runHeader } from '../report/run-header.js';
import { exitCodeOf } from '../report/summary.js';
import { InputError } from '../errors.js';
import { checkOutputFile, checkSnapshotsFolder, checkWorkingDirectory } from './output-paths.js';
import { writeReportFile } from '../files/report-file.js';
import { Interruption } from './interruption.js';
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
  // Listening from the start: a Ctrl-C while the notes are read still ends in a cleanup and a report.
  const interruption = new Interruption(io.stderr);
  if (!options.offline && !options.plan) interruption.listen();
  const [{ loadConfig }, { resolveSettings }, { readNote: readNoteOrFailure }, { findNotes }, reporter] = await Promise.all([
    import('../config/load-config.js'),
    import('../config/settings.js'),
    import('../check/read-note.js'),
    import('./find-notes.js'),
    reporters[options.reporter](),
  ]);
  const settingsFor = async () => resolveSettings(options, await loadConfig(options.config, process.cwd()));
  if (options.paths.length === 1 && options.paths[0] === 'clean') return cleanUp(options, io, await settingsFor());
  const warn = (message: string) => io.stderr.write(`notes-run: warning: ${message}\n`);
  checkBeforeRunning(options, io);
  const files = await findNotes(options.paths, warn);
  const settings = await settingsFor();
  // A note that cannot be read is that note's failure: said now, reported with the others.
  const readNote = (file: string): Note => {
    const { note, problem } = readNoteOrFailure(file);
    if (problem !== undefined) io.stderr.write(`notes-run: ${problem}\n`);
    return note;
  };
  const readNotes = () => checkedSteps(files.map(readNote), options.steps);
  const snapshotsDir = options.snapshots === undefined ? undefined : resolve(options.snapshots);
  for (const file of files) checkWorkingDirectory(settings.forNote(file).cwd, file);
  if (options.outputFile) checkOutputFile(options.outputFile);
  if (!options.offline) {
    const { snapshotPath } = await import('../snapshot/snapshot.js');
    const folders = snapshotsDir ? [snapshotsDir] : files.map((file) => dirname(snapshotPath(undefined, file)));
    for (const folder of new Set(folders)) checkSnapshotsFolder(folder, options.snapshots);
  }
  // Notes are shown as they finish only to a reader of standard output; a report file gets them at the end.
  const notesShown = reporter.onNote !== undefined && !options.outputFile;
  const showNote = (result: NoteResult) => {
    if (notesShown) io.stdout.write(reporter.onNote?.(result, colors, options.view) ?? '');
  };
  const header = (info: RunInfo) => {
    if (options.view !== 'quiet') io.stderr.write(runHeader(info, new Date(), colors));
  };

  if (options.plan) return showPlan(readNotes(), settings, options, io, colors);
  if (options.offline && options.update) throw new InputError('--update rewrites notes from a live run; it cannot go with --offline');
  if (options.offline && (options.prepull || options.prepullOnly)) throw new InputError('prepull pulls images on the cluster; it cannot go with --offline');
  if (options.prepullOnly) return (await prepullLive(readNotes, { options, settings, io, colors, header, interruption, startedAt })) ? 0 : 1;
  let results: NoteResult[];
  let info: RunInfo;
  // Run namespaces still being deleted: the report does not wait for them, the exit does.
  let cleanup: Promise<void> = Promise.resolve();
  // Nobody reads the rest (`notes-run ... | head -1`): stop as on Ctrl-C, clean up, leave quietly.
  io.stdout.on('error', () => interruption.stop('EPIPE'));
  if (options.offline) {
    const { checkAllOffline } = await import('../check/check-offline.js');
    ({ results, info } = await checkAllOffline(readNotes(), { settings, snapshotsDir, strict: options.strict, startedAt, warn: (message) => io.stderr.write(`notes-run: ${message}\n`) }, header));
    results.forEach(showNote);
  } else {
    try {
      ({ results, info, cleanup } = await runLive(readNotes, { options, settings, snapshotsDir, io, colors, showNote, interruption, header, warn, startedAt }));
    } finally {
      // A second Ctrl-C while the namespaces are still being deleted is still heard.
      void cleanup.finally(() => interruption.close());
    }
  }
  if (interruption.reason === 'EPIPE') {
    await cleanup;
    return interruption.exitCode;
  }

  const elapsed = performance.now() - started;
  let reportLost = false;
  const setting = { info, view: options.view, notesShown };
  if (options.outputFile) {
    const report = reporter.onEnd(results, elapsed, pc.createColors(false), { ...setting, notesShown: false });
    const { humanSummary } = await import('../report/human-report.js');
    try {
      writeReportFile(options.outputFile, report);
      io.stderr.write(humanSummary(results, elapsed, colors));
    } catch (error) {
      // The disk filled during the run: the results are not lost with the file.
      io.stderr.write(`notes-run: could not write ${options.outputFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the report follows on standard output\n`);
      io.stdout.write(report);
      reportLost = true;
    }
  } else {
    io.stdout.write(reporter.onEnd(results, elapsed, colors, setting));
  }
  if (options.reporter === 'github' && io.env.GITHUB_STEP_SUMMARY) {
    const { githubStepSummary } = await import('../report/github-summary.js');
    const { appendFileSync } = await import('node:fs');
    try {
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, githubStepSummary(results, elapsed));
    } catch (error) {
      // The report above is whole: a summary that could not be added is said, not an internal error.
      io.stderr.write(`notes-run: warning: could not add the summary to ${io.env.GITHUB_STEP_SUMMARY} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    }
  }
  await cleanup;
  if (interruption.reason) {
    io.stderr.write('notes-run: interrupted; the steps that had run are reported above, everything the run started was stopped\n');
    return interruption.exitCode;
  }
  // A note that could not be read is an input error, as on a run of that note alone; the others were still checked.
  return reportLost || results.some(hasFailed) ? 2 : exitCodeOf(results, options.strict);
}

/** `--plan`: how each note is read, and nothing run; no cluster, no snapshot needed. */
async function showPlan(notes: Note[], settings: Settings, options: Options, io: Io, colors: Colors): Promise<number> {
  const [{ planNote }, { humanPlan, jsonPlan }, { findExecutable }] = await Promise.all([
    import('../plan/plan-note.js'),
    import('../plan/plan-report.js'),
    import('../run/find-executable.js'),
  ]);
  // kubectl comes from --kubectl or the PATH at run time; any other program must be installed.
  const missing = (step: CommandStep) =>
    step.needsProgram && step.needsProgram !== 'kubectl' && !findExecutable(step.needsProgram, io.env.PATH ?? '') ? `${step.needsProgram} is not installed` : undefined;
  const plans = notes.map((note): NotePlan => {
    try {
      return planNote(note, { skipReason: settings.skipReason, missing });
    } catch (error) {
      // One note the planner cannot follow is that note's failure; the others are still planned.
      const problem = unforeseenProblem(note.file, 1, error);
      io.stderr.write(`notes-run: ${problem}\n`);
      return { file: note.file, steps: [], messages: failedNote(note.file, problem).messages };
    }
  });
  const text = options.reporter === 'json' ? jsonPlan(plans) : plans.map((plan) => humanPlan(plan, colors)).join('\n');
  if (options.outputFile) writeReportFile(options.outputFile, text);
  else io.stdout.write(text);
  // A note that cannot be read as written (not UTF-8, too deep, a fence never closed) is an input error, as in a run.
  return plans.some((plan) => plan.messages.some((message) => message.severity === 'error')) ? 2 : 0;
}

/** `notes-run clean`: what crashed runs left on the current context. */
async function cleanUp(options: Options, io: Io, settings: Settings): Promise<number> {
  const [{ clean }, { kubectlOnPath }] = await Promise.all([import('./clean.js'), import('../cluster/kubectl-binary.js')]);
  const client: Kubectl = { binary: options.kubectl ? resolve(options.kubectl) : kubectlOnPath(io.env), env: { ...io.env } };
  return clean(client, options.context, settings.allowedContexts, options.all, (line) => io.stdout.write(`notes-run: ${line}\n`));
}

/** `notes-run prepull NOTE…`: connects as a live run does, pulls the notes' images, and says which failed and why. */
async function prepullLive(
  readNotes: () => Note[],
  live: { options: Options; settings: Settings; io: Io; colors: Colors; header: (info: RunInfo) => void; interruption: Interruption; startedAt: string },
): Promise<boolean> {
  const { options, settings, io } = live;
  const [{ prepull }, { connectLive }] = await Promise.all([import('./prepull.js'), import('../live/connect-live.js')]);
  let notes: Note[] = [];
  const connection = connectLive(
    { kubectl: options.kubectl, context: options.context, allowedContexts: settings.allowedContexts, env: io.env, startedAt: live.startedAt },
    () => (notes = readNotes()),
  );
  live.header(await connection.info);
  const readable = notes.filter((note) => !hasFailed(note));
  // Ctrl-C stops the polling; the scratch namespace is still deleted.
  const pulled = await prepull(readable, { settings, client: connection.client, target: connection.target, colors: live.colors, write: (text) => io.stdout.write(text), signal: live.interruption.signal });
  return pulled && readable.length === notes.length;
}

interface LiveContext {
  options: Options;
  settings: Settings;
  snapshotsDir: string | undefined;
  io: Io;
  colors: Colors;
  showNote: (result: NoteResult) => void;
  interruption: Interruption;
  header: (info: RunInfo) => void;
  warn: (message: string) => void;
  startedAt: string;
}

/** A live run wired to the terminal: the progress line, `--prepull`'s lines and `--update -i`'s questions on stderr. */
async function runLive(readNotes: () => Note[], live: LiveContext): Promise<LiveOutcome> {
  const { options, settings, io } = live;
  // Loaded only for a live run: an offline check (the pre-commit hook) must start fast.
  const [{ runLive: run }, { Progress }, { askBeforeUpdate }] = await Promise.all([import('../live/run-live.js'), import('./progress.js'), import('./ask-update.js')]);
  const progress = new Progress(io.stderr, io.env);
  const asking = options.update && options.interactive ? askBeforeUpdate(io.stdin, io.stderr, live.colors, progress) : undefined;
  const prepulling = async (notes: Note[], { client, target }: LiveConnection) => {
    const { prepull } = await import('./prepull.js');
    await prepull(notes, { settings, client, target, colors: live.colors, write: (text) => io.stderr.write(text), signal: live.interruption.signal });
  };
  try {
    return await run(
      { options, settings, snapshotsDir: live.snapshotsDir, env: io.env, startedAt: live.startedAt, signal: live.interruption.signal, readNotes },
      {
        // Versions come while the first steps run: the header is said with the progress line out of its way.
        header: (info) => {
          progress.pause();
          live.header(info);
          progress.resume();
        },
        ...(options.prepull ? { beforeNotes: prepulling } : {}),
        progress,
        noteDone: live.showNote,
        warn: live.warn,
        ...(asking ? { confirm: asking.confirm } : {}),
      },
    );
  } finally {
    asking?.close();
    progress.clear();
  }
}
