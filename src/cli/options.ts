import { parseArgs } from 'node:util';
import { InputError } from './input-error.js';

export type ReporterName = 'human' | 'json' | 'junit' | 'github';

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
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: notes-run [options] NOTE.md|DIR ...
       notes-run clean [--context NAME]   delete run namespaces crashed runs left behind
       notes-run prepull [options] NOTE.md|DIR ...   pull the images the notes apply, run nothing

Runs the bash blocks of Markdown notes against the current kube context and tells,
per note, whether every documented output still holds: fresh, stale or broken.

Options:
  --offline              no cluster: compare documented outputs with the last snapshot
  --plan                 show how each note is read (steps, output lines, skips) and run nothing
  --strict               exit 1 for notes with nothing checked (empty, unverified) too,
                         and report portable differences (kubectl version, cluster flavour) as stale
  --update               rewrite drifted documented outputs in the note (atomic)
  --update=all           also rewrite outputs that differ only portably (kubectl version, flavour)
  -i, --interactive      with --update: show each drifted output and ask first
  --reporter NAME        human (default), json, junit or github
  --output-file FILE     write the report to FILE instead of stdout
  --cwd DIR              working directory for the commands (default: the note's folder)
  --timeout SEC          per-step time limit (default 60)
  --note-timeout SEC     whole-note time limit (default 900)
  --grace SEC            how long long-running commands (port-forward, logs -f) run (default 3)
  --converge SEC         how long read-only steps are re-run until they match (default 10)
  --pull-timeout SEC     how long they keep converging while the run's pods are still
                         starting or pulling images (default 300)
  --kubectl PATH         the kubectl to use (default: kubectl on PATH)
  --context NAME         run against this kube context (also allows a non-local one)
  --namespace NAME       run in this namespace, without isolation (nothing is deleted)
  --keep                 keep the run namespace after the run
  --prepull              pull the images the notes apply before running them
  --allow-unisolated     when the cluster forbids creating namespaces, run in the context's own
  --jobs N               run N notes in parallel (default 1)
  --bail                 stop after the first stale or broken note
  --step LINE            run only up to the step at LINE and judge just it (repeatable)
  --snapshots DIR        where snapshots live (default: ./snapshots)
  --config FILE          config file (default: notes-run.config.* found from the cwd)
  --no-color             plain output (also NO_COLOR=1)
  -h, --help             show this help
  -V, --version          show the version

Exit status: 0 all fresh, 1 any stale or broken, 2 usage, config, context or input error.
`;

export function parseOptions(argv: string[]): Options {
  // `--update=all` is `--update` with a scope; a bare `--update` keeps portable differences.
  const updateAll = argv.some((arg) => arg === '--update=all');
  const bad = argv.find((arg) => arg.startsWith('--update=') && arg !== '--update=all');
  if (bad) throw new InputError(`--update takes no value or "all", not "${bad.slice('--update='.length)}"`);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.map((arg) => (arg === '--update=all' ? '--update' : arg)),
      allowPositionals: true,
      options: {
        offline: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        plan: { type: 'boolean', default: false },
        update: { type: 'boolean', default: false },
        interactive: { type: 'boolean', short: 'i', default: false },
        reporter: { type: 'string', default: 'human' },
        'output-file': { type: 'string' },
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
      },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const v = parsed.values;
  const reporter = v.reporter as ReporterName;
  if (!['human', 'json', 'junit', 'github'].includes(reporter)) {
    throw new InputError(`--reporter must be human, json, junit or github, not "${v.reporter}"`);
  }
  // `prepull` as the first word is the subcommand; a note of that name is still `./prepull`.
  const prepullOnly = parsed.positionals[0] === 'prepull';
  return {
    paths: prepullOnly ? parsed.positionals.slice(1) : parsed.positionals,
    prepullOnly,
    prepull: v.prepull!,
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
    keep: v.keep!,
    allowUnisolated: v['allow-unisolated']!,
    jobs: count('--jobs', v.jobs!),
    bail: v.bail!,
    steps: v.step!.map((line) => count('--step', line)),
    offline: v.offline!,
    strict: v.strict!,
    plan: v.plan!,
    update: v.update!,
    updateAll,
    interactive: v.interactive!,
    snapshots: v.snapshots,
    config: v.config,
    color: v['no-color'] ? false : v.color,
    help: v.help!,
    version: v.version!,
  };
}

/** Node's timers hold at most 2^31 - 1 ms (24.8 days); a longer one fires at once. */
export const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

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
