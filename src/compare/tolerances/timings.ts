import type { Tolerance } from './tolerance.js';

const reason = 'Round trips and pull times are measured, never the same twice.';
const number = '\\d+(?:\\.\\d+)?';

export const pingTime: Tolerance = {
  name: 'ping-time',
  reason,
  example: '64 bytes from 10.42.0.62: seq=0 ttl=64 time=0.362 ms',
  // seq= and ttl= stay compared: a missing reply or an extra hop is real drift.
  pattern: new RegExp(`(?<=\\btime[=<])${number}(?= ?ms\\b)`, 'g'),
  replacement: '<<timing>>',
};

export const pingSummary: Tolerance = {
  name: 'ping-summary',
  reason,
  example: 'round-trip min/avg/max = 0.079/0.220/0.362 ms',
  // busybox: min/avg/max; iputils: min/avg/max/mdev; BSD: min/avg/max/stddev.
  pattern: new RegExp(`(?<=\\bmin\\/avg\\/max(?:\\/mdev|\\/stddev)? = )${number}(?:\\/${number}){2,3}(?= ?ms\\b)`, 'g'),
  replacement: '<<timing>>',
};

export const measuredDuration: Tolerance = {
  name: 'measured-duration',
  reason,
  example: '  Normal  Pulled     9s    kubelet            Successfully pulled image "kiamol/ch03-sleep" in 2.345s (2.345s including waiting)',
  // Fractional seconds (`1.234s`, `0m0.052s`) or sub-second units; whole seconds are ages.
  pattern: new RegExp(`(?<![\\w.\\/])(?:(?:\\d+m)?\\d+\\.\\d+s|${number}(?:ms|µs|us|ns))(?![\\w\\/]|\\.\\d)`, 'g'),
  replacement: '<<timing>>',
};

export const timings: readonly Tolerance[] = [pingTime, pingSummary, measuredDuration];
