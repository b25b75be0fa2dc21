// The namespace a kubectl command works in, as the wording of its output names it.

/** The namespaces a command's output may name: `-n X`, else the context's (`default`, the run's stands for it); `-f` files name their own. */
export function outputNamespaces(command: string): string[] | 'any' {
  if (/\s(-f|--filename)[= ]|\s-[A-Za-z]*f\s/.test(` ${command} `) || listsAllNamespaces(command)) return 'any';
  return [namedNamespace(command) ?? 'default'];
}

/** The namespace `-n`/`--namespace` names, if any. */
export function namedNamespace(command: string): string | undefined {
  return /\s(?:-n|--namespace)[= ]?\s*([a-z0-9-]+)/.exec(` ${command}`)?.[1];
}

/** `-A`/`--all-namespaces`: every namespace at once. */
export function listsAllNamespaces(command: string): boolean {
  return /\s(-A|--all-namespaces)\b/.test(` ${command} `);
}
