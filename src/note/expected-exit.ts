import type { CommandFacts, ExpectedExit } from '../model.js';

/**
 * The documented output shows the command failing: how it is expected to end. Besides
 * kubectl's own words and the shell's, a simple command whose output starts with its
 * program's name and a colon (`ls: cannot access 'x'`, `ping: bad address 'sleep-2'`)
 * printed an error the Unix way, and failed.
 */
export function expectedExitOf(output: string | undefined, facts?: Pick<CommandFacts, 'errorPrefixes' | 'kubectl'>): ExpectedExit {
  if (output === undefined) return { kind: 'success' };
  const terminated = output.includes('command terminated') ? [...output.matchAll(/^[ \t]*command terminated with exit code (\d+)[ \t]*$/gm)].pop() : undefined;
  if (terminated) return { kind: 'code', code: Number(terminated[1]) };
  const first = output.trimStart();
  if (first.startsWith('error:') || /^Error from server\b/.test(first)) return { kind: 'failure' };
  // kubectl goes on through every object (`delete -f DIR/`) and exits 1 if any failed.
  if (facts?.kubectl && /^[ \t]*Error from server \(\w+\)/m.test(output)) return { kind: 'failure' };
  // The shell's own complaint: `bash: x: command not found`, `zsh: command not found: x`.
  if (/^-?(bash|zsh|sh): /.test(first)) return { kind: 'failure' };
  if (!first.includes(': ')) return { kind: 'success' };
  if (facts?.errorPrefixes.some((prefix) => first.startsWith(prefix))) return { kind: 'failure' };
  return { kind: 'success' };
}

/** `echo $?` on a line of its own: it shows how the step before it ended. */
export function statusShown(facts: Pick<CommandFacts, 'echoesStatus'>, output: string | undefined): number | undefined {
  if (output === undefined || !facts.echoesStatus) return undefined;
  const status = /^\s*(\d{1,3})\s*$/.exec(output)?.[1];
  return status === undefined ? undefined : Number(status);
}
