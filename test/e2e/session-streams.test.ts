import { describe, expect, it } from 'vitest';
import { workspace } from './workspace.js';

// Lines typed into `kubectl exec -it POD -- sh` (issue 20 item 8). kubectl copies the
// container's stdout and stderr from two streams, each as it comes, so a `wget`'s
// progress lines (stderr) can reach us after the next typed line's output (stdout) or
// after the marker that starts it. The double delays the container's stderr to make that
// happen every time; each typed line's output must still be its own, on every run.

const fence = '```';
const note = [
  '# 세션',
  '',
  `${fence}bash`,
  'kubectl run sleep --image=kiamol/ch03-sleep',
  '# pod/sleep created',
  '',
  'kubectl wait --for=condition=Ready pod/sleep',
  '# pod/sleep condition met',
  '',
  'kubectl exec -it sleep -- sh',
  fence,
  '',
  '#### Pod 안에서',
  `${fence}sh`,
  'ls /nope',
  '# ls: /nope: No such file or directory',
  'hostname',
  '# sleep',
  'cat /nope',
  "# cat: can't open '/nope': No such file or directory",
  'wget -O /tmp/index.html http://sleep-2',
  "# wget: bad address 'sleep-2'",
  'echo done',
  '# done',
  'exit',
  fence,
  '',
].join('\n');

interface Typed {
  line: number;
  status: string;
  actual: string | null;
}

describe('output of lines typed into a session', () => {
  it("keeps each typed line's stdout and stderr its own, run after run, however late stderr arrives", { timeout: 240_000 }, () => {
    const ws = workspace();
    ws.writeNote(note, 'session.md');
    const runs = [1, 2, 3].map(() => {
      // In a process of its own: the double's server does not end `exec -i` sessions on this machine today (main as merged at 22:47).
      const result = ws.run(['--reporter', 'json', 'session.md'], { KUBE_DOUBLE_EXEC_STDERR_LAG_MS: '150', KUBE_DOUBLE_ALONE: '1' });
      const report = JSON.parse(result.stdout) as { notes: { status: string; steps: (Typed & { typed?: Typed[] })[] }[] };
      const session = report.notes[0].steps.find((step) => step.line === 10);
      return { status: report.notes[0].status, typed: (session?.typed ?? report.notes[0].steps.filter((step) => step.line > 10)).map((step) => [step.line, step.status, step.actual]) };
    });
    expect(runs[0].status).toBe('fresh');
    expect(runs[0].typed).toEqual([
      [15, 'pass', 'ls: /nope: No such file or directory\n'],
      [17, 'pass', 'sleep\n'],
      [19, 'pass', "cat: can't open '/nope': No such file or directory\n"],
      [21, 'pass', "wget: bad address 'sleep-2'\n"],
      [23, 'pass', 'done\n'],
      [25, expect.any(String), expect.anything()],
    ]);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});
