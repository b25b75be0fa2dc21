import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspace } from './workspace.js';

describe('the config file', () => {
  it('skips steps matching a pattern, reported as skipped with the reason', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), "skip:\n  - pattern: '^docker '\n    reason: the cluster is not Docker-based\n");
    ws.writeNote('# d\n\n```bash\ndocker ps\n# CONTAINER ID   IMAGE\necho ok\n# ok\n```\n', 'd.md');
    const { exitCode, report } = ws.json(['d.md']);
    expect(exitCode).toBe(0);
    expect(report.notes[0].steps.map((step) => [step.line, step.status, step.reason])).toEqual([
      [4, 'skipped', 'the cluster is not Docker-based'],
      [6, 'pass', undefined],
    ]);
  });

  it('adds user tolerance rules to the built-in ones', () => {
    const ws = workspace();
    // `build-24567` would also read as a generated name's suffix: the user's rule comes first.
    ws.writeNote('# b\n\n```bash\necho "build-$RANDOM$RANDOM done"\n# build-1234 done\necho build-24567 done\n# build-1234 done\n```\n', 'b.md');
    expect(ws.json(['b.md']).report.notes[0].status).toBe('stale');
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), "tolerances:\n  - name: build-id\n    pattern: 'build-[0-9]+'\n    replacement: '<<build>>'\n");
    expect(ws.json(['b.md']).report.notes[0].status).toBe('fresh');
  });

  it('sets time limits, and the command line wins over it', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), 'timeout: 0.5\n');
    // A command that does not say how long it takes (`sleep 2` would get its 2 s).
    ws.writeNote("# t\n\n```bash\nnode -e 'setTimeout(() => {}, 2000)'\n```\n", 't.md');
    expect(ws.json(['t.md']).report.notes[0].steps[0]).toMatchObject({ status: 'broken', reason: 'timed out after 0.5 s' });
    expect(ws.json(['--timeout', '5', 't.md']).report.notes[0].steps[0]).toMatchObject({ status: 'unchecked' });
  });

  it('sets a working directory per note', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), 'notes:\n  w.md: { cwd: sleep }\n');
    ws.writeNote('# w\n\n```bash\nls sleep1.yaml\n# sleep1.yaml\n```\n', 'w.md');
    expect(ws.json(['w.md']).report.notes[0].status).toBe('fresh');
  });

  it('rejects an unknown setting or a bad pattern with the file name, exit 2', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), 'timeuot: 5\n');
    let result = ws.run(['ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/notes-run\.config\.yaml: unknown setting "timeuot"/);
    writeFileSync(join(ws.dir, 'notes-run.config.yaml'), "skip: ['(unclosed']\n");
    result = ws.run(['ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/skip\[0\] is not a valid regular expression/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
