import { join } from 'node:path';
import { checkOffline } from '../../src/check/check-offline.js';
import { loadConfig } from '../../src/config/load-config.js';
import { resolveSettings } from '../../src/config/settings.js';
import { parseNote } from '../../src/note/parse-note.js';
import { readSnapshot } from '../../src/snapshot/snapshot.js';
import type { Workspace } from './workspace.js';

// A drifted copy of a note judged in-process against the snapshot a live run of the
// note left in its workspace, the way `--offline` judges it: milliseconds where a live
// run of the copy takes seconds. The live run stays the one source of actual output.

export interface JudgedStep {
  line: number;
  status: string;
}

/** `text` (the note's own text unless given) judged against the last live run of `note` in `ws`. */
export async function judgedOffline(ws: Workspace, note: string, text = ws.note(note)): Promise<JudgedStep[]> {
  const settings = resolveSettings({}, await loadConfig(undefined, ws.dir));
  const file = join(ws.dir, note);
  // Where the CLI, run in the workspace, kept the note's snapshot.
  const snapshot = readSnapshot(join(ws.dir, 'snapshots', `${note}.yaml`));
  if (!snapshot) throw new Error(`no snapshot of ${note}: its live run left none`);
  const result = await checkOffline(parseNote(file, text), snapshot, settings.tolerances, settings.forNote(file).cwd);
  return result.verdicts.map((verdict) => ({ line: verdict.step.line, status: verdict.status }));
}
