// What GentlePath claims about its own content follows the review state of flows/: "awaits clinical review"
// until a clinician has approved every item, "clinically reviewed" after, and back to "awaits" by itself
// the moment an approved item's wording changes. Checked on every surface a user reads it.
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { reviewItems } from '../../src/content/review-items.js';
import { claimText, reviewState } from '../../src/content/review-state.js';
import type { Content } from '../../src/content/schema.js';
import { renderHomeView } from '../../src/channels/slack/render.js';
import { projectRoot } from '../../src/project-root.js';
import { staleClaimDocs } from '../../src/review/claim-docs.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/server/start.js';
import { Writable } from 'node:stream';

const content = loadContent();
const pending = content.messages.find((m) => m.id === 'about.claim_pending')!.text;
const reviewed = content.messages.find((m) => m.id === 'about.claim_reviewed')!.text;

/** The same content with every item approved by a clinician, as `npm run review -- import` records it. */
function allApproved(base: Content): Content {
  return { ...base, reviews: reviewItems(base).map((i) => ({ id: i.id, reviewer: 'Dr Test, PT', date: '2026-12-01', decision: 'approved' as const, comment: '', text_sha256: i.hash })) };
}

async function surfaces(c: Content): Promise<{ welcome: string; page: string; slackHome: string }> {
  const store = await openSqliteStore(':memory:');
  const quiet = new Writable({ write(_c, _e, done) { done(); } });
  const server = await startServer({ config: { port: 0, host: '127.0.0.1', defaultTimeZone: 'UTC', allowPublicLocalMode: false }, content: c, store, logger: createLogger({ level: 'silent', destination: quiet }) });
  try {
    const coach = createCoach({ content: c, store });
    const replies = await coach.handleTurn('t:claims', { text: 'hi' }, async () => {});
    const welcome = replies.find((r) => r.contentIds.includes('onboarding.welcome'))!.text;
    const page = await (await fetch(server.url)).text();
    const slackHome = JSON.stringify(renderHomeView(c, null, new Date()));
    return { welcome, page, slackHome };
  } finally {
    await server.close();
    await store.close();
  }
}

describe('the claim about clinical review', () => {
  it('says the wording awaits clinical review while items are pending (today: none is approved)', async () => {
    expect(reviewState(content).approved).toBe(0);
    expect(claimText(content)).toBe(pending);
    const seen = await surfaces(content);
    for (const [where, text] of Object.entries(seen)) {
      expect(text, where).toContain(pending);
      expect(text, where).not.toMatch(/clinically reviewed/);
    }
  });

  it('says "clinically reviewed" everywhere once every item is approved', async () => {
    const approved = allApproved(content);
    expect(reviewState(approved).allApproved).toBe(true);
    const seen = await surfaces(approved);
    for (const [where, text] of Object.entries(seen)) {
      expect(text, where).toContain(reviewed);
      expect(text, where).not.toContain(pending);
    }
  });

  it('falls back to "awaits clinical review" by itself when one approved item changes, or one decision asks for changes', () => {
    const approved = allApproved(content);
    const edited: Content = { ...approved, messages: approved.messages.map((m) => (m.id === 'rating.ask_after' ? { ...m, text: `${m.text} ` + 'Take your time.' } : m)) };
    const state = reviewState(edited);
    expect(state.items.find((i) => i.item.id === 'rating.ask_after')!.status).toBe('changed_since_review');
    expect(state.approved).toBe(state.total - 1);
    expect(claimText(edited)).toBe(pending);

    const changes: Content = { ...approved, reviews: [...approved.reviews!, { id: 'safety.crisis', reviewer: 'Dr Test, PT', date: '2026-12-02', decision: 'changes_requested', comment: 'add a text line', text_sha256: reviewItems(approved).find((i) => i.id === 'safety.crisis')!.hash }] };
    expect(reviewState(changes).items.find((i) => i.item.id === 'safety.crisis')!.status).toBe('changes_requested');
    expect(claimText(changes)).toBe(pending);
  });

  it('keeps a rule parameter under review too: a changed threshold is pending again', () => {
    const approved = allApproved(content);
    const changed: Content = { ...approved, parameters: { ...approved.parameters, comfort: { max_pain: 3 } } };
    expect(reviewState(changed).items.find((i) => i.item.id === 'parameters')!.status).toBe('changed_since_review');
    expect(claimText(changed)).toBe(pending);
  });

  it('has README and the Slack and Teams app descriptions say the current claim (npm run review -- sync-docs)', () => {
    expect(staleClaimDocs(projectRoot, content)).toEqual([]);
  });
});
