import type { Tolerance } from './tolerance.js';

export const macAddress: Tolerance = {
  name: 'mac-address',
  reason: 'A pod\'s veth interface gets a random MAC address each time the pod is created.',
  example: '    link/ether 0a:58:0a:2a:00:3e brd ff:ff:ff:ff:ff:ff',
  pattern: /(?<![\w:])(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}(?![\w:])/g,
  replacement: '<<mac>>',
};
