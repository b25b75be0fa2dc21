import type { Colors } from 'picocolors/types.js';
import type { NoteResult, RunInfo } from '../model.js';
import type { HumanView } from './human-report.js';

export interface ReportSetting {
  /** Where and how the run happened. */
  info: RunInfo;
  /** How much the human report says. */
  view: HumanView;
  /** The human reporter has already printed each note as it finished. */
  notesShown: boolean;
}

/** One report format, called as the run goes: each note as it finishes, then the whole run. */
export interface Reporter {
  /** A note that just finished, for a reader watching the run (printed only to a terminal). */
  onNote?: (result: NoteResult, colors: Colors, view: HumanView) => string;
  /** The report once every note is done. */
  onEnd: (results: NoteResult[], durationMs: number, colors: Colors, setting: ReportSetting) => string;
}

/**
 * Each reporter, loaded when asked for: `--help`, option checks and a JSON run load none
 * of the human report's diffing.
 */
export const reporters = {
  // The notes printed as they finished are not printed again: the recap and the summary follow them.
  human: async (): Promise<Reporter> => {
    const { humanNoteReport, humanRecap, humanSummary } = await import('./human-report.js');
    return {
      onNote: humanNoteReport,
      onEnd: (results, durationMs, colors, setting) => {
        const notes = setting.notesShown ? '' : results.map((result) => humanNoteReport(result, colors, setting.view)).join('');
        return notes + humanRecap(results, colors) + humanSummary(results, durationMs, colors);
      },
    };
  },
  json: async (): Promise<Reporter> => {
    const { jsonReport } = await import('./json-report.js');
    return { onEnd: (results, durationMs, _colors, setting) => jsonReport(results, durationMs, setting.info) };
  },
  junit: async (): Promise<Reporter> => {
    const { junitReport } = await import('./junit-report.js');
    return { onEnd: (results, durationMs) => junitReport(results, durationMs) };
  },
  github: async (): Promise<Reporter> => {
    const { githubReport } = await import('./github-report.js');
    return { onEnd: (results, durationMs) => githubReport(results, durationMs) };
  },
} satisfies Record<string, () => Promise<Reporter>>;

export type ReporterName = keyof typeof reporters;

export const reporterNames = Object.keys(reporters) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
