import { nodePort } from './node-port.js';
import type { Tolerance } from './tolerance.js';

/** The tolerances, with the node-port rule no longer hiding the ports a manifest fixed. */
export function exemptNodePorts(tolerances: readonly Tolerance[], fixed: number[]): readonly Tolerance[] {
  if (fixed.length === 0) return tolerances;
  const pattern = new RegExp(`(?!(?:${fixed.join('|')})\\b)(?:${nodePort.pattern.source})`, 'g');
  return tolerances.map((tolerance) => (tolerance === nodePort ? { ...tolerance, pattern } : tolerance));
}
