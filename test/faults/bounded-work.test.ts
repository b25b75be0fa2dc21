import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../src/compare/compare-output.js';
import type { YamlStep } from '../../src/model.js';
import { checkYamlStep } from '../../src/yaml/check-yaml-step.js';
import { applyTolerances, builtinTolerances } from '../../src/compare/tolerances/registry.js';
import { root, workspace, type JsonReport } from '../e2e/workspace.js';
import { collect, exited, until, running } from './fault-kit.js';

// Bounded work: no line, note or pattern makes notes-run work for minutes or stop
// answering Ctrl-C. These tests assert no durations: a rule that is not linear simply
// does not finish within the test's time limit on lines this long.

const LONG = 100_000;
const hostile = [
  `a${' '.repeat(LONG)}x|`, // printf "a%8000s|" x, longer
  `[1]${' '.repeat(LONG)}x`, // a job line that never ends
  `[1]  +${' '.repeat(LONG)}1`,
  `  NodePort:${' '.repeat(LONG)}<unset>`,
  `resourceVersion:${' '.repeat(LONG)}"`,
  `pod-template-hash=${' '.repeat(LONG)}`,
  `cpu:${'\t'.repeat(LONG)}5m`,
  ' 1'.repeat(LONG / 2),
  '1.'.repeat(LONG / 2),
  'a1:'.repeat(LONG / 3),
  'web-'.repeat(LONG / 4),
  '0'.repeat(LONG),
];

describe('every built-in tolerance is linear', () => {
  it.each(builtinTolerances.map((tolerance) => [tolerance.name, tolerance] as const))('%s on 100 kB lines', (_, tolerance) => {
    for (const line of hostile) expect(typeof applyTolerances(line, [tolerance])).toBe('string');
  }, 60_000);

  it('so is the whole comparison of a 100 kB line', () => {
    for (const line of hostile) expect(compareOutput('a b|', `${line}\n`, 'printf', { tolerances: builtinTolerances }).matches).toBe(false);
  }, 60_000);
});

const fence = '```';

describe('user patterns cannot hang a run', () => {
  it('runs `(a+)+$` on a linear engine: the step is judged, not hung', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), "tolerances:\n  - name: evil\n    pattern: '(a+)+$'\n    replacement: '<<a>>'\n");
    ws.writeNote(`# n\n\n${fence}bash\nprintf 'a%.0s' $(seq 30000); printf '!\\n'\n# a!\n${fence}\n`, 'n.md');
    const { exitCode, report } = ws.json(['--namespace', 'default', 'n.md']);
    expect(report.notes[0].steps[0].status).toBe('stale');
    expect(exitCode).toBe(1);
  });

  it('stops a pattern the linear engine cannot run once it is past its budget: an error on that step', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), "tolerances:\n  - name: evil\n    pattern: '(?<=x)(a+)+$'\n    replacement: '<<a>>'\n");
    ws.writeNote(`# n\n\n${fence}bash\nprintf 'x'; printf 'a%.0s' $(seq 40); printf '!\\n'\n# xa!\necho fine\n# fine\n${fence}\n`, 'n.md');
    const { exitCode, report } = ws.json(['--namespace', 'default', 'n.md']);
    const [evil, fine] = report.notes[0].steps;
    expect(evil).toMatchObject({ status: 'broken', reason: expect.stringContaining('tolerances[0].pattern took more than') });
    expect(fine.status).toBe('pass');
    expect(exitCode).toBe(1);
  });

  it('still answers Ctrl-C while a pattern is judged', async () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), "tolerances:\n  - name: evil\n    pattern: '(?<=x)(a+)+$'\n    replacement: '<<a>>'\n");
    const lines = Array.from({ length: 10 }, () => `printf 'x'; printf 'a%.0s' $(seq 40); printf '!\\n'\n# xa!`).join('\n');
    ws.writeNote(`# n\n\n${fence}bash\n${lines}\nsleep 350\n${fence}\n`, 'n.md');
    const child = ws.start(['--namespace', 'default', 'n.md']);
    collect(child);
    await until(() => running(/^sleep\u0000350\u0000/));
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);
  });
});

