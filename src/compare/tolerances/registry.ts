import { age } from './age.js';
import { generatedNames } from './generated-names.js';
import { ipv4 } from './ipv4.js';
import { ipv6 } from './ipv6.js';
import { jobPid } from './job-pid.js';
import { macAddress } from './mac-address.js';
import { nodePort } from './node-port.js';
import { resourceVersion } from './resource-version.js';
import { bashErrors, zshErrors } from './shell-errors.js';
import { containerId, execId, imageDigest, uid } from './runtime-ids.js';
import type { Tolerance } from './tolerance.js';
import { timestamps } from './timestamps.js';
import { timings } from './timings.js';

/**
 * The built-in tolerances, in the order they apply. Each rule sees the line as the rules
 * before it left it, so a value is claimed by the most specific rule first.
 */
export const builtinTolerances: readonly Tolerance[] = [
  // Clock times would otherwise read as IPv6 groups, and their digits as ages.
  ...timestamps,
  // Long hex runs before anything that could bite off a piece (`sha256:` looks like `a:b`).
  containerId,
  imageDigest,
  execId,
  uid,
  resourceVersion,
  jobPid,
  // `0.52s` before ages; `0.079/0.220/0.362` before anything dotted.
  ...timings,
  // IPv6 first so an IPv4-mapped `::ffff:10.0.0.1` becomes one address, not two.
  ipv6,
  ipv4,
  macAddress,
  // After the IPs, which leave a node port behind an address as `<<ip>>:32219`.
  nodePort,
  ...generatedNames,
  age,
  // Last: the names in an error are compared as the rules above left them.
  zshErrors,
  bashErrors,
];

/** Rewrites every volatile value in one line to its placeholder. */
export function applyTolerances(line: string, tolerances: readonly Tolerance[]): string {
  return tolerances.reduce((text, tolerance) => text.replace(tolerance.pattern, tolerance.replacement), line);
}
