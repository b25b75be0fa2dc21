import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { workspace } from '../e2e/workspace.js';

// One note that cannot be read, or whose snapshot cannot, fails alone: it gets a fatal
// message naming its file (and line), the other notes run and are reported, and the run
// ends with exit 2, the status of an input error. Usage errors still stop everything first.

const fence = '```';
const simple = (name: string) => `# ${name}\n\n${fence}bash\necho ${name}\n# ${name}\n${fence}\n`;
const deep = `# n\n\n${'>'.repeat(10_000)} deep\n`;

interface Message {
  line: number;
  column: number;
  message: string;
  severity: string;
  fatal?: boolean;
}

describe('a note that cannot be read', () => {
  it('offline: is broken with a fatal message at its line, and the other notes are still judged', () => {
    const ws = workspace();
    ws.writeNote(deep, 'deep.md');
    const result = ws.run(['--offline', '--reporter', 'json', 'ch3.md', 'deep.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('notes-run: deep.md:3: blockquotes or lists nested too deeply');
    const report = JSON.parse(result.stdout) as { notes: { file: string; status: string; steps: unknown[]; messages: Message[] }[] };
    expect(report.notes.map((note) => [note.file, note.status])).toEqual([
      ['ch3.md', 'unverified'],
      ['deep.md', 'broken'],
    ]);
    expect(report.notes[1].steps).toEqual([]);
    expect(report.notes[1].messages).toEqual([expect.objectContaining({ line: 3, column: 1, severity: 'error', fatal: true })]);
    expect(report.notes[1].messages[0].message).toMatch(/^blockquotes or lists nested too deeply/);
  });

  it('live: gets no namespace and no snapshot, while the note beside it runs and is reported', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    writeFileSync(join(ws.dir, 'latin1.md'), Buffer.from('# caf\xe9\n', 'latin1'));
    const result = ws.run(['--no-color', 'a.md', 'latin1.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('notes-run: latin1.md:1: not UTF-8 text');
    expect(result.stdout).toContain('FRESH a.md');
    expect(result.stdout).toMatch(/BROKEN latin1\.md/);
    expect(result.stdout).toContain('latin1.md:1:1 error not UTF-8 text');
    expect(result.stderr).not.toContain('internal error');
    expect(existsSync(join(ws.dir, 'snapshots', 'a.md.yaml'))).toBe(true);
    expect(existsSync(join(ws.dir, 'snapshots', 'latin1.md.yaml'))).toBe(false);
  });

  it('every reporter names the failed note', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    ws.writeNote(deep, 'deep.md');
    const github = ws.run(['--offline', '--reporter', 'github', 'a.md', 'deep.md']);
    expect(github.stdout).toContain('::error file=deep.md,line=3,col=1::blockquotes or lists nested too deeply');
    const junit = ws.run(['--offline', '--reporter', 'junit', 'a.md', 'deep.md']);
    expect(junit.stdout).toContain('name="deep.md"');
    expect(junit.stdout).toContain('blockquotes or lists nested too deeply');
  });
});

describe('a corrupt snapshot', () => {
  it('fails its note only, naming the snapshot file; the next note is judged against its own', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    ws.writeNote(simple('b'), 'b.md');
    mkdirSync(join(ws.dir, 'snapshots'));
    writeFileSync(join(ws.dir, 'snapshots', 'a.md.yaml'), stringify({ note: 'a.md', steps: [{ line: 4, command: 'echo a', exitCode: 0, output: 5 }] }));
    const good = { note: 'b.md', date: '2026-11-26T21:50:17.039Z', context: 'default', namespace: 'x', kubectl: {}, steps: [{ line: 4, command: 'echo b', exitCode: 0, durationMs: 3, output: 'b\n' }] };
    writeFileSync(join(ws.dir, 'snapshots', 'b.md.yaml'), stringify(good));
    const result = ws.run(['--offline', '--reporter', 'json', 'a.md', 'b.md']);
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout) as { notes: { file: string; status: string; messages: Message[] }[] };
    expect(report.notes.map((note) => note.status)).toEqual(['broken', 'fresh']);
    expect(report.notes[0].messages[0].message).toContain('a.md.yaml: not a notes-run snapshot (steps[0].output must be text)');
    expect(report.notes[0].messages[0].fatal).toBe(true);
  });
});

describe('usage errors', () => {
  it('still end the run with exit 2 before any note is read or run', () => {
    const ws = workspace();
    ws.writeNote(deep, 'deep.md');
    const result = ws.run(['--offline', '--jobs', '0', 'deep.md']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('nested too deeply');
  });
});

// A failure nobody foresaw inside one note (a library's limit, a stack overflow) is that
// note broken at its line, in every mode; its namespace and kubeconfig copy are removed
// and the notes beside it are judged.
const aliasBomb = (() => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  return `# bomb\n\n${fence}yaml\n${lines.join('\n')}\n${fence}\n\n${fence}bash\necho b\n# b\n${fence}\n`;
})();
const nested = `# nest\n\n${fence}bash\necho ${'$('.repeat(3000)}echo x${')'.repeat(3000)}\n# x\n${fence}\n`;

