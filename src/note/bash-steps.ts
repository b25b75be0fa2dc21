// Splits the lines of one bash block into commands and the output documented under
// each (SPEC §1). Lines are addressed by index; `lineOf` maps an index to the note line.
// When in doubt a line is not run: only what reads as a command at the place it stands
// becomes one.
import { parseAllDocuments } from 'yaml';
import type { CommandFacts, DocumentedOutput, RemoteShell } from '../model.js';
import { addMessage, documented, type BlockReader } from './block-reader.js';
import { readDatabaseLines, readTypedAtPrompt } from './database-prompts.js';
import { describeCommand } from './command/describe-command.js';
import { startsWithSessionOpener } from './command/first-program.js';
import { isPromptHeader, promptOf, type Prompt } from './prompts.js';
import { introducesOutput, printsProse, readsAsRemark, readsAsSentence } from './remarks.js';
import { startsLikeCommand } from './runnable.js';
import { isComplete, scanLine, startScan } from './shell-scanner.js';
import {
  closesOutputBlock,
  endsWithZshMarkAfter,
  isBlank,
  isComment,
  opensOutputBlock,
  skipDirective,
  uncomment,
} from './syntax.js';

export interface ParsedCommand {
  line: number;
  command: string;
  facts: CommandFacts;
  output?: DocumentedOutput;
  skip?: string;
  problem?: string;
  /** Lines typed into the interactive session this command opens. */
  session?: ParsedCommand[];
  /** The session has no `exit` and nothing after it in this block: it goes on in the next. */
  sessionContinues?: boolean;
  /** Note lines of an editor buffer shown under `kubectl edit`: neither output nor commands. */
  editorBuffer?: [number, number];
  /** The other machine it is typed on: never run here. */
  host?: string;
}


export type { BlockReader } from './block-reader.js';

export interface ReadResult {
  commands: ParsedCommand[];
  /** Index after the last line read. */
  next: number;
  /** An `exit` line ended the reading (only when reading a session). */
  exited: boolean;
  /** A shell on another machine is still open at the end of the block: the next blocks are typed there too. */
  openRemote?: RemoteShell;
  /** The prompt that shell was opened at. */
  openRemoteAt?: Prompt;
}

export interface SessionState {
  /** The prompt the session was opened at, if any: the same prompt later means the author is back on the host. */
  host?: Prompt;
  /** The session is a shell on another machine: only a prompt of the note's own machine ends it. */
  remote?: RemoteShell;
}

/** A line as it reads at its place: a prompt taken off, or what keeps it from running. */
interface LineReading {
  text: string;
  prompt?: Prompt;
}

/**
 * Whether a block's commands carry prompts, as its first command shows: then output
 * pasted under them needs no other mark, and a line without a prompt is never run.
 */
export function writtenWithPrompts(lines: string[]): boolean {
  const none = new Set<string>();
  for (const line of lines) {
    if (isBlank(line) || isComment(line) || isPromptHeader(line, undefined)) continue;
    const prompt = promptOf(line);
    if (prompt) {
      if (prompt.kind === 'host' && prompt.rest !== '' && startsLikeCommand(prompt.rest, none)) return true;
      continue;
    }
    if (startsLikeCommand(line, none)) return false;
  }
  return false;
}

/**
 * Reads commands from `from` on. With `session`, reads the lines typed into a session
 * and stops after an `exit` line, or before a line showing the author is back on the host.
 */
