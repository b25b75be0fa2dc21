import { diffArrays } from 'diff';
import type { DiffLine } from '../model.js';
import { WILDCARD, type ComparableLine } from './comparable-lines.js';
import type { Ordering } from './match-lines.js';

// The diff is computed on the folded keys but shown in the original text, so a user
// sees the real IPs and names while only real drift is marked.

/** Past this many differing lines the Myers diff gives up and both sides are shown whole. */
const MAX_EDIT_LENGTH = 400;
const MAX_SHOWN_LINES = 60;

export function lineDiff(documented: ComparableLine[], actual: ComparableLine[], ordering: Ordering): DiffLine[] {
  const lines = ordering === 'ordered' ? orderedDiff(documented, actual) : unorderedDiff(documented, actual);
  return truncate(lines);
}

function orderedDiff(documented: ComparableLine[], actual: ComparableLine[]): DiffLine[] {
  const parts = diffArrays(documented, actual, {
    comparator: (a: ComparableLine, b: ComparableLine) => a.key === b.key,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (!parts) return [...documented.map((line) => minus(line)), ...actual.map((line) => plus(line))];
  const lines: DiffLine[] = [];
  for (let p = 0; p < parts.length; p++) {
    if (!parts[p].added && !parts[p].removed) {
      lines.push(...parts[p].value.map((line): DiffLine => ({ op: ' ', text: line.text })));
      continue;
    }
    // One change: the parts removed and added between two runs of equal lines.
    const hunk = [parts[p]];
    while (parts[p + 1] && (parts[p + 1].added || parts[p + 1].removed)) hunk.push(parts[++p]);
    lines.push(...changed(hunk.filter((part) => part.removed).flatMap((part) => part.value), hunk.filter((part) => part.added).flatMap((part) => part.value)));
  }
  return lines;
}

/**
 * A change in order. Where the author wrote `...` in it, the actual lines of the change
 * are the lines it stands for: shown as covered, not as one line removed and each added;
 * the documented lines around it that are missing are still removed.
 */
function changed(removed: ComparableLine[], added: ComparableLine[]): DiffLine[] {
  if (!removed.some((line) => line.key === WILDCARD)) return [...removed.map(minus), ...added.map(plus)];
  let told = false;
  return removed.flatMap((line): DiffLine[] => {
    if (line.key !== WILDCARD) return [minus(line)];
    const mark: DiffLine = { op: ' ', text: line.text };
    if (told || added.length === 0) return [mark];
    told = true;
    return [mark, { op: '…', text: `${added.length === 1 ? '1 line' : `${added.length} lines`} it stands for` }];
  });
}

/** For order-free outputs: the lines only one side has, documented first. */
function unorderedDiff(documented: ComparableLine[], actual: ComparableLine[]): DiffLine[] {
  const remaining = new Map<string, number>();
  for (const line of actual) remaining.set(line.key, (remaining.get(line.key) ?? 0) + 1);
  const lines: DiffLine[] = [];
  const matched = new Map<string, number>();
  for (const line of documented) {
    if (line.key === WILDCARD) continue;
    const left = remaining.get(line.key) ?? 0;
    if (left > 0) {
      remaining.set(line.key, left - 1);
      matched.set(line.key, (matched.get(line.key) ?? 0) + 1);
      lines.push({ op: ' ', text: line.text });
    } else {
      lines.push(minus(line));
    }
  }
  const open = documented.some((line) => line.key === WILDCARD);
  for (const line of actual) {
    const seen = matched.get(line.key) ?? 0;
    if (seen > 0) matched.set(line.key, seen - 1);
    else if (!open) lines.push(plus(line));
  }
  return lines;
}

function truncate(lines: DiffLine[]): DiffLine[] {
  if (lines.length <= MAX_SHOWN_LINES) return lines;
  const hidden = lines.length - MAX_SHOWN_LINES;
  return [...lines.slice(0, MAX_SHOWN_LINES), { op: '…', text: `${hidden} more lines not shown` }];
}

const minus = (line: ComparableLine): DiffLine => ({ op: '-', text: line.text });
const plus = (line: ComparableLine): DiffLine => ({ op: '+', text: line.text });
