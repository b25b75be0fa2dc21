import type { ClusterEnvironment, CommandFacts } from '../../model.js';

/** Both sides of one comparison as folded keys (tolerances applied, blanks collapsed). */
export interface Sides {
  documented: string[];
  actual: string[];
}

/** What a fact may know of the command, from the command model: its kubectl verb and output template, its namespaces. */
export type PortableCommand = Partial<Pick<CommandFacts, 'kubectl' | 'namespace' | 'allNamespaces' | 'namespaces'>>;

/** What a fact may look at besides the lines: the command's facts and where each side was recorded. */
export interface FactContext {
  command: PortableCommand;
  recorded: ClusterEnvironment;
  current: ClusterEnvironment;
}

/**
 * One difference between what a note shows and what a cluster prints that comes only
 * from the kubectl or server version or the cluster's flavour, and that a reader would
 * call the same result. Like a tolerance, one entry per fact: what changed, where it
 * applies, a real old and new example, and tests both ways plus must-not-hide tests.
 */
export interface PortabilityFact {
  /** Short name shown in reports, e.g. `kubectl-1.34-delete-wording`. */
  id: string;
  /** One line: what changed. */
  changed: string;
  /** One line: the versions or flavours it applies to. */
  appliesTo: string;
  /** Real output before the change and after it, as one documented and one actual output. */
  example: { old: string; new: string; command: string };
  /** Whether the recorded side and the current side are consistent with this fact (unknown is consistent). */
  holds: (recorded: ClusterEnvironment, current: ClusterEnvironment) => boolean;
  /** Brings both sides to a common form where the fact shows; returns them as they were otherwise. */
  align: (sides: Sides, context: FactContext) => Sides;
}

/** The namespaces the command's output may name; a command known by nothing but its text works in `default`. */
export function namespacesOf(command: PortableCommand): string[] | 'any' {
  return command.namespaces ?? ['default'];
}

/** Rewrites every line on both sides. */
export function rewriteBoth(sides: Sides, rewrite: (key: string) => string): Sides {
  return { documented: sides.documented.map(rewrite), actual: sides.actual.map(rewrite) };
}

/**
 * A part that one version or flavour prints and another does not (a warning line, a
 * clause of an event): when only one side has it, it is removed from both; when both
 * have it, it stays and is compared as usual, so a change inside it is still drift.
 * `pattern` must carry the `g` flag; a match that is a whole line removes the line.
 */
export function optionalPart(sides: Sides, pattern: RegExp): Sides {
  const has = (keys: string[]) => keys.some((key) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(key));
  if (has(sides.documented) === has(sides.actual)) return sides;
  const strip = (keys: string[]) =>
    keys.flatMap((key) => {
      const left = key.replace(pattern, '');
      if (left === key) return [key];
      return left.trim() === '' ? [] : [left.replace(/\s+/g, ' ').trim()];
    });
  return { documented: strip(sides.documented), actual: strip(sides.actual) };
}

/** Several optional parts, each judged on its own (an old and a new form of one line). */
export function optionalParts(sides: Sides, patterns: RegExp[]): Sides {
  return patterns.reduce(optionalPart, sides);
}
