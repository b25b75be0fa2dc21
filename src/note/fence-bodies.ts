// remark tokenizes every character of a note, and a note is mostly code: the body of a
// fenced block costs it as much as prose although nothing in it can change the rest
// of the document. So the bodies of closed fences are set aside before remark runs,
// remark parses what remains, and the bodies go back into the tree. A fence indented
// by spaces (in a list item) qualifies when every body line is indented at least as
// far, so no body line can end the list item around it. remark still decides what is a
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
  /** Spaces before the opening fence. */
  indent: number;
  body: string;
}

export interface ShortenedNote {
  text: string;
  fences: SetAside[];
  /** The note line of a line of the shortened text (both 1-based). */
  noteLine: (shortLine: number) => number;
}

const OPENING = /^( *)(`{3,}|~{3,})/;

export function setAsideFenceBodies(text: string): ShortenedNote | undefined {
  if (!text.includes('```') && !text.includes('~~~')) return undefined;
  // remark turns NUL into U+FFFD inside code; leave such rare notes to remark alone.
  if (text.includes('\0')) return undefined;
  const lines = text.split('\n');
  const kept: string[] = [];
  const origin: number[] = [];
  const fences: SetAside[] = [];
  for (let i = 0; i < lines.length; i++) {
    const close = closingOf(lines, i);
    if (close === 'unclosed') {
      // It runs to the end of the note: remark reads the rest as it is.
      for (; i < lines.length; i++) {
        kept.push(lines[i]);
        origin.push(i + 1);
      }
      break;
    }
    if (close === undefined) {
      kept.push(lines[i]);
      origin.push(i + 1);
      continue;
    }
    const indent = OPENING.exec(lines[i])![1].length;
    const body = lines.slice(i + 1, close).map((line) => line.slice(Math.min(indent, leadingSpaces(line))));
    fences.push({ shortLine: kept.length + 1, openLine: i + 1, closeLine: close + 1, indent, body: body.join('\n') });
    kept.push(lines[i], lines[close]);
    origin.push(i + 1, close + 1);
    i = close;
  }
  if (fences.length === 0) return undefined;
  return { text: kept.join('\n'), fences, noteLine: (shortLine) => origin[shortLine - 1] ?? shortLine };
}

/**
 * The line that closes a fence opening on line `open` (CommonMark's rule). undefined: no
 * fence to set aside opens there; 'unclosed': one opens at the margin and runs to the end.
 */
function closingOf(lines: string[], open: number): number | 'unclosed' | undefined {
  const line = lines[open];
  const first = line.charCodeAt(line.length - line.trimStart().length);
  if (first !== 96 && first !== 126) return undefined;
  const [, spaces, marker] = OPENING.exec(line) ?? [];
  if (!marker || (marker[0] === '`' && line.includes('`', spaces.length + marker.length))) return undefined;
  const indent = spaces.length;
  const closing = new RegExp(`^ {0,${indent + 3}}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  for (let i = open + 1; i < lines.length; i++) {
    if (closing.test(lines[i])) return i;
    // A line less indented than its fence may end the list item the fence is in.
    if (indent > 0 && lines[i].trim() !== '' && leadingSpaces(lines[i]) < indent) return undefined;
    if (indent > 0 && /^ *\t/.test(lines[i])) return undefined;
  }
  return indent === 0 ? 'unclosed' : undefined;
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}
