import { MASK, maskSecrets } from './mask-secrets.js';

// Some commands print nothing but a secret's value: `kubectl get secret db -o
// jsonpath='{.data.password}' | base64 -d` prints `s3cr3t`, `printenv DB_PASSWORD` too.
// No word in that output says it is a credential, so the patterns of mask-secrets cannot
// see it; the command can. Their whole output is masked before a snapshot or a JSON
// report holds it. Every pattern is bounded: no nested or unbounded quantifiers.

const CREDENTIAL_NAME = '[A-Za-z_][A-Za-z0-9_]{0,60}(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|ACCESS_KEY|PRIVATE_KEY|token|secret|password|passwd)';

const REVEALING: RegExp[] = [
  // A Secret's values picked out of it: `get secret NAME -o jsonpath=…` / `go-template=…`.
  /\bkubectl\b[^|;&\n]{0,300}\bget[ \t]{1,10}(?:secrets?\b|secrets?\/)[^|;&\n]{0,300}(?:-o|--output)[= \t]{0,3}['"]?(?:jsonpath|go-template)/,
  // Anything about a secret decoded from base64.
  /\bsecrets?\b[^;&\n]{0,300}\|[ \t]{0,10}base64[ \t]{1,10}(?:-d|-D|--decode)\b/,
  // A credential-named variable printed on its own: `printenv DB_PASSWORD`, `echo $API_TOKEN`.
  new RegExp(`\\bprintenv[ \\t]{1,10}${CREDENTIAL_NAME}\\b`),
  new RegExp(`\\becho[ \\t]{1,10}["']?\\$\\{?${CREDENTIAL_NAME}\\b`),
];

export function revealsSecret(command: string): boolean {
  return REVEALING.some((pattern) => pattern.test(command));
}

/** Each line of a revealed secret replaced by the mask; the line breaks, and so the shape, stay. */
export function maskWhole(output: string): string {
  return output.replace(/[^\n]+/g, MASK);
}

/**
 * What a command printed, as a snapshot or a JSON report may hold it: all of it masked
 * when the command prints a secret's value, else its credentials.
 */
export function maskCommandOutput(command: string, output: string): string {
  return revealsSecret(command) ? maskWhole(output) : maskSecrets(output);
}
