// Simple commands whose reading depends on what they are: a definition the lines after
// it may call, a `cat` of a file, an `echo $?`, a program that names itself in its errors.

/** Names a note defines for later lines: functions and aliases. */
export function definedNames(command: string): string[] {
  const names: string[] = [];
  if (!command.includes('()') && !command.includes('alias')) return names;
  for (const m of command.matchAll(/(?:^|[;\s])(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{?/g)) names.push(m[1]);
  for (const m of command.matchAll(/(?:^|[;\s])alias\s+([A-Za-z_][\w-]*)=/g)) names.push(m[1]);
  return names;
}

/** `cat FILE` alone. */
export function printsFile(command: string, program: string | undefined): boolean {
  return program === 'cat' && !/[|;&<>]/.test(command) && command.trim().split(/\s+/).length >= 2;
}

/** `echo $?` on a line of its own. */
export const echoesStatus = (command: string): boolean => command.includes('$?') && /^\s*echo\s+("\$\?"|\$\?)\s*$/.test(command);

/** How a simple command's program names itself at the start of its errors: `ls: `, `/bin/ls: `. */
export function errorPrefixes(command: string): string[] {
  const [, path, name] = /^\s*((?:\S*\/)?([\w.-]+))(\s|$)/.exec(command) ?? [];
  if (!name || /[|;&\n]/.test(command)) return [];
  return path === name ? [`${name}: `] : [`${name}: `, `${path}: `];
}
