import { randomBytes } from 'node:crypto';
import type { SessionLine } from '../model.js';
import { showsStop } from '../note/output-lines.js';

/**
 * What is typed into an interactive session (`kubectl exec -it POD -- sh`): each typed
 * line preceded by an `echo` of a marker, so the session's output can be cut back into
 * one piece per typed line. There is no terminal, so nothing echoes the input itself.
 * A typed line that would run until someone presses ^C (`ping host`) gets the grace
 * period through the pod's own `timeout`, and an `exit` closes the session if the note
 * did not type one. The session's stderr is sent down its stdout, so each line's output
 * reaches us in the order the container wrote it.
 */
/** Typed first: the session's stderr goes where its stdout goes, for every line after it. */
const ONE_STREAM = 'exec 2>&1';

export function typedInput(lines: SessionLine[], graceMs: number) {
  const token = randomBytes(4).toString('hex');
  const mark = (i: number) => `notes-run-${token}-${i}`;
  const grace = Math.max(1, Math.round(graceMs / 1000));
  const typed = (line: SessionLine) =>
    (line.facts.longRunning || showsStop(line.output?.text)) && !line.facts.exits ? `timeout -s INT ${grace} ${line.command}` : line.command;
  const closes = lines.length > 0 && lines[lines.length - 1].facts.exits;
  // A bare `exit` ends with the status of the command before it, not of our marker's echo.
  const beforeMark = (line: SessionLine) => (line.facts.exitsWithLastStatus ? '__notes_run_status=$?; ' : '');
  const typedExit = (line: SessionLine) => (beforeMark(line) ? 'exit $__notes_run_status' : typed(line));
  // kubectl copies the container's stdout and stderr from two streams, each as it comes: a
  // line's stderr (wget's progress) could land after the next marker, under the next line,
  // or be cut off when the session ends. One stream inside the container keeps the order it was written in.
  const input = `${ONE_STREAM}\n` + lines.map((line, i) => `${beforeMark(line)}echo ${mark(i + 1)}\n${typedExit(line)}\n`).join('') + (closes ? '' : 'exit\n');
  const markerLine = new RegExp(`^notes-run-${token}-\\d+\\n?`, 'gm');
  return {
    input,
    strip: (output: string) => output.replace(markerLine, ''),
    /** The output before the first typed line, then each typed line's; undefined if a marker is missing. */
    split: (output: string): string[] | undefined => {
      const pieces: string[] = [];
      let rest = output;
      for (let i = 1; i <= lines.length; i++) {
        const at = rest.indexOf(`${mark(i)}\n`);
        if (at === -1) return undefined;
        pieces.push(rest.slice(0, at));
        rest = rest.slice(at + mark(i).length + 1);
      }
      pieces.push(rest);
      return pieces;
    },
  };
}
