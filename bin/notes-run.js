#!/usr/bin/env node
// The `notes-run` command. A published package ships dist/ (built by `prepack`), so
// installing it runs nothing. A clone has src/ and, after `npm ci`, TypeScript: the first
// run builds dist/ from src/, and so does a run after src/ changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.js`;

if (existsSync(`${root}src`) && builtBefore(`${root}src`, existsSync(cli) ? statSync(cli).mtimeMs : -1)) build();
await import(new URL('../dist/cli.js', import.meta.url).href);

/** True when some file under `dir` changed after `time`, or nothing was built yet. */
function builtBefore(dir, time) {
  if (time < 0) return true;
  return readdirSync(dir, { withFileTypes: true }).some((entry) => {
    const path = `${dir}/${entry.name}`;
    return entry.isDirectory() ? builtBefore(path, time) : statSync(path).mtimeMs > time;
  });
}

/** Builds into a folder of its own, then swaps it in: a run started meanwhile never reads half a build. */
function build() {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  if (!existsSync(tsc)) {
    process.stderr.write('notes-run: dist/ is missing or older than src/, and TypeScript is not installed to build it: run `npm ci`, then `npm run build`\n');
    process.exit(2);
  }
  process.stderr.write('notes-run: building dist/ from src/ (after a clone or a change to src/) …\n');
  const fresh = `${root}.dist-${process.pid}`;
  const built = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.json`, '--outDir', fresh], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    process.stderr.write('notes-run: the build failed (see above)\n');
    process.exit(2);
  }
  const old = `${root}.dist-old-${process.pid}`;
  if (existsSync(`${root}dist`)) renameSync(`${root}dist`, old);
  renameSync(fresh, `${root}dist`);
  rmSync(old, { recursive: true, force: true });
}
