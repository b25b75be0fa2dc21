// Whether a command's output may end without a newline: zsh then marks the end with a
// `%`, which a note pasted from a zsh terminal keeps (`10.42.0.60%`). Known from what the
// last command of the line is: kubectl printing a template, `echo -n`, `printf`
// without `\n`, `base64 -d` of a value.
import type { CommandLine } from './command-line.js';
import { isKubectlProgram, kubectlFacts } from './kubectl-args.js';

const TEMPLATE_FORMATS = new Set(['jsonpath', 'go-template', 'template', 'jsonpath-as-json']);

export function endsWithoutNewline(line: CommandLine): boolean {
  const words = line.commands.at(-1);
  if (words === undefined || words.length === 0) return false;
  const [program, ...args] = words;
  if (isKubectlProgram(program)) {
    const { output, outputTemplate } = kubectlFacts(args);
    if (output === undefined || !TEMPLATE_FORMATS.has(output)) return args.some((arg) => arg.startsWith('--template'));
    return !/(\\n|\{"\\n"\})\s*\}?$/.test(outputTemplate ?? '');
  }
  if (program === 'echo') return /^-[eE]*n[eE]*$/.test(args[0] ?? '');
  if (program === 'printf') return args[0] !== undefined && !/\\n$/.test(args[0]);
  if (program === 'base64') return args.some((arg) => arg === '-d' || arg === '--decode' || arg === '-D');
  if (program === 'tr') return args.includes('-d') && args.some((arg) => arg === '\\n');
  if (program === 'head') return args.some((arg) => /^-c/.test(arg));
  return false;
}
