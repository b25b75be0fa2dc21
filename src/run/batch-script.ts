import type { CommandFacts } from '../model.js';
import { describeCommand } from '../note/command/describe-command.js';

// How steps are written into the file the note's shell sources. A step normally goes
// through `eval` inside a function, so a step that does not parse fails alone and a
// stray `exit` (aliased to `return`) ends the step, never the shell. A plain one-line
// command (the command model's `plainLine`) is written as it is: bash then runs it at half the cost, and nothing in it
// can make bash read past its line. If it still does not parse, bash stops sourcing
// the file there; the session sees the batch end early and runs that step again
// through `eval` (a command that does not parse has not run). Printing a marker resets
// `$?`; a step that reads it gets back the status the step before it ended with, so a
// note's `echo $?` under a failed command prints what it did in the terminal. Only
// then is the status kept in a variable: bash runs a marker alone in half the time.

export const PRELUDE = [
  'exec 2>&1',
  'shopt -s expand_aliases',
  'alias exit=return logout=return',
  // Notes write `k` for kubectl, as their authors' shells define it.
  'type -P k > /dev/null || alias k=kubectl',
  '__notes_run_status() { return "$1"; }',
  '__notes_run_step() { eval "$__notes_run_command"; }',
  '',
].join('\n');

/** What bash prints after each step: the token the step cannot forge, then its exit status. */
export const stepMarker = (token: string) => `\u001e${token}:`;
/** The command printing a marker with `status` (a bash word); `builtin`, since a note may define its own `echo`. */
const printMarker = (token: string, status: string) => `builtin echo "${stepMarker(token)}${status}\u001e"`;
/** The status field of the marker printed once the whole batch file has been sourced. */
export const BATCH_END = 'end';

/** Where a marker keeps the status for a step after it that reads `$?`. */
export const KEPT_STATUS = '"$__notes_run_last"';

export interface StepScriptOptions {
  /** A redirection of the step's standard input, if it is fed. */
  input?: string;
  throughEval?: boolean;
  /** How bash reads the status the step before ended with: a number, or KEPT_STATUS. Used when the step reads `$?`. */
  lastStatus?: string;
  /** The step after this one reads `$?`: keep this one's status for it. */
  keepStatus?: boolean;
  /** What the command model says of the command (note/command/); described here when not given. */
  facts?: Pick<CommandFacts, 'readsStatus' | 'plainLine'>;
}


/** The batch file's text for one step. */
export function stepScript(command: string, token: string, options: StepScriptOptions = {}): string {
  const { input = '', throughEval = false, lastStatus = '0', keepStatus = false, facts = describeCommand(command) } = options;
  const marker = keepStatus ? `__notes_run_last=$?; ${printMarker(token, '$__notes_run_last')}\n` : `${printMarker(token, '$?')}\n`;
  const restore = facts.readsStatus ? `__notes_run_status ${lastStatus}; ` : '';
  if (!throughEval && input === '' && facts.plainLine) return `${restore}${command}\n${marker}`;
  return `__notes_run_command=${ansiQuote(command)}; ${restore}__notes_run_step${input}; ${marker}`;
}

/** What the shell is sent to source a batch file, its output going to `outputPath` if given, and say when it is done. */
export function sourceLine(scriptPath: string, token: string, outputPath?: string): string {
  // Steps read /dev/null unless they are fed; one redirection for the whole batch is cheaper.
  const output = outputPath ? ` >> '${outputPath}' 2>&1` : '';
  return `. '${scriptPath}' < /dev/null${output}; ${printMarker(token, BATCH_END)}\n`;
}


/** bash ANSI-C quoting: any text, newlines and quotes included, as one word. */
function ansiQuote(text: string): string {
  const escaped = text.replace(/[\\']/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `$'${escaped}'`;
}
