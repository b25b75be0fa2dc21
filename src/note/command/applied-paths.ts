import { splitCommandLine } from './command-line.js';

/** A manifest path a `kubectl apply/create -f` reads, as written (relative to the working dir). */
export interface AppliedPath {
  path: string;
  /** `-R`: a directory is read with its subdirectories. */
  recursive: boolean;
}

const KUBECTL = /^(?:\S*\/)?kubectl$|^k$/;
const VERBS = new Set(['apply', 'create']);
/** `-f x`, `-Rf x`, `--filename x`. */
const FLAG_THEN_VALUE = /^(?:--filename|-[a-zA-Z]*f)$/;
/** `-fx`, `-f=x`, `--filename=x`. */
const FLAG_WITH_VALUE = /^(?:--filename=|-[a-zA-Z]*f=?)(.+)$/;

/** The `-f`/`--filename` paths of every `kubectl apply` or `kubectl create` in a command. */
export function appliedPaths(command: string): AppliedPath[] {
  // Splitting a command line costs; most commands name neither verb.
  if (!command.includes('apply') && !command.includes('create')) return [];
  return splitCommandLine(command).commands.flatMap(pathsOfOne);
}

function pathsOfOne(words: string[]): AppliedPath[] {
  const start = words.findIndex((word) => KUBECTL.test(word));
  if (start < 0) return [];
  const args = words.slice(start + 1);
  if (!args.some((word) => VERBS.has(word))) return [];
  const recursive = args.some((word) => /^-[a-zA-Z]*R[a-zA-Z]*$|^--recursive(=true)?$/.test(word));
  const paths: string[] = [];
  args.forEach((word, i) => {
    if (FLAG_THEN_VALUE.test(word)) {
      if (args[i + 1] !== undefined) paths.push(args[i + 1]);
    } else {
      const attached = FLAG_WITH_VALUE.exec(word)?.[1];
      if (attached) paths.push(attached);
    }
  });
  // stdin, URLs and shell variables name nothing we can read before the note runs.
  return paths.filter((path) => path !== '-' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(path) && !path.includes('$')).map((path) => ({ path, recursive }));
}
