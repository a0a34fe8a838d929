// The shape of flows/: every piece of program content is data a clinician can review item by item.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-11-23');
const id = z.string().regex(/^[a-z0-9_.-]+$/, 'ids are lower-case letters, digits, _ . -');

/** Fields every reviewed content item carries. */
const reviewed = {
  id,
  /** Section of the source plan this item carries (e.g. "Relaxation Circuit / 90/90 Diaphragm Breath"). */
  source: z.string().min(3),
  reviewed_by: z.string().min(2),
  reviewed_on: isoDate,
  /** May an optional LLM reword this item? Always false for safety, consent and disclaimer text. */
  rephrasable: z.boolean(),
  /** Words a rephrase must keep (checked by the LLM verifier). */
  required_terms: z.array(z.string()).default([]),
};

/** A piece of text the bot says. `{name}` placeholders are filled at render time. */
export const messageSchema = z.object({ ...reviewed, text: z.string().min(1) }).strict();

const range = z.object({ min: z.number().nonnegative(), max: z.number().nonnegative() }).strict()
  .refine((r) => r.min <= r.max, 'min must not exceed max');

export const exerciseOptionSchema = z.object({ ...reviewed, name: z.string(), text: z.string() }).strict();

export const exerciseSchema = z.object({
  ...reviewed,
  name: z.string(),
  minutes: range,
  text: z.string(),
  cue: z.string().optional(),
  /** For "choose N of these" exercises (hip openers). */
  choose: z.number().int().positive().optional(),
  options: z.array(exerciseOptionSchema).optional(),
}).strict().refine((e) => !e.choose || (e.options && e.options.length >= e.choose), 'choose needs at least that many options');

export const stepSchema = z.object({
  ...reviewed,
  number: z.number().int().min(1),
  name: z.string(),
  text: z.string(),
  target: z.string(),
  /** Suggested hold, in seconds, when the step has one. */
  hold_seconds: range.optional(),
  /** Practised with a dilator: the coach names today's size (the level in words, exposure.dilator_size). */
  uses_dilator: z.boolean().default(false),
  /**
   * Advancing at this step means the next dilator size, one at a time up to parameters.dilator.sizes, before the
   * next step; stepping back goes one size down. Needs uses_dilator. A dilator step without it is practised at the
   * size already reached, so an earlier step must go through the sizes (src/content/check-steps.ts).
   */
  advance_by_size: z.boolean().default(false),
}).strict();

export const scheduleDaySchema = z.object({ ...reviewed, days: range, text: z.string() }).strict();

/** Something people ask about in their own words; answered from the script. */
export const topicSchema = z.object({
  ...reviewed,
  title: z.string(),
  text: z.string(),
  /** Ways people phrase it; matched by words, stems and synonyms, not verbatim. */
  phrases: z.array(z.string().min(2)).min(3),
  /** The answer once gentle strength work is unlocked, where the usual one would say it is still to come. */
  when_unlocked: z.string().optional(),
}).strict();

/** A feeling or a bit of small talk, noticed by its words and met with a short, kind, reviewed reply. */
export const acknowledgementSchema = z.object({
  ...reviewed,
  text: z.string(),
  /** Words and short phrases (lower case) that signal it; matched as whole words. */
  terms: z.array(z.string().min(2)).min(2),
  /** Whether the coach repeats the question it was waiting on afterwards (not after a goodbye). */
  reprompt: z.boolean().default(true),
}).strict();

/** The kinds of red flag the safety module recognises (PROGRAM-RULES section 4); each red flag item names the kinds it covers. */
export const RED_FLAG_KINDS = ['bleeding', 'fever', 'odour', 'infection', 'bulge', 'pressure', 'sharp_pain', 'lasting_pain'] as const;
export type RedFlagKind = typeof RED_FLAG_KINDS[number];

export const redFlagSchema = z.object({
  ...reviewed,
  rephrasable: z.literal(false),
  label: z.string(),
  /** What the safety module reports for this item (src/coach/safety/assess-red-flags.ts). */
  detects: z.array(z.enum(RED_FLAG_KINDS)).min(1),
  /** Words and short phrases that signal this red flag when not negated. */
  terms: z.array(z.string().min(2)).min(2),
  /** Question asked when a mention is unclear ("Are you having bleeding now?"). */
  confirm: z.string(),
}).strict();

export const historyFlagSchema = z.object({
  ...reviewed,
  rephrasable: z.literal(false),
  label: z.string(),
  question: z.string(),
  /** What we advise when the answer is yes. */
  advice: z.string(),
  /** 'evaluation': recommend a pelvic health PT, continue gently; 'clearance': continue only with provider clearance, slower. */
  kind: z.enum(['evaluation', 'clearance']),
}).strict();

export const parametersSchema = z.object({
  comfort: z.object({ max_pain: z.number().int().min(0).max(10) }).strict(),
  advance: z.object({
    comfortable_days: z.number().int().min(1),
    window_days: z.number().int().min(1),
    min_days_at_step: z.number().int().min(1),
  }).strict().refine((a) => a.comfortable_days <= a.window_days, 'comfortable_days must fit in window_days'),
  spike: z.object({
    rest_hours_min: z.number().min(24),
    rest_hours_max: z.number().max(72),
    /** A spike within this many days of the previous one counts as a repeat (longer rest). */
    repeat_within_days: z.number().int().min(1),
  }).strict(),
  stall: z.object({ days: z.number().int().min(28).max(42) }).strict(),
  strength: z.object({
    comfortable_days: z.number().int().min(1),
    window_days: z.number().int().min(1),
    /** Steps from this number up count as penetration practice (a step number from exposure.yaml; src/content/check-steps.ts). */
    min_step: z.number().int().min(1),
  }).strict().refine((s) => s.comfortable_days <= s.window_days, 'comfortable_days must fit in window_days'),
  sessions_per_day: range,
  dilator: z.object({ sizes: z.number().int().min(1) }).strict(),
}).strict();

