import { execa } from 'execa';

export interface Kubectl {
  /** The binary: `kubectl` from PATH, or `--kubectl PATH`. */
  binary: string;
  env: Record<string, string | undefined>;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs kubectl for notes-run itself (context, namespaces), never for a note's steps. */
export async function kubectl(client: Kubectl, args: string[], timeoutMs = 20_000, input?: string): Promise<KubectlResult> {
  const result = await execa(client.binary, args, {
    env: client.env,
    extendEnv: false,
    reject: false,
    timeout: timeoutMs,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    // In a process group of its own: a Ctrl-C in the terminal reaches notes-run, which
    // then decides, rather than killing a `create namespace` halfway or the cleanup's `delete`.
    detached: true,
  });
  if (result.failed && result.exitCode === undefined) {
    const why = result.timedOut ? `timed out after ${timeoutMs / 1000} s` : (result.originalMessage ?? 'could not start');
    return { stdout: '', stderr: `${client.binary}: ${why}`, exitCode: 127 };
  }
  return { stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), exitCode: result.exitCode ?? 1 };
}
