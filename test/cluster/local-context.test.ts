import { describe, expect, it } from 'vitest';
import { isAllowed, localityOf, type UserAuth } from '../../src/cluster/local-context.js';

// What each local tool writes into the kubeconfig (server and user), and the same names
// pointing at a cloud: the name alone never makes a context local.
const certificate: UserAuth = {};
const eksToken: UserAuth = { exec: { command: 'aws', args: ['--region', 'us-west-2', 'eks', 'get-token', '--cluster-name', 'prod'] } };
const EKS = 'https://0123456789ABCDEF0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com';

describe('whether a kube context is local', () => {
  it.each([
    ['default', 'https://127.0.0.1:6443'], // k3s
    ['k3d-dev', 'https://127.0.0.1:6550'],
    ['k3d-dev', 'https://host.docker.internal:41235'],
    ['kind-kind', 'https://127.0.0.1:39153'],
    ['minikube', 'https://192.168.49.2:8443'],
    ['docker-desktop', 'https://kubernetes.docker.internal:6443'],
    ['rancher-desktop', 'https://127.0.0.1:6443'],
    ['orbstack', 'https://k8s.orb.local:26443'],
    ['colima', 'https://127.0.0.1:6443'],
    ['colima-lab', 'https://192.168.5.15:6443'],
    ['kind-v6', 'https://[::1]:40000'],
    ['k3d-lan', 'https://10.0.3.7:6443'],
    ['k3d-lan', 'https://172.20.0.2:6443'],
    ['minikube', 'https://localhost:8443'],
  ])('%s at %s is local', (context, server) => {
    expect(localityOf(context, server, certificate)).toEqual({ local: true });
  });

  it('takes a local exec plugin that is not a cloud CLI (a script of the user)', () => {
    expect(localityOf('kind-kind', 'https://127.0.0.1:39153', { exec: { command: '/home/me/bin/kind-token' } })).toEqual({ local: true });
  });

  it.each([
    ['default', EKS, eksToken, /server .*eks\.amazonaws\.com is neither on this machine nor on a private network/],
    ['kind-prod', EKS, eksToken, /neither on this machine/],
    ['colima-prod', EKS, eksToken, /neither on this machine/],
    ['k3d-prod.eks.amazonaws.com', EKS, eksToken, /neither on this machine/],
    ['default', 'https://34.120.1.2', certificate, /34\.120\.1\.2 is neither/],
    ['kind-x', 'https://127.0.0.1.nip.io:6443', certificate, /neither/],
    ['kind-x', 'https://[2600:1f18::1]:443', certificate, /neither/],
    ['default', undefined, certificate, /server is not set/],
    ['default', 'not a url', certificate, /"not a url" is not a URL/],
    // A tunnel to a cloud cluster on a local port: the sign-in still says where it goes.
    ['default', 'https://127.0.0.1:6443', eksToken, /signs in through `aws --region us-west-2 eks get-token --cluster-name prod`, a cloud provider's sign-in/],
    ['kind-x', 'https://127.0.0.1:6443', { exec: { command: '/usr/lib/google-cloud-sdk/bin/gke-gcloud-auth-plugin' } }, /gke-gcloud-auth-plugin/],
    ['kind-x', 'https://127.0.0.1:6443', { exec: { command: 'kubelogin', args: ['get-token'] } }, /kubelogin/],
    ['kind-x', 'https://127.0.0.1:6443', { exec: { command: 'doctl' } }, /doctl/],
    ['kind-x', 'https://127.0.0.1:6443', { exec: { command: 'oci' } }, /oci/],
    ['kind-x', 'https://127.0.0.1:6443', { exec: { command: 'az.exe' } }, /az/],
    ['kind-x', 'https://127.0.0.1:6443', { 'auth-provider': { name: 'gcp' } }, /the gcp auth provider/],
    ['gke_acme_europe-west1_prod', 'https://127.0.0.1:6443', certificate, /does not look like a local cluster/],
  ] as const)('%s at %s is not local', (context, server, user, why) => {
    const locality = localityOf(context, server, user);
    expect(locality.local).toBe(false);
    expect(!locality.local && locality.why).toMatch(why);
  });

  it('allows what the config names, with * for anything', () => {
    expect(isAllowed('lab-one', ['lab-*'])).toBe(true);
    expect(isAllowed('lab.one', ['lab?one'])).toBe(false);
    expect(isAllowed('prod', ['lab-*'])).toBe(false);
  });
});
