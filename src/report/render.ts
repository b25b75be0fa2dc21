import type { Colors } from 'picocolors/types.js';
import type { ReporterName } from '../cli/options.js';
import type { NoteResult } from '../model.js';
import { githubReport } from './github-report.js';
import { humanNoteReport, humanSummary } from './human-report.js';
import { jsonReport } from './json-report.js';
import { junitReport } from './junit-report.js';

/**
 * The whole report once every note is done. The human reporter has already printed each
 * note as it finished (unless the report goes to a file), so it adds just the summary.
 */
export function finalReport(reporter: ReporterName, results: NoteResult[], durationMs: number, colors: Colors, notesShown: boolean): string {
  if (reporter === 'json') return jsonReport(results, durationMs);
  if (reporter === 'junit') return junitReport(results, durationMs);
  if (reporter === 'github') return githubReport(results, durationMs);
  const notes = notesShown ? '' : results.map((result) => humanNoteReport(result, colors)).join('');
  return notes + humanSummary(results, durationMs, colors);
}
