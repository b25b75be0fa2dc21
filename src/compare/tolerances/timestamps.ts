import type { Tolerance } from './tolerance.js';

// Every format a timestamp takes in kubectl, klog, Go's log package, busybox and web
// server output. All of them say when something happened, which no rerun reproduces.
const reason = 'A timestamp records when the command ran or an object was created.';
const weekday = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const month = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const clock = '\\d{2}:\\d{2}:\\d{2}';
const zoneName = '[A-Z]{2,5}';

export const klogHeader: Tolerance = {
  name: 'klog-header',
  reason: 'A klog line starts with its time and the process id; the severity letter stays compared.',
  example: 'E1126 21:28:23.598809    3931 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list"',
  pattern: /\b([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s+\d+(?= [\w.-]+:\d+\])/g,
  replacement: '$1<<time>> <<pid>>',
};

export const isoTimestamp: Tolerance = {
  name: 'iso-timestamp',
  reason,
  example: '  creationTimestamp: "2024-08-27T14:00:41Z"',
  // Also Go's time.String(): `2024-08-27 14:00:41.123 +0000 UTC`.
  pattern: new RegExp(
    `\\b\\d{4}-\\d{2}-\\d{2}[T ]${clock}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:\\d{2}|\\s?[+-]\\d{4}(?: ${zoneName})?)?(?![\\w:])`,
    'g',
  ),
  replacement: '<<time>>',
};

export const rfc1123Timestamp: Tolerance = {
  name: 'rfc1123-timestamp',
  reason,
  example: 'Start Time:       Tue, 27 Aug 2024 23:00:41 +0900',
  pattern: new RegExp(`\\b${weekday}, \\d{1,2} ${month} \\d{4} ${clock}(?: (?:[+-]\\d{4}|${zoneName}))?`, 'g'),
  replacement: '<<time>>',
};

export const dateCommandTimestamp: Tolerance = {
  name: 'date-command-timestamp',
  reason,
  example: 'Tue Aug 27 23:00:41 UTC 2024',
  pattern: new RegExp(`\\b${weekday} ${month} {1,2}\\d{1,2} ${clock}(?: ${zoneName})? \\d{4}\\b`, 'g'),
  replacement: '<<time>>',
};

export const goLogTimestamp: Tolerance = {
  name: 'go-log-timestamp',
  reason,
  example: '2024/08/27 23:00:41 Listening on port 80',
  pattern: new RegExp(`\\b\\d{4}\\/\\d{2}\\/\\d{2} ${clock}(?:\\.\\d+)?`, 'g'),
  replacement: '<<time>>',
};

export const accessLogTimestamp: Tolerance = {
  name: 'access-log-timestamp',
  reason,
  example: '10.42.0.61 - - [27/Aug/2024:14:00:41 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0"',
  pattern: new RegExp(`\\b\\d{2}\\/${month}\\/\\d{4}:${clock} [+-]\\d{4}`, 'g'),
  replacement: '<<time>>',
};

export const timestamps: readonly Tolerance[] = [
  klogHeader,
  isoTimestamp,
  rfc1123Timestamp,
  dateCommandTimestamp,
  goLogTimestamp,
  accessLogTimestamp,
];
