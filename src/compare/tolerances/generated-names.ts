import type { Tolerance } from './tolerance.js';

// apimachinery's rand alphabet: no vowels (no words) and no 0, 1, 3 (no look-alikes).
// Requiring it keeps `front-end`, `kube-proxy`, `web-0` and `k3s` out of reach.
const random = '[bcdfghjklmnpqrstvwxz2456789]';
// The NAME prefix must be there and is never touched: sleep-1 vs sleep-2 stays drift.
const afterName = '(?<=[a-z0-9]-)';
const endOfName = '(?![\\w-])';
/** What authors write for a hash or a suffix they masked: `XXXXXXXXX`, `<hash>`; `XXXXX`, `<id>` (not kubectl's own `<none>`). */
const maskedHash = 'X{6,10}|<[a-z-]*hash[a-z-]*>';
const maskedSuffix = 'X{5}|<(?!(?:none|unset|pending|invalid|unknown|nil)>)[a-z][a-z-]*>';

export const podTemplateHash: Tolerance = {
  name: 'pod-template-hash',
  reason: 'A ReplicaSet is named after a hash of the defaulted pod template, which shifts with edits and Kubernetes versions.',
  example: 'pod/sleep-2-594d57479-wmkmd condition met',
  // Either ends the name (ReplicaSet) or is followed by a pod's 5-character suffix.
  pattern: new RegExp(`${afterName}(?:${random}{6,10}|${maskedHash})(?=(?:-(?:${random}{5}|${maskedSuffix}))?${endOfName})`, 'g'),
  replacement: '<<hash>>',
};

export const generatedSuffix: Tolerance = {
  name: 'generated-suffix',
  reason: 'generateName adds 5 random characters to pods, jobs\' pods, token and kube-api-access volumes.',
  example: '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-bj99n (ro)',
  // `>` lets it follow the <<hash>> the rule above left; `https` and `http2` fit the
  // alphabet but are names people choose (`web-https`).
  pattern: new RegExp(`(?<=[a-z0-9>]-)(?!https|http2)(?:${random}{5}|${maskedSuffix})${endOfName}`, 'g'),
  replacement: '<<id>>',
};

export const hashLabel: Tolerance = {
  name: 'hash-label',
  reason: 'The pod-template-hash and controller-revision-hash labels carry the same hash as the names.',
  example: '                  pod-template-hash=594d57479',
  // YAML quotes an all-digit hash and no other: the quotes go with the value.
  pattern: new RegExp(`(?<=\\b(?:pod-template-hash|controller-revision-hash)["']?[=:]\\s{0,64})(["']?)${random}{1,10}\\1${endOfName}`, 'g'),
  replacement: '<<hash>>',
};

export const generatedNames: readonly Tolerance[] = [podTemplateHash, generatedSuffix, hashLabel];
