import { LineCounter, parseAllDocuments } from 'yaml';

/** The objects of a YAML stream as kubectl sees them, or where it fails to parse. */
export interface ManifestRead {
  objects: unknown[];
  error?: { line: number; message: string };
  /** Why the source was not parsed at all: too long for the parser to read in bounded time. */
  notRead?: string;
}

/**
 * The yaml library's time grows with the square of a mapping's keys (20,000 keys: 7 s or
 * more, 100,000: minutes). No manifest shown in a note comes near this: past it a block
 * or a file is not parsed, and the step says so instead of holding the run.
 */
export const MAX_YAML_LINES = 1_000;

/** Parses every document; `line` of an error is 1-based within `source`. */
export function readManifests(source: string): ManifestRead {
  const lines = lineCount(source);
  if (lines > MAX_YAML_LINES) return { objects: [], notRead: `${lines} lines is more than the ${MAX_YAML_LINES} read as YAML` };
  const lineCounter = new LineCounter();
  // kubectl reads YAML 1.1 (go-yaml): `yes` is a boolean and `0644` octal, so compare the same way.
  const documents = parseAllDocuments(source, { lineCounter, prettyErrors: false, version: '1.1' });
  const objects: unknown[] = [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) return { objects: [], error: { line: lineCounter.linePos(error.pos[0]).line, message: firstSentence(error.message) } };
    let value: unknown;
    try {
      value = plain(document.toJS({ maxAliasCount: 1000 }));
    } catch (problem) {
      // Aliases that expand past the limit (a "billion laughs" block) are refused by the yaml library as it builds the values.
      const at = document.contents?.range?.[0] ?? 0;
      return { objects: [], error: { line: lineCounter.linePos(at).line, message: firstSentence((problem as Error).message) } };
    }
    // An empty document (a stray `---`, a comment-only block) is no object to kubectl either.
    if (value !== null && value !== undefined) objects.push(...unlisted(value));
  }
  return { objects };
}

/** `Kind/name` of a Kubernetes object, when it has both. */
export function objectKey(object: unknown): string | undefined {
  if (!isRecord(object) || typeof object.kind !== 'string' || !isRecord(object.metadata)) return undefined;
  const name = object.metadata.name;
  return typeof name === 'string' ? `${object.kind}/${name}` : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `kubectl get -o yaml` prints a `List`; its items are the objects a note talks about. */
function unlisted(value: unknown): unknown[] {
  if (isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) return value.items;
  return [value];
}

/** YAML 1.1 timestamps become Dates; kubectl keeps them as text, so do we. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  return value;
}

function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1 && count <= MAX_YAML_LINES; at = text.indexOf('\n', at + 1)) count++;
  return count > MAX_YAML_LINES ? text.split('\n').length : count;
}

function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
