// The emergency and crisis numbers for the user's country: the deployment's pinned region (flows/crisis-help.yaml
// default_region), else the region whose time zones include the user's, else the general "local emergency number".
import type { Content, CrisisRegion } from './schema.js';
import { renderMessage } from './render-message.js';

export function crisisRegion(content: Content, timeZone: string | null | undefined): CrisisRegion | null {
  const help = content.crisis_help;
  if (!help) return null;
  if (help.default_region) return help.regions.find((r) => r.id === help.default_region) ?? null;
  if (!timeZone) return null;
  return help.regions.find((r) => r.time_zones.includes(timeZone)) ?? null;
}

/** The {help} lines of the crisis reply, and the content id they came from. */
export function crisisHelp(content: Content, timeZone: string | null | undefined): { id: string; text: string } {
  const region = crisisRegion(content, timeZone);
  if (region) return { id: region.id, text: region.text };
  return { id: 'safety.crisis_help_unknown', text: renderMessage(content, 'safety.crisis_help_unknown').text };
}
