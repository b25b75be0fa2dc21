import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Note, YamlStep } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';

const made: string[] = [];

/** A temp working dir holding these files (path → text); removed by `removeWorkdirs`. */
export function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-yaml-test-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function removeWorkdirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` with its text, to show a dir was left as it was. */
export function contentsOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** PATH lookups are machine-dependent; the known-tools list decides what is a command. */
export const parse = (markdown: string): Note => parseNote('note.md', markdown);

export const yamlSteps = (note: Note): YamlStep[] => note.steps.filter((step): step is YamlStep => step.kind === 'yaml');

export const fence = (body: string, info = 'bash'): string => `\`\`\`${info}\n${body.trim()}\n\`\`\`\n`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: sleep-2
spec:
  selector:
    app: sleep-2
  ports:
    - port: 80
`;

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
