import type { Tolerance } from './tolerance.js';

// Notes are often written in zsh (their `%` marks say so), while notes-run runs bash:
// the same error reads `zsh: command not found: x` there and `bash: x: command not
// found` here. Both become `<<shell>> x: command not found`; what failed stays compared.

export const zshErrors: Tolerance = {
  name: 'zsh-errors',
  reason: 'The note was written in zsh, which words the errors of the shell itself differently from bash.',
  example: 'zsh: command not found: kubectx',
  pattern: /^zsh: (?:(command not found)|no (such file or directory)|permission (denied)): (.+)$/g,
  replacement: '<<shell>> $4: $1$2$3',
};

export const bashErrors: Tolerance = {
  name: 'bash-errors',
  reason: 'notes-run runs bash, which words the errors of the shell itself differently from zsh.',
  example: 'bash: kubectx: command not found',
  pattern: /^-?bash: (?:line \d+: )?(.+): (?:(command not found)|No (such file or directory)|Permission (denied))$/g,
  replacement: '<<shell>> $1: $2$3$4',
};
