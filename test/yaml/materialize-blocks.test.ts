import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { materializeBlocks } from '../../src/yaml/materialize-blocks.js';
import { DEPLOYMENT, SERVICE, contentsOf, fence, parse, removeWorkdirs, workdir } from './workdir.js';

afterEach(removeWorkdirs);

describe('materializeBlocks', () => {
  it('writes a block bound to a missing file into a scratch copy, leaving the working dir alone', () => {
    const cwd = workdir({ 'sleep/sleep1.yaml': DEPLOYMENT, 'node_modules/x/index.js': '', '.git/HEAD': 'ref' });
    const before = contentsOf(cwd);
    const note = parse(`서비스 정의 (한글 주석)\n${fence(`# 서비스\n${SERVICE}`, 'yaml')}${fence('kubectl apply -f sleep/sleep2-service.yaml')}`);
    const scratch = materializeBlocks(note, cwd);
    try {
      expect(scratch.cwd).not.toBe(cwd);
      expect(scratch.written).toEqual(['sleep/sleep2-service.yaml']);
      expect(readFileSync(join(scratch.cwd, 'sleep/sleep2-service.yaml'), 'utf8')).toBe(`# 서비스\n${SERVICE}`);
      expect(readFileSync(join(scratch.cwd, 'sleep/sleep1.yaml'), 'utf8')).toBe(DEPLOYMENT);
      expect(existsSync(join(scratch.cwd, 'node_modules'))).toBe(false);
      expect(existsSync(join(scratch.cwd, '.git'))).toBe(false);
      expect(contentsOf(cwd)).toEqual(before);
    } finally {
      scratch.cleanup();
    }
    expect(existsSync(scratch.cwd)).toBe(false);
    expect(contentsOf(cwd)).toEqual(before);
  });

  it('joins blocks bound to the same missing file, in note order', () => {
    const note = parse(fence(DEPLOYMENT, 'yaml file=app.yaml') + fence(SERVICE, 'yaml file=app.yaml'));
    const scratch = materializeBlocks(note, workdir());
    try {
      expect(readFileSync(join(scratch.cwd, 'app.yaml'), 'utf8')).toBe(`${DEPLOYMENT}---\n${SERVICE}`);
    } finally {
      scratch.cleanup();
    }
  });

  it('runs in the working dir itself when every bound file exists or nothing is bound', () => {
    const cwd = workdir({ 'svc.yaml': SERVICE });
    const note = parse(fence(SERVICE, 'yaml') + fence('kubectl apply -f svc.yaml') + fence('a: [1', 'yaml file=broken.yaml') + fence(DEPLOYMENT, 'yaml'));
    expect(materializeBlocks(note, cwd)).toMatchObject({ cwd, written: [] });
  });

  it('never writes outside the working dir', () => {
    const parent = workdir({ 'work/keep.txt': 'x' });
    const note = parse(fence(SERVICE, 'yaml file=../escaped.yaml'));
    expect(materializeBlocks(note, join(parent, 'work'))).toMatchObject({ cwd: join(parent, 'work'), written: [] });
    expect(existsSync(join(parent, 'escaped.yaml'))).toBe(false);
  });
});
