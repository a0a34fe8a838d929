// npm run review -- export [--out FILE]   writes the clinical review packet (one self-contained HTML page)
// npm run review -- import FILE           records a signed review (CSV or YAML) in flows/reviews.yaml
// npm run review -- status                how many items are approved, and the claim GentlePath makes
// npm run review -- sync-docs             puts the current claim into README and the app descriptions
// npm run review -- hazard-log            renders docs/safety/hazard-log.md from its YAML, checking every cited test
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultFlowsDir, loadContent } from '../content/load-content.js';
import { claimText, reviewState } from '../content/review-state.js';
import { projectRoot } from '../project-root.js';
import { staleClaimDocs, syncClaimDocs } from './claim-docs.js';
import { loadProgramFacts } from './program-facts.js';
import { readSignedReview, ReviewFileError } from './read-signed-review.js';
import { appendRecords, toRecords } from './record-reviews.js';
import { reviewPacketHtml } from './review-packet.js';
import { HAZARD_LOG_MD, loadHazardLog, missingTests, renderHazardLog } from './hazard-log.js';

export interface ReviewCliOptions {
  flowsDir?: string;
  /** Folder holding README.md and docs/ (the project root). */
  root?: string;
  now?: () => Date;
  out?: (line: string) => void;
}

/** Runs one review command; returns the exit code. */
export function runReviewCli(args: readonly string[], options: ReviewCliOptions = {}): number {
  const flowsDir = options.flowsDir ?? defaultFlowsDir;
  const root = options.root ?? projectRoot;
  const out = options.out ?? ((line: string) => console.log(line));
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'export': {
        const at = rest.indexOf('--out');
        const file = resolve(at >= 0 && rest[at + 1] ? rest[at + 1]! : join(root, 'review', 'gentlepath-review-packet.html'));
        const content = loadContent(flowsDir);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, reviewPacketHtml(content, { facts: loadProgramFacts(), generatedAt: (options.now?.() ?? new Date()).toISOString() }));
        const state = reviewState(content);
        out(`Wrote ${file}: ${state.total} items, ${state.approved} approved. Open it in a browser; print it or fill it in and download the signed review.`);
        return 0;
      }
      case 'import': {
        const file = rest[0];
        if (!file) { out('Usage: npm run review -- import FILE (a signed review, .csv or .yaml)'); return 2; }
        const content = loadContent(flowsDir);
        const rows = readSignedReview(file, readFileSync(file, 'utf8'));
        const records = toRecords(content, rows);
        appendRecords(flowsDir, records);
        const after = loadContent(flowsDir);
        const state = reviewState(after);
        const approved = records.filter((r) => r.decision === 'approved').length;
        out(`Recorded ${records.length} decisions from ${file} (${approved} approved, ${records.length - approved} changes requested).`);
        out(`${state.approved} of ${state.total} items are approved now.`);
        const docs = syncClaimDocs(root, after);
        if (docs.changed.length) out(`Updated the claim in ${docs.changed.join(', ')}.`);
        out(`GentlePath says: ${claimText(after)}`);
        return 0;
      }
      case 'status': {
        const content = loadContent(flowsDir);
        const state = reviewState(content);
        for (const status of ['changes_requested', 'changed_since_review'] as const) {
          const ids = state.items.filter((i) => i.status === status).map((i) => i.item.id);
          if (ids.length) out(`${status.replace(/_/g, ' ')}: ${ids.join(', ')}`);
        }
        out(`${state.approved} of ${state.total} items approved. GentlePath says: ${claimText(content)}`);
        const stale = staleClaimDocs(root, content);
        if (stale.length) out(`These documents do not say that yet: ${stale.join(', ')} (npm run review -- sync-docs)`);
        return 0;
      }
      case 'sync-docs': {
        const docs = syncClaimDocs(root, loadContent(flowsDir));
        out(docs.changed.length ? `Updated ${docs.changed.join(', ')}.` : 'Every document already says the current claim.');
        if (docs.missing.length) { out(`No claim sentence found in ${docs.missing.join(', ')}: add it by hand.`); return 1; }
        return 0;
      }
      case 'hazard-log': {
        const hazards = loadHazardLog(root);
        writeFileSync(join(root, HAZARD_LOG_MD), renderHazardLog(hazards));
        const missing = missingTests(root, hazards);
        out(`Wrote ${HAZARD_LOG_MD}: ${hazards.length} hazards, ${hazards.reduce((n, h) => n + h.tests.length, 0)} test references.`);
        for (const line of missing) out(`  cited test not found: ${line}`);
        return missing.length ? 1 : 0;
      }
      default:
        out('Usage: npm run review -- export [--out FILE] | import FILE | status | sync-docs | hazard-log');
        return 2;
    }
  } catch (error) {
    if (error instanceof ReviewFileError) {
      out(`Nothing was recorded: ${rest[0] ?? 'the file'} has ${error.problems.length === 1 ? 'a problem' : `${error.problems.length} problems`}:`);
      for (const problem of error.problems) out(`  ${problem}`);
      return 1;
    }
    out(`${command === 'import' ? 'Nothing was recorded' : `review ${command} failed`}: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = runReviewCli(process.argv.slice(2));
}
