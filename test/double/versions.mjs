import { flavour } from './flavours.mjs';
// Client and server versions (KUBE_DOUBLE_CLIENT / KUBE_DOUBLE_SERVER).
const CLIENTS = { '1.31': ['v1.31.5', 'v5.4.2'], '1.32': ['v1.32.3', 'v5.5.0'], '1.33': ['v1.33.4', 'v5.6.0'], '1.34': ['v1.34.1', 'v5.7.1'] };
const SERVERS = { '1.31': 'v1.31.5+k3s1', '1.32': 'v1.32.3+k3s1', '1.33': 'v1.33.4+k3s1', '1.34': 'v1.34.1+k3s1', '1.35': 'v1.35.0+k3s1' };
export const clientMinor = () => process.env.KUBE_DOUBLE_CLIENT || '1.32';
export const serverMinor = () => process.env.KUBE_DOUBLE_SERVER || '1.31';
const info = (gitVersion, extra) => {
  const [, major, minor] = gitVersion.match(/^v(\d+)\.(\d+)/) ?? [null, '1', '0'];
  return { major, minor, gitVersion, ...extra };
};
export function clientVersion() {
  const v = clientMinor();
  const [git] = CLIENTS[v] ?? [`v${v}.0`];
  return info(git, { gitCommit: '32cc146f75aad04beaaa245a7157eb35063a9f99', gitTreeState: 'clean', buildDate: '2025-03-11T19:58:18Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' });
}
export const kustomizeVersion = () => (CLIENTS[clientMinor()] ?? [null, 'v5.5.0'])[1];
export function serverVersion() {
  const v = serverMinor();
  const git = SERVERS[v] ?? `v${v}.0+k3s1`;
  // Only k3s builds carry the +k3s suffix.
  return info(flavour().k3s ? git : git.replace(/\+k3s\d+$/, ''), { gitCommit: 'b2bd4a1e9b3f7e4c33ba5c2f8a2b7c4c6a5b3c1d', gitTreeState: 'clean', buildDate: '2025-01-22T18:25:12Z', goVersion: 'go1.22.10', compiler: 'gc', platform: 'linux/amd64' });
}

