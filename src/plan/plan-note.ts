// `--plan`: how a note is read, step by step, before anything runs. Each step with its
// line, what it is, the command as it will run, the note lines of its documented
// output, the author's remarks in it, and why it will not run when it will not.
import type { CommandStep, DocumentedOutput, Note, NoteMessage, Step } from '../model.js';
import { isRemark, isTerminalNoise, marksOmission } from '../note/output-lines.js';

/** What `--plan` says about one step (or one line typed into a session). */
export interface PlannedStep {
  line: number;
  kind: 'command' | 'yaml';
  /** `run`: will run; `skipped`: will not, for `reason`; `broken`: cannot even be read. */
  status: 'run' | 'skipped' | 'broken';
  /** How the line was read: a command, a session and the lines typed into it, a yaml block. */
  reading: 'command' | 'session' | 'typed' | 'long-running' | 'background' | 'yaml';
  command: string;
  expected: string | null;
  /** First and last note line of the documented output. */
  outputLines: [number, number] | null;
  outputStyle?: DocumentedOutput['style'];
  /** Lines inside the documented output that are the author's words or a terminal's, not compared. */
  remarks?: string[];
  expectedExit?: string;
  reason?: string;
  /** The line of the session a typed line is typed into. */
  session?: number;
  /** Note lines of an editor buffer shown under `kubectl edit`. */
  editorBuffer?: [number, number];
  /** The other machine the line was typed on (`node01`): it is never run here. */
  host?: string;
  heading: string;
  headings: string[];
}

export interface NotePlan {
  file: string;
  steps: PlannedStep[];
  messages: NoteMessage[];
}

export interface PlanSettings {
  /** A config skip pattern's reason, if one matches. */
  skipReason?: (step: CommandStep) => string | undefined;
  /** Why a program is not there to run the step (`oc is not installed`), if it is not. */
  missing?: (step: CommandStep) => string | undefined;
}

export function planNote(note: Note, settings: PlanSettings = {}): NotePlan {
  const steps: PlannedStep[] = [];
  for (const step of note.steps) {
    if (step.kind === 'yaml') {
      steps.push({ line: step.line, kind: 'yaml', status: 'run', reading: 'yaml', command: step.infoFile ? `yaml block (${step.infoFile})` : 'yaml block', expected: null, outputLines: null, ...place(step) });
      continue;
    }
    const opener = commandEntry(step, settings);
    steps.push(opener);
    for (const typed of step.session ?? []) {
      // A typed line goes with its session: it runs when the session does.
      steps.push({
        line: typed.line,
        kind: 'command',
        status: opener.status === 'run' ? 'run' : 'skipped',
        reading: 'typed',
        command: typed.command,
        ...documented(typed.output),
        ...(opener.status === 'run' ? {} : { reason: 'typed into a session that does not run' }),
        session: step.line,
        ...place(step),
      });
    }
  }
  return { file: note.file, steps, messages: note.messages };
}

function commandEntry(step: CommandStep, settings: PlanSettings): PlannedStep {
  const reading = step.session ? 'session' : step.longRunning ? 'long-running' : step.facts.background ? 'background' : 'command';
  const entry: PlannedStep = { line: step.line, kind: 'command', status: 'run', reading, command: step.command, ...documented(step.output), ...place(step) };
  if (step.expectedExit.kind !== 'success') entry.expectedExit = step.expectedExit.kind === 'code' ? `exit status ${step.expectedExit.code}` : 'a failure';
  if (step.editorBuffer) entry.editorBuffer = step.editorBuffer;
  if (step.host) entry.host = step.host;
  const skip = step.notExecutable ?? step.skip ?? settings.skipReason?.(step) ?? settings.missing?.(step);
  if (step.problem) {
    entry.status = 'broken';
    entry.reason = step.problem;
  } else if (skip) {
    entry.status = 'skipped';
    entry.reason = skip;
  }
  return entry;
}

function documented(output: DocumentedOutput | undefined): Pick<PlannedStep, 'expected' | 'outputLines' | 'outputStyle' | 'remarks'> {
  if (!output) return { expected: null, outputLines: null };
  const remarks = output.text.split('\n').filter((line) => isRemark(line) || marksOmission(line) || isTerminalNoise(line));
  return {
    expected: output.text,
    outputLines: [output.firstLine, output.lastLine],
    outputStyle: output.style,
    ...(remarks.length > 0 ? { remarks } : {}),
  };
}

function place(step: Step): Pick<PlannedStep, 'heading' | 'headings'> {
  const { context } = step;
  return { heading: context.headings.at(-1) ?? '', headings: context.text === '' ? context.headings : [...context.headings, context.text] };
}
