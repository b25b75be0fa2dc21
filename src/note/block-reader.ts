// What every reader of a bash block's lines shares: the lines, where they sit in the
// note, what the note has defined and on which machine it was written, and how a
// reader reports a problem or records a documented output.
import type { DocumentedOutput, NoteMessage } from '../model.js';
import { dropZshMark } from './syntax.js';

/** What the note's prompts have said so far about the machines it was typed on. */
export interface NoteMachines {
  /** The machine the note's own prompts name (`controlplane` in `controlplane $ `): lines at another machine's prompt are typed there. */
  home?: string;
  /** Machines the note opened a shell on (`ssh node01`): a prompt naming one is that machine's. */
  remote: Set<string>;
}

export interface BlockReader {
  lines: string[];
  lineOf: (index: number) => number;
  /** Functions and aliases the note has defined so far. */
  defined: Set<string>;
  messages: NoteMessage[];
  /** The block writes its commands after prompts: a line without one is never a command. */
  prompted: boolean;
  machines: NoteMachines;
}

export function addMessage(reader: BlockReader, index: number, message: string, severity: NoteMessage['severity']): void {
  const line = reader.lines[index] ?? '';
  reader.messages.push({ line: reader.lineOf(index), column: line.length - line.trimStart().length + 1, message, severity });
}

/** The output documented on lines `first`..`last` of the block; `zshMark` when its last line ends in zsh's `%`. */
export function documented(reader: BlockReader, text: string[], style: DocumentedOutput['style'], first: number, last: number, zshMark = false): DocumentedOutput {
  // A zsh `%` on the last line marks output without a final newline; the readers stop there.
  const end = text.length - 1;
  const marked = zshMark && end >= 0;
  const lines = marked ? [...text.slice(0, end), dropZshMark(text[end])] : text;
  const output: DocumentedOutput = { text: lines.join('\n'), style, firstLine: reader.lineOf(first), lastLine: reader.lineOf(last) };
  if (marked) output.droppedZshMark = true;
  return output;
}
