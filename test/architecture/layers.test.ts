import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The pipeline's folders from the bottom up: a module imports from its own folder or a
// lower one, never a higher one, so a stage can be read, tested and reused without the
// stages built on it. `src/cli.ts` (the entry point) sits above them all.
const LAYERS = [
  ['(root)'], // model.ts, errors.ts: the shared types
  ['files', 'secrets'],
  ['note'],
  ['yaml'],
  ['compare'],
  ['config'],
  ['cleanup'],
  ['run'],
  ['cluster'],
  ['snapshot'],
  ['check'],
  ['update'],
  ['report'],
  ['plan'],
  ['prepull'],
  ['live'], // a live run: connect, then each note in its namespace, snapshot and update
  ['cli'],
];

const src = resolve(import.meta.dirname, '../../src');
const ENTRY = 'cli.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The top folder under src/ a file belongs to; files directly in src/ are `(root)`. */
function folderOf(file: string): string {
  const parts = relative(src, file).split('/');
  return parts.length === 1 ? '(root)' : parts[0];
}

function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

/** Relative imports, static (`from '…'`) and dynamic (`import('…')`), resolved to src files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]);
  return specifiers.map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
}

const files = sourceFiles(src).filter((file) => relative(src, file) !== ENTRY);

describe('the import graph', () => {
  it('puts every folder of src/ in a layer', () => {
    const folders = [...new Set(files.map(folderOf))];
    expect(folders.filter((folder) => layerOf(folder) < 0)).toEqual([]);
  });

  it('has no import from a lower folder into a higher one', () => {
    const upward = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => layerOf(folderOf(target)) > layerOf(folderOf(file)))
        .map((target) => `${relative(src, file)} imports ${relative(src, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it('reads dynamic imports too (the check above would miss a lazily loaded stage)', () => {
    const cliMain = join(src, 'cli', 'main.ts');
    expect(importsOf(cliMain)).toContain(join(src, 'config', 'load-config.ts'));
  });

  it('puts nothing above the entry point', () => {
    const importers = files.filter((file) => importsOf(file).includes(join(src, ENTRY)));
    expect(importers.map((file) => relative(src, file))).toEqual([]);
  });
});
