// One rule for where a note's lines end, for the reader and for `--update` alike:
// CommonMark's, a line ends at `\n`, `\r\n` or a lone `\r`. Were they to disagree, a
// rewrite would splice by line numbers the reader never counted and overwrite a fence.

const LINE_BREAK = /(\r\n|\r|\n)/;

export interface NoteLines {
  lines: string[];
  /** The break after each line as written: `\n`, `\r\n`, `\r`, or '' after the last. */
  breaks: string[];
}

export function splitNoteLines(source: string): NoteLines {
  const parts = source.split(LINE_BREAK);
  const lines: string[] = [];
  const breaks: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    lines.push(parts[i]);
    breaks.push(parts[i + 1] ?? '');
  }
  return { lines, breaks };
}

export function joinNoteLines({ lines, breaks }: NoteLines): string {
  let text = '';
  for (let i = 0; i < lines.length; i++) text += lines[i] + (breaks[i] ?? '');
  return text;
}

/** The note's text as the parser reads it: every line break a `\n`. */
export function normalizedText(source: string): string {
  return source.includes('\r') ? splitNoteLines(source).lines.join('\n') : source;
}
