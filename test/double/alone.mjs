// The double in the client's own process: for calls with no state directory (config,
// version --client) and when KUBE_DOUBLE_ALONE=1 asks for it.
import { kubectl } from './command.mjs';

const io = {
  out: (s) => s && process.stdout.write(s),
  err: (s) => s && process.stderr.write(s),
};
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => process.exit(process.exitCode ?? 0));
process.exitCode = await kubectl(process.argv.slice(2), io);
