// The clinical review packet: one self-contained HTML page (no network, prints cleanly) listing every item of
// flows/ with its source section, the source's facts it must carry, our wording, whether an LLM may rephrase it,
// its safety class and its review state, with fields for a decision and a comment. A small inline script turns
// the filled-in fields into the signed review CSV that `npm run review -- import` reads.
import type { Content } from '../content/schema.js';
import type { SafetyClass } from '../content/review-items.js';
import { reviewState, type ItemReview, type ReviewStatus } from '../content/review-state.js';
import { factsFor, type FactGroup } from './program-facts.js';

const CLASS_ORDER: SafetyClass[] = ['crisis', 'red_flag', 'screening', 'safety', 'rule', 'consent_and_data', 'program', 'chat_flow'];
const CLASS_TITLE: Record<SafetyClass, string> = {
  crisis: 'Crisis help', red_flag: 'Red flags', screening: 'Screening (health history)', safety: 'Other safety text',
  rule: 'Rule parameters', consent_and_data: 'Disclaimer, consent, data and claims', program: 'Programme content', chat_flow: 'Chat flow',
};
const STATUS_TITLE: Record<ReviewStatus, string> = {
  approved: 'approved', changes_requested: 'changes requested', changed_since_review: 'changed since review', pending: 'pending',
};

export interface PacketOptions {
  facts: readonly FactGroup[];
  /** When the packet was made (ISO). */
  generatedAt: string;
}

