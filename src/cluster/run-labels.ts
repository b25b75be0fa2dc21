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

/** Every run namespace's name starts so (`notes-run-<note>-<random>`, `notes-run-prepull-<random>`). */
export const RUN_NAMESPACE_PREFIX = 'notes-run-';

const runId = randomBytes(4).toString('hex');

export function thisHost(): string {
  return createHash('sha256').update(hostname()).digest('hex').slice(0, 12);
}

export function runLabels(): string[] {
  return [`${MANAGED_BY}=${MANAGER}`, `${RUN_ID}=${runId}`, `${RUN_PID}=${process.pid}`, `${RUN_HOST}=${thisHost()}`];
}

/**
 * Whether a namespace is one a run made: named with the run prefix and labelled with the
 * run that made it. Labels alone are anybody's to set (a `production` namespace copied
 * from a run's manifest, a hand-made `managed-by=notes-run`), and `clean` deletes by this.
 */
export function isRunNamespace(name: string, labels: Readonly<Record<string, string>>): boolean {
  return name.startsWith(RUN_NAMESPACE_PREFIX) && labels[MANAGED_BY] === MANAGER && /^[0-9a-f]{8}$/.test(labels[RUN_ID] ?? '');
}
