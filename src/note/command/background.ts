// Jobs the shell does not wait for.

/** `cmd &`: the shell is back at once while the job goes on printing. */
export const startsInBackground = (command: string): boolean => /(^|[^&])&\s*$/.test(command.trimEnd());

/** A command that may leave a process running after it (`cmd &`, `nohup`): its output must go where it can be read later. */
export function leavesJobRunning(command: string): boolean {
  return /(^|[^&>|<])&(?![&>])/.test(command) || /\b(nohup|setsid|disown)\b/.test(command);
}

/** Whether a command reads the status of the one before it. */
export const readsStatus = (command: string): boolean => command.includes('$?') || command.includes('${?');
