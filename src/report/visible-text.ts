/**
 * Text for a terminal or a CI log with its control characters written out (`\x07`,
 * `\x00`, `\x9b`): a BEL rings, a NUL cuts a log, and U+009B starts an escape sequence
 * that can rewrite the screen. Tabs and line breaks are layout and stay.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
