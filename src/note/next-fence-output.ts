// Output in the next fence: a command alone in its block, followed (in the same section)
// by a block that holds only output, has that block as its documented output:
//
//     ```bash
//     kubectl get svc
//     ```
//     Output:
//     ```
//     NAME         TYPE        CLUSTER-IP   ...
//     ```
import type { CommandStep, DocumentedOutput } from '../model.js';
import type { CodeBlock } from './code-blocks.js';
import { promptOf } from './prompts.js';
import { startsLikeCommand } from './runnable.js';
import { YAML_LANGUAGES, dropZshMark, endsWithZshMarkAfter, isBlank, isComment } from './syntax.js';

/** A step that may take the next block as its output: the only one of its block, with none of its own. */
export function awaitsOutput(steps: CommandStep[]): CommandStep | undefined {
  if (steps.length !== 1) return undefined;
  const [step] = steps;
  const alone = !step.output && !step.session && !step.problem && !step.notExecutable && !step.editorBuffer;
  return alone && !step.facts.remoteShell && !step.facts.opensDatabase ? step : undefined;
}

/** The output `block` documents for `step` written in the block before it, if the block holds only output. */
export function outputInNextFence(step: CommandStep, block: CodeBlock, defined: ReadonlySet<string>): DocumentedOutput | undefined {
  if (!block.closed || YAML_LANGUAGES.has(block.lang) || !sameSection(step.context.headings, block.context.headings)) return undefined;
  const first = block.lines.findIndex((line) => !isBlank(line));
  if (first === -1) return undefined;
  let last = block.lines.length - 1;
  while (isBlank(block.lines[last])) last--;
  const lines = block.lines.slice(first, last + 1);
  if (!lines.every((line) => readsAsOutput(line, defined))) return undefined;
  const marked = endsWithZshMarkAfter(lines[lines.length - 1], step.facts.endsWithoutNewline);
  const text = marked ? [...lines.slice(0, -1), dropZshMark(lines[lines.length - 1])] : lines;
  const output: DocumentedOutput = { text: text.join('\n'), style: 'raw', firstLine: block.fenceLine + 1 + first, lastLine: block.fenceLine + 1 + last };
  if (marked) output.droppedZshMark = true;
  return output;
}

/** No prompt and nothing the note's dialect would run: a table row, a field, a result, an indented line. */
function readsAsOutput(line: string, defined: ReadonlySet<string>): boolean {
  if (isBlank(line) || /^\s/.test(line)) return true;
  if (promptOf(line) !== undefined) return false;
  if (isComment(line)) return true;
  return !startsLikeCommand(line, defined) || /\S\s{2,}\S/.test(line.trim());
}

const sameSection = (a: string[], b: string[]): boolean => a.length === b.length && a.every((heading, i) => heading === b[i]);
