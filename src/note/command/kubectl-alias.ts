/**
 * The command with `k`, the alias for kubectl that kubectl's own cheat sheet sets up,
 * written out where it stands as a command: `k get pods | grep x` reads as kubectl does.
 */
export function asKubectl(command: string): string {
  return command.includes('k ') ? command.replace(/(^|[|;&(`\n])(\s*)k(?=[ \t])/g, '$1$2kubectl') : command;
}