describe('bounded output and time limits', () => {
  it('stops a single step printing 200 MB at the 64 MB cap, not at its time limit', () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${fence}bash\nhead -c 200000000 /dev/zero | tr '\\0' 'x'\n${fence}\n`, 'n.md');
    // The report holds the first 2 MB of the output: more than a pipe read by spawnSync takes.
    ws.run(['--namespace', 'default', '--timeout', '110', '--reporter', 'json', '--output-file', 'report.json', 'n.md']);
    const report = JSON.parse(readFileSync(join(ws.dir, 'report.json'), 'utf8')) as JsonReport;
    const [step] = report.notes[0].steps;
    expect(step.actual).toContain(`the step wrote more than ${64 * 2 ** 20} bytes of output and was stopped`);
    expect(step.status).toBe('broken');
    expect(step.reason).not.toContain('timed out');
  }, 120_000);

  it('rejects a --timeout Node cannot keep (it would fire at once), from the command line and the config file', () => {
    const ws = workspace();
    const flag = ws.run(['--timeout', '3000000', 'ch3.md']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('--timeout takes at most 2147483 seconds');
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), 'noteTimeout: 3000000\n');
    const config = ws.run(['ch3.md']);
    expect(config.status).toBe(2);
    expect(config.stderr).toContain('"noteTimeout" takes at most 2147483 seconds');
  });
});

describe('only regular files are read, and no further than their cap', () => {
  const simple = (name: string) => `# ${name}\n\n${fence}bash\necho ${name}\n# ${name}\n${fence}\n`;
  // Generous: a read that does not stop runs into it (and, before, into gigabytes of memory).
  const run = (ws: ReturnType<typeof workspace>, args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: ws.dir, env: ws.env, encoding: 'utf8', timeout: 30_000 });

  it('a note linked to /dev/zero or a FIFO named as a note: exit 2 at once, naming it, in --plan and --offline', () => {
    const ws = workspace();
    symlinkSync('/dev/zero', join(ws.dir, 'zero.md'));
    execFileSync('mkfifo', [join(ws.dir, 'fifo.md')]);
    ws.writeNote(simple('a'), 'a.md');
    for (const mode of ['--plan', '--offline']) {
      const result = run(ws, [mode, 'zero.md', 'fifo.md', 'a.md']);
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('zero.md: not a regular file (a character device)');
      expect(result.stderr).toContain('fifo.md: not a regular file (a FIFO)');
      expect(result.stdout).toMatch(/a\.md/);
    }
  });

  it('a snapshot linked to /dev/zero, or a folder where the snapshot should be, fails its note only', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    ws.writeNote(simple('b'), 'b.md');
    ws.writeNote(simple('c'), 'c.md');
    mkdirSync(join(ws.dir, 'snapshots', 'b.md.yaml'), { recursive: true });
    symlinkSync('/dev/zero', join(ws.dir, 'snapshots', 'a.md.yaml'));
    const result = run(ws, ['--offline', '--reporter', 'json', 'a.md', 'b.md', 'c.md']);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout) as { notes: { file: string; status: string }[] };
    expect(report.notes.map((note) => [note.file, note.status])).toEqual([
      ['a.md', 'broken'],
      ['b.md', 'broken'],
      ['c.md', 'unverified'],
    ]);
    expect(result.stderr).toContain('a.md.yaml: not a regular file (a character device)');
    expect(result.stderr).toContain('b.md.yaml: not a regular file (a folder)');
  });
});

describe('the comparison is bounded on long lines and large yaml blocks', () => {
  const words = (chars: number, tag: string) => Array.from({ length: Math.ceil(chars / 6) }, (_, i) => `w${i % 97}${tag}`).join(' ');

  it('compares a 1 MB line that differs in every tenth word whole: stale, with no word-by-word diff', () => {
    const documented = words(1_000_000, 'a');
    const actual = documented.split(' ').map((word, i) => (i % 10 === 0 ? `${word}b` : word)).join(' ');
    const comparison = compareOutput(documented, `${actual}\n`, 'echo', { tolerances: builtinTolerances });
    expect(comparison.matches).toBe(false);
    expect(comparison.diff.map((line) => line.op)).toEqual(['-', '+']);
    expect(comparison.diff.every((line) => line.words === undefined)).toBe(true);
    // Still word by word where a reader reads word by word.
    const short = compareOutput('pod/web created', 'pod/web configured\n', 'kubectl apply -f web.yaml', { tolerances: builtinTolerances });
    expect(short.diff[0].words).toBeDefined();
  }, 60_000);

  it('does not parse a yaml block of 20,000 keys: the step is unchecked and says why', () => {
    const source = `kind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: 20_000 }, (_, i) => `  k${i}: v${i}`).join('\n')}`;
    const step: YamlStep = { kind: 'yaml', line: 3, source, context: { headings: [], text: '' }, linksAbove: [] };
    const verdict = checkYamlStep(step, [step], root);
    expect(verdict.status).toBe('unchecked');
    expect(verdict.reason).toBe('not parsed: 20004 lines is more than the 1000 read as YAML');
  }, 60_000);
});
