// A snapshot as YAML text. Written here rather than by the yaml library's stringify,
// which builds a node for every value and costs a live run some 50 microseconds a
// step, more than the rest of the step's bookkeeping together. The data is plain
// (maps, lists, strings, numbers, booleans) and every string gets one of three safe
// forms: plain when YAML 1.1 and 1.2 both read it back as that string, a literal
// block (`|`) for output of several lines, JSON quotes otherwise, which YAML 1.2
// reads as JSON does. Snapshots are read back with the yaml library, and tests round-trip
// odd strings through both.

type Value = unknown;

export function snapshotText(data: object): string {
  const out: string[] = [];
  writeMap(data, '', out);
  return `${out.join('\n')}\n`;
}

function writeMap(map: object, indent: string, out: string[]): void {
  const entries = map as Record<string, Value>;
  for (const key of Object.keys(entries)) if (entries[key] !== undefined) writeEntry(`${indent}${key}:`, entries[key], `${indent}  `, out);
}

/** `head` is what goes before the value on its first line (`key:` or `-`). */
function writeEntry(head: string, value: Value, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push(`${head} []`);
    out.push(head);
    for (const item of value) writeItem(item, indent, out);
  } else if (value !== null && typeof value === 'object') {
    if (isEmptyMap(value)) return void out.push(`${head} {}`);
    out.push(head);
    writeMap(value, indent, out);
  } else if (typeof value === 'string' && isBlockable(value)) {
    out.push(`${head} ${blockHeader(value)}`);
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    for (const line of body.split('\n')) out.push(line === '' ? '' : `${indent}${line}`);
  } else {
    out.push(`${head} ${scalar(value)}`);
  }
}

function writeItem(item: Value, indent: string, out: string[]): void {
  if (item === null || typeof item !== 'object' || Array.isArray(item) || isEmptyMap(item)) {
    return writeEntry(`${indent}-`, item, `${indent}  `, out);
  }
  // The first entry of a map in a list shares the `- ` line.
  const first = out.length;
  writeMap(item, `${indent}  `, out);
  out[first] = `${indent}- ${out[first].slice(indent.length + 2)}`;
}

function isEmptyMap(map: object): boolean {
  for (const value of Object.values(map)) if (value !== undefined) return false;
  return true;
}

function scalar(value: Value): string {
  if (typeof value !== 'string') return String(value ?? null);
  return isPlain(value) ? value : JSON.stringify(value);
}

/** Integers, floats, base 60 (YAML 1.1), hex, octal, binary, infinity: an address like 10.42.0.60 is none of them. */
const NUMBER_LIKE = /^[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?$|^[-+]?\d[\d_]*(:[0-5]?\d)+(\.\d*)?$|^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$|^[-+]?0[xob]/;

/** Starts with no indicator, holds no `: ` or ` #`, and does not read as null, a boolean or a number. */
function isPlain(text: string): boolean {
  return (
    /^[^-?:,[\]{}#&*!|>'"%@`\s][^\t\n]*$/.test(text) &&
    !/\s$|: |:$| #/.test(text) &&
    !/^(~|=|<<|[yYnN]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/.test(text) &&
    !NUMBER_LIKE.test(text) &&
    isPrintable(text)
  );
}

/** Several lines of printable text: what a literal block keeps as it is. Readers differ on lines of blanks alone. */
function isBlockable(text: string): boolean {
  return text.includes('\n') && !text.includes('\r') && !/^[ \t]+$/m.test(text) && isPrintable(text);
}

/** Outside YAML's printable set, the byte-order mark, or half of a surrogate pair. */
const NOT_PRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isPrintable(text: string): boolean {
  return !NOT_PRINTABLE.test(text);
}

function blockHeader(text: string): string {
  // An explicit indentation when the first line would make the reader guess it wrong.
  const indentation = /^[ \n]/.test(text) ? '2' : '';
  const chomping = !text.endsWith('\n') ? '-' : text.endsWith('\n\n') || text === '\n' ? '+' : '';
  return `|${indentation}${chomping}`;
}
