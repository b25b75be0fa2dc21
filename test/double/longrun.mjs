// Long-running commands (port-forward, logs -f, get -w): stay up until a signal.
export function stayAlive(onTick, intervalMs = 250) {
  return new Promise(() => {
    const timer = setInterval(() => {
      try {
        onTick?.();
      } catch {
        /* keep running */
      }
    }, intervalMs);
    const stop = (code) => () => {
      clearInterval(timer);
      process.exit(code);
    };
    process.on('SIGINT', stop(130));
    process.on('SIGTERM', stop(143));
    process.on('SIGHUP', stop(129));
  });
}
