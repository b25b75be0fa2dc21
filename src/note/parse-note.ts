// Markdown note → steps: bash blocks become command steps, yaml blocks yaml steps.
import type { CommandStep, DocumentedOutput, Note, NoteMessage, SessionLine, Step } from '../model.js';
import { awaitsOutput, outputInNextFence } from './next-fence-output.js';
import { holdsNoCommand, readCommands, readRemoteLines, writtenWithPrompts, type BlockReader, type ParsedCommand, type SessionState } from './bash-steps.js';
import type { NoteMachines } from './block-reader.js';
import { codeBlocks, type CodeBlock } from './code-blocks.js';
import { documentedText } from './documented-text.js';
import { describeCommand } from './command/describe-command.js';
import { startsLikeShell, startsWithHostTool } from './command/first-program.js';
import { expectedExitOf, statusShown } from './expected-exit.js';
import { showsStop } from './output-lines.js';
import { promptOf } from './prompts.js';
import { isShellWord, startsLikeCommand } from './runnable.js';
import { EXECUTED_LANGUAGES, YAML_LANGUAGES, isBlank, isComment, skipDirective } from './syntax.js';
import { checkNesting } from './nesting-limit.js';
import { normalizedText } from './note-lines.js';

export function parseNote(file: string, source: string): Note {
  const text = normalizedText(source);
  checkNesting(file, text);
  const messages: NoteMessage[] = [];
  const steps: Step[] = [];
  const defined = new Set<string>();
  /** A session (`kubectl exec -it ... -- sh`) whose typed lines continue in the next bash block. */
  let openSession: CommandStep | undefined;
  /** A shell on another machine still open at the end of a block, and the section it was opened in. */
  let openRemote: { session: Required<Pick<SessionState, 'remote'>> & SessionState; headings: string[] } | undefined;
  const machines: NoteMachines = { remote: new Set() };
  /** The only command of the block before, with no documented output: the next block may hold it. */
  let awaiting: CommandStep | undefined;

  for (const block of codeBlocks(text)) {
    if (!block.closed) {
      messages.push({
        line: block.fenceLine,
        column: block.indent.length + 1,
        message: 'code block opened here is never closed',
        severity: 'error',
      });
    }
    if (openSession && !continuesSession(block)) openSession = undefined;
    // A shell left open on another machine ends where a new section starts: its subsections are still typed there.
    if (openRemote && !within(block.context.headings, openRemote.headings)) openRemote = undefined;
    const waiting = awaiting;
    awaiting = undefined;
    const nextFence = waiting && outputInNextFence(waiting, block, defined);
    if (waiting && nextFence) {
      documentIn(waiting, nextFence);
      continue;
    }
    if (YAML_LANGUAGES.has(block.lang)) {
      steps.push(yamlStep(block));
      continue;
    }
    if (block.lang === '' && block.closed && looksLikeShell(block, defined)) {
      messages.push({
        line: block.fenceLine,
        column: block.indent.length + 1,
        message: 'this block looks like shell commands; label it ```bash to run it',
        severity: 'hint',
      });
    }
    if (!EXECUTED_LANGUAGES.has(block.lang) || block.lines.every((line) => line.trim() === '')) continue;
    const reader: BlockReader = {
      lines: block.lines,
      lineOf: (index) => block.fenceLine + 1 + index,
      defined,
      messages,
      prompted: writtenWithPrompts(block.lines),
      machines,
    };
    if (!block.closed) {
      steps.push(brokenBlock(block, 'this code block is never closed, so its commands are not run'));
      continue;
    }
    if (!openSession && !openRemote && holdsNoCommand(reader)) {
      steps.push(notExecutable(block, 'this bash block holds no command (it looks like pasted output or a manifest); not run'));
      continue;
    }
    const blockSkip = block.directives.map(skipDirective).find((reason) => reason !== undefined);
    let from = 0;
    const remoteSteps: CommandStep[] = [];
    const continuesOpenSession = openSession !== undefined;
    if (openRemote) {
      const typed = readRemoteLines(reader, 0, openRemote.session);
      remoteSteps.push(...typed.commands.map((parsed) => commandStep(parsed, block, blockSkip, defined)));
      steps.push(...remoteSteps);
      from = typed.next;
      if (!typed.openRemote) openRemote = undefined;
    }
    if (openSession) {
      const typed = readCommands(reader, 0, {});
      openSession.session!.push(...typed.commands.map(sessionLine));
      // A session ends as its last typed line ends: kubectl reports that under `exit`.
      openSession.expectedExit = expectedExitOf(documentedText(openSession));
      from = typed.next;
      openSession = undefined;
    }
    const read = readCommands(reader, from);
    const blockSteps = read.commands.map((parsed) => commandStep(parsed, block, blockSkip, defined));
    steps.push(...blockSteps);
    read.commands.forEach((parsed, i) => {
      if (parsed.sessionContinues) openSession = blockSteps[i];
    });
    if (!continuesOpenSession) awaiting = awaitsOutput([...remoteSteps, ...blockSteps]);
    if (read.openRemote) openRemote = { session: { remote: read.openRemote, host: read.openRemoteAt }, headings: block.context.headings };
  }
  expectFailuresShownBelow(steps);
  return { file, steps, messages };
}