export function readCommands(reader: BlockReader, from: number, session?: SessionState): ReadResult {
  const { lines } = reader;
  const commands: ParsedCommand[] = [];
  let skip: string | undefined;
  let i = from;
  while (i < lines.length) {
    const raw = lines[i];
    if (isBlank(raw) || isPromptHeader(raw, lines[i + 1])) {
      i++;
      continue;
    }
    const prompt = promptOf(raw, session !== undefined);
    if (session && backOnHost(prompt, raw, session, reader)) return { commands, next: i, exited: false };
    const line = prompt ? prompt.rest : raw;
    if (prompt && line === '') {
      i++;
    } else if (!prompt && opensOutputBlock(line)) {
      i = skipStrayOutputBlock(reader, i);
    } else if (!prompt && isComment(line)) {
      skip = skipDirective(line) ?? skip;
      i++;
    } else if (prompt && prompt.kind !== 'host' && !(session && prompt.kind === 'container')) {
      // Typed into a container this note does not open here, or into another program.
      const why =
        prompt.kind === 'container'
          ? 'typed at a container prompt, inside a session this note does not open here; not run on this machine'
          : `typed at ${prompt.program ? `${prompt.program}'s` : "another program's"} prompt, not the shell's; not run`;
      const parsed = prompt.kind === 'foreign' ? readTypedAtPrompt(reader, i, prompt, why) : readCommand(reader, i, { text: line, prompt }, session);
      parsed.command.skip = why;
      commands.push(parsed.command);
      i = parsed.next;
    } else if ((reader.prompted && !prompt) || !startsLikeCommand(line, reader.defined)) {
      const word = line.trim().split(/\s+/, 1)[0];
      const why = reader.prompted && !prompt ? 'has no prompt in a block whose commands have one' : 'is not something the shell can run here';
      addMessage(reader, i, `\`${word}\` ${why} and follows no command: read as text, not run`, 'hint');
      i++;
    } else {
      const parsed = readCommand(reader, i, { text: line, prompt }, session);
      if (session && parsed.command.facts.exits) {
        // What is documented under `exit` is what the session printed as it ended.
        commands.push(parsed.command);
        return { commands, next: parsed.next, exited: true };
      }
      if (skip && !parsed.command.skip) parsed.command.skip = skip;
      skip = undefined;
      if (!session) typedElsewhere(parsed.command, prompt, reader);
      commands.push(parsed.command);
      i = parsed.next;
      const { facts } = parsed.command;
      if (parsed.command.problem) continue;
      if (!session && facts.remoteShell) {
        // Lines typed on another machine never run here, nor does the shell that reaches it.
        const remote = facts.remoteShell;
        reader.machines.remote.add(remote.host);
        const opens = `opens a shell on ${remote.host} over ${remote.via}: neither it nor the lines typed there are run`;
        parsed.command.skip = facts.template ? `${parsed.command.skip}; it ${opens}` : opens;
        const typed = readRemoteLines(reader, i, { host: prompt, remote });
        commands.push(...typed.commands);
        i = typed.next;
        if (typed.openRemote) return { commands, next: i, exited: false, openRemote: typed.openRemote, ...(prompt ? { openRemoteAt: prompt } : {}) };
      } else if (facts.opensDatabase) {
        parsed.command.skip = `opens ${facts.opensDatabase}'s prompt, where a person types at a terminal; neither it nor the lines typed there are run`;
        const typed = readDatabaseLines(reader, i, facts.opensDatabase);
        commands.push(...typed.commands);
        i = typed.next;
      } else if (!session && facts.opensSession) {
        // The typed lines run to `exit`; without one, to the end of this block or, when
        // the session opens last in its block, on into the next block.
        const typed = readCommands(reader, i, { host: prompt });
        parsed.command.session = typed.commands;
        const unattended = typed.commands.find((command) => command.skip !== undefined);
        // Fed to the pod's shell, an editor or a database's prompt would read the lines after it as keystrokes.
        if (unattended) parsed.command.skip = `line ${unattended.line} in this session cannot be typed unattended (${unattended.skip}): the session is not run`;
        parsed.command.sessionContinues = !typed.exited && typed.commands.length === 0 && typed.next >= lines.length;
        i = typed.next;
      }
    }
  }
  return { commands, next: i, exited: false };
}

/**
 * The lines typed on another machine from `from` on, up to `exit` or a prompt of the
 * note's own machine: each is a step of its own that never runs. Without either before
 * the end of the block, the session goes on in the next blocks.
 */
export function readRemoteLines(reader: BlockReader, from: number, session: SessionState & { remote: RemoteShell }): ReadResult {
  const typed = readCommands(reader, from, session);
  const { host, via } = session.remote;
  const flat = typed.commands;
  for (const command of flat) {
    command.skip = `typed on ${host} over ${via}`;
    command.host = host;
  }
  const open = !typed.exited && typed.next >= reader.lines.length;
  return { commands: flat, next: typed.next, exited: typed.exited, ...(open ? { openRemote: session.remote } : {}) };
}

/**
 * A line at a prompt naming another machine than the note's own (`root@worker1:~# `
 * where the note types at `controlplane $ `) is typed there. The first machine a prompt
 * names is the note's own.
 */
function typedElsewhere(command: ParsedCommand, prompt: Prompt | undefined, reader: BlockReader): void {
  const machine = prompt?.kind === 'host' ? prompt.machine : undefined;
  if (machine === undefined) return;
  const { machines } = reader;
  machines.home ??= machine;
  if (machine === machines.home) return;
  // Authors paste from their laptop and a lab machine alike: another name is another node only when
  // the note opened a shell there or it is named like a worker (`node01`, `worker1`, `w1-k8s`).
  if (!machines.remote.has(machine) && !(namedLikeNode(machine) && !namedLikeNode(machines.home))) return;
  command.skip = `typed on ${machine} (its prompt names it)`;
  command.host = machine;
}

