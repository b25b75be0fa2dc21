import type { ClusterEnvironment } from '../../model.js';

/** The minor version of a gitVersion (`v1.31.5+k3s1` → 31); undefined when unreadable. */
export function minorOf(version: string | undefined): number | undefined {
  const minor = /^v?1\.(\d+)/.exec(version ?? '')?.[1];
  return minor === undefined ? undefined : Number(minor);
}

/** The kubelet's version: the first node's, else the server's (the kubelet rarely lags far). */
export function kubeletOf(environment: ClusterEnvironment): string | undefined {
  return environment.nodes?.find((node) => node.kubeletVersion)?.kubeletVersion ?? environment.server;
}

/**
 * True unless both versions are known and on the same side of `since`: a change that
 * came with `since` can only separate outputs of versions on either side of it.
 */
export function straddles(recorded: string | undefined, current: string | undefined, ...since: number[]): boolean {
  const a = minorOf(recorded);
  const b = minorOf(current);
  if (a === undefined || b === undefined) return true;
  return since.some((minor) => a >= minor !== b >= minor);
}

/** True unless both flavours are known and the same: a flavour difference needs two flavours. */
export function flavoursDiffer(recorded: ClusterEnvironment, current: ClusterEnvironment): boolean {
  return !(recorded.flavour && current.flavour && recorded.flavour === current.flavour);
}

/** True unless both sides are known to run the same kubectl on the same flavour. */
export function clientsDiffer(recorded: ClusterEnvironment, current: ClusterEnvironment): boolean {
  return recorded.client === undefined || current.client === undefined || recorded.client !== current.client || flavoursDiffer(recorded, current);
}

/** True unless both versions are known and of the same minor: for changes whose exact release is uncertain. */
export function minorsDiffer(recorded: string | undefined, current: string | undefined): boolean {
  const a = minorOf(recorded);
  const b = minorOf(current);
  return a === undefined || b === undefined || a !== b;
}
