import { stripVTControlCharacters as stripAnsi } from 'node:util';

/**
 * A step's output as the user would have seen it at a prompt. bash names the sourced
 * batch file and a line of it in its own errors, as a script would; the user typed the
 * command at a prompt, where bash says just `bash: `. The step function was defined
 * from standard input, which bash calls `main`. Output past the cap says how much went.
 */
export function asTypedOutput(raw: string, dropped: number, scriptPath: string, maxOutput: number): string {
  let output = raw.includes('\u001b') ? stripAnsi(raw) : raw;
  for (const name of [scriptPath, 'main']) output = asTyped(output, name);
  if (dropped === 0) return output;
  return `${output.slice(0, maxOutput)}\n[notes-run: ${dropped} characters of output dropped]\n`;
}

/** Said at the end of the output of a step stopped for writing too much. */
export const overflowNotice = (maxFileBytes: number) => `[notes-run: the step wrote more than ${maxFileBytes} bytes of output and was stopped]\n`;

/**
 * `<batch file>: line 3: cd: x: No such file or directory` → `bash: cd: x: No such file
 * or directory`. After a syntax error, bash reading a file also quotes the line it gave
 * up on; at a prompt it does not.
 */
function asTyped(output: string, name: string): string {
  const prefix = `${name}: `;
  if (!output.includes(prefix)) return output;
  const lines: string[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith(prefix)) lines.push(line);
    else if (!(/^(eval: )?line \d+: `.*'$/.test(line.slice(prefix.length)) && lines.at(-1)?.startsWith('bash: syntax error'))) {
      lines.push(`bash: ${line.slice(prefix.length).replace(/^(eval: )?(line \d+: )?/, '')}`);
    }
  }
  return lines.join('\n');
}