/** `node01`, `worker1`, `k8s-w1`, `w1-k8s`, `kind-worker2`: a cluster's worker, not the author's own machine. */
const namedLikeNode = (machine: string): boolean => /(?:^|[-_.])(?:node|worker|w|wk|minion)[-_]?\d*(?:[-_.]|$)/i.test(machine);

/**
 * Inside a session, a line at the author's own prompt, or another `kubectl exec -it`,
 * shows the author back on the host. A bare `$ ` is the pod's prompt unless the session
 * was opened at one.
 */
function backOnHost(prompt: Prompt | undefined, raw: string, session: SessionState, reader: BlockReader): boolean {
  if (prompt?.kind === 'foreign') return false;
  if (session.remote) {
    // On another machine only a prompt says where the author is: the note's own machine, or the one ssh was typed at.
    const machine = prompt?.kind === 'host' ? prompt.machine : undefined;
    return machine !== undefined && (machine === reader.machines.home || machine === session.host?.machine);
  }
  // The prompt the session was opened at, again: `root@k8s-ctr:~# ` after `root@nginx:/# ` lines.
  if (prompt?.who !== undefined && session.host?.who !== undefined) return prompt.who === session.host.who;
  const text = prompt ? prompt.rest : raw;
  if (prompt?.kind === 'host') {
    if (session.host === undefined) return false;
    if (prompt.who !== undefined && session.host.who !== undefined) return prompt.who === session.host.who;
    return true;
  }
  if (prompt?.kind === 'container' || isComment(text) || !startsLikeCommand(text, reader.defined)) return false;
  return startsWithSessionOpener(text) && describeCommand(text).opensSession;
}

/** Reads the command whose first line (its prompt removed) is `first.text`. */
function readCommand(reader: BlockReader, start: number, first: LineReading, session: SessionState | undefined): { command: ParsedCommand; next: number } {
  const { lines } = reader;
  const scan = startScan();
  scanLine(scan, first.text);
  const parts = [first.text];
  let i = start + 1;
  while (!isComplete(scan) && i < lines.length) {
    // A prompted command's continuation lines may carry the shell's `> ` prompt.
    const line = first.prompt && /^\s*> /.test(lines[i]) ? lines[i].replace(/^\s*> /, '') : lines[i];
    scanLine(scan, line);
    parts.push(line);
    i++;
  }
  const text = parts.length === 1 ? first.text : parts.join('\n');
  const facts = describeCommand(text);
  for (const name of facts.defines) reader.defined.add(name);
  const command: ParsedCommand = { line: reader.lineOf(start), command: text, facts };
  if (!isComplete(scan)) {
    command.problem = `the command starting here never ends (an unclosed quote, \`$(\`, here-document or \`${
      scan.compounds[0] ?? 'fi'
    }\`) before the end of its block`;
    addMessage(reader, start, command.problem, 'error');
    return { command, next: i };
  }
  if (facts.needsPerson) {
    command.skip = `${facts.needsPerson}; not run unattended`;
    const buffer = readEditorBuffer(reader, i, session);
    // What the edit printed as it ended (`service/x edited`) closes the buffer: the note's record of its result.
    const result = facts.kubectl?.verb === 'edit' ? editResult(reader, i, buffer.end) : undefined;
    const bufferEnd = result ? result.first : buffer.end;
    if (bufferEnd > i) command.editorBuffer = [reader.lineOf(i), reader.lineOf(bufferEnd - 1)];
    if (result) {
      command.output = result.output;
      command.skip = `${facts.needsPerson}; not run unattended (the note shows how it ended: ${result.output.text.split('\n').join(' ')})`;
    }
    return { command, next: buffer.end };
  }
  if (facts.template) command.skip = `a template: \`${facts.template}\` is a placeholder to fill in, not a value; not run`;
  const documented = readDocumentedOutput(reader, i, text, facts, session);
  if (documented.output) command.output = documented.output;
  if (documented.problem) command.problem = documented.problem;
  return { command, next: documented.next };
}

interface OutputRead {
  output?: DocumentedOutput;
  problem?: string;
  next: number;
}

