import { afterEach, describe, expect, it } from 'vitest';
import { bindYamlBlock } from '../../src/yaml/bind-yaml-block.js';
import { DEPLOYMENT, SERVICE, fence, parse, removeWorkdirs, workdir, yamlSteps } from './workdir.js';

afterEach(removeWorkdirs);

/** The binding of the note's first yaml block. */
function bind(markdown: string, cwd: string) {
  const note = parse(markdown);
  return bindYamlBlock(yamlSteps(note)[0], note.steps, cwd);
}

describe('bindYamlBlock', () => {
  it('takes the path in the info string, present or not', () => {
    const cwd = workdir({ 'sleep/sleep2-service.yaml': SERVICE });
    expect(bind(fence(SERVICE, 'yaml file=sleep/sleep2-service.yaml'), cwd)).toEqual({ file: 'sleep/sleep2-service.yaml', exists: true, how: 'info string' });
    expect(bind(fence(SERVICE, 'yaml file=new/svc.yaml'), cwd)).toEqual({ file: 'new/svc.yaml', exists: false, how: 'info string' });
  });

  it('takes a file name in the text above, found anywhere under the working dir', () => {
    const cwd = workdir({ 'lab/api-service.yaml': SERVICE });
    expect(bind(`- Service 정의 - api-service.yaml\n\n  ${fence(SERVICE, 'yaml').replace(/\n/g, '\n  ')}`, cwd)).toEqual({
      file: 'lab/api-service.yaml',
      exists: true,
      how: 'text above',
    });
  });

  it('takes a link target above the block', () => {
    const cwd = workdir({ 'lab/cluster-ip-service.yaml': SERVICE });
    expect(bind(`정의는 [여기](./lab/cluster-ip-service.yaml)\n${fence(SERVICE, 'yaml')}`, cwd)).toMatchObject({ file: 'lab/cluster-ip-service.yaml', how: 'text above' });
  });

  it('ignores a name above that names no file, or more than one', () => {
    const cwd = workdir({ 'a/svc.yaml': SERVICE, 'b/svc.yaml': SERVICE });
    expect(bind(`missing.yaml 또는 svc.yaml\n${fence(SERVICE, 'yaml')}`, cwd)).toBeUndefined();
  });

  it('takes the nearest apply after the block of a file holding the same kind and name', () => {
    const cwd = workdir({ 'other.yaml': DEPLOYMENT, 'sleep/svc.yaml': SERVICE });
    const note = fence(SERVICE, 'yaml') + fence('kubectl apply -f other.yaml') + fence('kubectl apply -f sleep/svc.yaml');
    expect(bind(note, cwd)).toEqual({ file: 'sleep/svc.yaml', exists: true, how: 'apply', applyLine: 16 });
  });

  it('takes an apply before the block when none after holds the object', () => {
    const cwd = workdir({ 'svc.yaml': SERVICE });
    const note = fence('kubectl apply -f svc.yaml') + '서비스 정의\n' + fence(SERVICE, 'yaml');
    expect(bind(note, cwd)).toMatchObject({ file: 'svc.yaml', exists: true, applyLine: 2 });
  });

  it('looks into an applied directory for the file holding the object', () => {
    const cwd = workdir({ 'lab/1-deploy.yaml': DEPLOYMENT, 'lab/2-svc.yml': SERVICE, 'lab/readme.md': 'kind: Service' });
    expect(bind(fence(SERVICE, 'yaml') + fence('kubectl apply -f lab/'), cwd)).toMatchObject({ file: 'lab/2-svc.yml', how: 'apply' });
  });

  it('binds an applied path that does not exist yet, when it is applied right after the block', () => {
    const cwd = workdir();
    expect(bind(fence(SERVICE, 'yaml') + fence('kubectl apply -f sleep/new.yaml'), cwd)).toEqual({ file: 'sleep/new.yaml', exists: false, how: 'apply', applyLine: 13 });
    // Before the block, or past another yaml block, a missing file is as likely another block's.
    expect(bind(fence('kubectl apply -f sleep/old.yaml') + fence(SERVICE, 'yaml'), cwd)).toBeUndefined();
    expect(bind(fence(SERVICE, 'yaml') + fence(DEPLOYMENT, 'yaml') + fence('kubectl apply -f d.yaml'), cwd)).toBeUndefined();
  });

  it('prefers an existing file holding the object over a missing path nearer by', () => {
    const cwd = workdir({ 'svc.yaml': SERVICE });
    const note = fence(SERVICE, 'yaml') + fence('kubectl apply -f missing.yaml') + fence('kubectl apply -f svc.yaml');
    expect(bind(note, cwd)).toMatchObject({ file: 'svc.yaml', exists: true });
  });

  it('does not bind to an applied file holding other objects', () => {
    const cwd = workdir({ 'deploy.yaml': DEPLOYMENT });
    expect(bind(fence(SERVICE, 'yaml') + fence('kubectl apply -f deploy.yaml'), cwd)).toBeUndefined();
  });

  it('lets the info string win over the text above, and the text above over an apply', () => {
    const cwd = workdir({ 'a.yaml': SERVICE, 'b.yaml': SERVICE, 'c.yaml': SERVICE });
    const tail = fence('kubectl apply -f c.yaml');
    expect(bind(`b.yaml\n${fence(SERVICE, 'yaml file=a.yaml')}${tail}`, cwd)).toMatchObject({ file: 'a.yaml', how: 'info string' });
    expect(bind(`b.yaml\n${fence(SERVICE, 'yaml')}${tail}`, cwd)).toMatchObject({ file: 'b.yaml', how: 'text above' });
    expect(bind(`${fence(SERVICE, 'yaml')}${tail}`, cwd)).toMatchObject({ file: 'c.yaml', how: 'apply' });
  });
});
