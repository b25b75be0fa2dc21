// kubectl describe: pods, services, deployments, namespaces, configmaps, secrets (+ a generic form).
import { fail } from './errors.mjs';
import * as M from './model.mjs';
import { requireServer } from './main.mjs';
import { parseTargets, listKind, getOne, notFoundMsg, endpointsWarning } from './query.mjs';
import { tabwrite, humanDuration, rfc1123z } from './tabwriter.mjs';
import { formatEndpoints, formatLabelSelector } from './printers.mjs';
import { LAST_APPLIED } from './resources.mjs';
import { serverVersion } from './versions.mjs';

const L = (n) => '  '.repeat(n);

function multi(title, map, skip = []) {
  const keys = Object.keys(map ?? {})
    .filter((k) => !skip.includes(k))
    .sort();
  if (!keys.length) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i ? '' : title + ':'}\t${k}=${map[k]}\n`).join('');
}

function annotations(map) {
  const keys = Object.keys(map ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (!keys.length) return 'Annotations:\t<none>\n';
  return keys.map((k, i) => `${i ? '' : 'Annotations:'}\t${k}: ${map[k]}\n`).join('');
}

function events(list, now) {
  if (!list.length) return 'Events:\t<none>\n';
  let t = `Events:\n${L(1)}Type\tReason\tAge\tFrom\tMessage\n${L(1)}----\t------\t----\t----\t-------\n`;
  for (const e of list) t += `${L(1)}${e.type ?? 'Normal'}\t${e.reason}\t${humanDuration(now - e.at)}\t${e.from}\t${e.msg}\n`;
  return t;
}

function podEvents(s, pod, now) {
  const t0 = pod._ms - (pod._off ?? 0);
  const ready = M.isReady(pod, now);
  const ev = [{ at: t0, reason: 'Scheduled', from: 'default-scheduler', msg: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${s.node.name}` }];
  for (const c of pod.spec.containers) {
    ev.push({ at: t0 + 400, reason: 'Pulling', from: 'kubelet', msg: `Pulling image "${c.image}"` });
    if (ready) {
      const pulled = Math.max(t0 + 800, Math.min(now, pod._readyAt) - 300 - (pod._off ?? 0));
      const words = kubeletWords(c.name);
      ev.push({ at: pulled, reason: 'Pulled', from: 'kubelet', msg: `Successfully pulled image "${c.image}" ${words.pulled}` });
      ev.push({ at: pulled + 100, reason: 'Created', from: 'kubelet', msg: words.created });
      ev.push({ at: pulled + 200, reason: 'Started', from: 'kubelet', msg: words.started });
    }
  }
  return ev;
}

/** The kubelet's event wording by its version (the double's kubelet is the server's version). */
function kubeletWords(name) {
  const minor = Number(serverVersion().minor);
  const pulled = minor < 25 ? 'in 1.204s' : minor < 30 ? 'in 1.204s (1.204s including waiting)' : 'in 1.204s (1.204s including waiting). Image size: 3481623 bytes.';
  if (minor >= 35) return { pulled, created: 'Container created', started: 'Container started' };
  return { pulled, created: minor >= 33 ? `Created container: ${name}` : `Created container ${name}`, started: `Started container ${name}` };
}

