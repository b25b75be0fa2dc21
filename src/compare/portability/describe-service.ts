import { optionalPart, optionalParts, type PortabilityFact } from './fact.js';
import { kubeletOf, minorsDiffer } from './versions.js';

// Lines and suffixes newer kubectl added to `describe svc`. Each is optional: a side that
// lacks it passes a side that has it; both having it compare it as usual.

export const internalTrafficPolicy: PortabilityFact = {
  id: 'kubectl-describe-svc-traffic-policy',
  changed: '`describe svc` added `Internal Traffic Policy: Cluster` (and `IP Family Policy`, `IP Families`, `IPs`)',
  appliesTo: 'kubectl of different minor versions',
  example: {
    command: 'kubectl describe svc sleep-2',
    old: 'Session Affinity:  None\nEvents:            <none>',
    new: 'Session Affinity:         None\nInternal Traffic Policy:  Cluster\nEvents:                   <none>',
  },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client),
  align: (sides) => optionalParts(sides, [/^Internal Traffic Policy: \S+$/g, /^IP Family Policy: \S+$/g, /^IP Families: \S+$/g, /^IPs: \S+$/g]),
};

export const loadBalancerVip: PortabilityFact = {
  id: 'kubectl-describe-lb-vip',
  changed: '`describe svc` marks each LoadBalancer ingress address with its ipMode: `LoadBalancer Ingress: 172.18.0.2 (VIP)`',
  appliesTo: 'kubectl of different minor versions (about 1.30)',
  example: {
    command: 'kubectl describe svc numbers-web',
    old: 'LoadBalancer Ingress:     localhost',
    new: 'LoadBalancer Ingress:     172.18.0.2 (VIP)',
  },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client),
  align: (sides) => optionalPart(sides, /(?<=^LoadBalancer Ingress: .*) \((?:VIP|Proxy)\)(?=,|$)/g),
};

export const desiredLoadBalancerIp: PortabilityFact = {
  id: 'kubectl-describe-desired-lb-ip',
  changed: '`describe svc` shows the requested `spec.loadBalancerIP` as `Desired LoadBalancer IP:`',
  appliesTo: 'kubectl of different minor versions',
  example: {
    command: 'kubectl describe svc numbers-web',
    old: 'IPs:                      10.96.12.7\nLoadBalancer Ingress:     localhost',
    new: 'IPs:                      10.43.12.7\nDesired LoadBalancer IP:  172.18.0.2\nLoadBalancer Ingress:     172.18.0.2 (VIP)',
  },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client),
  align: (sides) => optionalPart(sides, /^Desired LoadBalancer IP: \S+$/g),
};

export const namedPorts: PortabilityFact = {
  id: 'kubectl-describe-named-ports',
  changed: '`describe` follows a port with its name where it has one: `80/TCP (http)`',
  appliesTo: 'kubectl of different minor versions',
  example: {
    command: 'kubectl describe svc numbers-web',
    old: 'TargetPort:               80/TCP',
    new: 'TargetPort:               80/TCP (http)',
  },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client),
  align: (sides) => optionalPart(sides, /(?<=\b\d+\/(?:TCP|UDP|SCTP)) \([a-z0-9-]+\)/g),
};

export const loadBalancerIpMode: PortabilityFact = {
  id: 'apiserver-1.30-lb-ipmode',
  changed: 'a LoadBalancer status ingress gained `ipMode: VIP`: jsonpath prints `{"ip":"172.18.0.2","ipMode":"VIP"}`',
  appliesTo: 'API servers of different minor versions (on by default from 1.30)',
  example: {
    command: "kubectl get svc numbers-web -o jsonpath='{.status.loadBalancer.ingress[0]}'",
    old: '{"ip":"172.18.0.2"}',
    new: '{"ip":"172.18.0.3","ipMode":"VIP"}',
  },
  holds: (recorded, current) => minorsDiffer(recorded.server, current.server),
  align: (sides) => optionalParts(sides, [/,"ipMode":"(?:VIP|Proxy)"|"ipMode":"(?:VIP|Proxy)",?/g, /^(?:- )?ipMode: (?:VIP|Proxy)$/g]),
};

export const podTemplateFields: PortabilityFact = {
  id: 'kubectl-describe-template-fields',
  changed: '`describe deploy` (and other controllers) lists `Node-Selectors: <none>` and `Tolerations: <none>` in its Pod Template',
  appliesTo: 'kubectl of different minor versions (about 1.30)',
  example: {
    command: 'kubectl describe deploy sleep',
    old: '  Volumes:       <none>\nConditions:',
    new: '  Volumes:         <none>\n  Node-Selectors:  <none>\n  Tolerations:     <none>\nConditions:',
  },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client),
  align: (sides) => optionalParts(sides, [/^Node-Selectors: <none>$/g, /^Tolerations: <none>$/g]),
};

export const podReadyToStartContainers: PortabilityFact = {
  id: 'kubelet-pod-ready-to-start-condition',
  changed: 'pods have a `PodReadyToStartContainers` condition, first in `describe pod`\'s Conditions',
  appliesTo: 'kubelets or API servers of different minor versions (on by default from 1.29)',
  example: {
    command: 'kubectl describe pod sleep',
    old: 'Conditions:\n  Type              Status\n  Initialized       True\n  Ready             True',
    new: 'Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True\n  Initialized                 True\n  Ready                       True',
  },
  holds: (recorded, current) => minorsDiffer(kubeletOf(recorded), kubeletOf(current)) || minorsDiffer(recorded.server, current.server),
  align: (sides) => optionalPart(sides, /^PodReadyToStartContainers \S+$/g),
};
