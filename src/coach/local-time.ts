// Wall-clock times in the user's own time zone, right on both sides of a daylight-saving change.

const partsFormat = new Map<string, Intl.DateTimeFormat>();

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, in milliseconds. Offsets only change on quarter hours, so they are cached per quarter. */
export function zoneOffset(instant: number, zone: string): number {
  const key = `${zone}|${Math.floor(instant / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = computeOffset(Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR, zone);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function computeOffset(instant: number, zone: string): number {
  let format = partsFormat.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    partsFormat.set(zone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant when the local clock in `zone` shows `day` (YYYY-MM-DD) at `time` (HH:MM). */
export function instantAt(day: string, time: string, zone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  // Two passes: the offset at the guess can differ from the offset at the answer near a DST change.
  let instant = wall - zoneOffset(wall, zone);
  instant = wall - zoneOffset(instant, zone);
  return new Date(instant);
}

/** The local calendar day in `zone` of an instant. */
export function localDay(instant: Date, zone: string): string {
  const offset = zoneOffset(instant.getTime(), zone);
  return new Date(instant.getTime() + offset).toISOString().slice(0, 10);
}

/** The first instant strictly after `after` when the local clock shows `time`. */
export function nextLocalTime(after: Date, time: string, zone: string): Date {
  const today = localDay(after, zone);
  const candidate = instantAt(today, time, zone);
  if (candidate.getTime() > after.getTime()) return candidate;
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return instantAt(tomorrow, time, zone);
}

const whenFormat = new Map<string, Intl.DateTimeFormat>();

/** A weekday and a 24-hour time on the user's own clock, for saying when something happens: "Tuesday 20:00". */
export function localWhen(instant: string, zone: string): string {
  let format = whenFormat.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    whenFormat.set(zone, format);
  }
  return format.format(new Date(instant));
}
