import type { Tolerance } from './tolerance.js';

export const resourceVersion: Tolerance = {
  name: 'resource-version',
  reason: 'The API server bumps resourceVersion on every write anywhere in the cluster.',
  example: '  resourceVersion: "48213"',
  pattern: /(?<=\bresourceVersion"?:\s{0,64}"?)\d+/g,
  replacement: '<<version>>',
};
