import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, parentsIn, processTable } from '../../src/run/process-tree.js';

// Where /proc does not exist (macOS), a step's processes are found through `ps`. The
// fallback is tested here by naming a proc directory that does not exist.

let tree: ChildProcess | undefined;
afterEach(() => {
  if (tree?.pid) process.kill(-tree.pid, 'SIGKILL');
  tree = undefined;
});

/** A shell with two children, one of them with a child of its own; resolves once all are up. */
async function startTree(): Promise<number> {
  tree = spawn('bash', ['-c', 'sleep 30 & bash -c "sleep 30 & echo up; wait" & wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve) => tree!.stdout!.once('data', () => resolve()));
  return tree.pid!;
}

describe("a shell's descendants", () => {
  it('are found through ps when there is no /proc, the same as through /proc', async () => {
    const shell = await startTree();
    const throughProc = descendantsOf(shell, processTable());
    const throughPs = descendantsOf(shell, processTable({ proc: '/no-proc-here' }));
    // bash, sleep, bash -c, sleep: the inner shell's own sleep is a grandchild.
    expect(throughProc).toHaveLength(3);
    expect(throughPs.sort()).toEqual(throughProc.sort());
  });

  it('read from ps output: children and grandchildren, nothing else', () => {
    const listing = ['    1     0', '  100     1', '  200   100', '  201   100', '  300   200', '  400     1', ''].join('\n');
    const ps = () => listing;
    expect(descendantsOf(100, processTable({ proc: '/no-proc-here', ps }))).toEqual([200, 201, 300]);
    expect(descendantsOf(400, processTable({ proc: '/no-proc-here', ps }))).toEqual([]);
  });

  it('asks ps once for a whole walk', () => {
    let calls = 0;
    const ps = () => {
      calls++;
      return '2 1\n3 2\n4 3\n';
    };
    expect(descendantsOf(1, processTable({ proc: '/no-proc-here', ps }))).toEqual([2, 3, 4]);
    expect(calls).toBe(1);
  });

  it('skips what is not a pid and a parent (a header, a blank line)', () => {
    expect(parentsIn('  PID  PPID\n  7  1\n\n')).toEqual(new Map([[1, [7]]]));
  });
});
