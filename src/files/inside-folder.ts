import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// A checkout can hold symbolic links anywhere: a snapshot, or a folder among the
// snapshots, linked to ~/.ssh/authorized_keys would have a live run write YAML there.
// notes-run writes only where a path really stays inside the folder it belongs to.

/** Where a link points, also when its target does not exist (yet). */
function linkTarget(link: string): string {
  try {
    return realpathSync(link);
  } catch {
    return resolve(dirname(link), readlinkSync(link));
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function contains(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * Why writing `path` would leave `folder` through a symbolic link (the link and where it
 * goes), or undefined when it stays inside. Links that stay inside are fine.
 */
export function linkOutOf(folder: string, path: string, folderName: string): string | undefined {
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
  } catch {
    return undefined; // Not made yet: nothing under it can be a link.
  }
  let at = folder;
  for (const part of relative(folder, path).split(sep).filter(Boolean)) {
    at = join(at, part);
    if (!isSymbolicLink(at)) continue;
    const target = linkTarget(at);
    if (!contains(realFolder, target)) return `${at} is a symbolic link to ${target}, outside ${folderName}; notes-run does not write through it`;
  }
  return undefined;
}

/** The same for a folder that is itself a link: it must stay inside the folder that holds it. */
export function folderLinkOut(folder: string): string | undefined {
  if (!isSymbolicLink(folder)) return undefined;
  const target = linkTarget(folder);
  let holder: string;
  try {
    holder = realpathSync(dirname(folder));
  } catch {
    holder = dirname(folder);
  }
  return contains(holder, target) ? undefined : `is a symbolic link to ${target}, outside ${dirname(folder)}; notes-run does not write through it (name the real folder with --snapshots ${target})`;
}
