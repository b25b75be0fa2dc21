import { BlockList, isIP } from 'node:net';
import { basename } from 'node:path';

// A note runs `kubectl delete`: it may only reach a cluster on this machine unless the
// user names the context on purpose. A context's name is only a hint anybody can give
// (a context called `default` may point at a cloud API server), so a context is local
// when its name, its server and the way its user signs in all say so.

// Names kube contexts get from tools that run a cluster on this machine (`default`: k3s).
const LOCAL_NAMES = [/^k3d-/, /^kind-/, /^minikube$/, /^docker-desktop$/, /^rancher-desktop$/, /^orbstack$/, /^colima/, /^default$/];

export const LOCAL_NAMES_SAID = 'k3d-*, kind-*, minikube, docker-desktop, rancher-desktop, orbstack, colima*, default';

/** Addresses that cannot be a cloud's public API endpoint: loopback, private and link-local ranges. */
const LOCAL_ADDRESSES = new BlockList();
for (const [network, prefix] of [['127.0.0.0', 8], ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['169.254.0.0', 16]] as const) {
  LOCAL_ADDRESSES.addSubnet(network, prefix, 'ipv4');
}
LOCAL_ADDRESSES.addAddress('::1', 'ipv6');
LOCAL_ADDRESSES.addSubnet('fc00::', 7, 'ipv6');
LOCAL_ADDRESSES.addSubnet('fe80::', 10, 'ipv6');

/** Host names the local cluster tools give their API servers (Docker Desktop, OrbStack, Lima, minikube, k3d). */
const LOCAL_HOSTS = [/^localhost$/, /\.localhost$/, /^host\.docker\.internal$/, /^kubernetes\.docker\.internal$/, /\.orb\.local$/, /^host\.lima\.internal$/, /^host\.minikube\.internal$/, /^host\.k3d\.internal$/, /^host\.rancher-desktop\.internal$/];

/** The programs cloud providers ship as kubectl `exec` credential plugins: their tokens sign in to a cloud account. */
const CLOUD_SIGN_IN = ['aws', 'aws-iam-authenticator', 'gcloud', 'gke-gcloud-auth-plugin', 'az', 'kubelogin', 'doctl', 'oci', 'ibmcloud'];

/** The `user` stanza of a kubeconfig entry, as `kubectl config view -o json` prints it. */
export interface UserAuth {
  exec?: { command?: string; args?: string[] };
  'auth-provider'?: { name?: string };
}

export type Locality = { local: true } | { local: false; why: string };

/** Whether a context reaches a cluster on this machine, from its name, its server URL and its user's auth. */
export function localityOf(context: string, server: string | undefined, user: UserAuth | undefined): Locality {
  if (!LOCAL_NAMES.some((pattern) => pattern.test(context))) return { local: false, why: `it does not look like a local cluster (${LOCAL_NAMES_SAID})` };
  const host = serverHost(server);
  if (host === undefined) return { local: false, why: `its server ${server === undefined ? 'is not set' : `"${server}" is not a URL`}` };
  if (!isLocalHost(host)) return { local: false, why: `its server ${server} is neither on this machine nor on a private network` };
  const signIn = cloudSignIn(user);
  if (signIn) return { local: false, why: `its user signs in through ${signIn}, a cloud provider's sign-in` };
  return { local: true };
}

function serverHost(server: string | undefined): string | undefined {
  if (!server) return undefined;
  try {
    // `[::1]` comes with its brackets; a trailing dot names the same host.
    return new URL(server).hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function isLocalHost(host: string): boolean {
  const family = isIP(host);
  if (family !== 0) return LOCAL_ADDRESSES.check(host, family === 4 ? 'ipv4' : 'ipv6');
  return LOCAL_HOSTS.some((pattern) => pattern.test(host));
}

/** `` `aws eks get-token` ``, `the gcp auth provider`: how the user signs in to a cloud, if it does. */
function cloudSignIn(user: UserAuth | undefined): string | undefined {
  const command = user?.exec?.command;
  if (command) {
    const program = basename(command).replace(/\.exe$/i, '');
    if (CLOUD_SIGN_IN.includes(program)) return `\`${[program, ...(user?.exec?.args ?? [])].join(' ').slice(0, 80)}\``;
  }
  const provider = user?.['auth-provider']?.name;
  if (provider && provider !== 'oidc') return `the ${provider} auth provider`;
  return undefined;
}

/** `--context NAME` or a config entry allows a context; config entries may use `*`. */
export function isAllowed(context: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => new RegExp(`^${entry.split('*').map(escape).join('.*')}$`).test(context));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
