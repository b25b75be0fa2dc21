import type { JsonStep } from '../../e2e/workspace.js';

// Where the test control plane cannot behave like a real k3d cluster: kwok fakes the
// node's kubelet and runs no containers. A step these touch gets another verdict here
// than on k3d (the careful verdict of test/e2e/dialect-notes.test.ts and
// test/e2e/other-notebooks.test.ts); the live tests name the limit on that step and
// check that the step's real output shows it, so a limit that goes away is noticed.
// The README lists the same limits. No tolerance rule or portability fact covers them.

export interface ClusterLimit {
  /** Why the step's verdict here differs from a real k3d cluster's. */
  why: string;
  /** What the step's real output here looks like because of it. */
  shows: RegExp;
}

export const KWOK_EXEC_ERROR: ClusterLimit = {
  why:
    'kwok reports a command that exits non-zero as "error: Internal error occurred: error executing command in container: ' +
    '... exit status N" instead of "command terminated with exit code N" (a limit of kwok, not of real clusters)',
  shows: /error executing command in container: cmd wait: .*exit status \d+$/m,
};

export const KWOK_NO_ATTACH: ClusterLimit = {
  why: 'kwok serves exec but no attach: `kubectl run -it` cannot attach to the new pod ("no attaches found for container"), so the session typed into it never runs',
  shows: /no attaches found for container/,
};

export const KWOK_NO_LOGS: ClusterLimit = {
  why: 'kwok serves logs only from files a Logs object names, and no container writes any: `kubectl logs` fails with "no logs found for container" where k3d prints the web server\'s log',
  shows: /^Error from server \(BadRequest\): no logs found for container "\S+" in pod/,
};

/** Whether the step's real output shows the limit named for it. */
export function showsLimit(step: JsonStep, limit: ClusterLimit): boolean {
  return limit.shows.test((step.actual ?? '').trimEnd());
}
