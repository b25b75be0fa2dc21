import { join } from 'node:path';
import { checkAllOffline } from '../../src/check/check-offline.js';
import { loadConfig } from '../../src/config/load-config.js';
import { resolveSettings } from '../../src/config/settings.js';
import { parseNote } from '../../src/note/parse-note.js';
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
  const warnings: string[] = [];
  const { results } = await checkAllOffline(
    [parseNote(join(ws.dir, note), text)],
    { settings, snapshotsDir: join(ws.dir, 'snapshots'), strict: false, startedAt: new Date().toISOString(), warn: (message) => warnings.push(message) },
    () => {},
  );
  if (warnings.length) throw new Error(`the snapshot of ${note} could not be read: ${warnings.join('; ')}`);
  return results[0].verdicts.map((verdict) => ({ line: verdict.step.line, status: verdict.status }));
}
