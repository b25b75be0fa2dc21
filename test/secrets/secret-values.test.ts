import { describe, expect, it } from 'vitest';
import { KnownSecrets } from '../../src/secrets/known-secrets.js';
import { secretValuesOf } from '../../src/secrets/secret-values.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

// `kubectl get secrets -o json` as kubectl 1.34 prints it (trimmed to the fields read).
const list = (data: Record<string, string>) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Secret', metadata: { name: 'db' }, data }] });

describe('the values of a namespace’s Secrets', () => {
  it('are taken as served (base64) and decoded, each line of a value of several lines', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
    const values = secretValuesOf(list({ api_token: b64('Zq8vR2pL9xK4w'), key: b64(pem) }));
    expect(values).toEqual(expect.arrayContaining([b64('Zq8vR2pL9xK4w'), 'Zq8vR2pL9xK4w', b64(pem), 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC']));
  });

  it('leave out values too short to mask without masking ordinary words, binary ones decoded, and what is not JSON', () => {
    // `on` itself would mask every `on` of a `describe`; its base64 form is no word.
    expect(secretValuesOf(list({ on: b64('on') }))).toEqual(['b24=']);
    expect(secretValuesOf(list({ blob: Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64') }))).toEqual(['//4AgQ==']);
    expect(secretValuesOf('error: forbidden')).toEqual([]);
    expect(secretValuesOf(JSON.stringify({ items: [{ data: null }] }))).toEqual([]);
  });
});

describe('the secret values a run knows', () => {
  it('mask every occurrence by value, longest first, and keep what they learned', () => {
    const known = new KnownSecrets();
    known.learn(['s3cr3t', 's3cr3t-and-more']);
    known.learn(['other-value']);
    expect(known.mask('A=s3cr3t-and-more B=s3cr3t C=other-value')).toBe('A=<masked> B=<masked> C=<masked>');
  });

  it('never mask inside the mask itself', () => {
    const known = new KnownSecrets();
    known.learn(['mask', 'asked']);
    expect(known.mask('<masked> mask')).toBe('<masked> mask');
  });

  it('mask a run’s output and each session piece', () => {
    const known = new KnownSecrets();
    known.learn(['Zq8vR2pL9xK4w']);
    const run = { output: 'API_TOKEN=Zq8vR2pL9xK4w\n', exitCode: 0, durationMs: 1, timedOut: false, stopped: false, attempts: 1, sessionOutputs: ['', 'Zq8vR2pL9xK4w\n'] };
    expect(known.maskRun(run)).toMatchObject({ output: 'API_TOKEN=<masked>\n', sessionOutputs: ['', '<masked>\n'] });
  });
});
