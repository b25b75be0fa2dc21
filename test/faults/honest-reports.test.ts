import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/secrets/mask-secrets.js';
import { asTerminalShows } from '../../src/run/terminal-view.js';
import { visible } from '../../src/report/visible-text.js';
import { workspace, type JsonReport } from '../e2e/workspace.js';
import { collect, exited, running, until } from './fault-kit.js';

// Reports that do not mislead: a note stopped halfway is not fresh, a step that never
// ran is not broken, credentials stay out of files meant for git, control characters
// cannot ring or rewrite a terminal, and a progress bar reads as the terminal showed it.

const fence = '```';

describe('interrupted runs', () => {
  it('marks an interrupted note `interrupted`, and counts it so, never fresh', async () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${fence}bash\necho a\n# a\nsleep 360\n${fence}\n`, 'n.md');
    const child = ws.start(['--reporter', 'json', 'n.md']);
    const out = collect(child);
    await until(() => running(/^sleep\u0000360\u0000/));
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.notes[0].status).toBe('interrupted');
    expect(report.summary.notes).toMatchObject({ fresh: 0, interrupted: 1 });
  });

  it('reports the steps of a batch after the shell died as not run, not broken', () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${fence}bash\necho a\n# a\nkill -9 $$\necho b\n# b\necho c\n# c\n${fence}\n`, 'n.md');
    const { report } = ws.json(['--namespace', 'default', 'n.md']);
    expect(report.notes[0].steps.map((step) => [step.line, step.status])).toEqual([
      [4, 'pass'],
      [6, 'broken'],
      [7, 'skipped'],
      [9, 'skipped'],
    ]);
    expect(report.notes[0].steps[2].reason).toBe('not run: the shell running the note died during the step at line 6');
  });
});

describe('credentials stay out of snapshots and JSON reports', () => {
  const secrets = [
    '    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=',
    '    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==',
    '    token: 9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    'Authorization: Bearer abcdefghijklmnop',
    'GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz',
    'token:      eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
  ];

  it.each(secrets)('masks %s', (line) => {
    const masked = maskSecrets(line);
    expect(masked).toContain('<masked>');
    expect(masked).not.toMatch(/LS0t|9f8e7d|abcdefghijklmnop|ghp_|eyJ/);
  });

  it('leaves ordinary output alone', () => {
    for (const line of ['TokenExpirationSeconds:  3607', 'kube-api-access-bj99n:', 'Type:  Opaque', 'secret/sleep-secret created', 'password', 'PATH=/usr/bin']) {
      expect(maskSecrets(line)).toBe(line);
    }
  });

  it('a live run writes neither the token nor the key to the snapshot or the JSON report', () => {
    const ws = workspace();
    // Made by the commands, so the note itself does not hold them.
    ws.writeNote(`# n\n\n${fence}bash\nprintf 'users:\\n- name: admin\\n  user:\\n    client-key-data: %s\\n' "$(head -c 48 /dev/zero | base64)"\nexport API_TOKEN=$(echo eulav-t3rc3s | rev)\nenv | grep API_TOKEN\n${fence}\n`, 'n.md');
    const result = ws.run(['--reporter', 'json', '--namespace', 'default', 'n.md']);
    const snapshot = readFileSync(join(ws.dir, 'snapshots', 'n.md.yaml'), 'utf8');
    for (const text of [snapshot, result.stdout]) {
      expect(text).not.toContain('AAAAAAAAAAAAAAAA');
      expect(text).not.toContain('s3cr3t-value');
      expect(text).toContain('<masked>');
    }
  });
});

describe('what a terminal shows', () => {
  it('escapes control characters in the human and GitHub reports', () => {
    expect(visible('ring\u0007 nul\u0000 csi\u009b2J tab\tok')).toBe('ring\\x07 nul\\x00 csi\\x9b2J tab\tok');
    const ws = workspace();
    // A BEL the command prints, and a BEL and a CSI in the command as the note writes it.
    ws.writeNote(`# n\n\n${fence}bash\n: 'ring\u0007 csi\u009b2J'; printf 'a\\007b\\n'\n# ab\n${fence}\n`, 'n.md');
    for (const reporter of ['human', 'github']) {
      const result = ws.run(['--reporter', reporter, '--namespace', 'default', 'n.md']);
      expect(result.stdout).toContain('a\\x07b');
      expect(result.stdout).toContain('ring\\x07 csi\\x9b2J');
      expect(result.stdout).not.toMatch(/[\u0007\u009b]/);
    }
  });

  it('compares a \\r progress bar by its last frame, as the terminal shows it, and --update writes that', () => {
    expect(asTerminalShows('10%\r50%\r100%\n')).toBe('100%\n');
    expect(asTerminalShows('downloading....\rdone\n')).toBe('doneloading....\n');
    expect(asTerminalShows('crlf\r\n')).toBe('crlf\r\n');
    const ws = workspace();
    const note = `# n\n\n${fence}bash\nprintf '[#   ] 25%%\\r[##  ] 50%%\\r[####] 100%%\\n'\n# [####] 100%\nprintf 'a\\rb\\n'\n# a\n${fence}\n`;
    ws.writeNote(note, 'n.md');
    const { report } = ws.json(['--namespace', 'default', 'n.md']);
    expect(report.notes[0].steps.map((step) => step.status)).toEqual(['pass', 'stale']);
    expect(ws.run(['--update', '--namespace', 'default', 'n.md']).status).toBe(0);
    expect(ws.note('n.md')).toBe(note.replace('# a\n', '# b\n'));
  });
});
