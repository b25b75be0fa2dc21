import type { Ordering } from '../../model.js';
import { listsEnvironment } from './environment.js';

// `kubectl get` rows are sorted by names with random suffixes; a container's environment
// comes in map order; a kubectl command that prints a line per object it selected
// (`delete pods -l`, `wait --all`, `label`, `get -o name`) prints them in name order.

const KUBECTL_VERB = /\bkubectl\b[^|;&]*?\s(get|delete|wait|label|annotate|rollout\s+restart|scale|taint|cordon|uncordon)\s/;

/** How the lines a command (with `k` written out) prints are ordered. */
export function orderingOf(command: string): Ordering {
  const outer = command.replace(/\$\([^()]*\)/g, '').replace(/`[^`]*`/g, '');
  if (listsEnvironment(outer)) return 'unordered';
  const verb = KUBECTL_VERB.exec(outer)?.[1];
  if (verb === undefined) return 'ordered';
  const output = /\s(-o|--output)[= ]?\s*([\w-]+)/.exec(outer)?.[2];
  if (verb !== 'get') return output === undefined || output === 'name' ? 'unordered' : 'ordered';
  if (output === undefined || /^(wide|custom-columns)/.test(output)) return 'table';
  return output === 'name' ? 'unordered' : 'ordered';
}
