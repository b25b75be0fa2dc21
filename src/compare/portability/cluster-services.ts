import { optionalPart, rewriteBoth, type PortabilityFact, type Sides } from './fact.js';
import { flavoursDiffer, minorsDiffer } from './versions.js';

// What each flavour runs in kube-system besides CoreDNS: k3s its traefik, svclb, helm
// installs, metrics-server and local-path-provisioner; kubeadm-based ones (Docker Desktop,
// kind, minikube) the control plane as static pods named after the node, kube-proxy,
// and their own provisioner or network plugin; CoreDNS runs once or twice.
const COMPONENTS = [
  'helm-install-traefik-crd',
  'helm-install-traefik',
  'svclb-traefik',
  'traefik',
  'metrics-server',
  'local-path-provisioner',
  'storage-provisioner',
  'vpnkit-controller',
  'kube-controller-manager',
  'kube-apiserver',
  'kube-scheduler',
  'kube-proxy',
  'kindnet',
  'etcd',
  'coredns',
  'kube-dns',
];
const ROW = new RegExp(`^((?:kube-system |local-path-storage )?(?:[a-z.]+/)?)(${COMPONENTS.join('|')})(?:-\\S+)?( .*)$`);

export const kubeSystemByFlavour: PortabilityFact = {
  id: 'kube-system-by-flavour',
  changed: 'kube-system holds other pods and services on each flavour (traefik, svclb-*, metrics-server on k3s; etcd-*, kube-proxy-*, vpnkit-controller on Docker Desktop; kindnet-* on kind)',
  appliesTo: 'a note recorded on another flavour than the current one (or not known to be the same), listing kube-system',
  example: {
    command: 'kubectl get svc -n kube-system',
    old: 'NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\nkube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   5d',
    new: 'NAME             TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)                  AGE\nkube-dns         ClusterIP   10.43.0.10     <none>        53/UDP,53/TCP,9153/TCP   2d\nmetrics-server   ClusterIP   10.43.81.200   <none>        443/TCP                  2d',
  },
  holds: flavoursDiffer,
  align: (sides, { command }) => {
    const allNamespaces = command.allNamespaces ?? false;
    if (!allNamespaces && command.namespace !== 'kube-system') return sides;
    const rows = (key: string) => {
      // kind runs its provisioner in a namespace of its own.
      if (allNamespaces && !/^(kube-system|local-path-storage) /.test(key)) return undefined;
      return ROW.exec(key) ?? undefined;
    };
    const byComponent = rewriteBoth(sides, (key) => {
      const row = rows(key);
      return row ? `${row[1]}${row[2]}${row[3]}` : key;
    });
    return oneOfEach(byComponent, (key) => (rows(key) ? ROW.exec(key)![1] + ROW.exec(key)![2] : undefined));
  },
};

/**
 * A component only one side runs leaves both; one both run is compared, once, when each
 * side's rows of it agree among themselves (CoreDNS twice on kubeadm, once on k3s).
 */
function oneOfEach(sides: Sides, componentOf: (key: string) => string | undefined): Sides {
  const rowsOf = (keys: string[]) => {
    const found = new Map<string, Set<string>>();
    for (const key of keys) {
      const component = componentOf(key);
      if (component) found.set(component, (found.get(component) ?? new Set()).add(key));
    }
    return found;
  };
  const documented = rowsOf(sides.documented);
  const actual = rowsOf(sides.actual);
  const keep = (keys: string[], own: Map<string, Set<string>>, other: Map<string, Set<string>>) => {
    const seen = new Set<string>();
    return keys.filter((key) => {
      const component = componentOf(key);
      if (!component) return true;
      if (!other.has(component)) return false;
      if (own.get(component)!.size > 1 || other.get(component)!.size > 1) return true;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  return { documented: keep(sides.documented, documented, actual), actual: keep(sides.actual, actual, documented) };
}

// The cluster DNS service sits at a fixed address of the service range, which the flavour
// picks: the address itself is an IP (tolerated), but its reverse name is not.
const REVERSE_DNS = /\b10\.0\.(?:96|43)\.10\.in-addr\.arpa\b|\b10\.183\.152\.10\.in-addr\.arpa\b/g;

export const clusterDnsAddress: PortabilityFact = {
  id: 'cluster-dns-by-flavour',
  changed: 'the cluster DNS service is 10.96.0.10 on kubeadm-based flavours and 10.43.0.10 on k3s, so its reverse name differs too',
  appliesTo: 'a note recorded on another flavour than the current one (or not known to be the same)',
  example: {
    command: 'kubectl exec deploy/sleep -- nslookup 10.96.0.10',
    old: '10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local',
    new: '10.0.43.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local',
  },
  holds: flavoursDiffer,
  align: (sides) => rewriteBoth(sides, (key) => key.replace(REVERSE_DNS, '<<cluster-dns>>.in-addr.arpa')),
};

export const restartsAge: PortabilityFact = {
  id: 'kubectl-1.22-restarts-age',
  changed: 'RESTARTS shows when the last restart happened: `3 (41s ago)` where it showed `3`',
  appliesTo: 'kubectl or API servers of different minor versions (the column changed in 1.22)',
  example: {
    command: 'kubectl get pods',
    old: 'NAME    READY   STATUS    RESTARTS   AGE\nsleep   1/1     Running   3          5m',
    new: 'NAME    READY   STATUS    RESTARTS      AGE\nsleep   1/1     Running   3 (41s ago)   5m',
  },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client) || minorsDiffer(recorded.server, current.server),
  align: (sides) => optionalPart(sides, /(?<=\b\d+) \(<<age>> ago\)/g),
};
