// Errors the double reports the way kubectl does: a message for stderr and an exit code.
export class KubeError extends Error {
  constructor(message, code = 1) {
    super(message);
    this.code = code;
    this.isKube = true;
  }
}

/** Throw a kubectl-style failure. `message` is printed verbatim on stderr. */
export function fail(message, code = 1) {
  throw new KubeError(message, code);
}

export const notFound = (resource, name) =>
  fail(`Error from server (NotFound): ${resource} "${name}" not found`);
