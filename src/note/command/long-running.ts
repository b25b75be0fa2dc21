// Commands that run until someone stops them (port-forward, logs -f, get -w, a loop with
// no end): they get a grace period, then are stopped.

/** Every long-running pattern names one of these; most commands name none and are done with in one test. */
const LONG_RUNNING_WORDS = /kubectl|minikube|k3d|tail|watch|ping|yes/;
const LONG_RUNNING_COMMANDS = [
  /\bkubectl\b.*\s(port-forward|proxy|attach)\b/,
  /\bkubectl\b.*\slogs\b.*\s(-f|--follow(=true)?)(\s|$)/,
  /\bkubectl\b.*\s(get|events)\b.*\s(-w|--watch|--watch-only)(=true)?(\s|$)/,
  /\b(minikube|k3d)\s+tunnel\b/,
  /\btail\s+(-\w*f|--follow)\b/,
  /(^|[;&|]\s*)watch\s/,
  /\bping\b(?![^|;&]*\s-c\s*\d)[^|;&]*$/,
  /(^|[;&|]\s*)yes(\s|$)/,
];
/** A loop whose condition never fails: `while true; do curl ...; sleep 1; done`. */
const ENDLESS_LOOPS = [
  /(^|[;&|(]\s*)while\s+(true|:|\[\s*1\s*\]|\(\(\s*1\s*\)\))\s*;?\s*(do\b|$)/m,
  /(^|[;&|(]\s*)until\s+(false|\[\s*0\s*=\s*1\s*\])\s*;?\s*(do\b|$)/m,
  /(^|[;&|(]\s*)for\s*\(\(\s*;\s*;\s*\)\)/,
];

/** The shell itself runs this loop forever: only a subshell around it can be stopped. */
export function loopsForever(command: string): boolean {
  if (command.includes('&') && /&\s*$/.test(command)) return false;
  return /while|until|for/.test(command) && ENDLESS_LOOPS.some((pattern) => pattern.test(command));
}

/** `command` (with `k` written out) runs until stopped, unless it is sent to the background. */
export function runsUntilStopped(command: string): boolean {
  if (command.includes('&') && /&\s*$/.test(command)) return false;
  return (LONG_RUNNING_WORDS.test(command) && LONG_RUNNING_COMMANDS.some((pattern) => pattern.test(command))) || loopsForever(command);
}
