import { createInterface } from 'node:readline';
import type { Colors } from 'picocolors/types.js';
import type { Verdict } from '../model.js';
import { stepLines } from '../report/step-lines.js';

export const PROMPT = 'Apply this change [y,n,q,a,d,?]? ';

const HELP = `y - rewrite this output in the note
n - leave this output as it is
q - quit; rewrite none of the outputs not yet asked about, in any note
a - rewrite this output and all later ones in this note
d - leave this output and all later ones in this note
? - print help
`;

/**
 * `--update --interactive`: shows each drifted output with its diff and asks, as
 * `git add -p` does, before rewriting it. Questions from notes running in parallel
 * wait their turn; the progress line is paused while one is on screen.
 */
export function askBeforeUpdate(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, colors: Colors, progress?: { pause(): void; resume(): void }) {
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

  let everywhere: boolean | undefined;
  const inNote = new Map<string, boolean>();
  let turn = Promise.resolve();
  const confirm = (file: string, verdict: Verdict): Promise<boolean> => {
    const asked = turn.then(async () => {
      const decided = everywhere ?? inNote.get(file);
      if (decided !== undefined) return decided;
      progress?.pause();
      try {
        output.write(stepLines(file, verdict, colors).join('\n') + '\n');
        for (;;) {
          output.write(colors.bold(colors.blue(PROMPT)));
          const answer = (await nextAnswer())?.trim().toLowerCase() ?? 'q';
          if (answer === 'y' || answer === 'n') return answer === 'y';
          if (answer === 'a' || answer === 'd') return inNote.set(file, answer === 'a').get(file)!;
          if (answer === 'q') return (everywhere = false);
          output.write(HELP);
        }
      } finally {
        progress?.resume();
      }
    });
    turn = asked.then(() => undefined);
    return asked;
  };
  return { confirm, close: () => lines.close() };
}
