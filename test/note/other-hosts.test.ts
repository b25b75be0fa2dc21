import { describe, expect, it } from 'vitest';
import type { CommandStep, Note } from '../../src/model.js';
import { describeCommand } from '../../src/note/command/describe-command.js';
import { parseNote } from '../../src/note/parse-note.js';
import { promptOf } from '../../src/note/prompts.js';

// Issue 23: what the author ran elsewhere or only described is never run. Templates with
// spaces or mixed brackets, lines typed on another machine (after `ssh node01`, at a
// prompt naming it), database prompts, output in the next fence, remarks about what
// comes next, a real `%` at the end of output, `kubectl edit`.

const parse = (markdown: string): Note => parseNote('note.md', markdown);
const commands = (note: Note): CommandStep[] => note.steps.filter((step): step is CommandStep => step.kind === 'command');
const fence = (body: string, lang = 'bash') => `\`\`\`${lang}\n${body}\n\`\`\`\n`;
const read = (body: string) => commands(parse(fence(body)));
/** [command, skip reason or 'run'] for each step. */
const readings = (steps: CommandStep[]) => steps.map((step) => [step.command, step.skip ?? step.notExecutable ?? 'run']);

describe('templates with spaces or mixed brackets', () => {
  it.each([
    'kubectl cordon ‹노드 이름>',
    'kubectl get [리소스 타입]',
    'kubectl logs [화일이름]',
    'ssh ‹본인 VM Public IP>',
    'kubectl describe node <node 이름>',
    'kubectl get deploy <deployment 이름>',
    'kubectl get pods -n <your namespace>',
    'kubectl drain [NODE_NAME] --ignore-daemonsets',
    'kubectl delete pod [pod-name]',
    'curl "<노드 IP>:30080"',
  ])('%s is a template, never run', (line) => {
    expect(describeCommand(line).template, line).toBeDefined();
    const [step] = read(line);
    expect(step.skip).toMatch(/template/);
  });

  it.each([
    '[ -f x ] && echo yes',
    '[[ -n $HOME ]] && echo ok',
    'cat <<EOF > a.txt\nhi\nEOF',
    'kubectl apply -f - < pod.yaml',
    'sort <names.txt >sorted.txt',
    'kubectl get po 2>&1',
    'diff <(ls a) <(ls b)',
    'echo ${HOME} ${arr[0]}',
    "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
    'kubectl get pods -o jsonpath={.items[0].metadata.name}',
    'ls [abc]*.txt',
    'echo "<h1>hello world</h1>" > index.html',
  ])('%s is real shell, not a template', (line) => {
    expect(describeCommand(line).template, line).toBeUndefined();
  });
});

