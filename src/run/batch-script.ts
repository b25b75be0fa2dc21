// How steps are written into the file the note's shell sources. A step normally goes
// through `eval` inside a function, so a step that does not parse fails alone and a
// stray `exit` (aliased to `return`) ends the step, never the shell. A plain one-line
// command is written as it is: bash then runs it at half the cost, and nothing in it
// can make bash read past its line. If it still does not parse, bash stops sourcing
// the file there; the session sees the batch end early and runs that step again
// through `eval` (a command that does not parse has not run). Printing a marker resets
// `$?`; a step that reads it gets back the status the step before it ended with, so a
// note's `echo $?` under a failed command prints what it did in the terminal.

export const PRELUDE = [
  'exec 2>&1',
  'shopt -s expand_aliases',
  'alias exit=return logout=return',
  '__notes_run_last=0',
  '__notes_run_status() { return "$1"; }',
  '__notes_run_step() { __notes_run_status "$__notes_run_last"; eval "$__notes_run_command"; }',
  '',
].join('\n');

/** What bash prints after each step: the token the step cannot forge, then its exit status. */
export const stepMarker = (token: string) => `\n\u001e${token}:`;
/** The status field of the marker printed once the whole batch file has been sourced. */
export const BATCH_END = 'end';

const RESTORE_STATUS = '__notes_run_status "$__notes_run_last"; ';

/** One line of quoting-free text with no compound, redirection from input, background job or `exit`. */
const PLAIN = /^[^'"`\\(){}<#&\n]*$/;
const NEEDS_EVAL = /\b(if|then|else|elif|fi|case|esac|for|while|until|select|do|done|function|exit|return|logout)\b/;

export function writtenAsIs(command: string): boolean {
  return PLAIN.test(command) && !NEEDS_EVAL.test(command);
}

/** The batch file's text for one step; `input` is a redirection of its standard input, if it is fed. */
export function stepScript(command: string, token: string, { input = '', throughEval = false } = {}): string {
  const status = `__notes_run_last=$?; printf '\\n\\036${token}:%s\\036\\n' "$__notes_run_last"\n`;
  if (!throughEval && input === '' && writtenAsIs(command)) return `${command.includes('$?') ? RESTORE_STATUS : ''}${command}\n${status}`;
  return `__notes_run_command=${ansiQuote(command)}; __notes_run_step${input}; ${status}`;
}

/** What the shell is sent to source a batch file, its output going to `outputPath` if given, and say when it is done. */
export function sourceLine(scriptPath: string, token: string, outputPath?: string): string {
  // Steps read /dev/null unless they are fed; one redirection for the whole batch is cheaper.
  const output = outputPath ? ` >> '${outputPath}' 2>&1` : '';
  return `. '${scriptPath}' < /dev/null${output}; printf '\\n\\036${token}:${BATCH_END}\\036\\n'\n`;
}

/** A command that may leave a process running after it (`cmd &`, `nohup`): its output must go where it can be read later. */
export function leavesJobRunning(command: string): boolean {
  return /(^|[^&>|<])&(?![&>])/.test(command) || /\b(nohup|setsid|disown)\b/.test(command);
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
