import { afterEach, describe, expect, it, vi } from 'vitest';
import { Progress } from '../../src/cli/progress.js';
import type { CommandStep } from '../../src/model.js';

function terminal(isTTY = true) {
  const written: string[] = [];
  const stream = { isTTY, columns: 60, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

const step = (line: number, command: string) => ({ line, command }) as CommandStep;

afterEach(() => {
  vi.useRealTimers();
});

describe('the progress line', () => {
  it('names the running step, and redraws a batch of quick steps only now and then', () => {
    vi.useFakeTimers();
    const { stream, written } = terminal();
    const progress = new Progress(stream, {});
    for (let line = 1; line <= 100; line++) progress.step('notes/ch3.md', step(line, `echo ${line}\necho more`));
    expect(written).toEqual(['\r\u001b[K… notes/ch3.md:1 echo 1 0.0 s']);
    vi.advanceTimersByTime(200);
    expect(written.at(-1)).toMatch(/^\r\u001b\[K… notes\/ch3\.md:100 echo 100 0\.\d s$/);
    progress.done('notes/ch3.md');
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('cuts a long line to the terminal width', () => {
    const { stream, written } = terminal();
    const progress = new Progress(stream, {});
    progress.step('notes/ch3.md', step(7, `kubectl get pods ${'-l app=x '.repeat(20)}`));
    progress.done('notes/ch3.md');
    expect(written[0].length).toBeLessThanOrEqual('\r\u001b[K… '.length + 56);
    expect(written[0].endsWith('…')).toBe(true);
  });

  it('says what a step waits for, before the command so a narrow terminal keeps it', () => {
    vi.useFakeTimers();
    const { stream, written } = terminal();
    const progress = new Progress(stream, {});
    progress.step('ch3.md', step(24, 'kubectl wait --for=condition=Ready pod -l app=sleep-1'));
    progress.waiting('ch3.md', 'pulling kiamol/ch03-sleep 23 s');
    expect(written.at(-1)).toMatch(/^\r\u001b\[K… ch3\.md:24 waiting: pulling kiamol\/ch03-sleep 23 s · kub…$/);
    progress.step('ch3.md', step(26, 'kubectl get pods'));
    vi.advanceTimersByTime(200);
    expect(written.at(-1)).toMatch(/^\r\u001b\[K… ch3\.md:26 kubectl get pods 0\.\d s$/);
    progress.done('ch3.md');
  });

  it('stays silent off a terminal, under CI and under pre-commit', () => {
    for (const [isTTY, env] of [[false, {}], [true, { CI: 'true' }], [true, { PRE_COMMIT: '1' }], [true, { TERM: 'dumb' }]] as const) {
      const { stream, written } = terminal(isTTY);
      const progress = new Progress(stream, env);
      progress.step('n.md', step(1, 'echo'));
      progress.done('n.md');
      expect(written).toEqual([]);
    }
  });
});
