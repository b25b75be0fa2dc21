import { rewriteBoth, type PortabilityFact } from './fact.js';
import { flavoursDiffer } from './versions.js';

const ADDRESS = '<<lb-address>>';
// What a flavour's LoadBalancer gives out: Docker Desktop `localhost`, k3s ServiceLB the
// node addresses (comma-joined on several nodes), MetalLB or cloud-provider-kind a pool address.
const GIVEN = '(?:localhost|<<ip>>|<<ipv6>>)(?:,(?:localhost|<<ip>>|<<ipv6>>))*';

export const loadBalancerAddress: PortabilityFact = {
  id: 'lb-address-by-flavour',
  changed: 'a LoadBalancer\'s EXTERNAL-IP is `localhost` on Docker Desktop and the node or pool addresses elsewhere; `<pending>` is never an address',
  appliesTo: 'a note recorded on another flavour than the current one (or not known to be the same)',
  example: {
    command: 'kubectl get svc numbers-web',
    old: 'NAME          TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE\nnumbers-web   LoadBalancer   10.96.12.7     localhost     8080:31234/TCP   12s',
    new: 'NAME          TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE\nnumbers-web   LoadBalancer   10.43.12.7     172.18.0.2    8080:30412/TCP   3s',
  },
  holds: flavoursDiffer,
  align: (sides, { command }) => {
    const jsonpath = /loadBalancer/i.test(command.kubectl?.outputTemplate ?? '');
    return rewriteBoth(sides, (key) => {
      let out = key.replace(new RegExp(`(?<=\\bLoadBalancer \\S+ )${GIVEN}(?= )`), ADDRESS);
      out = out.replace(new RegExp(`^(LoadBalancer Ingress: )(.*)$`), (_all, label: string, list: string) =>
        label + list.replace(/(?<=^|, )(?:localhost|<<ip>>|<<ipv6>>)(?=$|,| )/g, ADDRESS),
      );
      if (jsonpath) out = out.replace(/"hostname":"localhost"|"ip":"<<ip(?:v6)?>>"/g, `"${ADDRESS}"`);
      return out;
    });
  },
};
