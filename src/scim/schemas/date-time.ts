/** ISO 8601 date-time as RFC 7643 §2.3.5 requires (xsd:dateTime, with an optional offset). */
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))?$/;

/** Years that every instant must fall in, so that PostgreSQL `timestamptz` can store it. */
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/** The largest UTC offset in use anywhere (UTC+14:00), in minutes. */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Tells whether a value is an RFC 7643 §2.3.5 dateTime string like "2026-01-31T12:00:00Z"
 * that names a real calendar day and time, with an offset of at most 14 hours, at an instant
 * between the years 1 and 9999.
 */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }

  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) {
    return false;
  }

  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  if (match[9] && Number(match[10]) * 60 + Number(match[11]) > MAX_OFFSET_MINUTES) {
    return false;
  }

  const instant = Date.parse(value);
  if (Number.isNaN(instant)) {
    return false;
  }

  const utcYear = new Date(instant).getUTCFullYear();
  return utcYear >= MIN_YEAR && utcYear <= MAX_YEAR;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