function describePod(s, pod, now) {
  const v = M.view(s, pod, now);
  const ready = M.isReady(pod, now);
  let t = `Name:\t${pod.metadata.name}\nNamespace:\t${pod.metadata.namespace}\nPriority:\t0\nService Account:\tdefault\n`;
  t += `Node:\t${s.node.name}/${s.node.ip}\nStart Time:\t${rfc1123z(pod._ms - (pod._off ?? 0))}\n`;
  t += multi('Labels', pod.metadata.labels) + annotations(pod.metadata.annotations);
  t += `Status:\t${ready ? 'Running' : 'Pending'}\nIP:\t${ready ? pod._ip : ''}\n`;
  t += ready ? `IPs:\n${L(1)}IP:\t${pod._ip}\n` : 'IPs:\t<none>\n';
  const owner = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (owner) t += `Controlled By:\t${owner.kind}/${owner.name}\n`;
  t += 'Containers:\n';
  pod.spec.containers.forEach((c, i) => {
    const st = v.status.containerStatuses[i];
    t += `${L(1)}${c.name}:\n`;
    if (ready) t += `${L(2)}Container ID:\t${st.containerID}\n`;
    t += `${L(2)}Image:\t${c.image}\n${L(2)}Image ID:\t${st.imageID}\n`;
    const ports = c.ports ?? [];
    t += `${L(2)}Port:\t${ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`;
    t += `${L(2)}Host Port:\t${ports.length ? ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`;
    if (c.command) t += `${L(2)}Command:\n${c.command.map((x) => `${L(3)}${x}\n`).join('')}`;
    if (c.args) t += `${L(2)}Args:\n${c.args.map((x) => `${L(3)}${x}\n`).join('')}`;
    if (ready) t += `${L(2)}State:\tRunning\n${L(3)}Started:\t${rfc1123z(Math.min(now, pod._readyAt) - (pod._off ?? 0))}\n`;
    else t += `${L(2)}State:\tWaiting\n${L(3)}Reason:\tContainerCreating\n`;
    t += `${L(2)}Ready:\t${ready ? 'True' : 'False'}\n${L(2)}Restart Count:\t0\n`;
    const env = c.env ?? [];
    if (!env.length) t += `${L(2)}Environment:\t<none>\n`;
    else t += `${L(2)}Environment:\n` + env.map((e) => `${L(3)}${e.name}:\t${e.value ?? '<set to the key of a referenced object>'}\n`).join('');
    t += `${L(2)}Mounts:\n` + c.volumeMounts.map((m) => `${L(3)}${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`).join('');
  });
  t += `Conditions:\n${L(1)}Type\tStatus\n`;
  for (const c of v.status.conditions) t += `${L(1)}${c.type} \t${c.status} \n`;
  t += 'Volumes:\n';
  for (const vol of pod.spec.volumes) {
    t += `${L(1)}${vol.name}:\n`;
    if (vol.projected)
      t += `${L(2)}Type:\tProjected (a volume that contains injected data from multiple sources)\n${L(2)}TokenExpirationSeconds:\t3607\n${L(2)}ConfigMapName:\tkube-root-ca.crt\n${L(2)}ConfigMapOptional:\t<nil>\n${L(2)}DownwardAPI:\ttrue\n`;
    else if (vol.configMap) t += `${L(2)}Type:\tConfigMap (a volume populated by a ConfigMap)\n${L(2)}Name:\t${vol.configMap.name}\n${L(2)}Optional:\tfalse\n`;
    else if (vol.secret) t += `${L(2)}Type:\tSecret (a volume populated by a Secret)\n${L(2)}SecretName:\t${vol.secret.secretName}\n${L(2)}Optional:\tfalse\n`;
    else if (vol.emptyDir) t += `${L(2)}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${L(2)}Medium:\t\n${L(2)}SizeLimit:\t<unset>\n`;
    else t += `${L(2)}Type:\t${Object.keys(vol).find((k) => k !== 'name')}\n`;
  }
  t += 'QoS Class:\tBestEffort\nNode-Selectors:\t<none>\n';
  t += 'Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n';
  t += events(podEvents(s, pod, now), now);
  return t;
}

