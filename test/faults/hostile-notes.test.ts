import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseNote } from '../../src/note/parse-note.js';
import { workspace } from '../e2e/workspace.js';

// Notes nobody writes on purpose still get a clear answer, quickly: read correctly, or
// refused with the file and line. No assertion here is about time: a parser that takes
// minutes on these does not finish within the test's limit.

const fence = '```';
const parse = (text: string) => parseNote('n.md', text, { onPath: () => true });

describe('blockquotes', () => {
  it('reads a fenced block inside a blockquote, closed by its own quoted fence', () => {
    const note = parse(`# n\n\n> ${fence}bash\n> echo a\n> # a\n> ${fence}\n`);
    expect(note.messages).toEqual([]);
    expect(note.steps).toMatchObject([{ kind: 'command', line: 4, command: 'echo a', output: { text: 'a' } }]);
    expect(note.steps[0]).not.toHaveProperty('problem');
  });

  it('--update rewrites an output inside a blockquote behind the quote markers', () => {
    const ws = workspace();
    const note = `# n\n\n> ${fence}bash\n> echo b\n> # a\n> ${fence}\n>\n> ${fence}bash\n> printf 'x\\n\\ny\\n'\n> :'\n> x\n> '\n> ${fence}\n`;
    ws.writeNote(note, 'n.md');
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(ws.note('n.md')).toBe(note.replace('> # a\n', '> # b\n').replace("> x\n> '", "> x\n>\n> y\n> '"));
    expect(ws.run(['n.md']).status).toBe(0);
  });
});

describe('deep nesting', () => {
  it('refuses 10,000 nested `>` with the file and line, without overflowing the stack', () => {
    expect(() => parse(`# n\n\n${'>'.repeat(10_000)} deep\n`)).toThrow(InputError);
    expect(() => parse(`# n\n\n${'>'.repeat(10_000)} deep\n`)).toThrow(/^n\.md:3: blockquotes or lists nested too deeply/);
  });

  it('refuses 1,000 nested list levels, quickly enough for the test to finish', () => {
    const lists = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n');
    expect(() => parse(`# n\n\n${lists}\n`)).toThrow(/nested too deeply/);
    expect(() => parse(`# n\n\n${'- '.repeat(1000)}x\n`)).toThrow(/^n\.md:3:/);
  }, 20_000);

  it('still reads the nesting real notes use', () => {
    const lists = Array.from({ length: 8 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n');
    const note = parse(`# n\n\n${lists}\n\n${'  '.repeat(8)}${fence}bash\n${'  '.repeat(8)}echo a\n${'  '.repeat(8)}${fence}\n\n>>> quoted\n`);
    expect(note.steps).toHaveLength(1);
  });

  it('is reported by the CLI as a bad note: exit 2, file and line, no stack trace', () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${'>'.repeat(10_000)} deep\n`, 'deep.md');
    const result = ws.run(['--offline', 'deep.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('deep.md:3: blockquotes or lists nested too deeply');
    expect(result.stderr).not.toContain('    at ');
  });
});
