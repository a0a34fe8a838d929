// Time zones as IANA ids: "Europe/Berlin", "berlin", "I live in New York", "UTC", "London time",
// "pst", "eastern time", "UTC+2". Cities come from Intl.supportedValuesOf('timeZone') (the city part,
// spaces for underscores, case-insensitive), plus a small alias map for countries, big cities that
// are not zone names and common abbreviations. Every answer is validated with Intl.DateTimeFormat.
import type { Analysis } from './analyze.js';

/** Common words and names that are also zone cities; never taken on their own. */
const AMBIGUOUS = new Set(['wake', 'midway', 'easter', 'christmas', 'center', 'troll', 'casey', 'davis', 'palmer', 'reunion', 'stanley',
  'jersey', 'knox', 'marengo', 'vevay', 'tell city', 'petersburg', 'winamac', 'beulah', 'monticello', 'vincennes', 'salem', 'new salem',
  'mawson', 'vostok', 'hope', 'regina', 'darwin', 'victoria', 'macquarie', 'nome', 'resolute', 'creston', 'dawson', 'nelson', 'male',
  'cayenne', 'chita', 'lord howe', 'broken hill', 'swift current', 'rainy river', 'mountain', 'central', 'eastern', 'pacific', 'atlantic',
  'indian', 'arctic', 'general', 'universal', 'zulu', 'greenwich', 'norfolk', 'chatham', 'canary', 'yap', 'truk', 'chuuk', 'gambier',
  'cocos', 'mahe', 'cordoba', 'merida', 'san juan', 'san luis', 'currie', 'factory', 'south pole', 'enderbury', 'johnston']);

