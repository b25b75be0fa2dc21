// What a run must never let out: every value of every Secret its namespace holds, as the
// API serves it (base64, what `-o yaml`/`-o json`/`custom-columns` print) and decoded (what
// `base64 -d`, `printenv` of a `secretKeyRef` variable and `env` print). Masking by value
// catches every command that prints one, whatever its shape.

/** Shorter values would mask ordinary words all over the outputs (`on`, `yes`, `1`). */
const SHORTEST = 4;

interface SecretList {
  items?: { data?: Record<string, unknown> | null }[];
}

/** The values, both forms, of the Secrets in `kubectl get secrets -o json` output. */
export function secretValuesOf(listJson: string): string[] {
  let list: SecretList;
  try {
    list = JSON.parse(listJson) as SecretList;
  } catch {
    return [];
  }
  const values = new Set<string>();
  for (const item of list.items ?? []) {
    for (const encoded of Object.values(item?.data ?? {})) {
      if (typeof encoded !== 'string') continue;
      add(values, encoded);
      // A decoded value of several lines (a key, a certificate) is printed line by line.
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      if (!decoded.includes('\uFFFD')) for (const line of decoded.split(/\r?\n/)) add(values, line);
    }
  }
  return [...values];
}

function add(values: Set<string>, value: string): void {
  if (value.trim().length >= SHORTEST) values.add(value);
}
