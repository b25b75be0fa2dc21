import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../e2e/workspace.js';

// CI runs the cluster tier wherever it can and says why it cannot elsewhere
// (.ci/cluster-tier-blocker.sh). Here `go` and `ip` are stand-ins on an otherwise empty
// PATH: no namespace is ever made.

const script = join(root, '.ci', 'cluster-tier-blocker.sh');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function machine(programs: Record<string, string>): string {
  const bin = mkdtempSync(join(tmpdir(), 'notes-run-ci-'));
  made.push(bin);
  for (const [name, body] of Object.entries(programs)) {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

function blocker(bin: string, env: Record<string, string> = {}): string {
  const r = spawnSync('/bin/bash', [script], { encoding: 'utf8', env: { PATH: bin, ...env } });
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

const go = 'echo go1.26';
const ipLogging = (bin: string) => `echo "$*" >> ${bin}/ip.log`;

describe('whether CI runs the cluster tier', () => {
  it('runs it with Go, ip and a network namespace it may make, which it deletes again', () => {
    const bin = machine({ go });
    writeFileSync(join(bin, 'ip'), `#!/bin/bash\n${ipLogging(bin)}\n`);
    chmodSync(join(bin, 'ip'), 0o755);
    expect(blocker(bin)).toBe('');
    const [add, del] = readFileSync(join(bin, 'ip.log'), 'utf8').trim().split('\n');
    expect(add).toMatch(/^netns add notes-run-probe-\d+$/);
    expect(del).toBe(add.replace('add', 'del'));
  });

  it('skips it when asked, whatever the machine has', () => {
    expect(blocker(machine({ go, ip: 'exit 0' }), { NOTES_RUN_CLUSTER_TIER: '0' })).toBe('NOTES_RUN_CLUSTER_TIER=0');
  });

  it('says which of Go, ip or a network namespace is missing', () => {
    expect(blocker(machine({ ip: 'exit 0' }))).toBe('Go is not installed');
    expect(blocker(machine({ go }))).toBe('the ip command (iproute2) is not installed');
    const refused = machine({ go, ip: 'echo "mount --make-shared /run/netns failed: Operation not permitted" >&2; exit 1' });
    expect(blocker(refused)).toBe('this machine does not let CI create a network namespace (ip netns add)');
  });
});