describe('lines typed on another machine', () => {
  it('never runs what is typed after `ssh node01`, in the following blocks too, up to `exit`', () => {
    const note = parse(
      [
        fence('controlplane $ ssh node01'),
        'On the node:',
        fence('ps aux | grep kubelet\njournalctl -u kubelet | tail -n 2\n# -- No entries --'),
        fence('systemctl restart kubelet\ncd /etc/kubernetes/manifests\nexit\n# logout'),
        fence('kubectl get nodes'),
      ].join('\n'),
    );
    expect(readings(commands(note))).toEqual([
      ['ssh node01', 'opens a shell on node01 over ssh: neither it nor the lines typed there are run'],
      ['ps aux | grep kubelet', 'typed on node01 over ssh'],
      ['journalctl -u kubelet | tail -n 2', 'typed on node01 over ssh'],
      ['systemctl restart kubelet', 'typed on node01 over ssh'],
      ['cd /etc/kubernetes/manifests', 'typed on node01 over ssh'],
      ['exit', 'typed on node01 over ssh'],
      ['kubectl get nodes', 'run'],
    ]);
    const steps = commands(note);
    expect(steps[2].output?.text).toBe('-- No entries --');
    expect(steps[5].output?.text).toBe('logout');
    expect(steps.slice(1, 6).every((step) => step.host === 'node01')).toBe(true);
  });

  it('ends the session at a prompt of the first host, in the same block', () => {
    const steps = read('controlplane $ ssh node01\nnode01 $ systemctl status kubelet\n● kubelet.service - kubelet\ncontrolplane $ kubectl get nodes');
    expect(readings(steps).map(([command, why]) => [command, why === 'run' ? 'run' : why.startsWith('typed on node01') || why.startsWith('opens') ? 'remote' : why])).toEqual([
      ['ssh node01', 'remote'],
      ['systemctl status kubelet', 'remote'],
      ['kubectl get nodes', 'run'],
    ]);
    expect(steps[1].output?.text).toBe('● kubelet.service - kubelet');
  });

  it('ends a session left open at the next section, not inside its own subsections', () => {
    const note = parse(['## Fix the node', fence('ssh node01'), '### Check', fence('systemctl status kubelet'), '## Next task', fence('kubectl get po')].join('\n'));
    expect(readings(commands(note)).map(([command, why]) => [command, why === 'run'])).toEqual([
      ['ssh node01', false],
      ['systemctl status kubelet', false],
      ['kubectl get po', true],
    ]);
  });

  it.each([
    ['vagrant ssh node1', 'node1 over vagrant ssh'],
    ['vagrant ssh', 'the Vagrant machine over vagrant ssh'],
    ['minikube ssh', 'minikube over minikube ssh'],
    ['minikube ssh -n minikube-m02', 'minikube-m02 over minikube ssh'],
    ['multipass shell k8s-master', 'k8s-master over multipass shell'],
    ['docker exec -it kind-control-plane bash', 'kind-control-plane over docker exec'],
    ['ssh -i key.pem ubuntu@10.0.0.5', '10.0.0.5 over ssh'],
    ['sudo ssh root@worker1', 'worker1 over ssh'],
  ])('%s opens a shell elsewhere: typed on %s', (opener, where) => {
    const steps = read(`${opener}\nsystemctl restart kubelet\nexit`);
    expect(steps.map((step) => step.skip)).toEqual([expect.stringContaining(`on ${where.split(' over ')[0]}`), `typed on ${where}`, `typed on ${where}`]);
  });

  it('runs a command given to ssh or docker on the spot only if it can, never opens a session for it', () => {
    expect(describeCommand('ssh node01 systemctl status kubelet').remoteShell).toBeUndefined();
    expect(describeCommand('docker exec kind-control-plane crictl ps').remoteShell).toBeUndefined();
    expect(describeCommand("vagrant ssh master -c 'kubectl get nodes'").remoteShell).toBeUndefined();
    expect(describeCommand('docker run -it --rm -p 8080:80 nginx').remoteShell).toBeUndefined();
    expect(describeCommand('docker run -it --rm busybox').remoteShell).toEqual({ host: 'a busybox container', via: 'docker run' });
    expect(read('ssh node01 systemctl status kubelet\nkubectl get po').map((step) => step.command)).toEqual(['ssh node01 systemctl status kubelet', 'kubectl get po']);
  });

  it('reads the lines after `kubectl run -it` or `kubectl debug -it` of an OS image as typed in its shell', () => {
    const [run] = read('kubectl run -it --rm tmp --image=busybox --restart=Never\nnslookup web\nexit');
    expect(run.session?.map((line) => line.command)).toEqual(['nslookup web', 'exit']);
    const [debug] = read('kubectl debug node/node01 -it --image=ubuntu\nls /host/etc/kubernetes\nexit');
    expect(debug.session?.map((line) => line.command)).toEqual(['ls /host/etc/kubernetes', 'exit']);
    expect(describeCommand('kubectl run -it web --image=nginx').opensSession).toBe(false);
  });

  it('skips a transcript line whose prompt names another machine than the note’s own', () => {
    const steps = read('root@controlplane:~# kubectl get nodes\nNAME   STATUS\nroot@worker1:~# systemctl restart kubelet\nroot@controlplane:~# kubectl get po\nNAME');
    expect(readings(steps)).toEqual([
      ['kubectl get nodes', 'run'],
      ['systemctl restart kubelet', 'typed on worker1 (its prompt names it)'],
      ['kubectl get po', 'run'],
    ]);
    expect(steps[1].host).toBe('worker1');
  });

  it('runs lines pasted from the author’s laptop and a lab machine alike: only a worker’s name or a machine ssh reached is elsewhere', () => {
    const steps = read('controlplane $ kubectl get nodes\nuser@laptop:~/k8s$ kubectl get po\nnode01 $ crictl ps\nubuntu@ip-10-0-0-7:~$ kubectl get svc');
    expect(steps.map((step) => step.host)).toEqual([undefined, undefined, 'node01', undefined]);
    const reached = parse(`${fence('ssh lab-vm')}\n${fence('exit')}\n${fence('user@laptop:~$ kubectl get po\nubuntu@lab-vm:~$ sudo reboot')}`);
    expect(commands(reached).map((step) => step.host)).toEqual([undefined, 'lab-vm', undefined, 'lab-vm']);
  });

  it('keeps the same machine under another user or folder, and a shell’s name is no machine', () => {
    const steps = read('controlplane $ kubectl get nodes\nroot@controlplane:~/x# kubectl get po\nbash$ kubectl get svc\ncontrolplane:~$ kubectl get ns');
    expect(steps.map((step) => step.skip)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('database prompts', () => {
  it('reads each prompted line as typed at the database, with the table under it as its output', () => {
    const steps = read(
      [
        'kubectl exec -it mysql-0 -- mysql -uroot -p',
        "mysql> SELECT name FROM users WHERE name = 'O''Brien';",
        '+---------+',
        '| name    |',
        '+---------+',
        "| O'Brien |",
        '+---------+',
        '1 row in set (0.00 sec)',
        '',
        'mysql> exit',
        'Bye',
        '',
        'kubectl get po',
      ].join('\n'),
    );
    expect(readings(steps).map(([command, why]) => [command, why === 'run' ? 'run' : 'not'])).toEqual([
      ['kubectl exec -it mysql-0 -- mysql -uroot -p', 'not'],
      ["SELECT name FROM users WHERE name = 'O''Brien';", 'not'],
      ['exit', 'not'],
      ['kubectl get po', 'run'],
    ]);
    expect(steps[0].skip).toMatch(/mysql/);
    expect(steps[1].output?.text.split('\n')).toHaveLength(6);
    expect(steps[2].output?.text).toBe('Bye');
  });

  it('knows psql’s and redis-cli’s prompts, and psql’s continuation lines', () => {
    expect(promptOf('postgres=# \\l')).toMatchObject({ kind: 'foreign', rest: '\\l' });
    expect(promptOf('postgres-# FROM t;')).toMatchObject({ kind: 'foreign' });
    expect(promptOf('127.0.0.1:6379> GET a')).toMatchObject({ kind: 'foreign', rest: 'GET a' });
    expect(promptOf('redis> GET a')).toMatchObject({ kind: 'foreign' });
    const steps = read('kubectl exec -it pg-0 -- psql -U postgres\npostgres=# SELECT 1\npostgres-# ;\n ?column?\n----------\n        1\n(1 row)\n\npostgres=# \\q');
    expect(steps.map((step) => step.command)).toEqual(['kubectl exec -it pg-0 -- psql -U postgres', 'SELECT 1\n;', '\\q']);
    expect(steps.every((step) => step.skip !== undefined)).toBe(true);
    expect(steps[1].output?.text).toBe(' ?column?\n----------\n        1\n(1 row)');
  });

  it('opens a database prompt only when no query is given', () => {
    expect(describeCommand('kubectl exec -it mysql-0 -- mysql -uroot -p').opensDatabase).toBe('mysql');
    expect(describeCommand('kubectl exec -it redis -- redis-cli').opensDatabase).toBe('redis-cli');
    expect(describeCommand("kubectl exec mysql-0 -- mysql -uroot -e 'show databases'").opensDatabase).toBeUndefined();
    expect(describeCommand('kubectl exec -it redis -- redis-cli ping').opensDatabase).toBeUndefined();
  });
});

describe('output in the next fence', () => {
  it('takes a block of output right after a block holding one command as its documented output', () => {
    const note = parse(`${fence('kubectl get svc')}\nOutput:\n\n${fence('NAME         TYPE        CLUSTER-IP   PORT(S)\nkubernetes   ClusterIP   10.96.0.1    443/TCP', '')}`);
    const [step] = commands(note);
    expect(step.output).toMatchObject({ text: 'NAME         TYPE        CLUSTER-IP   PORT(S)\nkubernetes   ClusterIP   10.96.0.1    443/TCP', firstLine: 8, lastLine: 9 });
    expect(note.messages.filter((m) => m.message.includes('label it'))).toEqual([]);
  });

  it('takes a bash block of output too, and never one with a command or a prompt', () => {
    const pasted = parse(`${fence('kubectl get ns')}\n${fence('NAME      STATUS   AGE\ndefault   Active   5d')}`);
    expect(commands(pasted).map((step) => [step.command, step.output?.text, step.notExecutable])).toEqual([['kubectl get ns', 'NAME      STATUS   AGE\ndefault   Active   5d', undefined]]);
    const two = parse(`${fence('kubectl get ns')}\n${fence('$ kubectl get po\nNAME', 'console')}`);
    expect(commands(two)[0].output).toBeUndefined();
    const sections = parse(`${fence('kubectl get ns')}\n## Next\n${fence('NAME      STATUS   AGE', '')}`);
    expect(commands(sections)[0].output).toBeUndefined();
    const notAlone = parse(`${fence('kubectl apply -f x.yaml\nkubectl get ns')}\n${fence('NAME      STATUS   AGE', '')}`);
    expect(commands(notAlone)[1].output).toBeUndefined();
  });
});

describe('remarks about what comes next', () => {
  it('reads a sentence the author wrote under a command as a remark, not its output', () => {
    const steps = read('cat /var/lib/kubelet/config.yaml | grep static\n# Output shows staticPodPath where the manifests live\nkubectl get pods -n kube-system');
    expect(steps.map((step) => [step.command, step.output?.text])).toEqual([
      ['cat /var/lib/kubelet/config.yaml | grep static', undefined],
      ['kubectl get pods -n kube-system', undefined],
    ]);
    const korean = read('kubectl apply -f web.yaml\n# 이제 파드가 떴는지 확인한다\nkubectl get po');
    expect(korean[0].output).toBeUndefined();
  });

  it('still reads output that reads like a sentence, and an intro line before output', () => {
    expect(read('kubectl wait --for=condition=Ready pod -l app=web\n# pod/web-1 condition met\nkubectl get po')[0].output?.text).toBe('pod/web-1 condition met');
    expect(read('kubectl get po -n x\n# No resources found in x namespace.')[0].output?.text).toBe('No resources found in x namespace.');
    const [step] = read('kubectl get nodes\n# Expected output:\n# NAME     STATUS\n# node01   Ready');
    expect(step.output).toMatchObject({ text: 'NAME     STATUS\nnode01   Ready', firstLine: 4 });
  });
});

describe('the zsh `%` mark', () => {
  it('keeps a real `%` at the end of output, and reads every row', () => {
    const [step] = read('kubectl top nodes\n# NAME     CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%\n# node01   250m         12%    1024Mi          49%\n# node02   200m         10%    900Mi           45%');
    expect(step.output?.text.split('\n')).toHaveLength(3);
    expect(step.output?.text.endsWith('45%')).toBe(true);
    expect(step.output?.droppedZshMark).toBeUndefined();
  });

  it('drops it after output without a final newline', () => {
    const [ip] = read("kubectl get pod x -o jsonpath='{.status.podIP}'\n# 10.42.0.60%");
    expect(ip.output).toMatchObject({ text: '10.42.0.60', droppedZshMark: true });
    const [echo] = read('echo -n 100\n# 100%');
    expect(echo.output?.text).toBe('100');
    const [word] = read('curl -s localhost:8080\nhello world%');
    expect(word.output?.text).toBe('hello world');
  });
});

describe('kubectl edit', () => {
  it('says why it is not run and what the note documents for it', () => {
    const [edit, next] = read('kubectl edit svc x\n# service/x edited\nkubectl get svc x');
    expect(edit.skip).toMatch(/editor/);
    expect(edit.skip).toContain('service/x edited');
    expect(edit.output?.text).toBe('service/x edited');
    expect(next.command).toBe('kubectl get svc x');
    const [buffer] = read('kubectl edit deploy web\nspec:\n  replicas: 1   # --> 3으로 수정\n<ESC> + :wq\ndeployment.apps/web edited');
    expect(buffer.skip).toContain('deployment.apps/web edited');
    expect(buffer.editorBuffer).toEqual([3, 5]);
    expect(buffer.output).toMatchObject({ text: 'deployment.apps/web edited', firstLine: 6, lastLine: 6 });
  });
});
