import type { Tolerance } from './tolerance.js';

export const containerId: Tolerance = {
  name: 'container-id',
  reason: 'The runtime gives every container it starts a new random id; the runtime name stays compared.',
  example: '    Container ID:  containerd://3f4e9c2b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f',
  pattern: /\b(docker|containerd|cri-o):\/\/[0-9a-f]{12,64}\b/g,
  replacement: '$1://<<container-id>>',
};

export const imageDigest: Tolerance = {
  name: 'image-digest',
  reason: 'A tag such as `latest` is re-pushed upstream, so the image it pulls has a new digest.',
  example: '    Image ID:      docker.io/kiamol/ch03-sleep@sha256:8d2a7b3f0c6e5d4a1b9c8e7f6a5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d',
  pattern: /\b(sha256|sha384|sha512):[0-9a-f]{12,128}\b/g,
  replacement: '$1:<<digest>>',
};

export const execId: Tolerance = {
  name: 'exec-id',
  reason: 'containerd names each exec session with a random hex id and quotes it in its errors.',
  example:
    'error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "5d0c3b9f7e1a2c4d6b8e0f1a3c5e7d9b2a4c6e8f0b1d3f5a7c9e2b4d6f8a0c1e": OCI runtime exec failed',
  // Quoted and at least 32 long: short or unquoted hex is more likely a value the note shows on purpose.
  pattern: /(?<=")[0-9a-f]{32,}(?=\\?")/g,
  replacement: '<<exec-id>>',
};

export const uid: Tolerance = {
  name: 'uid',
  reason: 'The API server gives every object it creates a new UUID.',
  example: '  uid: 1c2e4f6a-8b0d-4c2e-9f1a-3b5d7f9a1c2e',
  pattern: /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g,
  replacement: '<<uid>>',
};
