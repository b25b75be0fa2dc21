import type { Colors } from 'picocolors/types.js';
import type { Settings } from '../config/settings.js';
import type { Note } from '../model.js';
import { noteImages } from '../prepull/note-images.js';
import { pullImages, type PullOutcome } from '../prepull/pull-images.js';
import type { Kubectl } from '../cluster/kubectl.js';
import type { ClusterTarget } from '../cluster/prepare-cluster.js';

export interface PrepullRun {
  settings: Settings;
  client: Kubectl;
  target: ClusterTarget;
  colors: Colors;
  /** Where the lines go: stdout for `notes-run prepull`, stderr before a `--prepull` run's report. */
  write: (text: string) => void;
  signal?: AbortSignal;
}

/**
 * `notes-run prepull NOTE…` (and `--prepull`): pulls the images the notes will need, once,
 * saying each as it is pulled or refused. True when every image is on the cluster.
 */
export async function prepull(notes: Note[], run: PrepullRun): Promise<boolean> {
  const { colors: c, write } = run;
  const images = [...new Set(notes.flatMap((note) => noteImages(note, run.settings.forNote(note.file).cwd)))];
  const noun = (n: number) => `${n} ${n === 1 ? 'image' : 'images'}`;
  if (images.length === 0) {
    write(`prepull: the notes apply no image\n`);
    return true;
  }
  write(`prepull: ${noun(images.length)} for ${notes.map((note) => note.file).join(', ')}\n`);
  const started = performance.now();
  const outcomes = await pullImages(images, {
    client: run.client,
    contextArgs: run.target.contextArgs,
    timeoutMs: run.settings.pullTimeoutMs,
    onOutcome: (outcome) => write(outcomeLines(outcome, c)),
    ...(run.signal ? { signal: run.signal } : {}),
  });
  const failed = outcomes.filter((outcome) => !outcome.pulled);
  const pulled = outcomes.length - failed.length;
  const parts = [pulled > 0 && c.green(`${noun(pulled)} pulled`), failed.length > 0 && c.red(`${failed.length} failed`)].filter(Boolean);
  write(`${parts.join(', ')} · ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return failed.length === 0;
}

function outcomeLines(outcome: PullOutcome, c: Colors): string {
  if (outcome.pulled) return `  ${c.green('✓')} ${outcome.image} ${c.dim(`pulled in ${outcome.seconds.toFixed(1)} s`)}\n`;
  const lines = [`  ${c.red('✗')} ${outcome.image} ${c.red(outcome.reason ?? 'failed')}`];
  if (outcome.message) lines.push(`      ${outcome.message}`);
  return lines.join('\n') + '\n';
}
