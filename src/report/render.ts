import type { Colors } from 'picocolors/types.js';
import type { ReporterName } from '../cli/options.js';
import type { NoteResult, RunInfo } from '../model.js';
import { githubReport } from './github-report.js';
import { humanNoteReport, humanRecap, humanSummary, type HumanView } from './human-report.js';
import { jsonReport } from './json-report.js';
import { junitReport } from './junit-report.js';

export interface ReportSetting {
  /** Where and how the run happened. */
  info: RunInfo;
  /** How much the human report says. */
  view: HumanView;
  /** The human reporter has already printed each note as it finished. */
  notesShown: boolean;
}

/**
 * The whole report once every note is done. The human reporter has already printed each
 * note as it finished (unless the report goes to a file), so it adds the recap of what
 * needs the reader and the summary.
 */
export function finalReport(reporter: ReporterName, results: NoteResult[], durationMs: number, colors: Colors, setting: ReportSetting): string {
  if (reporter === 'json') return jsonReport(results, durationMs, setting.info);
  if (reporter === 'junit') return junitReport(results, durationMs);
  if (reporter === 'github') return githubReport(results, durationMs);
  const notes = setting.notesShown ? '' : results.map((result) => humanNoteReport(result, colors, setting.view)).join('');
  return notes + humanRecap(results, colors) + humanSummary(results, durationMs, colors);
}
