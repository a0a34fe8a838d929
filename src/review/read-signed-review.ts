// Reads a signed review file (CSV or YAML) into rows that remember their line, so every problem names its line.
// CSV: a header row naming the columns id, reviewer, date, decision, comment (any order; `hash` optional).
// YAML: a list of rows with those keys, or { reviewer, date, reviews: [rows] } where the top-level reviewer and
// date apply to rows that do not give their own.
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface SignedRow {
  line: number;
  id: string;
  reviewer: string;
  date: string;
  decision: string;
  comment: string;
  /** The packet's hash of the item (optional): a mismatch means the item changed after the packet was made. */
  hash: string;
}

export class ReviewFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ReviewFileError';
  }
}

const COLUMNS = ['id', 'reviewer', 'date', 'decision', 'comment', 'hash'] as const;
const REQUIRED = ['id', 'reviewer', 'date', 'decision'] as const;

export function readSignedReview(fileName: string, text: string): SignedRow[] {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.csv') return readCsv(text.replace(/^\uFEFF/, ''));
  if (ext === '.yaml' || ext === '.yml') return readYaml(text);
  throw new ReviewFileError([`${fileName}: expected a .csv, .yaml or .yml file`]);
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: start, cells });
    cells = []; cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i += 1; continue; }
      if (ch === '\n') line += 1;
      cell += ch; i += 1; continue;
    }
    if (ch === '"' && cell.trim() === '') { quoted = true; cell = ''; i += 1; continue; }
    if (ch === ',') { cells.push(cell); cell = ''; i += 1; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { i += 1; continue; }
    if (ch === '\n') { endRecord(); line += 1; start = line; i += 1; continue; }
    cell += ch; i += 1;
  }
  if (quoted) throw new ReviewFileError([`line ${start}: a quoted field is never closed`]);
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

function readCsv(text: string): SignedRow[] {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) throw new ReviewFileError(['line 1: the file is empty; expected a header row: id,reviewer,date,decision,comment']);
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const problems: string[] = [];
  for (const name of names) if (!(COLUMNS as readonly string[]).includes(name)) problems.push(`line ${header.line}: unknown column "${name}" (expected ${COLUMNS.join(', ')})`);
  for (const name of REQUIRED) if (!names.includes(name)) problems.push(`line ${header.line}: the header has no "${name}" column`);
  if (problems.length) throw new ReviewFileError(problems);
  const rows: SignedRow[] = [];
  for (const { line, cells } of records) {
    if (cells.length !== names.length) { problems.push(`line ${line}: ${cells.length} fields, but the header has ${names.length}`); continue; }
    const get = (name: string) => (names.includes(name) ? cells[names.indexOf(name)]!.trim() : '');
    rows.push({ line, id: get('id'), reviewer: get('reviewer'), date: get('date'), decision: get('decision'), comment: get('comment'), hash: get('hash') });
  }
  if (problems.length) throw new ReviewFileError(problems);
  return rows;
}

function readYaml(text: string): SignedRow[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : 1);
  if (doc.errors.length) throw new ReviewFileError(doc.errors.map((e) => `line ${counter.linePos(e.pos[0]).line}: not valid YAML: ${e.message.split('\n')[0]}`));
  let list: Node | null | undefined = doc.contents;
  const defaults: Record<string, string> = {};
  if (isMap(list)) {
    for (const pair of list.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'reviewer' || key === 'date') defaults[key] = isScalar(pair.value) ? scalarText(pair.value.value) : '';
      else if (key !== 'reviews') throw new ReviewFileError([`line ${lineOf(pair.key as Node)}: unknown key "${key}" (expected reviewer, date, reviews)`]);
    }
    list = list.get('reviews', true) as Node | undefined;
  }
  if (!isSeq(list)) throw new ReviewFileError([`line ${lineOf(list)}: expected a list of reviews (each with id, reviewer, date, decision, comment)`]);
  const problems: string[] = [];
  const rows: SignedRow[] = [];
  for (const entry of list.items) {
    const line = lineOf(entry as Node);
    if (!isMap(entry)) { problems.push(`line ${line}: expected a mapping with id, reviewer, date, decision, comment`); continue; }
    const row: Record<string, string> = { ...defaults };
    for (const pair of entry.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(COLUMNS as readonly string[]).includes(key)) { problems.push(`line ${lineOf(pair.key as Node)}: unknown key "${key}" (expected ${COLUMNS.join(', ')})`); continue; }
      if (pair.value !== null && !isScalar(pair.value)) { problems.push(`line ${lineOf(pair.value as Node)}: "${key}" must be plain text`); continue; }
      row[key] = isScalar(pair.value) ? scalarText(pair.value.value).trim() : '';
    }
    rows.push({ line, id: row.id ?? '', reviewer: row.reviewer ?? '', date: row.date ?? '', decision: row.decision ?? '', comment: row.comment ?? '', hash: row.hash ?? '' });
  }
  if (problems.length) throw new ReviewFileError(problems);
  return rows;
}

function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value === null || value === undefined ? '' : String(value);
}