/** A clinician's decision on one item, recorded by `npm run review -- import` with a hash of the text decided on. */
export const reviewRecordSchema = z.object({
  id,
  reviewer: z.string().min(2),
  date: isoDate,
  decision: z.enum(['approved', 'changes_requested']),
  comment: z.string().default(''),
  /** sha256 of the item as reviewed (see review-items.ts); a later change to the item makes it pending again. */
  text_sha256: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();

/** Emergency and crisis help for one country or region, picked by the user's time zone. */
export const crisisRegionSchema = z.object({
  ...reviewed,
  rephrasable: z.literal(false),
  /** Country or region name, for the review packet and the logs of a deploying organisation. */
  country: z.string().min(2),
  /** The number for an emergency there (checked to appear in the text). */
  emergency: z.string().regex(/^[0-9 ]+$/),
  /** IANA time zones (as Intl names them) that pick this region. */
  time_zones: z.array(z.string().min(2)).default([]),
  /** The lines shown in the crisis reply: emergency number first, then crisis lines. */
  text: z.string().min(10),
}).strict();

export const crisisHelpSchema = z.object({
  /** A deploying organisation may pin its own region here (a region id such as crisis.gb); null: the user's time zone picks it. */
  default_region: z.string().nullable().default(null),
  regions: z.array(crisisRegionSchema),
}).strict().refine((h) => h.default_region === null || h.regions.some((r) => r.id === h.default_region), 'default_region must be the id of one of the regions');

/** The learned safety net's weights (flows/safety-net.json; the model is src/coach/understand/safety/safety-net.ts). */
const safetyNetHeadSchema = z.object({
  bias: z.number(),
  /** Score (0-1) from which the head speaks. */
  threshold: z.number().min(0).max(1),
  weights: z.record(z.string(), z.number()),
}).strict();

export const safetyNetSchema = z.object({
  about: z.string().min(1),
  reviewed_by: z.string().min(1),
  /** The blind development sets it learned from (path, sha256, messages): held-out sets never appear here. */
  trained_on: z.array(z.object({ file: z.string(), sha256: z.string(), messages: z.number().int() }).strict()).min(1),
  heads: z.object({ self: safetyNetHeadSchema, others: safetyNetHeadSchema, red_flag: safetyNetHeadSchema, question: safetyNetHeadSchema }).strict(),
  /** One model per red flag kind (red.bleeding, ...): which one to ask about. */
  kinds: z.record(z.string(), safetyNetHeadSchema),
}).strict();

export const contentSchema = z.object({
  version: z.string().min(1),
  parameters: parametersSchema,
  messages: z.array(messageSchema),
  circuit: z.array(exerciseSchema).min(1),
  steps: z.array(stepSchema).min(1),
  reset_schedule: z.array(scheduleDaySchema),
  strength: z.array(messageSchema),
  guidance: z.array(messageSchema),
  troubleshooting: z.array(topicSchema),
  faq: z.array(topicSchema),
  red_flags: z.array(redFlagSchema),
  history_flags: z.array(historyFlagSchema),
  /** Feelings (shame, fear, sadness, ...) acknowledged kindly wherever they come up; each reply offers something gentle. */
  feelings: z.array(acknowledgementSchema).default([]),
  /** Thanks, goodbye, hello, how are you, laughter: a short reply. */
  small_talk: z.array(acknowledgementSchema).default([]),
  /** The safety module's concepts (who, what, when, how sure) as reviewable word lists; the rules are in src/coach/safety/. */
  safety_lexicon: z.object({
    reviewed_by: z.string().min(1),
    reviewed_on: z.string().min(1),
    source: z.string().min(1),
    concepts: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  }).strict(),
  /** The learned safety net (flows/safety-net.json): asks when the rules found nothing; see src/coach/understand/safety/safety-net.ts. */
  safety_net: safetyNetSchema.optional(),
  /** Synonym groups: every word in a group counts as the first one when matching. */
  synonyms: z.array(z.array(z.string().min(1)).min(2)),
  /** Emergency and crisis numbers per country (flows/crisis-help.yaml); without it the crisis reply names no country. */
  crisis_help: crisisHelpSchema.optional(),
  /** Clinical sign-off per item (flows/reviews.yaml, written by `npm run review -- import`). */
  reviews: z.array(reviewRecordSchema).optional(),
});

export type Content = z.infer<typeof contentSchema>;
export type SafetyNet = z.infer<typeof safetyNetSchema>;
export type SafetyNetHead = z.infer<typeof safetyNetHeadSchema>;
export type Parameters = z.infer<typeof parametersSchema>;
export type Message = z.infer<typeof messageSchema>;
export type Exercise = z.infer<typeof exerciseSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type RedFlag = z.infer<typeof redFlagSchema>;
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;
export type HistoryFlag = z.infer<typeof historyFlagSchema>;
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;
export type CrisisRegion = z.infer<typeof crisisRegionSchema>;
