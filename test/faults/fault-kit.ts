import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { root, type Workspace } from '../e2e/workspace.js';

// Faults injected around the kubectl test double, and what a test looks at afterwards.

/** A PATH whose kubectl runs `intercept` (bash) before handing over to the test double. */
export function kubectlInFront(ws: Workspace, intercept: string): string {
  const bin = join(ws.dir, '.wrapper-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'kubectl'), `#!/usr/bin/env bash\n${intercept}\nexec ${join(root, 'test', 'double', 'kubectl')} "$@"\n`);
  chmodSync(join(bin, 'kubectl'), 0o755);
  return `${bin}:${ws.env.PATH}`;
}

export const doubleKubectl = join(root, 'test', 'double', 'kubectl');

export const runNamespaces = (ws: Workspace): string[] =>
  ws.kubectl(['get', 'namespaces', '-o', 'name']).stdout.split('\n').filter((name) => name.includes('notes-run-'));

/** Whether a process whose command line matches runs. */
export function running(command: RegExp): boolean {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .some((pid) => {
      try {
        return command.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        return false;
      }
    });
}

/** Waits until `ready` holds (polling), or fails after `ms`. */
export async function until(ready: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));
}

export function collect(child: ChildProcess): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => (out.stdout += chunk));
  child.stderr?.on('data', (chunk) => (out.stderr += chunk));
  return out;
}

/** Temporary kubeconfig copies of a notes-run process: they hold the cluster's credentials. */
export function kubeconfigCopies(pid: number): string[] {
  return readdirSync('/tmp').filter((name) => name.startsWith(`notes-run-kube-${pid}-`));
}

const fence = '```';
/** A note that creates a deployment and then hangs on `sleep N`. */
export const hangingNote = (seconds: number) => `# hang\n\n${fence}bash\nkubectl apply -f sleep/sleep1.yaml\nsleep ${seconds} & sleep ${seconds + 1}\n${fence}\n`;