export function reviewPacketHtml(content: Content, options: PacketOptions): string {
  const state = reviewState(content);
  const byClass = CLASS_ORDER.map((cls) => ({ cls, items: state.items.filter((i) => i.item.safetyClass === cls) })).filter((g) => g.items.length > 0);
  const counts = (Object.keys(STATUS_TITLE) as ReviewStatus[]).map((s) => `${state.items.filter((i) => i.status === s).length} ${STATUS_TITLE[s]}`).join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GentlePath clinical review packet, content ${esc(content.version)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="cover">
  <h1>GentlePath: clinical review packet</h1>
  <p class="meta">Content version <b>${esc(content.version)}</b> &middot; made ${esc(options.generatedAt.slice(0, 16).replace('T', ' '))} UTC &middot; ${state.total} items: ${esc(counts)}</p>
  <p>Every word GentlePath says comes from these items. For each one, please check our wording against the source facts it must carry,
  that nothing is missing, wrong or unsafe, and mark <b>Approve</b> or <b>Changes requested</b> (with a comment saying what to change).
  Items marked <span class="fixed">never rephrased</span> are always sent exactly as written; the others may be reworded by an optional
  language model, which must keep every number, unit and required term and may add no advice.</p>
  <p>An approval is recorded with a fingerprint (hash) of the item as you saw it: if the wording changes later, the item goes back to
  pending by itself. Until every item is approved, GentlePath tells users that its wording still awaits clinical review.</p>
  <div class="signature">
    <label>Reviewer (name, role, registration) <input id="reviewer" type="text" autocomplete="name"></label>
    <label>Date <input id="review-date" type="date"></label>
    <span class="sign-line">Signature</span>
  </div>
  <p class="screen-only"><button type="button" id="download">Download the signed review (CSV)</button>
  <span id="download-note">Fill in your name and the date, decide on some or all items, then download the file and send it back; it is read with <code>npm run review -- import FILE</code>.</span></p>
  <nav><h2>Contents</h2><ol>${byClass.map((g) => `<li><a href="#${g.cls}">${esc(CLASS_TITLE[g.cls])}</a> (${g.items.length})</li>`).join('')}</ol></nav>
</header>
<main>
${byClass.map((g) => `<section id="${g.cls}">
<h2>${esc(CLASS_TITLE[g.cls])}</h2>
${g.items.map((i) => itemHtml(i, options.facts)).join('\n')}
</section>`).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function itemHtml(review: ItemReview, groups: readonly FactGroup[]): string {
  const { item, status, record } = review;
  const facts = factsFor(groups, item.source);
  const name = `d-${item.id}`;
  const previous = record ? `<p class="previous">Last decision: ${esc(STATUS_TITLE[record.decision === 'approved' ? 'approved' : 'changes_requested'])} by ${esc(record.reviewer)} on ${esc(record.date)}${record.comment ? `: &ldquo;${esc(record.comment)}&rdquo;` : ''}${status === 'changed_since_review' ? ' (the wording has changed since)' : ''}</p>` : '';
  return `<article class="item" data-id="${esc(item.id)}" data-hash="${item.hash.slice(0, 12)}">
  <div class="head"><code class="id">${esc(item.id)}</code> <span class="status ${status}">${esc(STATUS_TITLE[status])}</span>
    <span class="${item.rephrasable ? 'rephrasable' : 'fixed'}">${item.rephrasable ? 'LLM may rephrase' : 'never rephrased'}</span>
    <span class="class">${esc(CLASS_TITLE[item.safetyClass])}</span></div>
  <dl class="facts">
    <dt>Source section</dt><dd>${esc(item.source)} <span class="where">(flows: ${esc(item.section)}, fingerprint ${item.hash.slice(0, 12)})</span></dd>
    <dt>Must carry</dt><dd>${item.requiredTerms.length ? item.requiredTerms.map((t) => `<span class="term">${esc(t)}</span>`).join(' ') : '<span class="none">no required terms</span>'}
    ${facts.length ? `<ul class="source-facts">${facts.map((g) => `<li><b>${esc(g.title)}:</b> ${g.facts.map(esc).join(' ')}</li>`).join('')}</ul>` : '<div class="none">No source facts: GentlePath\'s own wording (check it is kind, clear and safe).</div>'}</dd>
  </dl>
  <div class="wording">${item.fields.map((f) => `<div class="field"><span class="fname">${esc(f.name)}</span><div class="ftext">${esc(f.value)}</div></div>`).join('')}</div>
  ${previous}
  <div class="decision">
    <label><input type="radio" name="${esc(name)}" value="approved"> Approve</label>
    <label><input type="radio" name="${esc(name)}" value="changes_requested"> Changes requested</label>
    <label class="comment">Comment <textarea rows="2" name="c-${esc(item.id)}"></textarea></label>
  </div>
</article>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
  :root { color-scheme: light; --ink: #222; --muted: #666; --line: #d9d3cd; --accent: #5a3d5c; }
  body { font: 15px/1.45 system-ui, sans-serif; color: var(--ink); margin: 0 auto; max-width: 900px; padding: 24px; }
  h1 { color: var(--accent); margin: 0 0 4px; font-size: 1.6rem; }
  h2 { color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 2px; margin-top: 28px; }
  .meta { color: var(--muted); margin-top: 0; }
  .signature { display: flex; flex-wrap: wrap; gap: 16px; align-items: end; border: 1px solid var(--line); padding: 12px; margin: 12px 0; }
  .signature label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
  .signature input { font: inherit; padding: 4px 6px; min-width: 220px; border: 1px solid var(--line); }
  .sign-line { flex: 1; min-width: 200px; border-bottom: 1px solid var(--ink); height: 2.2em; color: var(--muted); font-size: 0.85rem; }
  nav ol { columns: 2; }
  .item { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
  .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  .id { font-weight: 700; font-size: 1rem; }
  .head span { font-size: 0.75rem; border-radius: 10px; padding: 1px 8px; border: 1px solid var(--line); }
  .status.approved { background: #e3f4e1; border-color: #8fc488; }
  .status.pending { background: #fff6dc; border-color: #e3c66b; }
  .status.changes_requested, .status.changed_since_review { background: #fde4e1; border-color: #e39a90; }
  .fixed { background: #efe7f0; } .rephrasable { background: #eef3fa; }
  dl.facts { display: grid; grid-template-columns: 9em 1fr; gap: 2px 12px; margin: 8px 0; font-size: 0.9rem; }
  dt { color: var(--muted); } dd { margin: 0; }
  .where, .none { color: var(--muted); font-size: 0.8rem; }
  .term { background: #f3efe9; border-radius: 4px; padding: 0 4px; font-family: ui-monospace, monospace; font-size: 0.8rem; }
  .source-facts { margin: 4px 0 0; padding-left: 18px; }
  .wording { background: #faf8f6; border-left: 3px solid var(--accent); padding: 6px 10px; }
  .field { margin: 4px 0; } .fname { color: var(--muted); font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em; }
  .ftext { white-space: pre-wrap; }
  .previous { font-size: 0.85rem; color: var(--muted); }
  .decision { display: flex; flex-wrap: wrap; gap: 14px; align-items: start; margin-top: 8px; font-size: 0.9rem; }
  .decision .comment { flex: 1; display: flex; gap: 6px; min-width: 260px; }
  .decision textarea { flex: 1; font: inherit; border: 1px solid var(--line); min-height: 2.6em; }
  button { font: inherit; padding: 6px 12px; background: var(--accent); color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  @media print {
    body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.3; }
    .item { padding: 5px 9px; margin: 6px 0; }
    dl.facts { margin: 4px 0; }
    h2 { margin-top: 14px; }
    .screen-only { display: none; }
    a { color: inherit; text-decoration: none; }
    h2 { break-after: avoid; page-break-after: avoid; }
    .decision textarea { border: 0; border-bottom: 1px solid #999; resize: none; min-height: 3.2em; }
    @page { margin: 14mm; }
  }
`;

/** Collects the filled-in decisions into CSV (the format the import reads) and offers it as a download. */
const SCRIPT = `
(function () {
  'use strict';
  function csv(value) { return '"' + String(value).replace(/"/g, '""') + '"'; }
  document.getElementById('download').addEventListener('click', function () {
    var reviewer = document.getElementById('reviewer').value.trim();
    var date = document.getElementById('review-date').value;
    var note = document.getElementById('download-note');
    if (!reviewer || !date) { note.textContent = 'Please fill in your name and the date first.'; return; }
    var lines = ['id,reviewer,date,decision,comment,hash'];
    document.querySelectorAll('article.item').forEach(function (item) {
      var id = item.getAttribute('data-id');
      var chosen = item.querySelector('input[type=radio]:checked');
      if (!chosen) return;
      var comment = item.querySelector('textarea').value.trim();
      lines.push([id, reviewer, date, chosen.value, comment, item.getAttribute('data-hash')].map(csv).join(','));
    });
    if (lines.length === 1) { note.textContent = 'No item has a decision yet.'; return; }
    var blob = new Blob([lines.join('\\r\\n') + '\\r\\n'], { type: 'text/csv' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'gentlepath-review-' + date + '.csv';
    document.body.appendChild(link); link.click(); link.remove();
    note.textContent = (lines.length - 1) + ' decisions saved to ' + link.download + '.';
  });
})();
`;
