import { relative, resolve } from 'node:path';
import type { Step, YamlStep } from '../model.js';
import { objectKey, readManifests } from './manifest-documents.js';
import { manifestDiff } from './manifest-diff.js';
import { isExcerpt } from './manifest-excerpt.js';
import { filesNamed, isDirectory, isFile, isManifestName, manifestFilesIn, readManifestFile } from './manifest-files.js';

export type BindingHow = 'info string' | 'text above' | 'apply';

/** The manifest file a yaml block shows; `file` is relative to the working dir. */
export interface Binding {
  file: string;
  exists: boolean;
  how: BindingHow;
  /** For `apply`: the note line of the command that applies the file. */
  applyLine?: number;
}

/** First match wins: info string, a name in the text above, then a step that applies the same object. */
export function bindYamlBlock(step: YamlStep, steps: Step[], cwd: string): Binding | undefined {
  if (step.infoFile) return { file: relativeTo(cwd, step.infoFile), exists: isFile(resolve(cwd, step.infoFile)), how: 'info string' };
  const named = nameAbove(step, cwd);
  if (named) return { file: relative(cwd, named), exists: true, how: 'text above' };
  return byApply(step, steps, cwd);
}

/** A link target or file name above the block that names a file under the working dir. */
function nameAbove(step: YamlStep, cwd: string): string | undefined {
  const links = step.linksAbove.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target)).map(linkPath);
  // Prose names many files (`package.json`, `README.md`); only a YAML file name there names a manifest.
  const names = step.context.text.match(/[^\s`'"()[\]<>,:]+\.ya?ml\b/gi) ?? [];
  for (const candidate of [...links, ...names].filter(isManifestName)) {
    const direct = resolve(cwd, candidate);
    if (isFile(direct)) return direct;
    const found = filesNamed(cwd, candidate.split('/').at(-1)!);
    if (found.length === 1) return found[0];
  }
  return undefined;
}

/**
 * The nearest apply (after the block, then before it) of a file holding one of the block's objects.
 * A path that does not exist yet can hold nothing, so it is only taken as the place the block is
 * meant to be written when it is applied after the block and before the next yaml block: further
 * away it is as likely another block's file.
 */
function byApply(step: YamlStep, steps: Step[], cwd: string): Binding | undefined {
  const objects = readManifests(step.source).objects;
  const keys = new Set(objects.map(objectKey).filter((key) => key !== undefined));
  // Part of a manifest names no object: it is found by the fields it shows, and is never a file to write.
  const excerpt = objects.length > 0 && objects.every(isExcerpt);
  const holds = (file: string) => {
    const held = readManifestFile(file).objects;
    if (excerpt) return manifestDiff(objects, held).every((difference) => difference.side !== 'note');
    return keys.size > 0 && held.some((object) => keys.has(objectKey(object)!));
  };
  const at = steps.indexOf(step);
  const after = steps.slice(at + 1);
  const before = steps.slice(0, Math.max(at, 0)).reverse();
  let absent: Binding | undefined;
  let sameSegment = true;
  for (const [index, candidate] of [...after, ...before].entries()) {
    if (index === after.length || candidate.kind === 'yaml') sameSegment = false;
    if (candidate.kind !== 'command' || candidate.notExecutable) continue;
    for (const { path, recursive } of candidate.facts.appliedPaths) {
      const full = resolve(cwd, path);
      const files = isDirectory(full) ? manifestFilesIn(full, recursive) : isFile(full) ? [full] : [];
      const holding = files.find(holds);
      if (holding) return { file: relative(cwd, holding), exists: true, how: 'apply', applyLine: candidate.line };
      if (!absent && !excerpt && sameSegment && files.length === 0 && isManifestName(path) && !isDirectory(full)) {
        absent = { file: relativeTo(cwd, path), exists: false, how: 'apply', applyLine: candidate.line };
      }
    }
  }
  return absent;
}

function linkPath(target: string): string {
  const path = target.replace(/[?#].*$/, '');
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function relativeTo(cwd: string, path: string): string {
  return relative(cwd, resolve(cwd, path));
}
