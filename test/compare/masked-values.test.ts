import { describe, expect, it } from 'vitest';
import { fillMasked } from '../../src/compare/masked-values.js';
import { printsSecret as revealsSecret } from '../../src/note/command/prints-secret.js';
import { describeCommand } from '../../src/note/command/describe-command.js';
import { maskCommandOutput } from '../../src/secrets/reveals-secret.js';

describe('a masked value stands for what the note documents at its place', () => {
  it('a whole line (a decoded secret)', () => {
    expect(fillMasked('s3cr3t', '<masked>\n')).toEqual({ output: 's3cr3t\n', filled: 1 });
  });

  it('inside a line, the rest of the line still compared', () => {
    expect(fillMasked('data:\n  password: czNjcjN0\n  user: YWRtaW4=', 'data:\n  password: <masked>\n  user: YWRtaW4=\n')).toEqual({
      output: 'data:\n  password: czNjcjN0\n  user: YWRtaW4=\n',
      filled: 1,
    });
    // The line around the mask differs: the mask has no place, the recorded line stays for the diff to show.
    expect(fillMasked('  passwd: czNjcjN0', '  password: <masked>\n')).toEqual({ output: '  password: <masked>\n', filled: 0 });
  });

  it('a PEM block the mask wrote on one line', () => {
    const documented = 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\nxyz\n-----END RSA PRIVATE KEY-----';
    const recorded = 'key:\n-----BEGIN RSA PRIVATE KEY-----<masked>-----END RSA PRIVATE KEY-----\n';
    expect(fillMasked(documented, recorded)).toEqual({ output: `${documented}\n`, filled: 1 });
  });

  it('several masks, each in its own place, in order', () => {
    expect(fillMasked('A_TOKEN=aaa\nB_TOKEN=bbb', 'A_TOKEN=<masked>\nB_TOKEN=<masked>\n')).toEqual({ output: 'A_TOKEN=aaa\nB_TOKEN=bbb\n', filled: 2 });
  });

  it('a whole masked line after a header that stands as documented fills the line below it', () => {
    // `-o custom-columns=PW:.data.password`: the header must not take the value's place.
    expect(fillMasked('PW\nxxxxxxxx', 'PW\n<masked>\n')).toEqual({ output: 'PW\nxxxxxxxx\n', filled: 1 });
  });

  it('costs linear time on a long line', () => {
    const long = `${'a'.repeat(100_000)}`;
    expect(fillMasked(long, `<masked>${'b'.repeat(100_000)}<masked>\n`).filled).toBe(0);
  });
});

describe('commands that print a secret’s value', () => {
  it('are recognised', () => {
    expect(revealsSecret(`kubectl get secret db -o jsonpath='{.data.password}' | base64 -d`)).toBe(true);
    expect(revealsSecret(`kubectl get secrets/db --output=jsonpath={.data.password}`)).toBe(true);
    expect(revealsSecret(`kubectl -n app get secret db -o go-template='{{.data.token}}'`)).toBe(true);
    expect(revealsSecret(`kubectl exec web -- printenv DB_PASSWORD`)).toBe(true);
    expect(revealsSecret(`echo "$API_TOKEN"`)).toBe(true);
  });

  it('and others are not', () => {
    expect(revealsSecret('kubectl get secrets')).toBe(false);
    expect(revealsSecret('kubectl get pods -o jsonpath={.items[0].metadata.name}')).toBe(false);
    expect(revealsSecret('printenv HOSTNAME')).toBe(false);
    expect(revealsSecret('echo hello | base64 -d')).toBe(false);
  });

  it('have their whole output masked, line by line; other commands only their credentials', () => {
    expect(maskCommandOutput(describeCommand(`kubectl get secret db -o jsonpath='{.data.password}' | base64 -d`), 's3cr3t\n\nsecond\n')).toBe('<masked>\n\n<masked>\n');
    expect(maskCommandOutput(describeCommand('kubectl get secret db -o yaml'), 'data:\n  password: czNjcjN0\n')).toBe('data:\n  password: <masked>\n');
  });
});
