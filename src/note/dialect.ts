// The small vocabulary of the notes dialect: how a line says what it is.
import type { ExpectedExit } from '../model.js';

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
export const dropZshMark = (line: string): string => line.replace(/%\s*$/, '');

/** A whole line in parentheses is an author remark inside output, e.g. `(결과에서 IP 마스킹 함)`. */
export const isRemark = (line: string): boolean => /^\s*\(.*\)\s*$/.test(line);

const ELLIPSIS = '(?:\\.{3,}|…+)';
const OMITTED = new RegExp(
  `^${ELLIPSIS}?\\s*(?:(?:(?:이하|이후|중간|나머지|아래|일부|결과|출력|로그|내용)\\s*)?(?:생략|중략|후략)(?:\\s*(?:됨|함))?|(?:output\\s+)?(?:omitted|truncated|snipped|snip)|${ELLIPSIS})\\s*${ELLIPSIS}?$`,
  'i',
);

/**
 * A line where the author left output out: `...`, `(생략)`, `(이하 생략)`, `[...]`,
 * `… omitted …`. It stands for any number of lines, as `...` does.
 */
export function marksOmission(line: string): boolean {
  const text = line.trim();
  const inner = /^\(.*\)$|^\[.*\]$/.test(text) ? text.slice(1, -1).trim() : text;
  return inner !== '' && OMITTED.test(inner);
}

/**
 * `kubectl rollout status` reports progress until the rollout is done: how many such
 * lines come first depends on how far the rollout got when the command started.
 */
const ROLLOUT_PROGRESS = /^Waiting for (deployment|daemon set|statefulset|partitioned roll out|\d+ pods)\b.*\b(to finish|to be ready|to be observed)\b/;

/** Lines that record someone at the terminal, or a command's progress, rather than its output. */
export function isTerminalNoise(line: string): boolean {
  const text = line.trim();
  return (
    (text.startsWith('Waiting for ') && ROLLOUT_PROGRESS.test(text)) ||
    text === 'Unable to use a TTY - input is not a terminal or the right kind of file' ||
    /^\^[CZ\\]$/.test(text) ||
    /^(zsh: )?suspended\b/.test(text) ||
    /^\[\d+\]\s*(?:[+-]\s*)?(\d+\s+)?(suspended|done|terminated|killed|exit|running|stopped)\b/i.test(text) ||
    /^\[\d+\]\s*(?:[+-]\s*)?\d+\s*$/.test(text) ||
    /^Handling connection for \d+$/.test(text)
  );
}

/**
 * The documented output shows the command failing: how it is expected to end. Besides
 * kubectl's own words and the shell's, a simple command whose output starts with its
 * program's name and a colon (`ls: cannot access 'x'`, `ping: bad address 'sleep-2'`)
 * printed an error the Unix way, and failed.
 */
export function expectedExitOf(output: string | undefined, command = ''): ExpectedExit {
  if (output === undefined) return { kind: 'success' };
  const terminated = output.includes('command terminated') ? [...output.matchAll(/^[ \t]*command terminated with exit code (\d+)[ \t]*$/gm)].pop() : undefined;
  if (terminated) return { kind: 'code', code: Number(terminated[1]) };
  const first = output.trimStart();
  if (first.startsWith('error:') || /^Error from server\b/.test(first)) return { kind: 'failure' };
  // The shell's own complaint: `bash: x: command not found`, `zsh: command not found: x`.
  if (/^-?(bash|zsh|sh): /.test(first)) return { kind: 'failure' };
  if (!first.includes(': ')) return { kind: 'success' };
  const [, path, name] = /^\s*((?:\S*\/)?([\w.-]+))(\s|$)/.exec(command) ?? [];
  if (name && !/[|;&\n]/.test(command) && (first.startsWith(`${name}: `) || first.startsWith(`${path}: `))) return { kind: 'failure' };
  return { kind: 'success' };
}

/** `echo $?` on a line of its own: it shows how the step before it ended. */
export function statusShown(command: string, output: string | undefined): number | undefined {
  if (output === undefined || !command.includes('$?') || !/^\s*echo\s+("\$\?"|\$\?)\s*$/.test(command)) return undefined;
  const status = /^\s*(\d{1,3})\s*$/.exec(output)?.[1];
  return status === undefined ? undefined : Number(status);
}

