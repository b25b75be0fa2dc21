import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseOptions, USAGE } from '../../src/cli/options.js';

const problem = (argv: string[]): string => {
  try {
    parseOptions(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('options a user mistypes', () => {
  it('suggests the nearest option, quoting nothing unbalanced', () => {
    expect(problem(['--ofline', 'ch3.md'])).toBe('unknown option --ofline; did you mean --offline? (see --help)');
    expect(problem(['--upate'])).toContain('did you mean --update?');
    expect(problem(['--reportr', 'json'])).toContain('did you mean --reporter?');
    expect(problem(['--frobnicate'])).toBe('unknown option --frobnicate (see --help)');
  });

  it('says what is wrong with a negative number instead of calling it ambiguous', () => {
    expect(problem(['--grace', '-1', 'ch3.md'])).toBe('--grace takes a number of seconds, not "-1"');
    expect(problem(['--step', '-3', 'ch3.md'])).toBe('--step takes a whole number from 1 up, not "-3"');
    expect(problem(['--context', '-x'])).toContain('--context needs a value; to give one that starts with "-", write --context=VALUE');
    expect(problem(['--grace'])).toBe('--grace needs a value (see --help)');
  });

  it('refuses -i without --update', () => {
    expect(problem(['-i', 'ch3.md'])).toContain('--interactive asks before each rewrite of --update');
    expect(parseOptions(['--update', '-i', 'ch3.md']).interactive).toBe(true);
  });

  it('reads -v as the version, as vitest and ESLint do, and -V still', () => {
    expect(parseOptions(['-v']).version).toBe(true);
    expect(parseOptions(['-V']).version).toBe(true);
  });

  it('reads --verbose and --quiet as how much the human report says', () => {
    expect(parseOptions(['x.md']).view).toBe('compact');
    expect(parseOptions(['--verbose', 'x.md']).view).toBe('verbose');
    expect(parseOptions(['--quiet', 'x.md']).view).toBe('quiet');
    expect(problem(['--verbose', '--quiet'])).toContain('opposite');
  });
});

describe('--help', () => {
  it('groups the options into running, comparing, updating, safety and reports, with two examples', () => {
    const sections = ['Running:', 'Comparing:', 'Updating:', 'Safety:', 'Reports:', 'Examples:'];
    const at = sections.map((section) => USAGE.indexOf(`\n${section}\n`));
    expect(at.every((index) => index > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const examples = USAGE.slice(USAGE.indexOf('Examples:')).split('\n').filter((line) => line.startsWith('  notes-run '));
    expect(examples).toHaveLength(2);
  });

  it('lists every option parseArgs accepts', () => {
    for (const flag of ['--offline', '--update', '--interactive', '--reporter', '--output-file', '--verbose', '--quiet', '--grace', '--step', '--snapshots', '--context', '--keep']) {
      expect(USAGE).toContain(flag);
    }
  });
});
