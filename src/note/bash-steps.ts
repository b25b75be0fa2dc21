// Splits the lines of one bash block into commands and the output documented under
// each (SPEC §1). Lines are addressed by index; `lineOf` maps an index to the note line.
import { parseAllDocuments } from 'yaml';
import type { DocumentedOutput, NoteMessage } from '../model.js';
import {
  closesOutputBlock,
  dropZshMark,
  endsWithZshMark,
  isBlank,
  isComment,
  isExit,
  listsEnvironment,
  opensInteractiveShell,
  opensOutputBlock,
  skipDirective,
  uncomment,
  withoutPrompt,
} from './dialect.js';
import { definedNames, startsLikeCommand, type RunnableCheck } from './runnable.js';
import { isComplete, scanLine, startScan } from './shell-scanner.js';

export interface ParsedCommand {
  line: number;
  command: string;
  output?: DocumentedOutput;
  skip?: string;
  problem?: string;
  /** Lines typed into the interactive session this command opens. */
  session?: ParsedCommand[];
  /** The session has no `exit` and nothing after it in this block: it goes on in the next. */
  sessionContinues?: boolean;
}

export interface BlockReader {
  lines: string[];
  lineOf: (index: number) => number;
  onPath: RunnableCheck;
  /** Functions and aliases the note has defined so far. */
  defined: Set<string>;
  messages: NoteMessage[];
}

export interface ReadResult {
  commands: ParsedCommand[];
  /** Index after the last line read. */
  next: number;
  /** An `exit` line ended the reading (only when reading a session). */
  exited: boolean;
}

/**
 * Reads commands from `from` on. With `untilExit`, stops after an `exit` line, which
 * ends an interactive session.
 */
export function readCommands(reader: BlockReader, from: number, options: { untilExit?: boolean } = {}): ReadResult {
  const { lines } = reader;
  const commands: ParsedCommand[] = [];
  let skip: string | undefined;
  let i = from;
  while (i < lines.length) {
    const line = withoutPrompt(lines[i], options.untilExit === true);
    if (isBlank(line)) {
      i++;
    } else if (opensOutputBlock(line)) {
      i = skipStrayOutputBlock(reader, i);
    } else if (isComment(line)) {
      skip = skipDirective(line) ?? skip;
      i++;
    } else if (!startsLikeCommand(line, reader.onPath, reader.defined)) {
      const word = line.trim().split(/\s+/, 1)[0];
      addMessage(reader, i, `\`${word}\` is not something the shell can run here and follows no command: read as text, not run`, 'hint');
      i++;
    } else {
      const parsed = readCommand(reader, i, line);
      if (options.untilExit && isExit(parsed.command.command)) {
        // What is documented under `exit` is what the session printed as it ended.
        commands.push(parsed.command);
        return { commands, next: parsed.next, exited: true };
      }
      if (skip) parsed.command.skip = skip;
      skip = undefined;
      commands.push(parsed.command);
      i = parsed.next;
      if (!options.untilExit && !parsed.command.problem && opensInteractiveShell(parsed.command.command)) {
        // The typed lines run to `exit`; without one, to the end of this block or, when
        // the session opens last in its block, on into the next block.
        const typed = readCommands(reader, i, { untilExit: true });
        parsed.command.session = typed.commands;
        parsed.command.sessionContinues = !typed.exited && typed.commands.length === 0;
        i = typed.next;
      }
    }
  }
  return { commands, next: i, exited: false };
}

/** Reads the command whose first line (its prompt removed) is `first`. */
function readCommand(reader: BlockReader, start: number, first: string): { command: ParsedCommand; next: number } {
  const { lines } = reader;
  const scan = startScan();
  scanLine(scan, first);
  let i = start + 1;
  while (!isComplete(scan) && i < lines.length) scanLine(scan, lines[i++]);
  const text = i === start + 1 ? first : [first, ...lines.slice(start + 1, i)].join('\n');
  for (const name of definedNames(text)) reader.defined.add(name);
  const command: ParsedCommand = { line: reader.lineOf(start), command: text };
  if (!isComplete(scan)) {
    command.problem = `the command starting here never ends (an unclosed quote, \`$(\`, here-document or \`${
      scan.compounds[0] ?? 'fi'
    }\`) before the end of its block`;
    addMessage(reader, start, command.problem, 'error');
    return { command, next: i };
  }
  const documented = readDocumentedOutput(reader, i, text);
  if (documented.output) command.output = documented.output;
  if (documented.problem) command.problem = documented.problem;
  return { command, next: documented.next };
}

interface OutputRead {
  output?: DocumentedOutput;
  problem?: string;
  next: number;
}

function readDocumentedOutput(reader: BlockReader, from: number, command: string): OutputRead {
  const { lines } = reader;
  // A `:'` block after the command is its output, even with comments or blank lines
  // between: those are the author's words about it.
  let next = from;
  while (next < lines.length && (isBlank(lines[next]) || (isComment(lines[next]) && !skipDirective(lines[next])))) next++;
  if (next < lines.length && opensOutputBlock(lines[next])) return readOutputBlock(reader, next);
  if (from < lines.length && isComment(lines[from]) && !skipDirective(lines[from])) return readCommentOutput(reader, from);
  if (from >= lines.length || isBlank(lines[from])) return { next: from };
  const looksLikeOutput = outputShape(reader, command);
  return looksLikeOutput(lines[from], false) ? readRawOutput(reader, from, looksLikeOutput) : { next: from };
}

