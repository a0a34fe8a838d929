// Crisis help for the user's country: the numbers come from flows/crisis-help.yaml, picked by the user's time
// zone (or a region the deploying organisation pins), with a clear "your local emergency number" otherwise.
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../src/coach/handle-turn.js';
import { crisisHelp, crisisRegion } from '../../src/content/crisis-help.js';
import { loadContent } from '../../src/content/load-content.js';
import type { Content } from '../../src/content/schema.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import { ONBOARDING } from '../helpers/journey.js';

const content = loadContent();
const regions = content.crisis_help!.regions;
const region = (id: string) => regions.find((r) => r.id === id)!;

describe('crisis numbers per country (flows/crisis-help.yaml)', () => {
  it('covers the countries we are sure of, each naming its emergency number and never two regions for one zone', () => {
    expect(regions.map((r) => r.id).sort()).toEqual(['crisis.au', 'crisis.ca', 'crisis.de', 'crisis.es', 'crisis.fr', 'crisis.gb', 'crisis.ie', 'crisis.nl', 'crisis.nz', 'crisis.us']);
    const owner = new Map<string, string>();
    for (const r of regions) {
      expect(r.text, r.id).toContain(r.emergency);
      expect(r.text.indexOf(r.emergency), `${r.id}: the emergency number comes first`).toBeLessThan(r.text.search(/\d/) + 1);
      expect(r.rephrasable, r.id).toBe(false);
      for (const zone of r.time_zones) {
        expect(owner.get(zone), `${zone} is in ${owner.get(zone)} and ${r.id}`).toBeUndefined();
        owner.set(zone, r.id);
        expect(() => new Intl.DateTimeFormat('en', { timeZone: zone }), `${r.id}: ${zone} is a time zone`).not.toThrow();
      }
    }
    // Spot checks of the numbers themselves (a wrong digit here is a hazard: docs/safety/hazard-log.yaml).
    expect(region('crisis.gb').text).toMatch(/999[\s\S]*116 123/);
    expect(region('crisis.us').text).toMatch(/911[\s\S]*988/);
    expect(region('crisis.au').text).toMatch(/000[\s\S]*13 11 14/);
    expect(region('crisis.nz').text).toMatch(/111[\s\S]*1737/);
    expect(region('crisis.fr').text).toMatch(/112[\s\S]*3114/);
  });

  it('picks the region from the time zone, and the general advice when the zone is unknown or not covered', () => {
    expect(crisisRegion(content, 'Europe/London')?.id).toBe('crisis.gb');
    expect(crisisRegion(content, 'America/Los_Angeles')?.id).toBe('crisis.us');
    expect(crisisRegion(content, 'America/Toronto')?.id).toBe('crisis.ca');
    expect(crisisRegion(content, 'Australia/Perth')?.id).toBe('crisis.au');
    expect(crisisRegion(content, 'Atlantic/Canary')?.id).toBe('crisis.es');
    for (const zone of ['Asia/Tokyo', 'Europe/Oslo', 'America/Mexico_City', null, undefined]) {
      const help = crisisHelp(content, zone);
      expect(help.id, String(zone)).toBe('safety.crisis_help_unknown');
      expect(help.text).toMatch(/local emergency number/);
    }
  });

  it('uses the region a deploying organisation pins, whatever the zone', () => {
    const pinned: Content = { ...content, crisis_help: { ...content.crisis_help!, default_region: 'crisis.ie' } };
    expect(crisisHelp(pinned, 'America/New_York').id).toBe('crisis.ie');
    expect(crisisHelp(pinned, null).id).toBe('crisis.ie');
  });
});

describe('the crisis reply a user receives', () => {
  async function crisisReply(zoneAnswer: string | null, text = 'i want to kill myself'): Promise<string> {
    const store = await openSqliteStore(':memory:');
    try {
      const coach = createCoach({ content, store, now: () => new Date('2026-11-23T18:00:00Z') });
      const deliver = async () => {};
      if (zoneAnswer) {
        await coach.handleTurn('t:u', { text: 'hi' }, deliver);
        for (const answer of [...ONBOARDING.slice(0, -1), zoneAnswer]) await coach.handleTurn('t:u', { text: answer }, deliver);
      }
      const replies = await coach.handleTurn('t:u', { text }, deliver);
      const crisis = replies.find((r) => r.contentIds.includes('safety.crisis'));
      expect(crisis, 'a crisis reply').toBeDefined();
      expect(crisis!.text).not.toContain('{help}');
      return crisis!.text;
    } finally {
      await store.close();
    }
  }

  it('gives someone in London the UK numbers', async () => {
    const text = await crisisReply('London');
    expect(text).toContain(region('crisis.gb').text);
    expect(text).toMatch(/emergency department/);
  });

  it('gives someone in Berlin the German numbers', async () => {
    expect(await crisisReply('Berlin')).toContain('0800 111 0 111');
  });

  it('gives someone whose zone is not yet known (their very first message) the general advice', async () => {
    const text = await crisisReply(null);
    expect(text).toContain(content.messages.find((m) => m.id === 'safety.crisis_help_unknown')!.text);
    expect(text).toMatch(/local emergency number/);
  });
});
