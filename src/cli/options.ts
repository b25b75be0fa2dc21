import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { HumanView } from '../report/human-report.js';
import { isReporterName, reporterNames, type ReporterName } from '../report/reporters.js';
import { MAX_SECONDS } from '../config/max-seconds.js';
import { InputError } from '../errors.js';

export interface Options {
  paths: string[];
  reporter: ReporterName;
  outputFile?: string;
  cwd?: string;
  /** Time limits given on the command line; the config file and defaults fill the rest. */
  stepTimeoutMs?: number;
  noteTimeoutMs?: number;
  graceMs?: number;
  convergeMs?: number;
  pullTimeoutMs?: number;
  kubectl?: string;
  context?: string;
  namespace?: string;
  keep: boolean;
  /** `notes-run clean --all`: also the run namespaces of other machines' runs. */
  all: boolean;
  /** `notes-run prepull NOTE…`: pull the notes' images on the cluster, run nothing. */
  prepullOnly: boolean;
  /** `--prepull`: pull them first, then run the notes. */
  prepull: boolean;
  /** Run in the context's own namespace when the API server forbids creating one. */
  allowUnisolated: boolean;
  jobs: number;
  bail: boolean;
  steps: number[];
  offline: boolean;
  /** Notes with nothing checked (`empty`, `unverified`) fail the run too, and portable differences (kubectl version, cluster flavour) make a step stale. */
  strict: boolean;
  /** Print how each note is read, without running anything. */
  plan: boolean;
  update: boolean;
  /** `--update=all`: also rewrite outputs that differ only portably (kubectl version, flavour). */
  updateAll: boolean;
  interactive: boolean;
  snapshots?: string;
  config?: string;
  color?: boolean;
  /** How much the human report says: `--verbose`, default, `--quiet`. */
  view: HumanView;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: notes-run [options] NOTE.md|DIR ...
       notes-run clean [--context NAME] [--all]   delete run namespaces crashed runs left behind
                                         (--all: also those of other machines' runs)
       notes-run prepull [options] NOTE.md|DIR ...   pull the images the notes apply, run nothing

Runs the bash blocks of Markdown notes against the current kube context and tells,
per note, whether every documented output still holds: fresh, stale or broken.
A directory is searched for *.md notes; any other file runs only when named.

Running:
  --cwd DIR              working directory for the commands (default: the note's folder)
  --timeout SEC          per-step time limit (default 60)
  --note-timeout SEC     whole-note time limit (default 900)
  --grace SEC            how long long-running commands (port-forward, logs -f) run (default 3)
  --pull-timeout SEC     how long read-only steps keep converging while the run's pods are
                         still starting or pulling images (default 300)
  --jobs N               run N notes in parallel (default 1)
  --bail                 stop after the first stale or broken note
  --step LINE            run only up to the step at LINE and judge just it (repeatable)
  --plan                 show how each note is read (steps, output lines, skips) and run nothing
  prepull NOTE…          pull the images the notes apply, once, and say which failed
  --kubectl PATH         the kubectl to use (default: kubectl on PATH)
  --config FILE          config file (default: notes-run.config.* found from the cwd)

Comparing:
  --offline              no cluster: compare documented outputs with the last snapshot
  --snapshots DIR        where snapshots live (default: ./snapshots)
  --converge SEC         how long read-only steps are re-run until they match (default 10)
  --strict               exit 1 for notes with nothing checked (empty, unverified) too,
                         and report portable differences (kubectl version, cluster flavour) as stale

Updating:
  --update               rewrite drifted documented outputs in the note (atomic)
  --update=all           also rewrite outputs that differ only portably (kubectl version, flavour)
  -i, --interactive      with --update: show each drifted output and ask first

Safety:
  --context NAME         run against this kube context (also allows a non-local one)
  --namespace NAME       run in this namespace, without isolation (nothing is deleted)
  --keep                 keep the run namespace after the run
  --prepull              pull the images the notes apply before running them
  --allow-unisolated     when the cluster forbids creating namespaces, run in the context's own

Reports:
  --reporter NAME        human (default), json, junit or github
  --output-file FILE     write the report to FILE (its folder is created) instead of stdout
  --verbose              human report: every step, not only stale and broken ones
  --quiet                human report: only problems (for pre-commit hooks)
  --no-color             plain output (also NO_COLOR=1)
  -h, --help             show this help
  -v, -V, --version      show the version

Examples:
  notes-run notes/ch3.md                 run one note live against a local cluster
  notes-run --offline --quiet notes/     check every note against its snapshot, no cluster

Exit status: 0 all fresh, 1 any stale or broken, 2 usage, config, context or input error.
`;

/** The options parseArgs knows; the help above and the suggestions for a mistyped one read the same names. */
const KNOWN = {
  offline: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  plan: { type: 'boolean', default: false },
  update: { type: 'boolean', default: false },
  interactive: { type: 'boolean', short: 'i', default: false },
  reporter: { type: 'string', default: 'human' },
  'output-file': { type: 'string' },
  verbose: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  cwd: { type: 'string' },
  timeout: { type: 'string' },
  'note-timeout': { type: 'string' },
  grace: { type: 'string' },
  converge: { type: 'string' },
  'pull-timeout': { type: 'string' },
  kubectl: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string' },
  keep: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  prepull: { type: 'boolean', default: false },
  'allow-unisolated': { type: 'boolean', default: false },
  jobs: { type: 'string', default: '1' },
  bail: { type: 'boolean', default: false },
  step: { type: 'string', multiple: true, default: [] },
  snapshots: { type: 'string' },
  config: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const satisfies ParseArgsConfig['options'];

export function parseOptions(argv: string[]): Options {
  // `--update=all` is `--update` with a scope; a bare `--update` keeps portable differences.
  const updateAll = argv.some((arg) => arg === '--update=all');
  const bad = argv.find((arg) => arg.startsWith('--update=') && arg !== '--update=all');
  if (bad) throw new InputError(`--update takes no value or "all", not "${bad.slice('--update='.length)}"`);
  let parsed;
  try {
    parsed = parseArgs({ args: normalizedArgs(argv).map((arg) => (arg === '--update=all' ? '--update' : arg)), allowPositionals: true, options: KNOWN });
  } catch (error) {
    throw new InputError(`${parseProblem(error as Error & { code?: string })} (see --help)`);
  }
  const v = parsed.values;
  const reporter = v.reporter as string;
  if (!isReporterName(reporter)) {
    throw new InputError(`--reporter must be ${reporterNames.slice(0, -1).join(', ')} or ${reporterNames.at(-1)}, not "${reporter}"`);
  }
  // `prepull` as the first word is the subcommand; a note of that name is still `./prepull`.
  const prepullOnly = parsed.positionals[0] === 'prepull';
  if (v.interactive && !v.update) throw new InputError('--interactive asks before each rewrite of --update: use it as --update --interactive');
  if (v.offline && v.update) throw new InputError('--update rewrites notes from a live run; it cannot go with --offline');
  if (v.all && parsed.positionals[0] !== 'clean') throw new InputError('--all goes with `notes-run clean`: it deletes the run namespaces of other machines\' runs too');
  if (v.verbose && v.quiet) throw new InputError('--verbose and --quiet ask for opposite reports: give one of them');
  return {
    paths: prepullOnly ? parsed.positionals.slice(1) : parsed.positionals,
    prepullOnly,
    prepull: v.prepull,
    reporter,
    outputFile: v['output-file'],
    cwd: v.cwd,
    stepTimeoutMs: seconds('--timeout', v.timeout),
    noteTimeoutMs: seconds('--note-timeout', v['note-timeout']),
    graceMs: seconds('--grace', v.grace),
    convergeMs: seconds('--converge', v.converge, true),
    pullTimeoutMs: seconds('--pull-timeout', v['pull-timeout'], true),
    kubectl: v.kubectl,
    context: v.context,
    namespace: v.namespace,
    keep: v.keep,
    all: v.all,
    allowUnisolated: v['allow-unisolated'],
    jobs: count('--jobs', v.jobs),
    bail: v.bail,
    steps: v.step.map((line) => count('--step', line)),
    offline: v.offline,
    strict: v.strict,
    plan: v.plan,
    update: v.update,
    updateAll,
    interactive: v.interactive,
    snapshots: v.snapshots,
    config: v.config,
    color: v['no-color'] ? false : v.color,
    view: v.verbose ? 'verbose' : v.quiet ? 'quiet' : 'compact',
    help: v.help,
    version: v.version,
  };
}

/**
 * `-v` is the version, as vitest and ESLint read it. A number that starts with `-` after
 * an option that takes a value is that value (`--grace -1`), so the check below can say
 * what is wrong with it instead of parseArgs calling it ambiguous.
 */
function normalizedArgs(argv: string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return [...args, ...argv.slice(i)];
    if (arg === '-v') args.push('--version');
    else if (takesValue(arg) && /^-\d/.test(argv[i + 1] ?? '')) args.push(`${arg}=${argv[++i]}`);
    else args.push(arg);
  }
  return args;
}

function takesValue(arg: string): boolean {
  const name = arg.startsWith('--') ? arg.slice(2) : undefined;
  return name !== undefined && name in KNOWN && KNOWN[name as keyof typeof KNOWN].type === 'string';
}

/** parseArgs's complaint in our words: the option as typed, and the nearest one we know. */
function parseProblem(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const near = nearestOption(option);
    return `unknown option ${option}${near ? `; did you mean ${near}?` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (/ambiguous/.test(error.message)) return `${option} needs a value; to give one that starts with "-", write ${option}=VALUE`;
    if (/missing/.test(error.message)) return `${option} needs a value`;
    return `${option} takes no value`;
  }
  return error.message.split('\n')[0];
}

export function nearestOption(typed: string): string | undefined {
  const name = typed.replace(/^-+/, '').split('=')[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of Object.keys(KNOWN)) {
    const distance = editDistance(name, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  // Close enough to be a slip of the finger, not another word.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? `--${best}` : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function seconds(flag: string, text: string | undefined, zeroAllowed = false): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw new InputError(`${flag} takes a number of seconds, not "${text}"`);
  }
  if (value > MAX_SECONDS) throw new InputError(`${flag} takes at most ${MAX_SECONDS} seconds (24 days), not ${text}`);
  return Math.round(value * 1000);
}

function count(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InputError(`${flag} takes a whole number from 1 up, not "${text}"`);
  return value;
}
