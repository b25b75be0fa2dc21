import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { snapshotText } from '../../src/snapshot/snapshot-text.js';

const ODD_STRINGS = [
  '', ' ', '\n', '\n\n', 'a', 'a\n', 'a\n\n', 'a\n\n\n', '\na', '  indented\nnext', ' \n', 'a\n  \n', 'tab\there\n',
  'true', 'no', 'null', '~', '1', '1.5', '0x1f', '1e3', '.inf', '10.42.0.60', '8080:80', '1:20', '-', '- item', '? x', ': x',
  'key: value', 'a #comment', '#comment', "it's", '"quoted"', '{.items[0]}', "jsonpath='{.items[0].status.podIP}'", '[list]',
  '&anchor', '*alias', '!tag', '|', '>', '%', '@', '`', 'trailing ', ' leading', 'ends:', 'NAME   READY\nsleep  1/1\n',
  '결과에서 IP 마스킹 함\n', 'café', '😀 emoji\n', 'nul\u0000byte', 'bell\u0007\n', 'cr\r\nlf', 'bom\ufeff', 'del\u007f\n', 'nel\u0085x',
  'lone \ud800 surrogate', '\u00a0nbsp', 'a\n\tb\n', '---\n', '...\n', '--- x', '# heading\n- item\n',
];

const roundTrip = (data: Record<string, unknown>) => {
  const text = snapshotText(data);
  expect(parse(text)).toEqual(data);
  expect(parse(text, { version: '1.1' })).toEqual(data);
};

describe('snapshot text', () => {
  it('reads back as every odd string it was given, in maps and in lists', () => {
    for (const text of ODD_STRINGS) {
      roundTrip({ command: text, steps: [{ line: 1, output: text, sessionOutputs: [text, `${text}x`] }] });
    }
  });

  it('reads back as random strings built from the characters YAML cares about', () => {
    const alphabet = [' ', '\n', '\t', ':', '#', '-', "'", '"', '|', '>', 'a', 'b', '1', '.', '\u0000', '\r', '한', '\ud83d\ude00', '{', '['];
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      roundTrip({ output: text, steps: [{ output: text }], sessionOutputs: [text] });
    }
  });

  it('reads back as numbers, booleans, null and empty collections', () => {
    roundTrip({ exitCode: 0, code: null, stopped: true, durationMs: 1234, kubectl: {}, steps: [], more: [{}, [], [[1]], null] });
    expect(parse(snapshotText({ kubectl: { client: undefined }, steps: [{ timedOut: undefined }] }))).toEqual({ kubectl: {}, steps: [{}] });
  });

  it('writes output as a literal block and plain commands as they are', () => {
    const text = snapshotText({ steps: [{ line: 18, command: "kubectl get pod -o jsonpath='{.items[0]}'", output: 'a\nb\n' }] });
    expect(text).toBe("steps:\n  - line: 18\n    command: kubectl get pod -o jsonpath='{.items[0]}'\n    output: |\n      a\n      b\n");
  });

  it('writes the committed ch3 snapshot as the yaml library wrote it', () => {
    const committed = readFileSync(new URL('../../snapshots/notes/ch3.md.yaml', import.meta.url), 'utf8');
    expect(snapshotText(parse(committed))).toBe(committed);
  });
});
