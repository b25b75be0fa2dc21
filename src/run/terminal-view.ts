/**
 * Output as a terminal leaves it on screen: a carriage return moves back to the start
 * of the line and what follows overwrites what was there, so a progress bar drawn frame
 * after frame shows its last frame (and whatever of a longer earlier frame sticks out).
 * A `\r` that ends a line (CRLF) moves nothing visible and stays.
 */
export function asTerminalShows(output: string): string {
  if (!output.includes('\r')) return output;
  return output
    .split('\n')
    .map((line) => {
      const crlf = line.endsWith('\r');
      const frames = (crlf ? line.slice(0, -1) : line).split('\r');
      if (frames.length === 1) return line;
      // From the last frame back: an earlier frame shows only where it is longer than all later ones.
      let shown = frames[frames.length - 1];
      for (let i = frames.length - 2; i >= 0; i--) if (frames[i].length > shown.length) shown += frames[i].slice(shown.length);
      return crlf ? `${shown}\r` : shown;
    })
    .join('\n');
}
