// ping, nslookup, wget and curl: BusyBox-like output computed from the cluster state.
import * as R from './rand.mjs';
import * as N from './network.mjs';
import { getopt, sleep } from './box-util.mjs';

export const BODY = '<html><body><h1>It works!</h1></body></html>\n';
const fmtUs = (us) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

export async function ping(args, io) {
  const { opts, rest } = getopt(args, ['c', 'W', 'w', 'i', 's', 't', 'I']);
  const host = rest[0];
  if (!host) {
    io.err('BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return 1;
  }
  const r = N.resolve(this.s, this.pod, host, this.now);
  if (!r || !r.ips.length) {
    io.err(`ping: bad address '${host}'\n`);
    return 1;
  }
  const ip = r.ips[0];
  const size = opts.s !== undefined ? Number(opts.s) : 56;
  const count = opts.c !== undefined ? Number(opts.c) : opts.w !== undefined ? Number(opts.w) : Infinity;
  const replies = N.answersPing(this.s, ip);
  io.out(`PING ${host} (${ip}): ${size} data bytes\n`);
  const times = [];
  let sent = 0;
  let interrupted = false;
  const onSig = () => (interrupted = true);
  if (count === Infinity) process.once('SIGINT', onSig);
  for (let seq = 0; seq < count && !interrupted; seq++) {
    sent++;
    if (replies) {
      const us = seq === 0 ? R.int(150, 600) : R.int(45, 160);
      times.push(us);
      if (!opts.q) io.out(`${size + 8} bytes from ${ip}: seq=${seq} ttl=64 time=${fmtUs(us)} ms\n`);
    }
    if (count === Infinity) await sleep(1000);
  }
  const recv = times.length;
  const loss = sent ? Math.floor(((sent - recv) * 100) / sent) : 0;
  io.out(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${recv} packets received, ${loss}% packet loss\n`);
  if (recv) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = Math.floor(times.reduce((a, b) => a + b, 0) / recv);
    io.out(`round-trip min/avg/max = ${fmtUs(min)}/${fmtUs(avg)}/${fmtUs(max)} ms\n`);
  }
  return recv ? 0 : 1;
}

export function nslookup(args, io) {
  const { rest } = getopt(args, []);
  const name = rest[0];
  if (!name) {
    io.err('BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  let out = `Server:\t\t${N.clusterDns()}\nAddress:\t${N.clusterDns()}:53\n\n`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    const arpa = `${name.split('.').reverse().join('.')}.in-addr.arpa`;
    const ptr = N.reverse(this.s, name, this.now);
    if (!ptr) {
      io.out(out + `** server can't find ${arpa}: NXDOMAIN\n\n`);
      return 1;
    }
    io.out(out + `${arpa}\tname = ${ptr}\n\n`);
    return 0;
  }
  const cands = N.candidates(name.toLowerCase(), this.pod.metadata.namespace);
  let hit = null;
  for (const c of cands) {
    const r = N.lookupFqdn(this.s, c, this.now);
    if (r) {
      hit = r;
      break;
    }
  }
  const misses = cands.filter((c) => c !== hit?.fqdn);
  for (const c of misses) out += `** server can't find ${c}: NXDOMAIN\n\n`;
  if (hit) {
    if (hit.cname) out += `${hit.fqdn}\tcanonical name = ${hit.cname}\n`;
    for (const ip of hit.ips) out += `Name:\t${hit.fqdn}\nAddress: ${ip}\n`;
    out += '\n';
  }
  for (const c of misses) out += `** server can't find ${c}: NXDOMAIN\n\n`;
  io.out(out);
  return hit ? 0 : 1;
}

function parseUrl(u) {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)/.exec(u);
  if (!m) return null;
  return { scheme: m[1] ?? 'http', host: m[2], port: Number(m[3] ?? (m[1] === 'https' ? 443 : 80)), path: m[4] || '/' };
}

export function wget(args, io) {
  const { opts, rest } = getopt(args, ['O', 'T', 'o', 'U', 'Y', 'P', '--header', '--timeout', '--post-data', '--user-agent']);
  const url = rest[0];
  if (!url) {
    io.err('BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR] [--post-data STR | --post-file FILE] [-Y on/off] [--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const u = parseUrl(url);
  const r = u && N.resolve(this.s, this.pod, u.host, this.now);
  if (!r || !r.ips.length) {
    io.err(`wget: bad address '${u?.host ?? url}'\n`);
    return 1;
  }
  const ip = r.ips[0];
  const quiet = !!opts.q;
  if (!quiet) io.err(`Connecting to ${u.host}${u.port !== 80 ? ':' + u.port : ''} (${ip}:${u.port})\n`);
  const why = N.tcpConnect(this.s, this.pod, ip, u.port, this.now);
  if (why) {
    io.err(`wget: can't connect to remote host (${ip}): ${why}\n`);
    return 1;
  }
  if (opts.spider) {
    if (!quiet) io.err('remote file exists\n');
    return 0;
  }
  const target = opts.O ?? (u.path.split('/').pop() || 'index.html');
  if (target === '-') {
    if (!quiet) io.err('writing to stdout\n');
    io.out(BODY);
    if (!quiet) io.err(`-                    100% |********************************|    ${BODY.length}  0:00:00 ETA\nwritten to stdout\n`);
  } else {
    if (!quiet) io.err(`saving to '${target}'\n`);
    this.fs[this.abs(target)] = BODY;
    if (!quiet) io.err(`${target.padEnd(20)} 100% |********************************|    ${BODY.length}  0:00:00 ETA\n'${target}' saved\n`);
  }
  return 0;
}

export function curl(args, io) {
  const { opts, rest } = getopt(args, ['o', 'w', 'X', 'H', 'd', 'm', 'A', 'u', '--connect-timeout', '--max-time', '--data', '--header', '--request', '--output', '--write-out']);
  const url = rest[0];
  if (!url) {
    io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const silent = opts.s || opts.silent;
  const showErr = opts.S || opts['show-error'];
  const errOut = (code, msg) => {
    if (!silent || showErr) io.err(`curl: (${code}) ${msg}\n`);
    return code;
  };
  const u = parseUrl(url);
  const r = u && N.resolve(this.s, this.pod, u.host, this.now);
  if (!r || !r.ips.length) return errOut(6, `Could not resolve host: ${u?.host ?? url}`);
  const ip = r.ips[0];
  const why = N.tcpConnect(this.s, this.pod, ip, u.port, this.now);
  if (why) return errOut(7, `Failed to connect to ${u.host} port ${u.port} after ${R.int(0, 3)} ms: Couldn't connect to server`);
  const head = opts.I || opts.head;
  const body = head ? `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${BODY.length}\r\n\r\n` : BODY;
  const outFile = opts.o ?? opts.output;
  if (!silent) {
    const speed = R.int(20000, 90000);
    io.err(`  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100    ${BODY.length}  100    ${BODY.length}    0     0  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`);
  }
  if (outFile === undefined || outFile === '-') io.out(body);
  else if (outFile !== '/dev/null') this.fs[this.abs(outFile)] = body;
  const w = opts.w ?? opts['write-out'];
  if (w) io.out(String(w).replace(/%\{http_code\}|%\{response_code\}/g, '200').replace(/%\{remote_ip\}/g, ip).replace(/%\{size_download\}/g, String(BODY.length)).replace(/\\n/g, '\n'));
  return 0;
}
