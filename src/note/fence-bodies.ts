// remark tokenizes every character of a note, and a note is mostly code: the body of a
// fenced block costs it as much as prose although nothing in it can change the rest
// of the document. So the bodies of the closed fences that open at the left margin
// (outside any list or quote) are set aside before remark runs, remark parses what
// remains, and the bodies go back into the tree. remark still decides what is a
// fence: if it does not see one of them as a code block (a fence inside an HTML
// block, say), the note is parsed whole instead. Only lines are mapped back, not
// offsets: lines are all the rest of the parser reads.

/** A fence whose body was set aside: where it is in the shortened text and in the note. */
export interface SetAside {
  /** 1-based line of the opening fence in the shortened text. */
  shortLine: number;
  /** 1-based lines of the opening and closing fences in the note. */
  openLine: number;
  closeLine: number;
  body: string;
}

export interface ShortenedNote {
  text: string;
  fences: SetAside[];
  /** The note line of a line of the shortened text (both 1-based). */
  noteLine: (shortLine: number) => number;
}

const OPENING = /^(`{3,}|~{3,})/;

export function setAsideFenceBodies(text: string): ShortenedNote | undefined {
  // remark turns NUL into U+FFFD inside code; leave such rare notes to remark alone.
  if (!text.includes('```') && !text.includes('~~~')) return undefined;
  if (text.includes('\0')) return undefined;
  const lines = text.split('\n');
  const kept: string[] = [];
  const origin: number[] = [];
  const fences: SetAside[] = [];
  for (let i = 0; i < lines.length; i++) {
    const close = closingOf(lines, i);
    if (close === 'unclosed') {
      // It runs to the end of the note: remark reads the rest as it is.
      for (; i < lines.length; i++) kept.push(lines[i]), origin.push(i + 1);
      break;
    }
    if (close === undefined) {
      kept.push(lines[i]);
      origin.push(i + 1);
      continue;
    }
    fences.push({ shortLine: kept.length + 1, openLine: i + 1, closeLine: close + 1, body: lines.slice(i + 1, close).join('\n') });
    kept.push(lines[i], lines[close]);
    origin.push(i + 1, close + 1);
    i = close;
  }
  if (fences.length === 0) return undefined;
  return { text: kept.join('\n'), fences, noteLine: (shortLine) => origin[shortLine - 1] ?? shortLine };
}

/** The line that closes a fence opening at the margin on line `open` (CommonMark's rule); undefined: no fence opens there. */
function closingOf(lines: string[], open: number): number | 'unclosed' | undefined {
  const line = lines[open];
  if (line.charCodeAt(0) !== 96 && line.charCodeAt(0) !== 126) return undefined;
  const marker = OPENING.exec(line)?.[1];
  if (!marker || (marker[0] === '`' && line.includes('`', marker.length))) return undefined;
  const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  for (let i = open + 1; i < lines.length; i++) if (closing.test(lines[i])) return i;
  return 'unclosed';
}
