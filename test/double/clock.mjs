// The cluster's clock: the real one, moved on by however far a test advanced it
// (milliseconds in `clock-offset-ms` in the state directory). A test of a 40 s pull or
// a slow convergence advances the clock past it instead of waiting it out.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function now() {
  const dir = process.env.KUBE_DOUBLE_STATE;
  if (!dir) return Date.now();
  try {
    return Date.now() + (Number(readFileSync(join(dir, 'clock-offset-ms'), 'utf8')) || 0);
  } catch {
    return Date.now();
  }
}

/** Moves the clock of the cluster whose state is in `dir` on by `ms`: what a test calls. */
export function advance(dir, ms) {
  const file = join(dir, 'clock-offset-ms');
  let offset = 0;
  try {
    offset = Number(readFileSync(file, 'utf8')) || 0;
  } catch {
    /* not advanced yet */
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, String(offset + ms));
}