/**
 * The command with `k`, the alias for kubectl that kubectl's own cheat sheet sets up,
 * written out where it stands as a command: `k get pods | grep x` reads as kubectl does.
 */
export function asKubectl(command: string): string {
  return command.includes('k ') ? command.replace(/(^|[|;&(`\n])(\s*)k(?=[ \t])/g, '$1$2kubectl') : command;
}

/** Every long-running pattern names one of these; most commands name none and are done with in one test. */
const LONG_RUNNING_WORDS = /kubectl|minikube|k3d|tail|watch|ping/;
const LONG_RUNNING_COMMANDS = [
  /\bkubectl\b.*\s(port-forward|proxy|attach)\b/,
  /\bkubectl\b.*\slogs\b.*\s(-f|--follow(=true)?)(\s|$)/,
  /\bkubectl\b.*\s(get|events)\b.*\s(-w|--watch|--watch-only)(=true)?(\s|$)/,
  /\b(minikube|k3d)\s+tunnel\b/,
  /\btail\s+(-\w*f|--follow)\b/,
  /(^|[;&|]\s*)watch\s/,
  /\bping\b(?![^|;&]*\s-c\s*\d)[^|;&]*$/,
];

/** Commands that run until someone stops them; the note records their output and `^C`. */
export function isLongRunning(typed: string, output: string | undefined): boolean {
  const command = asKubectl(typed);
  if (command.includes('&') && /&\s*$/.test(command)) return false;
  if (output !== undefined) {
    const text = output.trimEnd();
    const last = text.slice(text.lastIndexOf('\n') + 1).trim();
    if (/^\^[CZ]$/.test(last) || /suspended/.test(last)) return true;
  }
  return LONG_RUNNING_WORDS.test(command) && LONG_RUNNING_COMMANDS.some((pattern) => pattern.test(command));
}

/** `kubectl exec -it POD -- sh` and the like: the lines after it are typed inside. */
export function opensInteractiveShell(typed: string): boolean {
  if (typed.includes('\n') || !typed.includes('sh')) return false;
  const command = asKubectl(typed);
  if (!/\b(kubectl|docker|podman|nerdctl)\b.*\s(exec|run|attach|debug)\s/.test(command)) return false;
  if (!/\s(-it|-ti|-i|--stdin(=true)?|--tty(=true)?)(\s|$)/.test(command)) return false;
  // A shell with no command to run, maybe with a login or interactive flag: `sh`, `/bin/bash -l`.
  return /(\s|--\s*)(\/usr)?(\/bin\/)?(sh|bash|ash|zsh)(\s+(-[il]|--login))*\s*$/.test(command);
}

export const isExit = (command: string): boolean => /^\s*(exit|logout)(\s+\d+)?\s*$/.test(command);

/**
 * A shell prompt pasted in front of a command: `$ kubectl ...` anywhere, and inside a
 * pod's shell also `/ # nslookup x`, `/app $ ls`, `root@sleep:/# env`, `sh-5.1# id`.
 * Returns the command without it.
 */
export function withoutPrompt(line: string, inSession: boolean): string {
  if (!inSession && !line.trimStart().startsWith('$')) return line;
  const prompt = inSession
    ? /^\s*(?:[\w.-]+@[\w.-]+:[~/][^\s#$]*\s*[#$]|[~/][^\s#$]*\s+[#$]|(?:ba|z|a)?sh-[\d.]+[#$]|\$)\s+(?=\S)/
    : /^\s*\$\s+(?=\S)/;
  return line.replace(prompt, '');
}

/** `printenv`, `env` (not `env X=1 cmd`): prints a container's environment, in no fixed order. */
export function listsEnvironment(command: string): boolean {
  return /(^|[\s|;&'"])(printenv|env)(\s|$|['"|;])/.test(command) && !/\benv\s+\w+=/.test(command);
}

/** `cmd &`: the shell is back at once while the job goes on printing. */
export const startsInBackground = (command: string): boolean => /(^|[^&])&\s*$/.test(command.trimEnd());