/**
 * Whether a line under this command reads as its pasted output: it does not start like
 * a command, or it is a row of the table being pasted, or (under `printenv`/`env`) it is
 * one of the `NAME=value` lines such a command prints.
 */
function outputShape(reader: BlockReader, command: string): (line: string, inTable: boolean) => boolean {
  const environment = listsEnvironment(command);
  return (line, inTable) =>
    !isComment(line) &&
    !opensOutputBlock(line) &&
    (!startsLikeCommand(line, reader.onPath, reader.defined) ||
      (inTable && looksLikeTableRow(line)) ||
      (environment && /^[A-Za-z_][A-Za-z0-9_]*=/.test(line.trim())));
}

function readCommentOutput(reader: BlockReader, from: number): OutputRead {
  const { lines } = reader;
  const text: string[] = [];
  let i = from;
  while (i < lines.length && isComment(lines[i]) && !skipDirective(lines[i])) {
    text.push(uncomment(lines[i++]));
    if (endsWithZshMark(text[text.length - 1])) break;
  }
  return { output: documented(reader, text, 'comment', from, i - 1), next: i };
}

const UNCLOSED_OUTPUT_BLOCK = "output block opened with `:'` is never closed";

/** The line closing the `:'` block opened at `opener`; undefined (and an error) when none does. */
function closingLine(reader: BlockReader, opener: number): number | undefined {
  const close = reader.lines.findIndex((line, i) => i > opener && closesOutputBlock(line));
  if (close !== -1) return close;
  addMessage(reader, opener, UNCLOSED_OUTPUT_BLOCK, 'error');
  return undefined;
}

function readOutputBlock(reader: BlockReader, opener: number): OutputRead {
  const { lines } = reader;
  const close = closingLine(reader, opener);
  if (close === undefined) return { problem: UNCLOSED_OUTPUT_BLOCK, next: lines.length };
  return { output: documented(reader, lines.slice(opener + 1, close), 'heredoc', opener + 1, close - 1), next: close + 1 };
}

/** Output pasted under its command with no `#` and no `:'`, up to the next command. */
function readRawOutput(reader: BlockReader, from: number, isOutput: (line: string, inTable: boolean) => boolean): OutputRead {
  const { lines } = reader;
  const table = looksLikeTableHeader(lines[from]);
  let end = from;
  let i = from;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    if (!isOutput(lines[i], table)) break;
    end = ++i;
    if (endsWithZshMark(lines[end - 1])) break;
  }
  addMessage(reader, from, "output pasted without `#` or `:'`: read as the documented output of the command above", 'hint');
  return { output: documented(reader, lines.slice(from, end), 'raw', from, end - 1), next: end };
}

function looksLikeTableHeader(line: string): boolean {
  return /^[A-Z][A-Z0-9()-]*(\s{2,}[A-Z][A-Z0-9()/ -]*)+$/.test(line.trim());
}

function looksLikeTableRow(line: string): boolean {
  return line.trim().split(/\s{2,}/).length >= 3;
}

/** A `:'` block that follows no command is a comment written in shell: an annotation. */
function skipStrayOutputBlock(reader: BlockReader, opener: number): number {
  const close = closingLine(reader, opener);
  return close === undefined ? reader.lines.length : close + 1;
}

function documented(
  reader: BlockReader,
  text: string[],
  style: DocumentedOutput['style'],
  first: number,
  last: number,
): DocumentedOutput {
  // A zsh `%` on the last line marks output without a final newline; the readers stop there.
  const end = text.length - 1;
  const marked = end >= 0 && endsWithZshMark(text[end]);
  const lines = marked ? [...text.slice(0, end), dropZshMark(text[end])] : text;
  const output: DocumentedOutput = { text: lines.join('\n'), style, firstLine: reader.lineOf(first), lastLine: reader.lineOf(last) };
  if (marked) output.droppedZshMark = true;
  return output;
}

function addMessage(reader: BlockReader, index: number, message: string, severity: NoteMessage['severity']): void {
  const line = reader.lines[index] ?? '';
  reader.messages.push({ line: reader.lineOf(index), column: line.length - line.trimStart().length + 1, message, severity });
}

/** A bash block with lines but no command in them (a manifest under the wrong fence label). */
export function holdsNoCommand(reader: BlockReader): boolean {
  const content = reader.lines.filter((line) => !isBlank(line) && !isComment(line));
  if (content.length === 0) return false;
  return isManifest(reader.lines) || !content.some((line) => startsLikeCommand(line, reader.onPath, reader.defined));
}

/**
 * A Kubernetes manifest: every document a mapping with `apiVersion` and `kind`. Its block
 * scalars may hold lines that look like commands (`KEY=value`, JSON), so look at it whole.
 */
function isManifest(lines: string[]): boolean {
  const first = lines.find((line) => !isBlank(line) && !isComment(line)) ?? '';
  if (!/^(apiVersion|kind):|^---\s*$/.test(first)) return false;
  const documents = parseAllDocuments(lines.join('\n'));
  return (
    documents.length > 0 &&
    documents.every((document) => {
      const value = document.errors.length === 0 ? document.toJS() : undefined;
      return value === null || (typeof value === 'object' && 'apiVersion' in value && 'kind' in value);
    }) &&
    documents.some((document) => document.toJS() !== null)
  );
}
