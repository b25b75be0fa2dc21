// Snapshots and JSON reports are meant for git and CI logs; what a step printed may
// hold the cluster's credentials (`kubectl config view --raw`, `describe secret`, a
// token in `env`). Those values are replaced before anything is written there. Every
// pattern is linear: bounded repetition, no nested quantifiers.

export const MASK = '<masked>';

const RULES: [RegExp, string][] = [
  // PEM private keys, whole blocks.
  [/-----BEGIN ([A-Z ]{0,40})PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g, `-----BEGIN $1PRIVATE KEY-----${MASK}-----END $1PRIVATE KEY-----`],
  // kubeconfig and secret fields: `client-key-data: LS0t...`, `token: eyJ...`, `"password": "..."`.
  [
    /(?<![\w-])("?(?:client-key-data|client-certificate-data|certificate-authority-data|client-key|token|id-token|refresh-token|access-token|client-secret|password|secret)"?[ \t]{0,40}[:=][ \t]{0,40}"?)([^\s"',}]{6,})/g,
    `$1${MASK}`,
  ],
  // `Authorization: Bearer abc...`, `--token=abc`.
  [/\b(Bearer[ \t]{1,10})[A-Za-z0-9._~+/=-]{8,}/g, `$1${MASK}`],
  [/(--(?:token|password|client-key)[= ])\S{6,}/g, `$1${MASK}`],
  // Environment variables named like credentials: `GITHUB_TOKEN=...`, `DB_PASSWORD=...`.
  [/\b([A-Z][A-Z0-9_]{0,60}(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|ACCESS_KEY|PRIVATE_KEY))=(\S{1,})/g, `$1=${MASK}`],
  // JSON Web Tokens wherever they stand (service account tokens).
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, MASK],
];

export function maskSecrets(text: string): string {
  return RULES.reduce((masked, [pattern, replacement]) => masked.replace(pattern, replacement), text);
}
