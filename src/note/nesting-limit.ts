import { InputError } from '../errors.js';

// remark's time grows with the square of how deeply blockquotes and lists nest (and its
// stack with the depth): 1,000 nested list levels take it most of a minute, 10,000 `>`
// overflow the stack. No study note nests past a handful of levels, so a line whose
// container prefix (blanks, `>` and list markers) runs past this is refused up front.

const MAX_PREFIX = 200;
const PREFIX = /^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/;

export function checkNesting(file: string, text: string): void {
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    // Only a long line can carry a long prefix.
    if (stop - start > MAX_PREFIX) {
      const prefix = PREFIX.exec(text.slice(start, Math.min(stop, start + MAX_PREFIX + 2)))![0];
      if (prefix.length > MAX_PREFIX) {
        throw new InputError(`${file}:${line}: blockquotes or lists nested too deeply (more than ${MAX_PREFIX} characters of \`>\`, list markers and indentation before the text); not read`);
      }
    }
    start = stop + 1;
  }
}
