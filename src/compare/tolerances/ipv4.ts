import type { Tolerance } from './tolerance.js';

// A written placeholder octet (`xx`, `*`, `?`) stands for any value, like a real one.
const octet = '(?:25[0-5]|2[0-4]\\d|1?\\d?\\d|[xX]{1,3}|\\*|\\?{1,3})';

export const ipv4: Tolerance = {
  name: 'ipv4',
  reason: 'Pods and services get addresses from a pool; every new pod or cluster draws others.',
  example: '64 bytes from 10.42.0.62: seq=0 ttl=64 time=0.362 ms',
  // Neighbouring dots or word characters mean a version string (`v1.32.0.1`) or a longer dotted name.
  pattern: new RegExp(`(?<![\\w.])(?:${octet}\\.){3}${octet}(?!\\w|\\.\\w)`, 'g'),
  replacement: '<<ip>>',
};
