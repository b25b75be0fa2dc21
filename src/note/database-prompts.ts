// Lines typed at a database's prompt (`mysql> `, `postgres=# `, `127.0.0.1:6379> `):
// SQL or redis commands, never the shell's, each with the table printed under it as its
// output. They are read line by line, never by the shell's rules: `O''Brien` or a `\l`
// must not swallow the lines after them.
import type { ParsedCommand } from './bash-steps.js';
import { documented, type BlockReader } from './block-reader.js';
import { describeCommand } from './command/describe-command.js';
import { promptOf, type Prompt } from './prompts.js';
import { startsLikeCommand } from './runnable.js';
import { isBlank } from './syntax.js';

/** mysql's `    -> ` and `    '> `, psql's `postgres-# `, `postgres(# `: the line above goes on. */
const CONTINUATION = /^\s*(?:['"`]?->|['"]>|[\w-]+[-('"]#)(?:\s|$)/;
const QUITS = /^(?:exit|quit|\\q|\.exit|\.quit)\s*;?$/i;

export interface TypedAtPrompt {
  command: ParsedCommand;
  next: number;
  quits: boolean;
}

/** The line typed at a database or another program's prompt on line `start`, with its continuation lines and the output under it. */
export function readTypedAtPrompt(reader: BlockReader, start: number, prompt: Prompt, skip: string): TypedAtPrompt {
  const { lines } = reader;
  const parts = [prompt.rest];
  let i = start + 1;
  while (i < lines.length && CONTINUATION.test(lines[i])) parts.push(lines[i++].replace(CONTINUATION, '').trim());
  const text = parts.join('\n');
  const command: ParsedCommand = { line: reader.lineOf(start), command: text, facts: describeCommand(''), skip };
  const from = i;
  let end = from;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    // The next prompt, or after a blank line a command back at the shell.
    if (promptOf(lines[i], true) !== undefined) break;
    if (i > end && startsLikeCommand(lines[i], reader.defined) && !/\S\s{2,}\S|^\s*[|+]/.test(lines[i])) break;
    end = ++i;
  }
  if (end > from) command.output = documented(reader, lines.slice(from, end), 'raw', from, end - 1);
  return { command, next: end, quits: QUITS.test(text.trim()) };
}

/**
 * The lines typed at the prompt `client` opens, from `from` on: each line at its prompt
 * (`mysql> `), or, when the author pasted them bare, each line up to a blank line. They
 * end at a line that quits the client, at a shell prompt or at a command after a blank line.
 */
export function readDatabaseLines(reader: BlockReader, from: number, client: string): { commands: ParsedCommand[]; next: number } {
  const { lines } = reader;
  const skip = `typed at ${client}'s prompt, not the shell's; not run`;
  const commands: ParsedCommand[] = [];
  let i = from;
  while (i < lines.length) {
    let next = i;
    while (next < lines.length && isBlank(lines[next])) next++;
    if (next >= lines.length) break;
    const prompt = promptOf(lines[next], true);
    if (prompt?.kind === 'foreign') {
      const typed = readTypedAtPrompt(reader, next, prompt, skip);
      commands.push(typed.command);
      i = typed.next;
      if (typed.quits) break;
    } else if (next === i && !prompt && !reader.prompted && commands.every((command) => command.output === undefined)) {
      // Pasted bare right under the client (`SET a 1`, `GET a`): typed at its prompt too.
      commands.push({ line: reader.lineOf(i), command: lines[i].trim(), facts: describeCommand(''), skip });
      i++;
      if (QUITS.test(lines[i - 1].trim())) break;
    } else break;
  }
  return { commands, next: i };
}
