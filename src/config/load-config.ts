import { readFileSync } from 'node:fs';
import { lilconfig, type Loader } from 'lilconfig';
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import { MAX_SECONDS, TIME_LIMIT_NAMES, TIME_LIMITS, type TimeLimitName } from '../time-limits.js';
import type { Tolerance } from '../compare/tolerances/tolerance.js';
import { userPattern } from './user-pattern.js';

/** `notes-run.config.{json,yaml,yml}` or a "notes-run" key in package.json: data, never code. */
export interface Config {
  file?: string;
  /** Contexts allowed besides the local-looking ones; `*` matches anything. */
  contexts: string[];
  /** The time limits the file sets, in seconds. */
  timeLimitSeconds: Partial<Record<TimeLimitName, number>>;
  skip: SkipRule[];
  tolerances: Tolerance[];
  /** Per-note settings, keyed by the note's path (relative to the config file's folder). */
  notes: Record<string, { cwd?: string; namespace?: string }>;
}

export interface SkipRule {
  pattern: RegExp;
  reason: string;
}

const EMPTY: Config = { contexts: [], timeLimitSeconds: {}, skip: [], tolerances: [], notes: {} };

// The pre-commit hook checks other people's checkouts, so a config file is only ever
// parsed: a file written in a programming language is named and refused, never loaded.
const DATA_PLACES = ['notes-run.config.json', 'notes-run.config.yaml', 'notes-run.config.yml', 'package.json'];
const CODE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

const parsing =
  (parse: (content: string) => unknown): Loader =>
  (path, content) => {
    try {
      return parse(content);
    } catch (error) {
      throw new InputError(`${path}: ${(error as Error).message.split('\n')[0]}`);
    }
  };

const refuseCode: Loader = (path) => {
  throw new InputError(
    `${path}: a config file is data (JSON, YAML or a "notes-run" key in package.json) and notes-run never runs code from a checkout; write it as notes-run.config.yaml or .json`,
  );
};

const searcher = () =>
  lilconfig('notes-run', {
    // Code files are looked for first, so one sitting beside a data file is said rather than silently passed over.
    searchPlaces: [...CODE_EXTENSIONS.map((extension) => `notes-run.config${extension}`), ...DATA_PLACES],
    loaders: {
      '.json': parsing((content) => JSON.parse(content.replace(/^\uFEFF/, ''))),
      noExt: parsing((content) => JSON.parse(content.replace(/^\uFEFF/, ''))),
      '.yaml': parsing(parse),
      '.yml': parsing(parse),
      ...Object.fromEntries(CODE_EXTENSIONS.map((extension) => [extension, refuseCode])),
    },
  });

export async function loadConfig(explicit: string | undefined, from: string): Promise<Config> {
  let found;
  try {
    if (explicit) readFileSync(explicit);
    found = explicit ? await searcher().load(explicit) : await searcher().search(from);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${explicit ?? 'config'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!found || found.isEmpty) return { ...EMPTY, ...(found ? { file: found.filepath } : {}) };
  return validate(found.config, found.filepath);
}

function validate(raw: unknown, file: string): Config {
  const fail = (what: string): never => {
    throw new InputError(`${file}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('must hold a mapping of settings');
  const input = raw as Record<string, unknown>;
  const known = new Set(['contexts', ...TIME_LIMIT_NAMES.map((name) => TIME_LIMITS[name].configKey), 'skip', 'tolerances', 'notes']);
  for (const key of Object.keys(input)) if (!known.has(key)) fail(`unknown setting "${key}" (known: ${[...known].join(', ')})`);
  const seconds = (key: string): number | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !(value >= 0)) fail(`"${key}" must be a number of seconds`);
    if ((value as number) > MAX_SECONDS) fail(`"${key}" takes at most ${MAX_SECONDS} seconds (24 days)`);
    return value as number;
  };
  const regex = (text: unknown, where: string): RegExp => {
    if (typeof text !== 'string') return fail(`${where} must be a string (a regular expression)`);
    try {
      return userPattern(text, '', `${file}: ${where}`);
    } catch (error) {
      return fail(`${where} is not a valid regular expression: ${(error as Error).message}`);
    }
  };
  const list = (key: string): unknown[] => {
    const value = input[key] ?? [];
    if (!Array.isArray(value)) fail(`"${key}" must be a list`);
    return value as unknown[];
  };
  const contexts = list('contexts').map((entry, i) => (typeof entry === 'string' ? entry : fail(`contexts[${i}] must be a context name`)));
  const skip = list('skip').map((entry, i): SkipRule => {
    if (typeof entry === 'string') return { pattern: regex(entry, `skip[${i}]`), reason: `skipped by config pattern ${entry}` };
    const rule = entry as { pattern?: unknown; reason?: unknown };
    return { pattern: regex(rule?.pattern, `skip[${i}].pattern`), reason: typeof rule.reason === 'string' ? rule.reason : `skipped by config pattern ${String(rule.pattern)}` };
  });
  const tolerances = list('tolerances').map((entry, i): Tolerance => {
    const rule = (entry ?? {}) as Record<string, unknown>;
    const pattern = regex(rule.pattern, `tolerances[${i}].pattern`);
    if (typeof rule.replacement !== 'string') fail(`tolerances[${i}].replacement must be a string`);
    return {
      name: typeof rule.name === 'string' ? rule.name : `config-${i}`,
      reason: typeof rule.reason === 'string' ? rule.reason : 'a user rule from the config file',
      example: typeof rule.example === 'string' ? rule.example : '',
      pattern: userPattern(pattern.source, 'g', `${file}: tolerances[${i}].pattern`),
      replacement: rule.replacement as string,
    };
  });
  const notes = (input.notes ?? {}) as Config['notes'];
  if (typeof notes !== 'object' || Array.isArray(notes)) fail('"notes" must map note paths to settings');
  return {
    file,
    contexts,
    timeLimitSeconds: Object.fromEntries(TIME_LIMIT_NAMES.map((name) => [name, seconds(TIME_LIMITS[name].configKey)]).filter(([, value]) => value !== undefined)),
    skip,
    tolerances,
    notes,
  };
}
