import { MASK } from '../secrets/mask-secrets.js';

// A snapshot never holds a secret's value: it holds `<masked>` where the run printed
// one. A note may well document that value (`... | base64 -d` printing `s3cr3t`), so
// offline, a masked value stands for whatever the note documents at that place: the
// recorded output is compared with the note's own text put where the masks are. Only
// the masked places take the note's text; every other character is still compared, with
// the usual tolerances. Matching is by literal pieces (indexOf), never a built pattern,
// so a long line costs linear time.

export interface Filled {
  /** The recorded output with each masked value that found its place replaced by the note's text. */
  output: string;
  /** How many masked values were so replaced. */
  filled: number;
}

export function fillMasked(documented: string, recorded: string): Filled {
  if (!recorded.includes(MASK)) return { output: recorded, filled: 0 };
  const notes = documented.split('\n');
  let cursor = 0;
  let filled = 0;
  const lines = recorded.split('\n').map((line) => {
    if (!line.includes(MASK)) {
      // A line that stands as documented keeps the places in step: a mask after it fills a later line.
      if (notes[cursor] === line) cursor++;
      return line;
    }
    const pieces = line.split(MASK);
    const place = placeOf(pieces, notes, cursor);
    if (!place) return line;
    cursor = place.end;
    filled += pieces.length - 1;
    return notes.slice(place.start, place.end).join('\n');
  });
  return { output: lines.join('\n'), filled };
}

/**
 * The documented lines, from `from` on, that the masked line stands for: one line whose
 * text fits around the masks, or (a masked PEM block, written on one line) the lines from
 * one that starts as the masked line does to one that ends as it does.
 */
function placeOf(pieces: string[], notes: string[], from: number): { start: number; end: number } | undefined {
  for (let i = from; i < notes.length; i++) if (fits(pieces, notes[i])) return { start: i, end: i + 1 };
  const [head, tail] = [pieces[0], pieces[pieces.length - 1]];
  if (pieces.length !== 2 || head === '' || tail === '') return undefined;
  for (let i = from; i < notes.length; i++) {
    if (!notes[i].startsWith(head)) continue;
    for (let j = i + 1; j < notes.length; j++) if (notes[j].endsWith(tail)) return { start: i, end: j + 1 };
    return undefined;
  }
  return undefined;
}

/** Whether `text` is the pieces with something (maybe nothing) between each two: a glob match, leftmost. */
function fits(pieces: string[], text: string): boolean {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!text.startsWith(first) || text.length < first.length + last.length) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return text.length - last.length >= at && text.endsWith(last);
}
