import { describe, expect, it } from 'vitest';
import type { CompareSettings } from '../../src/compare/comparable-lines.js';
import { judgeCommand } from '../../src/compare/judge-command.js';
import { applyTolerances, builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { CommandStep, NoteResult, StepRun, Verdict } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import { updatedNote } from '../../src/update/update-note.js';

// SPEC §7: every line `--update` writes is a line this run printed. A written line is
// either a documented line kept as it is, or a printed line in which some columns keep
// what the author wrote in the same column of the SAME row (an old IP, an old age, a
// `10.xx.xx.xx`): never a row pieced together from another row's values.

const settings: CompareSettings = { tolerances: builtinTolerances };

function run(output: string): StepRun {
  return { output, exitCode: 0, durationMs: 10, timedOut: false, stopped: false, attempts: 1 };
}

const block = (command: string, documented: string[]) => ['# note', '', '```bash', command, ...documented.map((line) => `# ${line}`), '```', ''].join('\n');

function commandSteps(source: string): CommandStep[] {
  return parseNote('note.md', source).steps.filter((step): step is CommandStep => step.kind === 'command');
}

function judge(source: string, runs: StepRun[]): NoteResult {
  const verdicts = commandSteps(source).map((step, i): Verdict => ({ step, run: runs[i], ...judgeCommand(step, runs[i], settings) }));
  return { file: 'note.md', status: 'stale', verdicts, messages: [], durationMs: 0 };
}

const words = (line: string): string[] => line.trim().split(/\s+/);
/** A row's identity: its first column (the NAME), read with generated suffixes folded. */
const identity = (line: string): string => applyTolerances(words(line)[0] ?? '', builtinTolerances);

/** The written lines that are neither a documented line kept nor a printed line (with the same row's kept columns). */
function notPrinted(written: string[], documented: string[], printed: string[]): string[] {
  return written.filter((line) => {
    if (documented.some((doc) => doc.trim() === line.trim())) return false;
    const cells = words(line);
    return !printed.some((out) => {
      const outCells = words(out);
      if (outCells.length !== cells.length) return false;
      const sameRow = documented.filter((doc) => identity(doc) === identity(out)).map(words);
      return cells.every((cell, k) => cell === outCells[k] || sameRow.some((row) => row[k] === cell));
    });
  });
}

/** Runs `--update` on a one-step note and returns what it wrote, checked line by line against what was printed. */
function update(command: string, documented: string[], actual: string): { written: string[]; offenders: string[] } {
  const source = block(command, documented);
  const result = updatedNote(source, judge(source, [run(actual)]));
  const written = result ? (commandSteps(result.text)[0].output?.text ?? '').split('\n') : documented;
  return { written, offenders: notPrinted(written, documented, actual.trimEnd().split('\n')) };
}

describe('every line --update writes was printed by this run', () => {
  it("never gives a new row the values of a row that vanished (issue 20: front got kubernetes's ClusterIP and age)", () => {
    const documented = [
      'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)          AGE',
      'kubernetes   ClusterIP      10.43.0.1     <none>        443/TCP          23h',
      'web          LoadBalancer   10.43.12.5    192.0.2.10    8080:31000/TCP   5m',
      'front        ClusterIP      10.43.55.1    <none>        8088/TCP         5m',
    ];
    const actual = [
      'NAME    TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)          AGE',
      'web     LoadBalancer   10.43.12.9    192.0.2.10    8080:31000/TCP   2s',
      'front   LoadBalancer   10.43.84.91   192.0.2.10    8088:32307/TCP   2s',
      '',
    ].join('\n');
    const { written, offenders } = update('kubectl get svc', documented, actual);
    expect(offenders).toEqual([]);
    expect(written.some((line) => line.includes('10.43.0.1') && line.startsWith('front'))).toBe(false);
    // front keeps its own documented IP and age: the same row, values a tolerance accepts.
    expect(written.map(words)).toContainEqual(['front', 'LoadBalancer', '10.43.55.1', '192.0.2.10', '8088:32307/TCP', '5m']);
  });

  it('writes a renamed row as printed, not with the old row’s age', () => {
    const { written, offenders } = update('kubectl get cm', ['NAME   DATA   AGE', 'one    1      5s'], 'NAME   DATA   AGE\ntwo    1      9s\n');
    expect(offenders).toEqual([]);
    expect(written).toEqual(['NAME   DATA   AGE', 'two    1      9s']);
  });

  it('pairs lines of an ordered output only with the line of the same field', () => {
    const documented = ['Name:       web', 'Type:       ClusterIP', 'IP:         10.43.12.5', 'Port:       <unset>  80/TCP'];
    const actual = 'Name:       web\nType:       NodePort\nEndpoints:  10.42.0.9\nPort:       <unset>  80/TCP\n';
    const { written, offenders } = update('kubectl describe svc web', documented, actual);
    expect(offenders).toEqual([]);
    expect(written).toContain('Endpoints:  10.42.0.9');
  });

  it('holds for every rewritten table of many random runs, column by column', () => {
    // mulberry32: a fixed seed, so a failure names the same tables every time.
    let seed = 20;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const pick = <T>(items: T[]): T => items[random(items.length)];
    const names = ['kubernetes', 'web', 'front', 'api', 'db', 'sleep-1', 'sleep-2', 'web-7f6dc9c5b8-abcde', 'web-5bfcffdc46-vh8fd'];
    const row = (name: string) =>
      [name, pick(['ClusterIP', 'NodePort', 'LoadBalancer']), `10.43.${random(256)}.${random(256)}`, pick(['<none>', '192.0.2.10']), pick(['80/TCP', `8080:3${random(2768) + 1000}/TCP`, '443/TCP']), pick(['5s', '2m', '23h'])].join('   ');
    const header = 'NAME   TYPE   CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE';
    const some = () => names.filter(() => random(2) === 0);
    let rewritten = 0;
    for (let i = 0; i < 80; i++) {
      const documented = [header, ...some().map(row)];
      const actual = [header, ...some().map(row)].join('\n') + '\n';
      const { written, offenders } = update('kubectl get svc', documented, actual);
      if (written.join('\n') !== documented.join('\n')) rewritten++;
      expect({ documented, actual, offenders }).toEqual({ documented, actual, offenders: [] });
    }
    expect(rewritten).toBeGreaterThan(50);
  });
});