function readDocumentedOutput(reader: BlockReader, from: number, command: string, facts: CommandFacts, session: SessionState | undefined): OutputRead {
  const { lines } = reader;
  // A `:'` block after the command is its output, even with comments or blank lines
  // between: those are the author's words about it.
  let next = from;
  while (next < lines.length && (isBlank(lines[next]) || (isComment(lines[next]) && !skipDirective(lines[next])))) next++;
  if (next < lines.length && opensOutputBlock(lines[next])) return readOutputBlock(reader, next, facts);
  const { printsFile } = facts;
  // A file that `cat` prints may start with `#` itself (`#!/bin/sh`): then it is the file, not `#` output.
  const fileStartsWithComment = printsFile && (reader.prompted || /^\s*#!/.test(lines[from] ?? ''));
  if (from < lines.length && isComment(lines[from]) && !skipDirective(lines[from]) && !fileStartsWithComment) {
    return readCommentOutput(reader, from, facts);
  }
  if (from >= lines.length || isBlank(lines[from])) return { next: from };
  // What a shell prints as it ends: `logout`, `Connection to node01 closed.`
  if (facts.exits) return readRawOutput(reader, from, (line) => SHELL_GOODBYE.test(line.trim()), undefined, facts);
  // Under a command that opens a session, the next prompt may be the container's.
  const inside = session ?? (facts.opensSession ? {} : undefined);
  if (reader.prompted) return readRawOutput(reader, from, (line) => !promptOf(line, inside !== undefined), inside, facts, !printsFile);
  // kubectl (not `exec` or `logs`) prints tables and fields, never sentences in the author's language.
  const looksLikeOutput = outputShape(reader, facts.listsEnvironment, printsFile, inside, printsProse(facts));
  return looksLikeOutput(lines[from], false, false) ? readRawOutput(reader, from, looksLikeOutput, inside, facts) : { next: from };
}

const SHELL_GOODBYE = /^(?:logout|exit|Connection to \S+ closed\.?|Bye)$/;

type OutputShape = (line: string, inTable: boolean, afterBlank: boolean) => boolean;

/**
 * Whether a line under this command reads as its pasted output: it does not start like
 * a command, it is indented under it (a `describe`'s wrapped labels, a manifest), it is
 * a row of the table being pasted, or (under `printenv`/`env`) one of the `NAME=value`
 * lines such a command prints. Under `cat FILE` every line is the file's until a blank
 * line is followed by a command.
 */
function outputShape(reader: BlockReader, environment: boolean, printsFile: boolean, session: SessionState | undefined, printsProse: boolean): OutputShape {
  return (line, inTable, afterBlank) => {
    if (opensOutputBlock(line) || promptOf(line, session !== undefined) !== undefined) return false;
    if (!printsProse && readsAsSentence(line)) return false;
    if (isComment(line)) return printsFile && !afterBlank;
    if (printsFile && !afterBlank) return true;
    if (/^\s/.test(line) && !session) return true;
    return (
      !startsLikeCommand(line, reader.defined) ||
      (inTable && looksLikeTableRow(line)) ||
      (environment && /^[A-Za-z_][A-Za-z0-9_]*=/.test(line.trim()))
    );
  };
}

/**
 * `#` lines under the command, up to the first that is the author's remark (`# Output
 * shows …`) rather than output; `# Expected output:` first introduces the lines after it.
 */
function readCommentOutput(reader: BlockReader, from: number, facts: CommandFacts): OutputRead {
  const { lines } = reader;
  const isOutputComment = (line: string | undefined) => line !== undefined && isComment(line) && !skipDirective(line);
  const start = introducesOutput(uncomment(lines[from])) && isOutputComment(lines[from + 1]) ? from + 1 : from;
  const text: string[] = [];
  let marked = false;
  let i = start;
  while (isOutputComment(lines[i])) {
    const line = uncomment(lines[i]);
    if (readsAsRemark(line, facts)) break;
    text.push(line);
    i++;
    marked = endsWithZshMarkAfter(line, facts.endsWithoutNewline);
    if (marked) break;
  }
  // Remarks and the comments after them are annotations, read as such by the caller.
  if (text.length === 0) return { next: from };
  return { output: documented(reader, text, 'comment', start, i - 1, marked), next: i };
}

const UNCLOSED_OUTPUT_BLOCK = "output block opened with `:'` is never closed";

/** The line closing the `:'` block opened at `opener`; undefined (and an error) when none does. */
function closingLine(reader: BlockReader, opener: number): number | undefined {
  const close = reader.lines.findIndex((line, i) => i > opener && closesOutputBlock(line));
  if (close !== -1) return close;
  addMessage(reader, opener, UNCLOSED_OUTPUT_BLOCK, 'error');
  return undefined;
}

function readOutputBlock(reader: BlockReader, opener: number, facts: CommandFacts): OutputRead {
  const { lines } = reader;
  const close = closingLine(reader, opener);
  if (close === undefined) return { problem: UNCLOSED_OUTPUT_BLOCK, next: lines.length };
  const text = lines.slice(opener + 1, close);
  const marked = text.length > 0 && endsWithZshMarkAfter(text[text.length - 1], facts.endsWithoutNewline);
  return { output: documented(reader, text, 'heredoc', opener + 1, close - 1, marked), next: close + 1 };
}

/** Output pasted under its command with no `#` and no `:'`, up to the next command. */
function readRawOutput(
  reader: BlockReader,
  from: number,
  isOutput: OutputShape,
  session: SessionState | undefined,
  facts: CommandFacts,
  trailingCommentsAreWords = false,
): OutputRead {
  const { lines } = reader;
  const table = looksLikeTableHeader(lines[from]);
  let end = from;
  let i = from;
  let afterBlank = false;
  let marked = false;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      afterBlank = true;
      i++;
      continue;
    }
    if (isPromptHeader(lines[i], lines[i + 1]) || !isOutput(lines[i], table, afterBlank)) break;
    if (session && backOnHost(promptOf(lines[i], true), lines[i], session, reader)) break;
    // Inside a session a line that reads as a command is typed, not printed.
    if (session && !reader.prompted && afterBlank && startsLikeCommand(lines[i], reader.defined)) break;
    afterBlank = false;
    end = ++i;
    marked = endsWithZshMarkAfter(lines[end - 1], facts.endsWithoutNewline);
    if (marked) break;
  }
  // `# 이제 삭제` before the next prompt is the author's word about what comes next, not output.
  if (trailingCommentsAreWords) while (end > from && (isBlank(lines[end - 1]) || isComment(lines[end - 1]))) end--;
  if (end === from) return { next: from };
  // Under a prompt, output needs no other mark: that is how a terminal shows it.
  if (!reader.prompted) addMessage(reader, from, "output pasted without `#` or `:'`: read as the documented output of the command above", 'hint');
  return { output: documented(reader, lines.slice(from, end), 'raw', from, end - 1, marked && end === i), next: end };
}

