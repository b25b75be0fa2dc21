// Lines inside documented output that are not the command's output: the author's
// remarks, marks of output left out, and what a terminal adds (^C, job lines).

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

/** Output that ends with the author stopping the command (`^C`, `^Z`, a suspended job): it ran until stopped. */
export function showsStop(output: string | undefined): boolean {
  if (output === undefined) return false;
  const text = output.trimEnd();
  const last = text.slice(text.lastIndexOf('\n') + 1).trim();
  return /^\^[CZ]$/.test(last) || /suspended/.test(last);
}
