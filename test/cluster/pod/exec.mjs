// One program run "in a container" of the test cluster: kwok execs it (through the
// wrappers in pod-bin/, the only folder on kwok's PATH) with the pod named in the
// environment by the pod's Exec object. It runs the double's simulated container on
// the real objects: ping, nslookup, curl, wget answer from the API, never the network.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Container, ExitSignal } from '../../double/container.mjs';
import { get } from '../../double/kinds.mjs';
import { readClusterState } from './state.mjs';

const argv = process.argv.slice(2);
const { NOTES_RUN_POD: podName, NOTES_RUN_NAMESPACE: ns } = process.env;

async function* stdinLines() {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
  }
}

async function main() {
  if (!podName || !ns) {
    process.stderr.write(`${argv[0]}: this exec has no pod (no Exec object names it yet)\n`);
    return 126;
  }
  const s = readClusterState();
  const pod = get(s, 'Pod', ns, podName);
  if (!pod) {
    process.stderr.write(`${argv[0]}: pod ${ns}/${podName} is gone\n`);
    return 126;
  }
  // kwok does not say which container; notes name none, so it is the first.
  const box = new Container(s, pod, pod.spec.containers[0], Date.now());
  const io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), stdin: '' };
  const isShell = /(^|\/)(ba|a)?sh$/.test(argv[0]) && argv.length === 1;
  if (isShell) io.lines = stdinLines();
  else if (!process.stdin.isTTY) {
    try {
      io.stdin = readFileSync(0, 'utf8');
    } catch {
      io.stdin = '';
    }
  }
  try {
    return (await box.runProgram(argv, io)) ?? 0;
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    throw e;
  } finally {
    if (io.lines) process.stdin.destroy();
  }
}

const code = await main();
// Let stdout drain before the exit status reaches kwok.
process.stdout.write('', () => process.exit(code));
