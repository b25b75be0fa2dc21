// The namespace a kubectl command works in, as the wording of its output names it.

/** The namespaces a command's output may name: `-n X`, else the context's (`default`, the run's stands for it); `-f` files name their own. */
export function commandNamespaces(command: string): string[] | 'any' {
  if (/\s(-f|--filename)[= ]|\s-[A-Za-z]*f\s|\s(-A|--all-namespaces)\b/.test(` ${command} `)) return 'any';
  const named = /\s(?:-n|--namespace)[= ]?\s*([a-z0-9-]+)/.exec(` ${command}`)?.[1];
  return [named ?? 'default'];
}
