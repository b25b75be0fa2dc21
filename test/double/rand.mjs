// Random values a real cluster would generate: names, hashes, IPs, ports, ids.
import { randomInt, randomUUID, randomBytes } from 'node:crypto';
import { clusterDns, flavour, kubernetesServiceIP } from './flavours.mjs';

export const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** utilrand.String(n): the suffix of generated names (`sleep-2-594d57479-wmkmd`). */
export function suffix(n = 5) {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/**
 * pod-template-hash: apps/v1 encodes the decimal FNV-32 of the template with
 * rand.SafeEncodeString, so it is 9-10 chars drawn from `bcdf456789`.
 */
export function templateHash() {
  const n = String(randomInt(100_000_000, 4_294_967_296));
  let s = '';
  for (const ch of n) s += ALPHABET[ch.charCodeAt(0) % ALPHABET.length];
  return s;
}

function unique(gen, used) {
  for (let i = 0; i < 10_000; i++) {
    const v = gen();
    if (!used.has(v)) return v;
  }
  throw new Error('address space exhausted');
}

/** The flavour's pod CIDR (k3s 10.42.0.0/16, kind 10.244.0.0/16, Docker Desktop 10.1.0.0/16). */
export const podIP = (used) => unique(() => `${flavour().pods}.${randomInt(256)}.${randomInt(2, 255)}`, used);

/** The flavour's service CIDR (k3s 10.43.0.0/16, else 10.96.0.0/12; .0.1 = kubernetes, .0.10 = kube-dns). */
export const serviceIP = (used) =>
  unique(() => `${flavour().services}.${randomInt(256)}.${randomInt(1, 255)}`, new Set([...used, kubernetesServiceIP(), clusterDns()]));

export const nodePort = (used) => unique(() => randomInt(30000, 32768), used);

export const uid = () => randomUUID();
export const hex = (bytes) => randomBytes(bytes).toString('hex');
export const int = (min, max) => randomInt(min, max);

/** Random AGE offset chosen at creation: 0-4 s. */
export const ageOffset = () => randomInt(0, 4000);

export function shuffle(arr) {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
