// How a line of a note's bash block says what it is: blank, comment, the `:'` markers
// of an output block, a skip directive, zsh's no-final-newline mark.

export const EXECUTED_LANGUAGES = new Set(['bash', 'sh', 'shell', 'zsh']);
export const YAML_LANGUAGES = new Set(['yaml', 'yml']);

export const isBlank = (line: string): boolean => line.trim() === '';
export const isComment = (line: string): boolean => line.trimStart().startsWith('#');
/** `:'` or `: '` alone on a line opens a no-op here-doc that holds output. */
export const opensOutputBlock = (line: string): boolean => line.includes(':') && /^:\s?'\s*$/.test(line.trim());
export const closesOutputBlock = (line: string): boolean => line.trim() === "'";

/** `# notes-run: skip [reason]` on the line before a command, or `<!-- notes-run: skip -->` before a block. */
export function skipDirective(text: string): string | undefined {
  if (!text.includes('notes-run')) return undefined;
  const match = /notes-run:\s*skip\b[\s:]*(.*?)\s*$/.exec(text.replace(/\s*-->\s*$/, ''));
  if (!match) return undefined;
  return match[1] === '' ? 'skipped by a notes-run: skip directive' : match[1];
}

/** Removes `#` and one following space. */
export function uncomment(line: string): string {
  const text = line.trimStart();
  if (!text.startsWith('#')) return text;
  return text.startsWith('# ') ? text.slice(2) : text.slice(1);
}

/**
 * zsh marks output that had no final newline with a `%` at the end of the last line.
 * A table header ending in a percent column (`kubectl top`: `CPU%`) is not that mark.
 */
export const endsWithZshMark = (line: string): boolean =>
  line.includes('%') && /%\s*$/.test(line) && !/^\s*%\s*$/.test(line) && !/(^|\s)[A-Z][A-Z()]*%\s*$/.test(line);
/**
 * The `%` ending `line` is zsh's mark rather than output: after output that may end
 * without a newline, or after anything but a number (`49%` from `kubectl top` is a value).
 */
export const endsWithZshMarkAfter = (line: string, withoutNewline: boolean): boolean =>
  endsWithZshMark(line) && (withoutNewline || !/\d%\s*$/.test(line));
export const dropZshMark = (line: string): string => line.replace(/%\s*$/, '');
