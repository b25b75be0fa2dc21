// Finds where a shell command ends, line by line, without starting a shell: a step
// boundary must be known for every line of every note, so it has to cost nothing.
// It understands what decides whether bash would keep reading: quotes, `\` at the end
// of a line, `$( ... )`, `${ ... }`, backquotes, here-documents, compound commands
// (`if`/`fi`, `case`/`esac`, loops, `{ }`, `( )`) and a trailing `|`, `&&` or `||`.

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
}

type Quote = "'" | '"' | '`' | '$(' | '${' | '(';

export interface ShellScan {
  quotes: Quote[];
  heredocs: PendingHeredoc[];
  /** The here-document whose body is being read, if any. */
  inHeredoc?: PendingHeredoc;
  /** Open compound commands: `if`, `case`, `do`, `{`. */
  compounds: string[];
  /** The last line asked for another one (`\`, `|`, `&&`, `||`). */
  continues: boolean;
}

const OPENERS: Record<string, string> = {
  if: 'fi',
  case: 'esac',
  for: 'done',
  while: 'done',
  until: 'done',
  select: 'done',
  '{': '}',
};
const CLOSERS = new Set(Object.values(OPENERS));
/** Words after which the next word is again a command name. */
const LEADS_TO_COMMAND = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '{', '!', 'time']);

export function startScan(): ShellScan {
  return { quotes: [], heredocs: [], compounds: [], continues: false };
}

export function isComplete(scan: ShellScan): boolean {
  return (
    scan.quotes.length === 0 &&
    scan.heredocs.length === 0 &&
    scan.inHeredoc === undefined &&
    scan.compounds.length === 0 &&
    !scan.continues
  );
}

/** No quote, expansion, redirection, operator or comment: such a line only ends or starts a compound by its first word. */
const PLAIN_LINE = /^[^'"`\\$(){}<;&|#]*$/;

/** Feeds one line (without its newline) to the scan. */
export function scanLine(scan: ShellScan, line: string): void {
  // Most lines of a note are plain commands typed at an idle prompt: nothing to track.
  if (isComplete(scan) && PLAIN_LINE.test(line) && !leadsSomewhere(line.trimStart().split(/\s/, 1)[0])) return;
  if (scan.inHeredoc) {
    const body = scan.inHeredoc.stripTabs ? line.replace(/^\t+/, '') : line;
    if (body === scan.inHeredoc.delimiter) scan.inHeredoc = scan.heredocs.shift();
    return;
  }
  scan.continues = false;
  let word = '';
  let wordStart = true;
  let commandPosition = true;
  const endWord = () => {
    if (word !== '' && scan.quotes.length === 0 && commandPosition) {
      trackCompound(scan, word);
      commandPosition = LEADS_TO_COMMAND.has(word) || word.endsWith('()');
    } else if (word !== '') {
      commandPosition = word.endsWith('()');
    }
    word = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const top = scan.quotes[scan.quotes.length - 1];
    if (top === "'") {
      if (c === "'") scan.quotes.pop();
      continue;
    }
    if (c === '\\') {
      if (i === line.length - 1) {
        scan.continues = true;
        break;
      }
      i++;
      word += 'x';
      continue;
    }
    if (top === '"') {
      if (c === '"') scan.quotes.pop();
      else if (c === '`') scan.quotes.push('`');
      else if (c === '$' && line[i + 1] === '(') (scan.quotes.push('$('), i++);
      else if (c === '$' && line[i + 1] === '{') (scan.quotes.push('${'), i++);
      continue;
    }
    if (top === '`' && c === '`') {
      scan.quotes.pop();
      continue;
    }
    if (top === '${' && c === '}') {
      scan.quotes.pop();
      continue;
    }
    if ((top === '$(' || top === '(') && c === ')') {
      endWord();
      scan.quotes.pop();
      continue;
    }
    if (c === '#' && wordStart && word === '') break;
    if (c === "'" || c === '"' || c === '`') {
      scan.quotes.push(c);
      word += 'x';
      wordStart = false;
      continue;
    }
    if (c === '$' && line[i + 1] === '(') {
      scan.quotes.push('$(');
      i++;
      word += 'x';
      commandPosition = true;
      continue;
    }
    if (c === '$' && line[i + 1] === '{') {
      scan.quotes.push('${');
      i++;
      word += 'x';
      continue;
    }
    if (c === '(' && word === '') {
      scan.quotes.push('(');
      commandPosition = true;
      continue;
    }
    if (c === '<' && line[i + 1] === '<' && line[i + 2] !== '<') {
      i = readHeredocOperator(scan, line, i + 2) - 1;
      word = '';
      wordStart = false;
      continue;
    }
    if (/\s/.test(c)) {
      endWord();
      wordStart = true;
      continue;
    }
    if (c === ';' || c === '&' || c === '|') {
      endWord();
      wordStart = true;
      commandPosition = true;
      continue;
    }
    word += c;
    wordStart = false;
  }
  endWord();
  if (scan.quotes.length === 0 && /(\|\||&&|\|)\s*$/.test(stripTrailingComment(line))) scan.continues = true;
  if (scan.heredocs.length > 0 && !scan.continues) scan.inHeredoc = scan.heredocs.shift();
}

/** A first word that opens a compound or puts the next word in command position. */
function leadsSomewhere(word: string): boolean {
  return Object.hasOwn(OPENERS, word) || LEADS_TO_COMMAND.has(word);
}

function trackCompound(scan: ShellScan, word: string): void {
  if (Object.hasOwn(OPENERS, word)) scan.compounds.push(OPENERS[word]);
  else if (CLOSERS.has(word) && scan.compounds[scan.compounds.length - 1] === word) scan.compounds.pop();
}

/** Reads `-`, then the delimiter word after `<<`; returns the index after it. */
function readHeredocOperator(scan: ShellScan, line: string, from: number): number {
  let i = from;
  const stripTabs = line[i] === '-';
  if (stripTabs) i++;
  while (line[i] === ' ' || line[i] === '\t') i++;
  let delimiter = '';
  while (i < line.length && !/[\s;&|<>()]/.test(line[i])) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const end = close === -1 ? line.length : close;
      delimiter += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '\\') {
      delimiter += line[i + 1] ?? '';
      i += 2;
    } else {
      delimiter += c;
      i++;
    }
  }
  if (delimiter !== '') scan.heredocs.push({ delimiter, stripTabs });
  return i;
}

function stripTrailingComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, '');
}