/** Words, phrases and abbreviations people use for a zone. */
const ALIASES = new Map<string, string>(Object.entries({
  utc: 'UTC', 'coordinated universal time': 'UTC', zulu: 'UTC', gmt: 'Europe/London', bst: 'Europe/London', 'british summer time': 'Europe/London',
  uk: 'Europe/London', 'united kingdom': 'Europe/London', england: 'Europe/London', britain: 'Europe/London', 'great britain': 'Europe/London',
  scotland: 'Europe/London', wales: 'Europe/London', 'northern ireland': 'Europe/London', manchester: 'Europe/London', edinburgh: 'Europe/London',
  glasgow: 'Europe/London', birmingham: 'Europe/London', liverpool: 'Europe/London', leeds: 'Europe/London', bristol: 'Europe/London', cardiff: 'Europe/London',
  belfast: 'Europe/London', 'london time': 'Europe/London', ireland: 'Europe/Dublin', cork: 'Europe/Dublin',
  est: 'America/New_York', edt: 'America/New_York', 'eastern time': 'America/New_York', 'eastern standard time': 'America/New_York',
  'eastern daylight time': 'America/New_York', 'eastern timezone': 'America/New_York', 'eastern time zone': 'America/New_York', 'east coast': 'America/New_York',
  nyc: 'America/New_York', 'new york city': 'America/New_York', boston: 'America/New_York', philadelphia: 'America/New_York', 'washington dc': 'America/New_York',
  dc: 'America/New_York', atlanta: 'America/New_York', miami: 'America/New_York', orlando: 'America/New_York', pittsburgh: 'America/New_York',
  baltimore: 'America/New_York', charlotte: 'America/New_York', 'brooklyn': 'America/New_York', ottawa: 'America/Toronto', montreal: 'America/Toronto',
  cst: 'America/Chicago', cdt: 'America/Chicago', 'central time': 'America/Chicago', 'central standard time': 'America/Chicago', 'central timezone': 'America/Chicago',
  'central time zone': 'America/Chicago', dallas: 'America/Chicago', houston: 'America/Chicago', austin: 'America/Chicago', 'san antonio': 'America/Chicago',
  minneapolis: 'America/Chicago', 'new orleans': 'America/Chicago', nashville: 'America/Chicago', 'st louis': 'America/Chicago', 'kansas city': 'America/Chicago',
  texas: 'America/Chicago',
  mst: 'America/Denver', mdt: 'America/Denver', 'mountain time': 'America/Denver', 'mountain standard time': 'America/Denver', 'salt lake city': 'America/Denver',
  pst: 'America/Los_Angeles', pdt: 'America/Los_Angeles', 'pacific time': 'America/Los_Angeles', 'pacific standard time': 'America/Los_Angeles',
  'pacific timezone': 'America/Los_Angeles', 'pacific time zone': 'America/Los_Angeles', 'west coast': 'America/Los_Angeles', la: 'America/Los_Angeles',
  'san francisco': 'America/Los_Angeles', sf: 'America/Los_Angeles', seattle: 'America/Los_Angeles', portland: 'America/Los_Angeles', 'san diego': 'America/Los_Angeles',
  'las vegas': 'America/Los_Angeles', california: 'America/Los_Angeles', 'bay area': 'America/Los_Angeles', 'san jose': 'America/Los_Angeles', sacramento: 'America/Los_Angeles',
  akst: 'America/Anchorage', alaska: 'America/Anchorage', hst: 'Pacific/Honolulu', hawaii: 'Pacific/Honolulu', arizona: 'America/Phoenix',
  ist: 'Asia/Kolkata', india: 'Asia/Kolkata', mumbai: 'Asia/Kolkata', delhi: 'Asia/Kolkata', 'new delhi': 'Asia/Kolkata', bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata', chennai: 'Asia/Kolkata', hyderabad: 'Asia/Kolkata', pune: 'Asia/Kolkata', calcutta: 'Asia/Kolkata',
  cet: 'Europe/Berlin', cest: 'Europe/Berlin', 'central european time': 'Europe/Berlin', 'central european': 'Europe/Berlin', germany: 'Europe/Berlin',
  munich: 'Europe/Berlin', frankfurt: 'Europe/Berlin', hamburg: 'Europe/Berlin', cologne: 'Europe/Berlin', stuttgart: 'Europe/Berlin', dusseldorf: 'Europe/Berlin',
  leipzig: 'Europe/Berlin', dresden: 'Europe/Berlin', france: 'Europe/Paris', lyon: 'Europe/Paris', marseille: 'Europe/Paris', spain: 'Europe/Madrid',
  barcelona: 'Europe/Madrid', valencia: 'Europe/Madrid', seville: 'Europe/Madrid', italy: 'Europe/Rome', milan: 'Europe/Rome', naples: 'Europe/Rome',
  florence: 'Europe/Rome', turin: 'Europe/Rome', netherlands: 'Europe/Amsterdam', holland: 'Europe/Amsterdam', rotterdam: 'Europe/Amsterdam',
  'the hague': 'Europe/Amsterdam', utrecht: 'Europe/Amsterdam', belgium: 'Europe/Brussels', antwerp: 'Europe/Brussels', switzerland: 'Europe/Zurich',
  geneva: 'Europe/Zurich', basel: 'Europe/Zurich', bern: 'Europe/Zurich', austria: 'Europe/Vienna', poland: 'Europe/Warsaw', krakow: 'Europe/Warsaw',
  sweden: 'Europe/Stockholm', gothenburg: 'Europe/Stockholm', norway: 'Europe/Oslo', denmark: 'Europe/Copenhagen', finland: 'Europe/Helsinki',
  portugal: 'Europe/Lisbon', porto: 'Europe/Lisbon', greece: 'Europe/Athens', eet: 'Europe/Athens', eest: 'Europe/Athens',
  czechia: 'Europe/Prague', 'czech republic': 'Europe/Prague', hungary: 'Europe/Budapest', romania: 'Europe/Bucharest', bulgaria: 'Europe/Sofia',
  ukraine: 'Europe/Kyiv', kyiv: 'Europe/Kyiv', kiev: 'Europe/Kyiv', turkey: 'Europe/Istanbul', ankara: 'Europe/Istanbul', russia: 'Europe/Moscow',
  msk: 'Europe/Moscow', 'st petersburg': 'Europe/Moscow', 'saint petersburg': 'Europe/Moscow', israel: 'Asia/Jerusalem', 'tel aviv': 'Asia/Jerusalem',
  egypt: 'Africa/Cairo', nigeria: 'Africa/Lagos', abuja: 'Africa/Lagos', kenya: 'Africa/Nairobi', 'south africa': 'Africa/Johannesburg',
  'cape town': 'Africa/Johannesburg', durban: 'Africa/Johannesburg', sast: 'Africa/Johannesburg', ghana: 'Africa/Accra', morocco: 'Africa/Casablanca',
  uae: 'Asia/Dubai', 'abu dhabi': 'Asia/Dubai', 'saudi arabia': 'Asia/Riyadh', jeddah: 'Asia/Riyadh', pakistan: 'Asia/Karachi', lahore: 'Asia/Karachi',
  islamabad: 'Asia/Karachi', bangladesh: 'Asia/Dhaka', 'sri lanka': 'Asia/Colombo', nepal: 'Asia/Kathmandu', thailand: 'Asia/Bangkok', vietnam: 'Asia/Ho_Chi_Minh',
  saigon: 'Asia/Ho_Chi_Minh', 'ho chi minh': 'Asia/Ho_Chi_Minh', 'ho chi minh city': 'Asia/Ho_Chi_Minh', hcmc: 'Asia/Ho_Chi_Minh',
  kolkata: 'Asia/Kolkata', yangon: 'Asia/Yangon', kathmandu: 'Asia/Kathmandu', hanoi: 'Asia/Bangkok', philippines: 'Asia/Manila', indonesia: 'Asia/Jakarta', bali: 'Asia/Makassar', malaysia: 'Asia/Kuala_Lumpur',
  sgt: 'Asia/Singapore', china: 'Asia/Shanghai', beijing: 'Asia/Shanghai', shenzhen: 'Asia/Shanghai', guangzhou: 'Asia/Shanghai', hkt: 'Asia/Hong_Kong',
  taiwan: 'Asia/Taipei', japan: 'Asia/Tokyo', jst: 'Asia/Tokyo', osaka: 'Asia/Tokyo', kyoto: 'Asia/Tokyo', korea: 'Asia/Seoul', 'south korea': 'Asia/Seoul',
  kst: 'Asia/Seoul', busan: 'Asia/Seoul',
  aest: 'Australia/Sydney', aedt: 'Australia/Sydney', canberra: 'Australia/Sydney', 'new south wales': 'Australia/Sydney', nsw: 'Australia/Sydney',
  queensland: 'Australia/Brisbane', 'gold coast': 'Australia/Brisbane', acst: 'Australia/Adelaide', acdt: 'Australia/Adelaide', awst: 'Australia/Perth',
  'western australia': 'Australia/Perth', tasmania: 'Australia/Hobart', 'new zealand': 'Pacific/Auckland', nz: 'Pacific/Auckland', nzst: 'Pacific/Auckland',
  nzdt: 'Pacific/Auckland', wellington: 'Pacific/Auckland', christchurch: 'Pacific/Auckland',
  brazil: 'America/Sao_Paulo', 'rio de janeiro': 'America/Sao_Paulo', rio: 'America/Sao_Paulo', brasilia: 'America/Sao_Paulo', mexico: 'America/Mexico_City',
  guadalajara: 'America/Mexico_City', argentina: 'America/Argentina/Buenos_Aires', 'buenos aires': 'America/Argentina/Buenos_Aires',
  chile: 'America/Santiago', colombia: 'America/Bogota', medellin: 'America/Bogota', peru: 'America/Lima', 'lima peru': 'America/Lima',
  'puerto rico': 'America/Puerto_Rico', quebec: 'America/Toronto', ontario: 'America/Toronto', 'british columbia': 'America/Vancouver',
  alberta: 'America/Edmonton', calgary: 'America/Edmonton',
}));

