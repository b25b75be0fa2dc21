// A port of Go's text/tabwriter (left-aligned, space padding) plus apimachinery's
// HumanDuration: what kubectl tables and `describe` are made of.

const width = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * Format tab-separated text exactly like tabwriter.NewWriter(out, minwidth, 4, padding, ' ', 0).
 * kubectl get: minwidth 6, padding 3. kubectl describe: minwidth 0, padding 2.
 */
export function tabwrite(text, minwidth = 6, padding = 3) {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths = [];
  const out = [];
  const writeLines = (line0, line1) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      let s = '';
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        s += c;
        if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - width(c)));
      }
      out.push(s);
    }
  };
  const format = (line0, line1) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = minwidth;
      for (; t < line1; t++) {
        const l = lines[t];
        if (column >= l.length - 1) break;
        const cw = width(l[column]) + padding;
        if (cw > w) w = cw;
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n');
}

/** Rows of cells → a kubectl table (each row ends with a newline). */
export function table(rows, minwidth = 6, padding = 3) {
  if (rows.length === 0) return '';
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', minwidth, padding);
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration, from milliseconds. */
export function humanDuration(ms) {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Go time.RFC1123Z in local time: `Tue, 27 Aug 2024 23:00:41 +0900` (describe). */
export function rfc1123z(ms) {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const tz = `${sign}${p(Math.trunc(Math.abs(off) / 60))}${p(Math.abs(off) % 60)}`;
  return `${days[d.getDay()]}, ${p(d.getDate())} ${months[d.getMonth()]} ${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${tz}`;
}
