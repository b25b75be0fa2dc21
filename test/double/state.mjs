// The cluster's state: one JSON file in $KUBE_DOUBLE_STATE, replaced atomically
// (temp file + rename) while holding a lock directory, so concurrent kubectl calls
// (a background port-forward next to a foreground get) never see half a file.
import { readFileSync, writeFileSync, renameSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './errors.mjs';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
export const sleepSync = (ms) => Atomics.wait(sleeper, 0, 0, ms);

export function stateDir() {
  const dir = process.env.KUBE_DOUBLE_STATE;
  if (!dir) fail('error: KUBE_DOUBLE_STATE is not set: the kubectl test double keeps its cluster state in that directory');
  mkdirSync(dir, { recursive: true });
  return dir;
}

const file = (dir) => join(dir, 'state.json');

function readRaw(dir) {
  try {
    return JSON.parse(readFileSync(file(dir), 'utf8'));
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    // a torn read cannot happen with rename, but be forgiving
    return null;
  }
}

function lock(dir) {
  const lockDir = join(dir, 'state.lock');
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      return () => {
        try {
          rmdirSync(lockDir);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        // a holder that died leaves the lock behind: break it after 3 s
        if (Date.now() - statSync(lockDir).mtimeMs > 3000) rmdirSync(lockDir);
      } catch {
        /* raced with the holder */
      }
      if (Date.now() > deadline) fail('error: the kubectl test double could not lock its state directory');
      sleepSync(3);
    }
  }
}

function write(dir, state) {
  const tmp = join(dir, `state.json.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file(dir));
}

/** Read the state (creating it with `init` the first time). No lock: writes are atomic. */
export function readState(init) {
  const dir = stateDir();
  const s = readRaw(dir);
  if (s) return s;
  return transact(init, (st) => st);
}

/** Lock, read (or init), let `fn` mutate, write back, unlock. Returns fn's result. */
export function transact(init, fn) {
  const dir = stateDir();
  const unlock = lock(dir);
  try {
    let s = readRaw(dir);
    let dirty = false;
    if (!s) {
      s = init();
      dirty = true;
    }
    const result = fn(s);
    if (result !== NO_CHANGE || dirty) write(dir, s);
    return result === NO_CHANGE ? undefined : result;
  } finally {
    unlock();
  }
}

export const NO_CHANGE = Symbol('no-change');
