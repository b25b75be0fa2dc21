import type { Tolerance } from './tolerance.js';

// The default --service-node-port-range; ports outside it were chosen by the manifest's author.
const inRange = '(?:3[01]\\d{3}|32[0-6]\\d{2}|327[0-5]\\d|3276[0-7])';
const protocol = '(?=\\/(?:TCP|UDP|SCTP)\\b)';

// Blanks in a lookbehind are bounded: it is tried at every position of the line.
const places = [
  `(?<=\\b\\d{1,5}:)${inRange}${protocol}`, // get svc PORT(S): 8080:32219/TCP
  `(?<=^\\s{0,64}NodePort:\\s{1,64}\\S{1,64}\\s{1,64})${inRange}${protocol}`, // describe svc: NodePort: <unset> 30080/TCP
  `(?<=\\bnodePort"?:\\s{0,64})${inRange}\\b`, // -o yaml / -o json
  `(?<=<<ip>>\\]?:)${inRange}\\b`, // a URL to a node: 172.18.0.2:32219 (after the ip rules)
];

export const nodePort: Tolerance = {
  name: 'node-port',
  reason: 'A NodePort or LoadBalancer service without a fixed nodePort gets a free one from 30000-32767.',
  example: 'sleep-2   NodePort   10.43.44.128   <none>        8080:32219/TCP   12s',
  pattern: new RegExp(places.join('|'), 'g'),
  replacement: '<<nodeport>>',
};
