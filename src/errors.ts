/** Bad usage, config, context or input: reported as one clear line, exit status 2. */
export class InputError extends Error {
  readonly exitCode = 2;
}
