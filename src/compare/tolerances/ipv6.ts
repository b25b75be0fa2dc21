import type { Tolerance } from './tolerance.js';

const group = '[0-9a-fA-F]{1,4}';
const dottedTail = '\\d{1,3}(?:\\.\\d{1,3}){3}';

// Only the full eight-group form or a form with `::` counts: clock times (`23:00:41`),
// MAC addresses and `key:value` words have neither.
const forms = [
  `(?:${group}(?::${group}){0,5})?::(?:${group}:){0,5}${dottedTail}`,
  `(?:${group}:){7}${group}`,
  `(?:${group}(?::${group}){0,6})?::(?:${group}:){0,6}${group}`,
  `${group}(?::${group}){0,6}::`,
];

export const ipv6: Tolerance = {
  name: 'ipv6',
  reason: 'Dual-stack pods and link-local interfaces get addresses that differ per pod and per node.',
  example: 'Forwarding from [::1]:8080 -> 80',
  pattern: new RegExp(`(?<![\\w:.])(?:${forms.join('|')})(?![\\w:]|\\.\\d)`, 'g'),
  replacement: '<<ip>>',
};
