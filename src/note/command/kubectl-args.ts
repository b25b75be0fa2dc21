import type { KubectlFacts } from '../../model.js';

/** kubectl's global flags that take a value, so the subcommand is found after them. */
const VALUED_FLAGS = /^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server|--request-timeout)$/;
/** Verbs whose next word names what they act on in a second verb (`rollout status`, `config view`). */
const TWO_WORD_VERBS = new Set(['rollout', 'config', 'auth', 'set', 'create', 'top', 'certificate', 'plugin', 'apply']);
/** Flags of the verbs that take a value as the next word, so that word names no object. */
const VALUE_NEXT = /^(-n|--namespace|--context|--kubeconfig|-o|--output|-l|--selector|-f|--filename|-c|--container|--field-selector|--sort-by|-L|--label-columns|--for|--timeout|--type|--port|--replicas|--image|-p|--patch)$/;
const FILE_FLAG = /^(?:--filename|-[a-zA-Z]*f)$/;
const FILE_FLAG_WITH_VALUE = /^(?:--filename=|-[a-zA-Z]*f=?)(.+)$/;

export const isKubectlProgram = (word: string | undefined): boolean => word !== undefined && /^(?:\S*\/)?kubectl$/.test(word);

/** What a kubectl invocation asks for, from its words after `kubectl`. */
export function kubectlFacts(args: string[]): KubectlFacts {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += VALUED_FLAGS.test(args[i]) ? 2 : 1;
  const verb = args[i];
  const next = args[i + 1];
  const facts: KubectlFacts = { verb, flags: args.filter((arg) => arg.startsWith('-')), files: [], objects: objectsAfter(args.slice(i + 1)) };
  if (verb !== undefined && TWO_WORD_VERBS.has(verb) && next !== undefined && /^[a-z][a-z-]*$/.test(next)) facts.subverb = next;
  args.forEach((word, k) => {
    if (word === '--') return;
    if (FILE_FLAG.test(word)) {
      if (args[k + 1] !== undefined) facts.files.push(args[k + 1]);
    } else if (word.startsWith('-') && !word.startsWith('--') ? FILE_FLAG_WITH_VALUE.test(word) : word.startsWith('--filename=')) {
      facts.files.push(FILE_FLAG_WITH_VALUE.exec(word)![1]);
    }
  });
  const output = args.findIndex((arg) => arg === '-o' || arg === '--output' || /^(-o|--output=)\S/.test(arg));
  if (output !== -1) {
    const arg = args[output];
    const value = arg === '-o' || arg === '--output' ? args[output + 1] : arg.replace(/^(-o=?|--output=)/, '');
    if (value !== undefined) facts.output = value.replace(/=.*$/s, '');
    const template = value && /=(.*)$/s.exec(value)?.[1];
    if (template) facts.outputTemplate = template;
  }
  const inner = args.indexOf('--');
  if (inner !== -1) facts.inner = args.slice(inner + 1);
  return facts;
}

/** The words after the verb that name what it acts on (`svc`, `web`, `pod/x`), up to `--`. */
function objectsAfter(args: string[]): string[] {
  const objects: string[] = [];
  for (let k = 0; k < args.length && args[k] !== '--'; k++) {
    if (VALUE_NEXT.test(args[k])) k++;
    else if (!args[k].startsWith('-')) objects.push(args[k].toLowerCase());
  }
  return objects;
}