/** The step's documented output is in the block after its own. */
function documentIn(step: CommandStep, output: DocumentedOutput): void {
  step.output = output;
  step.expectedExit = expectedExitOf(output.text, step.facts);
  step.longRunning = step.facts.longRunning || showsStop(output.text);
}

/** Whether a block under `headings` is in the section `section` or one of its subsections. */
function within(headings: string[], section: string[]): boolean {
  return headings.length >= section.length && section.every((heading, i) => headings[i] === heading);
}

/** An unlabelled block whose first line reads as a command (a prompt, or a known tool): the author meant it to run. */
function looksLikeShell(block: CodeBlock, defined: ReadonlySet<string>): boolean {
  const first = block.lines.find((line) => !isBlank(line) && !isComment(line));
  if (first === undefined) return false;
  const prompt = promptOf(first);
  if (prompt) return prompt.kind === 'host' && prompt.rest !== '' && startsLikeCommand(prompt.rest, defined);
  return startsLikeShell(first) && startsLikeCommand(first, defined);
}

/** A step followed by `echo $?` showing a non-zero status is expected to end with it. */
function expectFailuresShownBelow(steps: Step[]): void {
  const commands = steps.filter((step): step is CommandStep => step.kind === 'command' && !step.notExecutable);
  commands.forEach((step, i) => {
    const next = commands[i + 1];
    const status = next && statusShown(next.facts, next.output?.text);
    if (status && step.expectedExit.kind === 'success') step.expectedExit = { kind: 'code', code: status };
  });
}

/**
 * Whether a block holds the lines typed into a session opened at the end of the block
 * before: a bash block that does not start with a host command. A transcript pasted in
 * a `console` block in between means the session was shown, not continued.
 */
function continuesSession(block: CodeBlock): boolean {
  if (!EXECUTED_LANGUAGES.has(block.lang)) return false;
  const first = block.lines.find((line) => line.trim() !== '' && !line.trimStart().startsWith('#')) ?? '';
  const prompt = promptOf(first);
  if (prompt?.kind === 'container') return true;
  const text = prompt?.kind === 'host' ? prompt.rest : first;
  return !startsWithHostTool(text);
}

function sessionLine(command: ParsedCommand): SessionLine {
  const line: SessionLine = { line: command.line, command: command.command, facts: command.facts };
  if (command.output) line.output = command.output;
  return line;
}

function commandStep(parsed: ParsedCommand, block: CodeBlock, blockSkip: string | undefined, defined: ReadonlySet<string>): CommandStep {
  const step: CommandStep = {
    kind: 'command',
    line: parsed.line,
    command: parsed.command,
    expectedExit: expectedExitOf(documentedText(parsed), parsed.facts),
    context: block.context,
    facts: parsed.facts,
    longRunning: parsed.facts.longRunning || showsStop(parsed.output?.text),
  };
  const program = parsed.facts.program;
  // `k` is defined by the note's shell when no `k` is installed; paths and expansions are the shell's to find.
  if (program !== undefined && program !== 'kubectl' && !isShellWord(program) && !defined.has(program) && /^[\w.+-]+$/.test(program)) step.needsProgram = program;
  if (parsed.editorBuffer) step.editorBuffer = parsed.editorBuffer;
  if (parsed.output) step.output = parsed.output;
  const skip = parsed.skip ?? blockSkip;
  if (skip) step.skip = skip;
  if (parsed.problem) step.problem = parsed.problem;
  if (parsed.session) step.session = parsed.session.map(sessionLine);
  if (parsed.host) step.host = parsed.host;
  if (parsed.facts.reachesOutside) step.outsideRunNamespace = parsed.facts.reachesOutside;
  return step;
}

function notExecutable(block: CodeBlock, reason: string): CommandStep {
  return { ...placeholderStep(block), notExecutable: reason };
}

function brokenBlock(block: CodeBlock, problem: string): CommandStep {
  return { ...placeholderStep(block), problem };
}

function placeholderStep(block: CodeBlock): CommandStep {
  const first = block.lines.findIndex((line) => line.trim() !== '');
  return {
    kind: 'command',
    line: block.fenceLine + 1 + Math.max(first, 0),
    command: block.lines[Math.max(first, 0)]?.trim() ?? '',
    expectedExit: { kind: 'success' },
    context: block.context,
    facts: describeCommand(''),
    longRunning: false,
  };
}

function yamlStep(block: CodeBlock): Step {
  const infoFile = /(?:^|\s)file=("[^"]+"|\S+)/.exec(block.meta)?.[1]?.replace(/^"|"$/g, '');
  return {
    kind: 'yaml',
    line: block.fenceLine,
    source: block.lines.join('\n'),
    ...(infoFile ? { infoFile } : {}),
    context: block.context,
    linksAbove: block.linksAbove,
  };
}
