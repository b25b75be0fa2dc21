import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';

// Seeded fuzzing of the shapes issue 21 probed: notes and snapshots that are binary,
// not UTF-8, nested too deep, never closed, alias bombs, `$(…)` thousands deep, cut
// short. Run in-process through the CLI's own entry (--plan and --offline, no cluster):
// the exit status is 0, 1 or 2, nothing is an internal error, every note that cannot
// be read is named with its line, and memory stays bounded.

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const NOTES = 100;
const fence = '```';

/** mulberry32: a small seeded generator, so a failure can be replayed with FUZZ_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Shape = (pick: () => number) => Buffer;
const text = (value: string) => Buffer.from(value);
const step = (i: number) => `echo s${i}\n# s${i}`;
const fine = (pick: () => number) => `# n\n\n${fence}bash\n${Array.from({ length: 1 + Math.floor(pick() * 4) }, (_, i) => step(i)).join('\n')}\n${fence}\n`;
const SHAPES: Record<string, Shape> = {
  fine: (pick) => text(fine(pick)),
  nul: (pick) => Buffer.concat([text(fine(pick)), Buffer.from([0]), text('\n')]),
  latin1: (pick) => Buffer.concat([text(fine(pick)), Buffer.from([0xe9, 0x0a])]),
  deep: (pick) => text(`# d\n\n${'>'.repeat(300 + Math.floor(pick() * 5000))} x\n`),
  unclosed: (pick) => text(fine(pick).replace(/```\n$/, '')),
  aliasBomb: () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    return text(`# b\n\n${fence}yaml\n${lines.join('\n')}\n${fence}\n`);
  },
  nestedSubshells: (pick) => {
    const depth = 1000 + Math.floor(pick() * 3000);
    return text(`# s\n\n${fence}bash\necho ${'$('.repeat(depth)}x${')'.repeat(depth)}\n# x\n${fence}\n`);
  },
  longLine: (pick) => text(`# l\n\n${fence}bash\necho x\n# ${'ab '.repeat(10_000 + Math.floor(pick() * 50_000))}\n${fence}\n`),
  bigYaml: (pick) => text(`# y\n\n${fence}yaml\ndata:\n${Array.from({ length: 500 + Math.floor(pick() * 3000) }, (_, i) => `  k${i}: v`).join('\n')}\n${fence}\n`),
  mangled: (pick) => {
    const bytes = text(fine(pick));
    for (let k = 0; k < 4; k++) bytes[Math.floor(pick() * bytes.length)] = Math.floor(pick() * 256);
    return bytes;
  },
};

/** A snapshot of the note's steps, whole, cut at a step boundary, cut anywhere, or not YAML. */
function snapshotFor(note: Buffer, pick: () => number): string | undefined {
  const commands = [...note.toString('utf8').matchAll(/^echo (s\d+)$/gm)].map((m) => m[1]);
  const steps = commands.map((name, i) => `  - line: ${4 + 2 * i}\n    command: echo ${name}\n    exitCode: 0\n    durationMs: 3\n    output: |\n      ${pick() < 0.8 ? name : 'drifted'}\n`);
  const whole = `note: n.md\ndate: 2026-12-05T00:00:00.000Z\ncontext: default\nnamespace: notes-run-n-1\nkubectl: {}\nstepCount: ${steps.length}\nsteps:\n${steps.join('')}`;
  const roll = pick();
  if (roll < 0.2) return undefined;
  if (roll < 0.6) return whole;
  if (roll < 0.75) return whole.slice(0, whole.lastIndexOf('  - line:'));
  if (roll < 0.9) return whole.slice(0, Math.floor(pick() * whole.length));
  return 'steps: [';
}

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = new Writable({ write: (chunk, _, done) => ((out += chunk), done()) }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const io: Io = { stdin: process.stdin, stdout: stdout.stream, stderr: stderr.stream, env: { ...process.env, NO_COLOR: '1' } };
  const here = process.cwd();
  process.chdir(cwd);
  try {
    return { code: await main(args, io), stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    process.chdir(here);
  }
}

describe('fuzzed notes and snapshots', () => {
  it(`${NOTES} notes (seed ${SEED}): exit 0, 1 or 2, no internal error, every unreadable note named at its line, memory bounded`, async () => {
    const pick = random(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-fuzz-'));
    mkdirSync(join(dir, 'snapshots'));
    writeFileSync(join(dir, 'package.json'), '{}\n');
    const names = Object.keys(SHAPES);
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = 0;
    for (let i = 0; i < NOTES; i++) {
      const shape = names[Math.floor(pick() * names.length)];
      const file = `n${i}-${shape}.md`;
      const note = SHAPES[shape](pick);
      writeFileSync(join(dir, file), note);
      const snapshot = snapshotFor(note, pick);
      if (snapshot !== undefined) writeFileSync(join(dir, 'snapshots', `${file}.yaml`), snapshot);
      for (const mode of ['--plan', '--offline']) {
        const { code, stdout, stderr } = await cli([mode, file], dir);
        const what = `${mode} ${file} (seed ${SEED}): exit ${code}\n${stderr}`;
        expect([0, 1, 2], what).toContain(code);
        expect(stderr, what).not.toContain('internal error');
        if (code === 2) expect(`${stderr}${stdout}`, what).toMatch(new RegExp(`${file.replace('.', '\\.')}(\\.yaml)?:\\d+`));
        peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
      }
    }
    // Generous: the shapes above once took gigabytes.
    expect(peak).toBeLessThan(512 * 2 ** 20);
  }, 120_000);
});
