import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { checkNote } from '../check/check-note.js';
import { kubectlOnPath, shimDirectory } from '../cluster/kubectl-binary.js';
import { type Kubectl } from '../cluster/kubectl.js';
import { connect, isolate, pinnedKubeconfig, type ClusterTarget } from '../cluster/prepare-cluster.js';
import { builtinTolerances } from '../compare/tolerances/registry.js';
import type { Note, NoteResult } from '../model.js';
import { parseNote } from '../note/parse-note.js';
import { readNoteFile } from '../note/read-note-file.js';
import { humanNoteReport, humanSummary } from '../report/human-report.js';
import { jsonReport } from '../report/json-report.js';
import { exitCodeOf } from '../report/summary.js';
import { findNotes } from './find-notes.js';
import { InputError } from './input-error.js';
import { parseOptions, USAGE, type Options } from './options.js';
import { Progress } from './progress.js';
import { VERSION } from './version.js';

export interface Io {
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
  const colorOn = options.color ?? (io.stdout.isTTY === true && !io.env.NO_COLOR);
  const colors = pc.createColors(colorOn);
  const notes = findNotes(options.paths).map((file) => parseNote(file, readNoteFile(file)));

  const client: Kubectl = { binary: options.kubectl ? resolve(options.kubectl) : kubectlOnPath(io.env), env: { ...io.env } };
  const target = await connect(client, options.context, []);
  io.stderr.write(colors.dim(`notes-run: kube context ${target.context}${target.serverVersion ? ` (server ${target.serverVersion})` : ''}\n`));

  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const progress = new Progress(io.stderr, io.env);
  const results: NoteResult[] = [];
  try {
    for (const note of notes) {
      if (abort.signal.aborted) break;
      const result = await checkLive(note, options, client, target, io, progress, abort.signal);
      results.push(result);
      progress.clear();
      if (options.reporter === 'human') io.stdout.write(humanNoteReport(result, colors));
      if (options.bail && result.status !== 'fresh') break;
    }
  } finally {
    progress.clear();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  const elapsed = performance.now() - started;
  writeReport(options, io, results, elapsed, colors);
  if (abort.signal.aborted) {
    io.stderr.write('notes-run: interrupted; everything the run started was stopped and its namespaces deleted\n');
    return 130;
  }
  return exitCodeOf(results);
}

async function checkLive(
  note: Note,
  options: Options,
  client: Kubectl,
  target: ClusterTarget,
  io: Io,
  progress: Progress,
  signal: AbortSignal,
): Promise<NoteResult> {
  const isolated = options.namespace === undefined;
  const space = isolated
    ? await isolate(client, target, note.file)
    : await pinnedKubeconfig(client, target.context, options.namespace).then((pinned) => ({
        name: options.namespace!,
        kubeconfig: pinned.path,
        release: async () => pinned.remove(),
      }));
  try {
    return await checkNote(note, {
      cwd: resolve(options.cwd ?? dirname(note.file)),
      env: shellEnvironment(io.env, client, space.kubeconfig),
      stepTimeoutMs: options.stepTimeoutMs,
      noteTimeoutMs: options.noteTimeoutMs,
      graceMs: options.graceMs,
      convergeMs: options.convergeMs,
      signal,
      compare: { tolerances: builtinTolerances, namespace: space.name },
      onStepStart: (step) => progress.step(note.file, step),
    });
  } finally {
    await space.release(options.keep);
  }
}

/** The note's shell: UTF-8 so Korean output survives, no colour, no pager, our KUBECONFIG. */
function shellEnvironment(env: NodeJS.ProcessEnv, client: Kubectl, kubeconfig: string | undefined): Record<string, string | undefined> {
  return {
    ...env,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    NO_COLOR: '1',
    TERM: 'dumb',
    PAGER: 'cat',
    KUBECTL_EXTERNAL_DIFF: undefined,
    PATH: `${shimDirectory(client.binary)}:${env.PATH ?? ''}`,
    ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}),
  };
}

function writeReport(options: Options, io: Io, results: NoteResult[], elapsed: number, colors: ReturnType<typeof pc.createColors>): void {
  let text: string;
  if (options.reporter === 'json') text = jsonReport(results, elapsed);
  else text = humanSummary(results, elapsed, colors);
  if (options.outputFile) writeFileSync(options.outputFile, text);
  else io.stdout.write(text);
}

