/**
 * Time columns: which names mean time, which text layouts are dates, and how numbers in a
 * time column become epoch milliseconds.
 *
 * Called by columnPlan.ts (to find the time column and its layout from a sample) and by
 * rowSink.ts / readSeries.ts (to parse every row, then to decide what numeric times mean).
 *
 * Times written without a zone are read as UTC, so the same file gives the same timestamps on
 * every machine; the x-axis then shows them as written.
 *
 * Limitation: month names (`09-Mar-2020`), two-digit years and time-only columns (`10:14:33`)
 * are not recognised as dates: such a column is left out as text, and refused as the time.
 */

/** How the text dates of a column are laid out; 'number' for numeric time columns. */
export type TimeLayout = 'ymd' | 'dmy' | 'mdy' | 'number';

// Groups: date parts (year/month/day in the layout's order, the separator as group 2), then
// hour, minute, second, fraction, [AM/PM,] zone.
const CLOCK = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`;
const ZONE = String.raw`\s*(Z|[+-]\d{2}(?::?\d{2})?)?`;
const YEAR_FIRST = new RegExp(
  String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ]+${CLOCK})?${ZONE}$`,
  'i',
);
const DAY_OR_MONTH_FIRST = new RegExp(
  String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[T ]+${CLOCK}\s*([AP]M)?)?${ZONE}$`,
  'i',
);

const TIME_WORDS = new Set(['time', 'timestamp', 'date', 'datetime', 'ts', 'epoch']);

const UNIT_MS: Record<string, number> = {
  ms: 1,
  millis: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  seconds: 1000,
  min: 60_000,
  mins: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hours: 3_600_000,
};

/** Epoch milliseconds of 1990-01-01 and 2100-01-01: the range read as real dates. */
const PLAUSIBLE_FROM = Date.UTC(1990, 0, 1);
const PLAUSIBLE_TO = Date.UTC(2100, 0, 1);

/** Lower-case words of a column name: `eventTime` → event, time; `timestamp_(min)` → ... */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** True for names such as `timestamp`, `Date Time`, `time_ms`, `eventTime`, `timestamp_(min)`. */
export function isTimeLikeName(name: string): boolean {
  return nameWords(name).some((word) => TIME_WORDS.has(word));
}

/** Milliseconds per unit when the name states one (`time_ms`, `timestamp_(min)`). */
export function unitFromName(name: string): number | undefined {
  for (const word of nameWords(name)) {
    if (UNIT_MS[word] !== undefined) return UNIT_MS[word];
  }
  return undefined;
}

/**
 * The text layout that parses every sample value, or undefined when none does. A day/month
 * order is read from values whose first or second part exceeds 12; when every value is
 * ambiguous (`09/03/2020`), day first is assumed, as in most of the world (see `notes`).
 */
export function detectTextLayout(values: readonly string[]): TimeLayout | undefined {
  if (values.length === 0) return undefined;
  if (values.every((value) => parseDate(value, 'ymd') !== undefined)) return 'ymd';

  const parts = values.map((value) => DAY_OR_MONTH_FIRST.exec(value.trim()));
  if (parts.some((match) => match === null)) return undefined;
  const firstOver12 = parts.some((match) => Number(match![1]) > 12);
  const secondOver12 = parts.some((match) => Number(match![3]) > 12);
  if (firstOver12 && secondOver12) return undefined;
  const layout = secondOver12 ? 'mdy' : 'dmy';
  return values.every((value) => parseDate(value, layout) !== undefined) ? layout : undefined;
}

/** Epoch milliseconds of a text date in the given layout, or undefined when it is not one. */
export function parseDate(text: string, layout: Exclude<TimeLayout, 'number'>): number | undefined {
  const trimmed = text.trim();
  const match = (layout === 'ymd' ? YEAR_FIRST : DAY_OR_MONTH_FIRST).exec(trimmed);
  if (match === null) return undefined;

  let year: number, month: number, day: number, zone: string | undefined;
  let meridiem: string | undefined;
  if (layout === 'ymd') {
    [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
    zone = match[9];
  } else {
    const [first, second] = [Number(match[1]), Number(match[3])];
    [day, month] = layout === 'dmy' ? [first, second] : [second, first];
    year = Number(match[4]);
    meridiem = match[9]?.toUpperCase();
    zone = match[10];
  }
  let hour = match[5] === undefined ? 0 : Number(match[5]);
  const minute = match[6] === undefined ? 0 : Number(match[6]);
  const second = match[7] === undefined ? 0 : Number(match[7]);
  const fraction = match[8] === undefined ? 0 : Number(`0.${match[8]}`);

  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;

  const utc = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000);
  return utc - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/**
 * What the numbers of a time column mean, from their range: epoch seconds or milliseconds
 * when they fall between 1990 and 2100 (in the unit the name states, if any), otherwise a
 * counter (a row index, minutes since some start) that orders the rows but is not a date.
 * Returns the factor to milliseconds, or undefined for a counter.
 */
export function epochFactor(name: string, min: number, max: number): number | undefined {
  const plausible = (factor: number): boolean =>
    min * factor >= PLAUSIBLE_FROM && max * factor <= PLAUSIBLE_TO;
  const stated = unitFromName(name);
  if (stated !== undefined) return plausible(stated) ? stated : undefined;
  if (plausible(1000)) return 1000;
  if (plausible(1)) return 1;
  return undefined;
}
