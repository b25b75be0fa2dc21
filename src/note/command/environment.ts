/** `printenv`, `env` (not `env X=1 cmd`): prints a container's environment, in no fixed order. */
export function listsEnvironment(command: string): boolean {
  return /(^|[\s|;&'"])(printenv|env)(\s|$|['"|;])/.test(command) && !/\benv\s+\w+=/.test(command);
}