describe('a failure inside one note', () => {
  it('--plan: the note is broken at its line, exit 2, and the other notes are planned', () => {
    const ws = workspace();
    ws.writeNote(nested, 'nest.md');
    ws.writeNote(simple('a'), 'a.md');
    const result = ws.run(['--plan', '--reporter', 'json', 'nest.md', 'a.md']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toMatch(/notes-run: nest\.md:3: /);
    expect(result.status).toBe(2);
    const plan = JSON.parse(result.stdout) as { notes: { file: string; steps: unknown[]; messages: Message[] }[] };
    expect(plan.notes.map((note) => note.file)).toEqual(['nest.md', 'a.md']);
    expect(plan.notes[0].messages[0]).toMatchObject({ line: 3, fatal: true });
    expect(plan.notes[1].steps).toHaveLength(1);
  });

  it('--offline: an alias bomb is a broken yaml step at its fence; nesting that overflows the stack fails its note only', () => {
    const ws = workspace();
    ws.writeNote(aliasBomb, 'bomb.md');
    ws.writeNote(nested, 'nest.md');
    ws.writeNote(simple('a'), 'a.md');
    const result = ws.run(['--offline', '--reporter', 'json', 'bomb.md', 'nest.md', 'a.md']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout) as { notes: { file: string; status: string; steps: { line: number; status: string; reason?: string }[] }[] };
    expect(report.notes.map((note) => [note.file, note.status])).toEqual([
      ['bomb.md', 'broken'],
      ['nest.md', 'broken'],
      ['a.md', 'unverified'],
    ]);
    expect(report.notes[0].steps[0]).toMatchObject({ line: 3, status: 'broken', reason: expect.stringMatching(/alias/i) });
  });

  it('live: the note is broken, its namespace and kubeconfig copy are gone, and the note after it runs', () => {
    const ws = workspace();
    ws.writeNote(aliasBomb, 'bomb.md');
    ws.writeNote(nested, 'nest.md');
    ws.writeNote(simple('a'), 'a.md');
    const tmp = join(ws.dir, '.tmp');
    mkdirSync(tmp);
    const result = ws.run(['--reporter', 'json', 'bomb.md', 'nest.md', 'a.md'], { TMPDIR: tmp });
    expect(result.stderr).not.toContain('internal error');
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout) as { notes: { file: string; status: string; steps: { line: number; status: string }[] }[] };
    expect(report.notes.map((note) => [note.file, note.status])).toEqual([
      ['bomb.md', 'broken'],
      ['nest.md', 'broken'],
      ['a.md', 'fresh'],
    ]);
    expect(report.notes[0].steps.map((step) => [step.line, step.status])).toEqual([
      [3, 'broken'],
      [17, 'pass'],
    ]);
    expect(ws.kubectl(['get', 'namespaces', '-o', 'name']).stdout).not.toContain('notes-run-');
    expect(readdirSync(tmp).filter((name) => name.startsWith('notes-run-kube-'))).toEqual([]);
  });
});

describe('--plan on a note it cannot read', () => {
  it.each([
    ['a NUL byte', Buffer.from(`# n\n\n${fence}bash\necho a\u0000\n${fence}\n`), /nul\.md:4: binary file/],
    ['invalid UTF-8', Buffer.from('# caf\xe9\n', 'latin1'), /latin1\.md:1: not UTF-8 text/],
    ['nesting too deep', Buffer.from(deep), /deep\.md:3: blockquotes or lists nested too deeply/],
    ['a fence never closed', Buffer.from(`# n\n\n${fence}bash\necho a\n# a\n`), /open\.md:3:1 error code block opened here is never closed/],
    ['a note over the size cap', Buffer.alloc(9 * 2 ** 20, 'a'), /big\.md: \d+ bytes is too large/],
  ])('exits 2 on %s, naming the file and line, and still plans the note beside it', (_, bytes, said) => {
    const ws = workspace();
    const name = { 'a NUL byte': 'nul.md', 'invalid UTF-8': 'latin1.md', 'nesting too deep': 'deep.md', 'a fence never closed': 'open.md', 'a note over the size cap': 'big.md' }[_]!;
    writeFileSync(join(ws.dir, name), bytes);
    ws.writeNote(simple('a'), 'a.md');
    const result = ws.run(['--plan', name, 'a.md']);
    expect(result.status).toBe(2);
    expect(`${result.stderr}${result.stdout}`).toMatch(said);
    expect(result.stdout).toContain('PLAN a.md (1 steps');
  });
});
