// The author's own words in `#` lines under a command: a sentence about the output or
// about what comes next (`# Output shows staticPodPath …`, `# 이제 파드를 확인한다`) is a
// remark, not output. Output reads like what programs print; a remark like narration.
import type { CommandFacts } from '../model.js';

/** Words a narrating sentence starts with, followed by at least two more words. */
const NARRATION =
  /^(?:output|outputs|result|results|note|notice|expected|check|verify|confirm|observe|make sure|todo|i\.e\.|e\.g\.|as you can see|the (?:output|result|command|above|following))\b[:,]?\s+\S+\s+\S+/i;
/** Words that start narration too, but also what programs that print sentences print (`This is a test page`). */
const NARRATION_TOO = /^(?:now|then|next|here|this|these|we|you|let'?s|should|see|look)\b[:,]?\s+\S+\s+\S+/i;
/** An arrow or a pointing mark at the start: `--> 3으로 수정`, `=> ready`, `※ 주의`. */
const POINTER = /^(?:-->|<--|==>|=>|->|👉|※|☞|↑|↓)\s*\S/u;
/** `Expected output:`, `결과:`: the lines after it are the output. */
const INTRO = /^(?:(?:expected|sample|example)\s+)?(?:output|result)s?(?:\s+(?:is|was|looks like|should be|should look like))?\s*:$|^(?:실행\s*|출력\s*)?(?:결과|출력)(?:\s*화면)?\s*:?$/i;

/** Whether `facts`'s command may print sentences: kubectl (but `exec`, `logs`, `run`, `attach`) prints tables and fields. */
export function printsProse(facts: CommandFacts): boolean {
  return !(facts.program === 'kubectl' && !['exec', 'logs', 'run', 'attach'].includes(facts.kubectl?.verb ?? ''));
}

/** A sentence in Korean, not a table row or a field: the author talking, e.g. `kill 해서 다시 뜨는지 확인`. */
export function readsAsSentence(line: string): boolean {
  return /[가-힣]{2,}/.test(line) && !/\S\s{2,}\S/.test(line.trim()) && !/^\s*[\w.-]+:\s/.test(line) && !/^\s/.test(line);
}

/** A `#` line (its `#` removed) under a command that is the author's remark, not output. */
export function readsAsRemark(line: string, facts: CommandFacts): boolean {
  const text = line.trim();
  if (/\S\s{2,}\S/.test(text)) return false;
  if (NARRATION.test(text) || POINTER.test(text)) return true;
  return !printsProse(facts) && (NARRATION_TOO.test(text) || readsAsSentence(text));
}

/** `Expected output:` on the first `#` line under a command: it introduces the output. */
export const introducesOutput = (line: string): boolean => INTRO.test(line.trim());
