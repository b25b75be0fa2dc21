import type { Tolerance } from './tolerance.js';

export const jobPid: Tolerance = {
  name: 'job-pid',
  reason: 'The shell prints the process id of a background job (`cmd &`); the job number stays compared.',
  example: '[1]  + 12345 suspended  kubectl port-forward svc/sleep-2 8080:80',
  // bash: `[1] 12345`; zsh: `[1]  + 12345 suspended ...`. bash's `[1]+  Done` carries no pid.
  // Bounded blanks: a lookbehind is tried at every position, and an unbounded one makes
  // a long run of blanks cost its length squared or worse at each (see LINEAR in tests).
  pattern: /(?<=^\s{0,16}\[\d{1,9}\]\s{0,16}[+-]?\s{1,16})\d+(?!\S)/g,
  replacement: '<<pid>>',
};
