import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNotes } from '../../src/cli/find-notes.js';
import { filesNamed, manifestFilesIn } from '../../src/yaml/manifest-files.js';

// One walker (tinyglobby) finds both the notes in a folder and the manifests kubectl
// reads from one, each in the order and with the folders skipped that the two
// hand-written walks it replaced had. The expected lists were taken from those walks.

let root: string;
const files = [
  'ch10.md', 'ch2.md', 'ch1/intro.md', 'ch1/10-b.md', 'ch1/9-a.md', 'ch1/x.yaml', 'Z.markdown', 'a.txt', '.draft.md', 'UP.MD',
  'node_modules/pkg/readme.md', 'snapshots/ch2.md.yaml', 'snapshots/n.md', 'dist/n.md', '.git/x.md', '.hidden/h.md',
  'deep/er/still.md', 'deep/b.yaml', 'deep/A.yaml', 'deep/er/c.json', 'deep/.cache/d.yaml', 'B.yml', 'a.yaml', 'Web.yaml',
];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'notes-run-walk-'));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  symlinkSync(join(root, 'ch2.md'), join(root, 'linked.md'));
  symlinkSync(join(root, 'a.yaml'), join(root, 'deep', 'linked.yaml'));
  // A link to a folder (here a loop back up) is never entered.
  symlinkSync(root, join(root, 'deep', 'loop'));
  symlinkSync(join(root, 'missing.md'), join(root, 'broken.md'));
  symlinkSync(join(root, 'ch1'), join(root, 'folder.md'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const inRoot = (paths: string[]) => paths.map((path) => relative(root, path));

describe('the notes in a folder', () => {
  it('are its Markdown files, a folder at a time by name with numbers as numbers, skipping dependencies, snapshots, builds and dot folders', async () => {
    expect(inRoot(await findNotes([root]))).toEqual([
      // A link named like a note that leads to no file is still listed, for its reading to say what is wrong.
      '.draft.md', 'broken.md', 'ch1/9-a.md', 'ch1/10-b.md', 'ch1/intro.md', 'ch2.md', 'ch10.md', 'deep/er/still.md', 'folder.md', 'UP.MD', 'Z.markdown',
    ]);
  });
});

describe('the manifests kubectl reads from a folder', () => {
  it('are its own files by byte order first, then those one folder down, skipping node_modules and .git', () => {
    expect(inRoot(manifestFilesIn(root, true))).toEqual([
      'B.yml', 'Web.yaml', 'a.yaml', 'ch1/x.yaml', 'deep/A.yaml', 'deep/b.yaml', 'deep/linked.yaml', 'snapshots/ch2.md.yaml', 'deep/.cache/d.yaml', 'deep/er/c.json',
    ]);
  });

  it('are only its own files without -R', () => {
    expect(inRoot(manifestFilesIn(join(root, 'deep'), false))).toEqual(['A.yaml', 'b.yaml', 'linked.yaml'].map((name) => join('deep', name)));
  });

  it('include a file found by name anywhere below', () => {
    expect(inRoot(filesNamed(root, 'd.yaml'))).toEqual(['deep/.cache/d.yaml']);
    expect(inRoot(filesNamed(root, 'x.md'))).toEqual([]);
  });
});