function describeService(s, svc, now) {
  const type = svc.spec.type ?? 'ClusterIP';
  let t = `Name:\t${svc.metadata.name}\nNamespace:\t${svc.metadata.namespace}\n` + multi('Labels', svc.metadata.labels) + annotations(svc.metadata.annotations);
  t += `Selector:\t${svc.spec.selector ? M.selectorString(svc.spec.selector) : '<none>'}\nType:\t${type}\n`;
  if (type !== 'ExternalName') {
    t += `IP Family Policy:\tSingleStack\nIP Families:\tIPv4\nIP:\t${svc.spec.clusterIP}\nIPs:\t${svc.spec.clusterIP}\n`;
  } else t += `External Name:\t${svc.spec.externalName}\n`;
  const ing = M.lbIngress(s, svc);
  if (ing && ing.length) t += `LoadBalancer Ingress:\t${ing.map((i) => `${i.ip ?? i.hostname}${i.ipMode ? ` (${i.ipMode})` : ''}`).join(', ')}\n`;
  const ep = M.endpointsFor(s, svc, now);
  for (const p of svc.spec.ports ?? []) {
    const name = p.name || '<unset>';
    t += `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}\n`;
    t += `TargetPort:\t${p.targetPort}/${p.protocol ?? 'TCP'}\n`;
    if (p.nodePort) t += `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`;
    if (ep) {
      const filtered = { subsets: (ep.subsets ?? []).map((ss) => ({ ...ss, ports: ss.ports.filter((q) => (q.name ?? '') === (p.name ?? '')) })) };
      t += `Endpoints:\t${formatEndpoints(filtered)}\n`;
    } else t += 'Endpoints:\t\n';
  }
  t += `Session Affinity:\tNone\n`;
  if (type === 'NodePort' || type === 'LoadBalancer') t += 'External Traffic Policy:\tCluster\n';
  t += 'Internal Traffic Policy:\tCluster\n';
  t += events(type === 'LoadBalancer' ? [{ at: svc._ms - svc._off, reason: 'AppliedDaemonSet', from: 'service-lb-controller', msg: `Applied LoadBalancer DaemonSet kube-system/svclb-${svc.metadata.name}-${svc.metadata.uid.slice(0, 8)}` }] : [], now);
  return t;
}

