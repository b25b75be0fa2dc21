// kubectl's words when it could not talk to the API server at all. A step that printed
// them says nothing about the note: not that its output drifted (stale), nor that it
// failed the way the note documents (a NotFound the note shows is not this). It is
// broken, with the cluster's own reason.

const UNREACHABLE: readonly RegExp[] = [
  /The connection to the server \S+ was refused - did you specify the right host or port\?/,
  /Unable to connect to the server: .*/,
  /net\/http: TLS handshake timeout/,
  /couldn't get current server API group list: .*(?:connection refused|i\/o timeout|no route to host|connection reset by peer|EOF)/,
  /dial tcp \S+: connect: (?:connection refused|no route to host|network is unreachable)/,
  /the server is currently unable to handle the request/,
  /http2: client connection lost/,
];

/** kubectl's own sentence on why the cluster could not be reached, the plainest first; none when the note documents an outage itself. */
export function clusterUnreachable(output: string, documented: string | undefined): string | undefined {
  if (documented !== undefined && UNREACHABLE.some((pattern) => pattern.test(documented))) return undefined;
  return UNREACHABLE.map((pattern) => pattern.exec(output)?.[0]).find((found) => found !== undefined);
}
