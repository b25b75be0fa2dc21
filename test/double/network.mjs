// In-cluster name resolution and reachability, computed from the state: no sockets, ever.
import * as M from './model.mjs';

import { flavour } from './flavours.mjs';
export { clusterDns } from './flavours.mjs';
const isIPv4 = (h) => /^\d{1,3}(\.\d{1,3}){3}$/.test(h);

export function searchDomains(ns) {
  return [`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
}

/** The names resolv.conf (ndots:5) makes a client try, in order. */
export function candidates(name, ns) {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = (name.match(/\./g) ?? []).length;
  const search = searchDomains(ns).map((d) => `${name}.${d}`);
  if (dots >= 5) return [name, ...search];
  return dots > 0 ? [...search, name] : search;
}

/** One fully qualified name → addresses, or null (NXDOMAIN). */
export function lookupFqdn(s, fqdn, now) {
  let m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(fqdn);
  if (m) {
    const svc = M.get(s, 'Service', m[2], m[1]);
    if (!svc) return null;
    if (svc.spec.type === 'ExternalName') return { fqdn, ips: [], cname: svc.spec.externalName, svc };
    if (svc.spec.clusterIP === 'None') {
      const ep = M.endpointsFor(s, svc, now);
      const ips = (ep?.subsets ?? []).flatMap((ss) => ss.addresses.map((a) => a.ip));
      return ips.length ? { fqdn, ips, svc, headless: true } : null;
    }
    return { fqdn, ips: [svc.spec.clusterIP], svc };
  }
  m = /^(\d+)-(\d+)-(\d+)-(\d+)\.([a-z0-9-]+)\.pod\.cluster\.local$/.exec(fqdn);
  if (m) return { fqdn, ips: [m.slice(1, 5).join('.')] };
  return null;
}

/** What a pod's resolver returns for `host`. */
export function resolve(s, pod, host, now) {
  if (isIPv4(host)) return { fqdn: host, ips: [host], literal: true };
  if (host === 'localhost') return { fqdn: host, ips: ['127.0.0.1'] };
  if (host === pod.metadata.name) return { fqdn: host, ips: [pod._ip] };
  for (const c of candidates(host.toLowerCase(), pod.metadata.namespace)) {
    const r = lookupFqdn(s, c, now);
    if (r) return r;
  }
  return null;
}

/** Does an ICMP echo to `ip` get a reply? Pods (10.42/16), loopback and the node do; ClusterIPs never. */
export function answersPing(s, ip) {
  return ip.startsWith(`${flavour().pods}.`) || ip.startsWith('127.') || ip === s.node.ip;
}

/** Can a TCP connection to ip:port be made? Returns null or a short reason. */
export function tcpConnect(s, pod, ip, port, now) {
  if (ip.startsWith('127.') || ip === pod._ip) return null; // assume the container listens
  const svc = M.list(s, 'Service').find((o) => o.spec.clusterIP === ip);
  if (svc) {
    if (svc._static) return null;
    const sp = (svc.spec.ports ?? []).find((p) => Number(p.port) === Number(port));
    if (!sp) return 'Connection refused';
    const ep = M.endpointsFor(s, svc, now);
    return ep?.subsets?.length ? null : 'Connection refused';
  }
  if (ip === s.node.ip) {
    const np = M.list(s, 'Service').some((o) => (o.spec.ports ?? []).some((p) => Number(p.nodePort) === Number(port)));
    return np || Number(port) === 6443 ? null : 'Connection refused';
  }
  const target = M.list(s, 'Pod').find((p) => p._ip === ip && M.isReady(p, now));
  if (target) return null;
  return ip.startsWith(`${flavour().pods}.`) ? 'No route to host' : 'Connection timed out';
}

/** PTR record for an in-cluster IP. */
export function reverse(s, ip, now) {
  const svc = M.list(s, 'Service').find((o) => o.spec.clusterIP === ip);
  if (svc) return `${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local`;
  const pod = M.list(s, 'Pod').find((p) => p._ip === ip && M.isReady(p, now));
  if (pod) return `${ip.replace(/\./g, '-')}.${pod.metadata.namespace}.pod.cluster.local`;
  return null;
}
