import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

// A step is stopped without stopping the note's shell, so its variables and `cd`
// survive: the shell's descendants are found and signalled one by one. Linux lists a
// process's children under /proc; where there is no such list (macOS, a Linux kernel
// built without it), `ps` gives every process with its parent, which POSIX requires.

/** The children of a process, as one look at the process table saw them. */
export type ChildrenOf = (pid: number) => number[];

export interface ProcessTableOptions {
  /** Where the proc filesystem is mounted; a test names a place where there is none. */
  proc?: string;
  /** Runs `ps`; a test may give its own. */
  ps?: () => string;
}

let linuxTable: boolean | undefined;

/** How this machine lists a process's children: /proc where it can, `ps` otherwise. */
export function processTable(options: ProcessTableOptions = {}): ChildrenOf {
  const proc = options.proc ?? '/proc';
  // Checked once: whether the kernel lists children does not change while we run.
  const hasChildren = options.proc === undefined ? (linuxTable ??= listsChildren(proc)) : listsChildren(proc);
  return hasChildren ? procChildren(proc) : psChildren(options.ps ?? runPs);
}

function listsChildren(proc: string): boolean {
  return existsSync(`${proc}/${process.pid}/task/${process.pid}/children`);
}

export function descendantsOf(pid: number, childrenOf: ChildrenOf = processTable()): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of childrenOf(queue.shift()!)) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function procChildren(proc: string): ChildrenOf {
  return (pid) => {
    try {
      return readdirSync(`${proc}/${pid}/task`).flatMap((task) =>
        readFileSync(`${proc}/${pid}/task/${task}/children`, 'utf8')
          .split(' ')
          .filter(Boolean)
          .map(Number),
      );
    } catch {
      return [];
    }
  };
}

/** One `ps` for the whole walk, read the first time a child is asked for. */
function psChildren(ps: () => string): ChildrenOf {
  let byParent: Map<number, number[]> | undefined;
  return (pid) => {
    byParent ??= parentsIn(ps());
    return byParent.get(pid) ?? [];
  };
}

/** `ps -A -o pid=,ppid=` output: a pid and its parent's on each line. */
export function parentsIn(listing: string): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const line of listing.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!Number.isInteger(pid) || !Number.isInteger(ppid)) continue;
    byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  }
  return byParent;
}

function runPs(): string {
  try {
    return execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // No `ps` either: steps can then only be stopped by ending the shell.
    return '';
  }
}

export function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone.
    }
  }
}

/** Kills a whole process group; the note's shell leads its own group. */
export function killGroup(leader: number, name: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-leader, name);
  } catch {
    // Already gone.
  }
}
