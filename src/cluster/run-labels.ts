import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

// Every run namespace carries labels saying it is ours and which run made it, so that
// `notes-run clean` can remove what a crashed run left, and never what a live run uses.

export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGER = 'notes-run';
export const RUN_ID = 'notes-run/run-id';
export const RUN_PID = 'notes-run/pid';
/** A hash of the host name: label values are short, and the name is nobody else's business. */
export const RUN_HOST = 'notes-run/host';

const runId = randomBytes(4).toString('hex');

export function thisHost(): string {
  return createHash('sha256').update(hostname()).digest('hex').slice(0, 12);
}

export function runLabels(): string[] {
  return [`${MANAGED_BY}=${MANAGER}`, `${RUN_ID}=${runId}`, `${RUN_PID}=${process.pid}`, `${RUN_HOST}=${thisHost()}`];
}
