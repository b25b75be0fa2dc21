// One kubectl call: parse argv, run the command, and turn a kubectl error into its
// message and exit code. The thin client runs it in a worker of the double's server
// (server.mjs), or in its own process when there is no state directory to hold a server.
export async function kubectl(argv, io) {
  try {
    const { parseArgs } = await import('./args.mjs');
    const { run } = await import('./main.mjs');
    const code = await run(parseArgs(argv), io);
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    if (e && e.isKube) {
      io.err(e.message.endsWith('\n') ? e.message : e.message + '\n');
      return e.code;
    }
    io.err(`error: kubectl test double internal error: ${e?.message ?? e}\n`);
    if (process.env.KUBE_DOUBLE_DEBUG) io.err(String(e?.stack) + '\n');
    return 1;
  }
}

/** Every module a command may need, loaded ahead so a warm worker answers at once. */
export async function preload() {
  const { readdirSync } = await import('node:fs');
  const dir = new URL('.', import.meta.url);
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.mjs') && !['server.mjs', 'worker.mjs', 'alone.mjs'].includes(f)) await import(new URL(f, dir).href);
  }
  await (await import('./kubeconfig.mjs')).yaml();
}
