import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Real outputs of test/cluster/scenario.mjs, recorded from the test control plane by
// `npm run cluster:record` (test/cluster/record.mjs): two runs each, and the versions.
export const realDir = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

export interface RecordedStep {
  name: string;
  command: string;
  exitCode: number;
  exitCodeRun2: number;
}

export interface Recording {
  kubectl: string;
  server: string;
  kwok: string | null;
  namespace: string;
  steps: RecordedStep[];
}

export const recording: Recording = JSON.parse(readFileSync(`${realDir}recording.json`, 'utf8')) as Recording;

/** What the command printed (stdout and stderr, as a terminal shows them) in run 1 or 2. */
export function recorded(name: string, run: 1 | 2 = 1): string {
  const file = `${realDir}${name}${run === 2 ? '.run2' : ''}.txt`;
  if (!existsSync(file)) throw new Error(`no recording ${file}: run npm run cluster:record`);
  return readFileSync(file, 'utf8');
}