function describeDeployment(s, d, now) {
  const st = M.deploymentStatus(s, d, now);
  const want = d.spec.replicas ?? 1;
  let t = `Name:\t${d.metadata.name}\nNamespace:\t${d.metadata.namespace}\nCreationTimestamp:\t${rfc1123z(d._ms - d._off)}\n`;
  t += multi('Labels', d.metadata.labels) + annotations(d.metadata.annotations);
  t += `Selector:\t${formatLabelSelector(d.spec.selector)}\n`;
  t += `Replicas:\t${want} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`;
  t += `StrategyType:\tRollingUpdate\nMinReadySeconds:\t0\nRollingUpdateStrategy:\t25% max unavailable, 25% max surge\n`;
  const tmpl = d.spec.template;
  t += `Pod Template:\n${L(1)}` + multi('Labels', tmpl.metadata?.labels).replace(/\n\t/g, `\n${L(1)}\t`);
  const ann = Object.keys(tmpl.metadata?.annotations ?? {});
  if (ann.length) t += `${L(1)}Annotations:\t${ann.map((k) => `${k}: ${tmpl.metadata.annotations[k]}`).join(`\n${L(1)}\t`)}\n`;
  t += `${L(1)}Containers:\n`;
  for (const c of tmpl.spec.containers) {
    const ports = c.ports ?? [];
    t += `${L(1)} ${c.name}:\n${L(2)}Image:\t${c.image}\n`;
    t += `${L(2)}Port:\t${ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`;
    t += `${L(2)}Host Port:\t${ports.length ? ports.map((p) => `0/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`;
    const env = c.env ?? [];
    t += env.length ? `${L(2)}Environment:\n` + env.map((e) => `${L(3)}${e.name}:\t${e.value ?? '<set to the key of a referenced object>'}\n`).join('') : `${L(2)}Environment:\t<none>\n`;
    t += `${L(2)}Mounts:\t<none>\n`;
  }
  t += `${L(1)}Volumes:\t<none>\n${L(1)}Node-Selectors:\t<none>\n${L(1)}Tolerations:\t<none>\n`;
  t += `Conditions:\n${L(1)}Type\tStatus\tReason\n${L(1)}----\t------\t------\n`;
  for (const c of st.conditions) t += `${L(1)}${c.type} \t${c.status}\t${c.reason}\n`;
  const cur = M.currentRS(s, d);
  const old = M.list(s, 'ReplicaSet', d.metadata.namespace).filter((rs) => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid && rs !== cur && M.rsPods(s, rs).length);
  t += `OldReplicaSets:\t${old.length ? old.map((rs) => `${rs.metadata.name} (${M.rsPods(s, rs).length}/${rs.spec.replicas} replicas created)`).join(', ') : '<none>'}\n`;
  t += `NewReplicaSet:\t${cur ? `${cur.metadata.name} (${M.rsPods(s, cur).length}/${cur.spec.replicas} replicas created)` : '<none>'}\n`;
  t += events((d._events ?? []).map((e) => ({ ...e, from: 'deployment-controller' })), now);
  return t;
}

function describeGeneric(s, o, now) {
  let t = `Name:\t${o.metadata.name}\n`;
  if (o.metadata.namespace) t += `Namespace:\t${o.metadata.namespace}\n`;
  t += multi('Labels', o.metadata.labels) + annotations(o.metadata.annotations);
  switch (o.kind) {
    case 'Namespace':
      return t + 'Status:\tActive\n\nNo resource quota.\n\nNo LimitRange resource.\n';
    case 'ConfigMap': {
      t += '\nData\n====\n';
      for (const k of Object.keys(o.data ?? {}).sort()) t += `${k}:\n----\n${o.data[k]}\n\n`;
      return t + '\nBinaryData\n====\n\nEvents:\t<none>\n';
    }
    case 'Secret': {
      t += `\nType:\t${o.type}\n\nData\n====\n`;
      for (const k of Object.keys(o.data ?? {}).sort()) t += `${k}:\t${Buffer.from(o.data[k], 'base64').length} bytes\n`;
      return t;
    }
    case 'ReplicaSet': {
      const st = M.rsStatus(s, o, now);
      const owner = o.metadata.ownerReferences?.[0];
      t += `Selector:\t${formatLabelSelector(o.spec.selector)}\n`;
      if (owner) t += `Controlled By:\t${owner.kind}/${owner.name}\n`;
      t += `Replicas:\t${st.replicas} current / ${o.spec.replicas} desired\nPods Status:\t${st.readyReplicas ?? 0} Running / ${st.replicas - (st.readyReplicas ?? 0)} Waiting / 0 Succeeded / 0 Failed\n`;
      return t + events([], now);
    }
    case 'Endpoints': {
      t += 'Subsets:\n';
      for (const ss of o.subsets ?? []) {
        t += `${L(1)}Addresses:\t${ss.addresses.map((a) => a.ip).join(',')}\n${L(1)}NotReadyAddresses:\t<none>\n${L(1)}Ports:\n${L(2)}Name\tPort\tProtocol\n${L(2)}----\t----\t--------\n`;
        for (const p of ss.ports) t += `${L(2)}${p.name ?? '<unset>'}\t${p.port}\t${p.protocol}\n`;
        t += '\n';
      }
      return t + events([], now);
    }
  }
  return t + events([], now);
}

export async function describe(ctx) {
  const { args, io } = ctx;
  const words = args.pos.slice(1);
  if (!words.length) fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples");
  const targets = parseTargets(words);
  requireServer(ctx);
  const s = ctx.state();
  const now = ctx.now();
  const objs = [];
  const errors = [];
  const reqs = args.has('selector') ? M.parseSelector(args.get('selector')) : null;
  const allNs = args.bool('all-namespaces');
  for (const t of targets) {
    if (t.kind === 'Endpoints') io.err(endpointsWarning());
    if (t.names.length) {
      for (const n of t.names) {
        const o = getOne(s, t.kind, ctx.ns, n, now);
        if (o) objs.push(o);
        else {
          // describe falls back to a prefix match
          const pre = listKind(s, t.kind, ctx.ns, now).filter((x) => x.metadata.name.startsWith(n));
          if (pre.length) objs.push(...pre);
          else errors.push(notFoundMsg(t.kind, n));
        }
      }
    } else objs.push(...listKind(s, t.kind, allNs ? null : ctx.ns, now).filter((o) => !reqs || M.matches(o.metadata.labels, reqs)));
  }
  const texts = objs.map((o) => {
    const raw =
      o.kind === 'Pod' ? describePod(s, o, now) : o.kind === 'Service' ? describeService(s, o, now) : o.kind === 'Deployment' ? describeDeployment(s, o, now) : describeGeneric(s, o, now);
    return tabwrite(raw, 0, 2);
  });
  io.out(texts.join('\n\n'));
  if (!objs.length && !errors.length) io.err(allNs ? 'No resources found\n' : `No resources found in ${ctx.ns} namespace.\n`);
  if (errors.length) fail(errors.join('\n'));
  return 0;
}