interface ZoneTable { byName: Map<string, string>; maxWords: number }
let table: ZoneTable | undefined;

const validity = new Map<string, boolean>();

/** Intl accepts the id (cached: creating a DateTimeFormat costs a fraction of a millisecond). */
function validZone(id: string): boolean {
  let ok = validity.get(id);
  if (ok === undefined) {
    try { new Intl.DateTimeFormat('en', { timeZone: id }); ok = true; } catch { ok = false; }
    if (validity.size < 1000) validity.set(id, ok);
  }
  return ok;
}

function zoneTable(): ZoneTable {
  if (table) return table;
  const byName = new Map<string, string>();
  let zones: string[] = [];
  try { zones = Intl.supportedValuesOf('timeZone'); } catch { zones = []; }
  for (const id of zones) {
    const city = id.split('/').pop()!.replace(/_/g, ' ').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    if (!AMBIGUOUS.has(city) && id.includes('/') && !byName.has(city)) byName.set(city, id);
    byName.set(id.toLowerCase(), id);
  }
  for (const [alias, id] of ALIASES) if (validZone(id)) byName.set(alias, id);
  // Kyiv is "Europe/Kiev" in older ICU data
  if (!validZone('Europe/Kyiv') && validZone('Europe/Kiev')) for (const k of ['ukraine', 'kyiv', 'kiev']) byName.set(k, 'Europe/Kiev');
  let maxWords = 1;
  for (const k of byName.keys()) maxWords = Math.max(maxWords, k.split(' ').length);
  table = { byName, maxWords: Math.min(maxWords, 4) };
  return table;
}

