import { readdirSync, readFileSync } from 'node:fs';

// A step is stopped without stopping the note's shell, so its variables and `cd`
// survive: the shell's descendants are found through /proc and signalled one by one.

export function descendantsOf(pid: number): number[] {
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

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
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
