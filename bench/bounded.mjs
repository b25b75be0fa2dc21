#!/usr/bin/env node
// Shapes of input that once made notes-run work for minutes or gigabytes (issue 21,
// item 8), timed one by one: a long line that differs everywhere, many lines that
// differ, a yaml block of tens of thousands of keys, a note at and over the size cap read and planned. Each
// must stay linear or bounded; this prints the time and the memory each takes so a
// regression shows as a number, not as a test that times out on a busy machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')]);
const { compareOutput } = await import(join(root, 'dist', 'compare', 'compare-output.js'));
const { builtinTolerances } = await import(join(root, 'dist', 'compare', 'tolerances', 'registry.js'));
const { checkYamlStep } = await import(join(root, 'dist', 'yaml', 'check-yaml-step.js'));

const work = mkdtempSync(join(tmpdir(), 'notes-run-bench-bounded-'));
const words = (chars, tag) => Array.from({ length: Math.ceil(chars / 6) }, (_, i) => `w${i % 97}${tag}`).join(' ');
const lines = (count, tag) => Array.from({ length: count }, (_, i) => `line ${i} ${tag}${i % 3 ? 'x' : 'y'}`).join('\n');
const yamlBlock = (keys, tag) => `kind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: keys }, (_, i) => `  k${i}: v${i}${tag}`).join('\n')}`;
const context = { headings: [], text: '' };

function measure(name, run) {
  const started = performance.now();
  const result = run();
  console.log(`${name.padEnd(44)} ${String(Math.round(performance.now() - started)).padStart(7)} ms  ${result}`);
}

const compare = (documented, actual) => {
  const comparison = compareOutput(documented, `${actual}\n`, { ordering: 'ordered' }, { tolerances: builtinTolerances });
  return comparison.matches ? 'matches' : 'differs';
};
for (const chars of [100_000, 1_000_000]) measure(`a ${chars / 1000} k-char line that differs`, () => compare(words(chars, 'a'), words(chars, 'b')));
for (const count of [10_000, 100_000]) measure(`${count / 1000} k lines that differ`, () => compare(lines(count, 'a'), lines(count, 'b')));
for (const keys of [20_000, 100_000]) {
  const step = { kind: 'yaml', line: 1, source: yamlBlock(keys, 'a'), context, linksAbove: [] };
  measure(`a yaml block of ${keys / 1000} k keys`, () => checkYamlStep(step, [step], work).status);
}

// Notes read and planned by the CLI, the largest it accepts and one over the cap; peak memory as the OS saw it.
const block = Array.from({ length: 40 }, (_, i) => `echo ${i}\n# ${i}`).join('\n');
for (const [name, bytes] of [['a 1 MB note (the cap)', 2 ** 20 - 4096], ['a 5 MB note', 5 * 2 ** 20]]) {
  const note = join(work, `${bytes}.md`);
  let text = '# big\n\n';
  while (text.length < bytes) text += `## part\n\n\`\`\`bash\n${block}\n\`\`\`\n\n`;
  writeFileSync(note, text);
  const started = performance.now();
  const plan = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'dist', 'cli.js'), '--plan', '--reporter', 'json', '--output-file', join(work, 'plan.json'), note], { encoding: 'utf8' });
  const peak = Number(plan.stderr.trim().split('\n').pop());
  console.log(`${`--plan of ${name}`.padEnd(44)} ${String(Math.round(performance.now() - started)).padStart(7)} ms  exit ${plan.status}, peak ${Math.round(peak / 1024)} MB`);
}