/** Words that may not be read as a zone abbreviation in these positions ("est" is Latin, "la" Spanish...). */
const NEEDS_CONTEXT = new Set(['la', 'dc', 'sf', 'nz', 'rio', 'est', 'ist', 'cet', 'eet', 'msk', 'cst', 'mst', 'bst', 'gmt']);
const ZONE_CONTEXT = /\b(time|timezone|zone|tz|live|living|based|from|in|at|near|moved|stay|staying|located|here)\b/;

export function parseTimeZone(a: Analysis): string | undefined {
  const s = a.folded;
  const found: Array<{ at: number; id: string }> = [];
  // explicit ids: "Europe/Berlin", "america/new_york"
  for (const m of s.matchAll(/\b([a-z]+(?:\/[a-z_+-]+){1,2})\b/g)) {
    const id = table?.byName.get(m[1]!) ?? zoneTable().byName.get(m[1]!);
    if (id) found.push({ at: m.index, id });
  }
  // offsets: "utc+2", "gmt -5", "utc+05:00"
  for (const m of s.matchAll(/\b(?:utc|gmt)\s?([+-])\s?(\d{1,2})(?::?(00))?\b/g)) {
    const hours = Number(m[2]);
    if (hours === 0) { found.push({ at: m.index, id: 'UTC' }); continue; }
    const id = `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`; // Etc/ signs are inverted
    if (hours <= 14 && validZone(id)) found.push({ at: m.index, id });
  }
  if (found.length === 0) {
    const { byName, maxWords } = zoneTable();
    const words = [...s.matchAll(/[a-z]+(?:'[a-z]+)?/g)].map((m) => ({ w: m[0], at: m.index }));
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(maxWords, words.length - i); n >= 1; n--) {
        const phrase = words.slice(i, i + n).map((x) => x.w).join(' ');
        const id = byName.get(phrase);
        if (!id) continue;
        if (n === 1 && NEEDS_CONTEXT.has(phrase) && !(words.length <= 2 || ZONE_CONTEXT.test(s))) continue;
        found.push({ at: words[i]!.at, id });
        i += n - 1;
        break;
      }
    }
  }
  if (found.length === 0) return undefined;
  const pick = found.length > 1 && /\b(moved|now|instead|actually|to)\b/.test(s.slice(found[0]!.at, found[found.length - 1]!.at))
    ? found[found.length - 1]! : found[0]!;
  return validZone(pick.id) ? pick.id : undefined;
}
