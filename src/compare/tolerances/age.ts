import type { Tolerance } from './tolerance.js';

// apimachinery's HumanDuration (and the older ShortHumanDuration): `12s`, `5m3s`, `45m`, `3h20m`,
// `3h`, `4d5h`, `12d`, `2y3d`. It never prints 120s or more, nor 180m or more: `300s` is a
// configured timeout and `250m` a CPU quantity, so they stay compared.
const humanDuration = [
  '\\d+y(?:\\d+d)?',
  '\\d+d(?:\\d+h)?',
  '\\d+h(?:\\d+m)?',
  '\\d+m\\d+s',
  '(?:1[0-7]\\d|\\d{1,2})m',
  '(?:1[01]\\d|\\d{1,2})s',
].join('|');

const places = [
  `(?<!\\S)(?<!cpu:?\\s{1,64})(?:${humanDuration}|<invalid>)(?!\\S)`, // a whole token: AGE, LAST SEEN, DURATION columns
  `(?<=\\()(?:${humanDuration})(?= ago\\))`, // RESTARTS: `1 (23h ago)`, the count stays compared
  `(?<=\\bover )(?:${humanDuration})(?=\\))`, // describe events: `(x3 over 5m)`
];

export const age: Tolerance = {
  name: 'age',
  reason: 'Ages count from when an object was created or an event last happened until the command ran.',
  example: 'sleep-1-5bfcffdc46-vh8fd   1/1     Running   1 (23h ago)   2d',
  pattern: new RegExp(places.join('|'), 'g'),
  replacement: '<<age>>',
};
