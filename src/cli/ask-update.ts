import { createInterface } from 'node:readline';
import type { Colors } from 'picocolors/types.js';
import type { Verdict } from '../model.js';
import { humanStepLines } from '../report/human-report.js';

/**
 * `--update --interactive`: shows each drifted output and asks before rewriting it.
 * Answers: y(es), n(o), a(ll the rest), q(uit: none of the rest). Questions from notes
 * running in parallel wait their turn.
 */
export function askBeforeUpdate(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, colors: Colors) {
  const answers: string[] = [];
  const waiting: ((answer: string | undefined) => void)[] = [];
  let closed = false;
  const lines = createInterface({ input, terminal: false });
  lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : answers.push(line)));
  lines.on('close', () => {
    closed = true;
    for (const resolve of waiting.splice(0)) resolve(undefined);
  });
  const nextAnswer = () =>
    answers.length > 0 || closed ? Promise.resolve(answers.shift()) : new Promise<string | undefined>((resolve) => waiting.push(resolve));

  let rest: boolean | undefined;
  let turn = Promise.resolve();
  const confirm = (file: string, verdict: Verdict): Promise<boolean> => {
    const asked = turn.then(async () => {
      if (rest !== undefined) return rest;
      output.write(humanStepLines(file, verdict, colors).join('\n') + '\n');
      output.write('Rewrite this output in the note? [y]es / [n]o / [a]ll / [q]uit: ');
      const answer = (await nextAnswer())?.trim().toLowerCase() ?? 'q';
      output.write('\n');
      if (answer.startsWith('a')) rest = true;
      if (answer.startsWith('q')) rest = false;
      return answer.startsWith('y') || answer.startsWith('a');
    });
    turn = asked.then(() => undefined);
    return asked;
  };
  return { confirm, close: () => lines.close() };
}
