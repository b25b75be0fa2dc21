import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeBlocks, markdownTree } from '../../src/note/code-blocks.js';
import { setAsideFenceBodies } from '../../src/note/fence-bodies.js';

// The fast way (fence bodies set aside, remark reads the rest) must find exactly the
// blocks the plain way (remark reads everything) finds, wherever a fence may hide.
const sameBlocks = (markdown: string) => expect(codeBlocks(markdown)).toEqual(codeBlocks(markdown, { setAsideBodies: false }));

const TRICKY: Record<string, string> = {
  'plain fences with prose between': '# 제목\n\ntext\n```bash\necho 1\n# 1\n```\nmore\n\n```yaml\na: 1\n```\n',
  'a body that reads as Markdown': '```bash\n# heading?\n- item\n> quote\n<!-- c -->\n```\n## after\n',
  'blank lines and tabs in a body': '```bash\n\n\techo\t1\n\n\n```\n',
  'an empty body': '```bash\n```\n\n```\n\n```\n',
  'a longer closing fence and an indented one': '````bash\n```\nstill code\n``````\n~~~sh\n~~~~~\n   ~~~\ntext\n',
  'a tilde fence holding backticks': '~~~bash\n```\necho\n```\n~~~\n',
  'an info string with a backtick is no fence': '``` a`b\necho\n```\n',
  'a fence inside an HTML block': '<details>\n```bash\necho 1\n```\n</details>\n\n```bash\necho 2\n```\n',
  'a fence inside an HTML comment': '<!--\n```bash\necho 1\n```\n-->\n```bash\necho 2\n```\n',
  'fences in list items': '1. one\n   ```bash\n   echo 1\n   ```\n2. two\n\n    ```bash\n    echo 2\n    ```\n```bash\necho 3\n```\n',
  'a list-item fence with blank and deeper lines': '1. a\n   ```bash\n   x\n\n      \n     y\n \n   ```\n',
  'a list-item fence ended by its list item': '- a\n  ```bash\n  x\ny\n  ```\n',
  'a list-item fence closed too deep': '- a\n  ```bash\n  x\n       ```\n  ```\n',
  'a fence indented as code': '    ```bash\n    x\n    ```\n',
  'a fence in a quote': '> ```bash\n> echo 1\n> ```\n\n```bash\necho 2\n```\n',
  'an unclosed fence at the end': '```bash\necho 1\n```\n\n```bash\necho 2\n\n```not closing\n',
  'a fence interrupting a paragraph': 'para\n```bash\necho\n```\npara\n',
  'a closing fence with trailing spaces': '```bash\necho\n```   \ntext\n',
  'no final newline': '```bash\necho\n```',
  'a fence right after a list': '- item\n```bash\necho\n```\n- item 2\n  ```sh\n  ls\n  ```\n',
  'a setext underline after a fence': '```bash\necho\n```\ntitle\n===\n```bash\nx\n```\n',
};

describe('setting fence bodies aside', () => {
  for (const [name, markdown] of Object.entries(TRICKY)) it(`finds the same blocks: ${name}`, () => sameBlocks(markdown));

  it('finds the same blocks in every note and fixture of the project', () => {
    const dirs = [new URL('../../notes/', import.meta.url), new URL('../fixtures/notes/', import.meta.url)];
    const files = dirs.flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => new URL(name, dir)));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const markdown = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      sameBlocks(markdown);
      // The fast way must also be the one taken on notes like the user's.
      expect(markdownTree(markdown).bodiesSetAside, String(file)).toBe(true);
    }
  });

  it('parses the note whole when remark does not see a set-aside fence as one', () => {
    expect(markdownTree(TRICKY['a fence inside an HTML block']).bodiesSetAside).toBe(false);
    expect(markdownTree(TRICKY['plain fences with prose between']).bodiesSetAside).toBe(true);
  });

  it('finds the same blocks in random mixes of fences, lists, quotes and HTML', () => {
    const pieces = [
      ...['```bash', '```', '~~~', '````', '   ```', '    ```', '- item', '1. item', '   - sub', '  ```sh', '   ```', '     ```'],
      ...['> ```', '<div>', '</div>', '<!--', '-->', '', ' ', '      ', 'echo 1', '  echo 2', '   echo 3', '\techo', '# 1', 'text', '## h'],
    ];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 1000; round++) {
      const lines = Array.from({ length: 4 + Math.floor(random() * 20) }, () => pieces[Math.floor(random() * pieces.length)]);
      sameBlocks(`${lines.join('\n')}\n`);
    }
  });

  it('sets aside the body of a fence in a list item, its indentation removed', () => {
    const short = setAsideFenceBodies('1. step\n   ```bash\n   echo 1\n     # 1\n   ```\n')!;
    expect(short.fences).toEqual([{ shortLine: 2, openLine: 2, closeLine: 5, indent: 3, body: 'echo 1\n  # 1' }]);
  });

  it('leaves remark only the fences and what is outside them', () => {
    const short = setAsideFenceBodies('# t\n```bash\necho 1\n# 1\n```\ntext\n')!;
    expect(short.text).toBe('# t\n```bash\n```\ntext\n');
    expect(short.fences).toEqual([{ shortLine: 2, openLine: 2, closeLine: 5, indent: 0, body: 'echo 1\n# 1' }]);
    expect(short.noteLine(4)).toBe(6);
  });
});