/** What kubectl prints as an edit ends: the object edited, no change made, or an error. */
const EDIT_RESULT = /^(?:[\w.-]+(?:\/[\w.-]+)?(?: "[^"]*")? edited|Edit cancelled, no changes made\.|error: .*|A copy of your changes has been stored to .*)$/;

/** The lines at the end of `from`..`end` (`# service/x edited` or pasted bare) that kubectl printed as the edit ended. */
function editResult(reader: BlockReader, from: number, end: number): { first: number; output: DocumentedOutput } | undefined {
  const { lines } = reader;
  let last = end - 1;
  while (last >= from && isBlank(lines[last])) last--;
  let first = last + 1;
  while (first - 1 >= from && EDIT_RESULT.test(uncomment(lines[first - 1]).trim())) first--;
  if (first > last) return undefined;
  const text = lines.slice(first, last + 1);
  const style = text.every(isComment) ? 'comment' : 'raw';
  return { first, output: documented(reader, style === 'comment' ? text.map(uncomment) : text, style, first, last) };
}

/**
 * The buffer an author pastes under `kubectl edit`: the object as the editor showed it,
 * with their remarks (`<-- 추가`, `# --> 3으로 수정`, `<ESC> + :wq`). It runs to the next
 * line that reads as a command at the block's margin.
 */
function readEditorBuffer(reader: BlockReader, from: number, session: SessionState | undefined): { end: number } {
  const { lines } = reader;
  let end = from;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) continue;
    const prompt = promptOf(line, session !== undefined);
    if (prompt && prompt.rest !== '' && (prompt.kind === 'host' || session)) break;
    if (!prompt && !reader.prompted && !/^\s/.test(line) && !isComment(line) && startsLikeCommand(line, reader.defined) && !/^[\w.-]+:/.test(line)) break;
    end = i + 1;
  }
  return { end };
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

/** A bash block with lines but no command in them (a manifest under the wrong fence label). */
export function holdsNoCommand(reader: BlockReader): boolean {
  const content = reader.lines.filter((line) => !isBlank(line) && !isComment(line));
  if (content.length === 0) return false;
  return (
    isManifest(reader.lines) ||
    !content.some((line) => {
      const prompt = promptOf(line);
      if (prompt) return prompt.rest !== '' && startsLikeCommand(prompt.rest, reader.defined);
      return !reader.prompted && startsLikeCommand(line, reader.defined);
    })
  );
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
