import type { Tolerance } from './tolerance.js';

export const jobPid: Tolerance = {
  name: 'job-pid',
  reason: 'The shell prints the process id of a background job (`cmd &`); the job number stays compared.',
  example: '[1]  + 12345 suspended  kubectl port-forward svc/sleep-2 8080:80',
  // bash: `[1] 12345`; zsh: `[1]  + 12345 suspended ...`. bash's `[1]+  Done` carries no pid.
  pattern: /(?<=^\s*\[\d+\]\s*[+-]?\s+)\d+(?!\S)/g,
  replacement: '<<pid>>',
};
