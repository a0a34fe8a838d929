// The daily session as an XState machine. Pure: it reads the turn's facts from the event and
// writes what to say and what to store into its context; handleTurn does the I/O.
import { assign, setup } from 'xstate';
import type { Content } from '../../content/schema.js';
import { renderMessage } from '../../content/render-message.js';
import { decideProgression, applyDecision, type Decision } from '../progression/decide-progression.js';
import { ladderOf, previousLevel, usesDilator } from '../progression/levels.js';
import { daysBetween, startProgress, type PracticeSession, type Progress } from '../progression/practice.js';
import { shouldSuggestSpecialist } from '../progression/stall.js';
import { checkStrengthUnlock } from '../progression/strength.js';
import { localDay, localWhen, nextLocalTime } from '../local-time.js';
import { levelName } from './level-name.js';
import { reasonText } from '../reason-text.js';
import {
  clinicianCheckJob, holdTimerJob, initialJobs, nextCheckIn, noReminders, onScheduled, pausedUntil, restEndJob, snoozedCheckIn,
} from './reminders.js';
import type { DaySession, Effect, LastAnswer, Profile, RatingSlot, Say, SessionContext, SessionEvent, StateMeta, TurnFacts } from './session-types.js';

const message = (id: Extract<Say, { kind: 'message' }>['id'], vars?: Extract<Say, { kind: 'message' }>['vars']): Say =>
  ({ kind: 'message', id, vars });

/** The daily check-in as a calendar file (sent when the time is set or changed, or asked for); nothing without a time. */
const calendarFile = (profile: Profile): Say[] => (profile.reminderTime ? [{ kind: 'calendar', time: profile.reminderTime, timeZone: profile.timeZone ?? 'UTC' }] : []);

export const emptyProfile: Profile = { consentAt: null, consentVersion: null, historyFlags: [], reminderTime: null, timeZone: null };

export const emptyContext = (): SessionContext => ({
  profile: emptyProfile, progress: null, day: null, screeningIndex: 0,
  redFlags: [], unclearRedFlags: [], reminders: noReminders, prompt: [], out: [], effects: [],
  held: null, resuming: false, clarify: null, last: null, safetyCheckedOn: null, nextDayFor: null,
});

/** The question a state waits on, in one short line: its last part (the question itself, or the controls). */
export const shortPrompt = (prompt: readonly Say[]): Say[] => (prompt.length > 0 ? [prompt.at(-1)!] : []);

/**
 * Entry of a state that asks something: the question in full, remembered as the prompt. On the way back from a
 * side question (`resuming`), the transition has already shown it in one short line, so the entry says nothing.
 */
const entering = (context: SessionContext, says: Say[], extra: Partial<SessionContext> = {}): Partial<SessionContext> =>
  (context.resuming ? { resuming: false } : { ...extra, out: [...context.out, ...says], prompt: says });

type Where = Parameters<typeof onScheduled>[4];

/** While paused for evaluation, most messages only get the reminder that exercise guidance is off. */
const stillPaused = { actions: { type: 'say' as const, params: [message('safety.still_paused')] } };

const meta = (expects: StateMeta['expects'], slot?: RatingSlot): { meta: StateMeta } => ({ meta: slot ? { expects, slot } : { expects } });

/**
 * Repair pattern "side question, then back": a yes/no (or any) question asked on top of where the person was.
 * Enter it with `holdPrompt`; leave it with `backToPrompt`, which returns to exactly that state and shows its question
 * again in one short line. (Used for delete, a possible red flag and a new reminder time; reusable for any global question.)
 */
export const backToPrompt = { target: '#coach.main.history', actions: 'returnToPrompt' as const };

/** Top-level states a "no" to the crisis question returns to; from anywhere in the program it is 'main' (history). */
const RETURNABLE = ['paused', 'confirmingRedFlag', 'confirmingDelete', 'changingReminder'] as const;
/** Possible crisis: ask one kind question, remembering where the person was. */
const crisisQuestionFrom = (from: string) => ({ target: '#coach.confirmingCrisis', actions: ['dropPendingPrompt', { type: 'notePossibleCrisis', params: from }] as const });

export function createSessionMachine(content: Content) {
  const params = content.parameters;
  const ladder = ladderOf(content);
  const circuit = content.circuit;

  /** The last practice day still waiting for its next-day rating, if it was yesterday or the day before. */
  const awaitingNextDay = (facts: TurnFacts): PracticeSession | undefined => {
    const last = facts.log.at(-1);
    if (!last || last.painNextDay !== null || last.day >= facts.today) return undefined;
    return daysBetween(last.day, facts.today) <= 2 ? last : undefined;
  };

  const sayDecision = (decision: Decision, progress: Progress, before: Progress, zone: string): Say[] => {
    switch (decision.kind) {
      case 'advance': return [message('decision.advance', { reason: reasonText(content, decision.reason), next: levelName(content, decision.to) })];
      case 'pending': return [message('decision.pending_next_day', { reason: reasonText(content, decision.reason), next: levelName(content, decision.to) })];
      case 'stepBack': return [message('decision.step_back', {
        reason: reasonText(content, decision.reason), hours: decision.restHours, step: levelName(content, progress),
        until: progress.restUntil ? localWhen(progress.restUntil, zone) : '', back: levelName(content, progress.returnTo ?? before),
      })];
      case 'return': return [message('decision.return', { reason: reasonText(content, decision.reason), step: levelName(content, decision.to) })];
      case 'stay': return [message('decision.stay', { reason: reasonText(content, decision.reason) })];
    }
  };

  /** Decides with the record as it now stands, applies the decision and says it, with the strength unlock when it comes. */
  const decide = (context: SessionContext, log: PracticeSession[], facts: TurnFacts): Partial<SessionContext> => {
    const progress = context.progress ?? startProgress(facts.today);
    const decision = decideProgression(log, progress, params, facts, ladder);
    let next = applyDecision(progress, decision, facts);
    const out = [...context.out, ...sayDecision(decision, next, progress, context.profile.timeZone ?? 'UTC')];
    const effects = decision.kind === 'stepBack' && next.restUntil ? [...context.effects, restEndJob(next.restUntil)] : context.effects;
    if (!next.strengthUnlocked) {
      const strength = checkStrengthUnlock(log, params);
      if (strength.unlocked) {
        next = { ...next, strengthUnlocked: true };
        out.push(message('strength.unlocked', { reason: reasonText(content, strength.reason) }), ...content.strength.map((s): Say => ({ kind: 'item', id: s.id })));
      }
    }
    return { progress: next, out, effects };
  };

  /** "I'll check in later today / tomorrow / on Tuesday 20:00", in the person's own time zone. */
  const nextCheckInSay = (profile: Profile, facts: TurnFacts): Say => {
    if (!profile.reminderTime) return message('summary.next_checkin_none');
    const zone = profile.timeZone ?? 'UTC';
    const at = nextLocalTime(new Date(facts.now), profile.reminderTime, zone);
    const day = localDay(at, zone);
    if (day === facts.today) return message('summary.next_checkin_today', { time: profile.reminderTime });
    if (daysBetween(facts.today, day) === 1) return message('summary.next_checkin_tomorrow', { time: profile.reminderTime });
    return message('summary.next_checkin', { when: localWhen(at.toISOString(), zone) });
  };

  /** A topic's answer; once strength work is unlocked, the version that says so where the usual one says "later". */
  const topicSay = (context: SessionContext, id: string): Say => {
    const unlocked = context.progress?.strengthUnlocked && [...content.troubleshooting, ...content.faq].find((t) => t.id === id)?.when_unlocked;
    return unlocked ? { kind: 'item', id, field: 'when_unlocked' } : { kind: 'item', id };
  };

  const practiceOf = (day: DaySession): PracticeSession & { key: string } => ({
    key: day.key, day: day.date, step: day.level.step, dilatorSize: day.level.dilatorSize,
    painDuring: day.painDuring, painAfter: day.painAfter, painNextDay: null,
  });

  const stepBackOneLevel = (progress: Progress | null, today: string): Progress | null =>
    progress && { ...progress, ...previousLevel(progress, ladder), levelSince: today, restUntil: null, restFrom: null, returnTo: null };

  /** Records a rating for the session of the day and, for the after and next-day ratings, decides again. */
  const rateSession = (context: SessionContext, facts: TurnFacts, slot: RatingSlot, value: number, progressBefore: Progress | null): Partial<SessionContext> => {
    if (slot === 'nextDay') {
      const day = context.nextDayFor ?? awaitingNextDay(facts)?.day;
      if (!day) return {};
      const log = facts.log.map((s) => (s.day === day ? { ...s, painNextDay: value } : s));
      const effects: Effect[] = [...context.effects, { kind: 'setNextDay', day, value }];
      const last: LastAnswer = { kind: 'rating', slot, day, value, progress: progressBefore };
      return { ...decide({ ...context, progress: progressBefore, effects }, log, facts), last };
    }
    if (!context.day) return {};
    const day = slot === 'during' ? { ...context.day, painDuring: value } : { ...context.day, painAfter: value };
    const session = practiceOf(day);
    const effects: Effect[] = [...context.effects, { kind: 'savePractice', session }];
    const last: LastAnswer = { kind: 'rating', slot, day: day.date, value, progress: progressBefore };
    if (slot === 'during') {
      // Stored now, so the rating survives even if the user never gives the second one.
      const out = value > params.comfort.max_pain ? [...context.out, message('safety.step_back_now')] : context.out;
      return { day, effects, out, last };
    }
    const log = [...facts.log.filter((s) => s.key !== session.key), session];
    return { ...decide({ ...context, progress: progressBefore, effects }, log, facts), day, last };
  };

  /** Consent given (at the first ask or after declining): record it and go on to the screening questions. */
  const acceptConsent = {
    target: 'screening',
    actions: ['recordConsent' as const, { type: 'say' as const, params: [message('onboarding.consent_thanks'), message('onboarding.screening_intro')] }],
  };
  /** "No" or "skip" to a screening question: the next one, or on to the current-symptoms check. */
  const nextScreeningQuestion = [
    { guard: 'moreScreening' as const, target: 'screening', reenter: true, actions: 'nextScreening' as const },
    { target: 'currentSymptoms' },
  ];

  return setup({
    types: {} as { context: SessionContext; events: SessionEvent },
    guards: {
      scheduledStartsDay: ({ context, event }) =>
        event.type === 'SCHEDULED' && onScheduled(event.job, context, event.facts, content, 'idle').startDay,
      accepted: ({ event }) => event.type === 'YES',
      moreScreening: ({ context }) => context.screeningIndex + 1 < content.history_flags.length,
      needsNextDay: ({ event }) => awaitingNextDay(event.facts) !== undefined,
      moreExercises: ({ context }) => (context.day?.circuitIndex ?? 0) + 1 < circuit.length,
      isChoiceExercise: ({ context }) => Boolean(circuit[context.day?.circuitIndex ?? 0]?.choose),
      onboarded: ({ context }) => context.progress !== null,
      consented: ({ context }) => context.profile.consentAt !== null,
      checkedToday: ({ context, event }) => context.safetyCheckedOn === event.facts.today,
      correctsRating: ({ context, event }) => event.type === 'CORRECT' && event.value !== undefined && context.last?.kind === 'rating',
      correctsChoices: ({ event }) => event.type === 'CORRECT' && (event.choices?.length ?? 0) > 0,
      lastWas: ({ context }, slot: RatingSlot) => context.last?.kind === 'rating' && context.last.slot === slot,
      mistakenSafetyYes: ({ context }, where: 'onboarding' | 'day') => context.last?.kind === 'safetyYes' && context.last.where === where
        && context.redFlags.every((id) => id === 'safety_check'),
      hasTime: ({ event }) => event.type === 'CHANGE_REMINDER' && event.hour !== undefined,
    },
    actions: {
      /** Says a prompt and remembers it as the question this state is waiting on. */
      ask: assign(({ context }, says: Say[]) => entering(context, says)),
      /** Idle and paused wait for nothing in particular: no question to repeat after an aside. */
      settle: assign(({ context }) => ({ resuming: false, prompt: [], held: null, clarify: context.clarify ?? null })),
      repeatShort: assign(({ context }) => ({ out: [...context.out, ...shortPrompt(context.prompt)] })),
      holdPrompt: assign(({ context }) => ({ held: context.prompt, clarify: null })),
      returnToPrompt: assign(({ context }) => {
        const prompt = context.held ?? context.prompt;
        return { resuming: true, prompt, held: null, out: [...context.out, ...shortPrompt(prompt)] };
      }),
      say: assign(({ context }, says: Say[]) => ({ out: [...context.out, ...says] })),
      // Not understood: one line and the buttons (the short prompt), never a reprint of the whole exercise.
      repeatPrompt: assign(({ context }) => ({ out: [...context.out, message('reprompt', { options: '' }), ...shortPrompt(context.prompt)] })),
      askRatingAgain: assign(({ context }) => ({ out: [...context.out, message('rating.unclear_words')] })),
      dropPendingPrompt: assign(({ context }) => ({ out: context.out.filter((say) => !context.prompt.includes(say)) })),
      showPrompt: assign(({ context }) => ({ out: [...context.out, ...context.prompt] })),
      recordConsent: assign(({ context, event }) => ({
        profile: { ...context.profile, consentAt: event.facts.now, consentVersion: event.facts.contentVersion },
      })),
      askScreening: assign(({ context }) => {
        const flag = content.history_flags[context.screeningIndex];
        const says: Say[] = flag ? [{ kind: 'item', id: flag.id, field: 'question' }] : [];
        return entering(context, says);
      }),
      noteHistoryFlag: assign(({ context }) => {
        const flag = content.history_flags[context.screeningIndex]!;
        return {
          profile: { ...context.profile, historyFlags: [...new Set([...context.profile.historyFlags, flag.id])] },
          out: [...context.out, { kind: 'item', id: flag.id, field: 'advice' } as Say],
        };
      }),
      nextScreening: assign(({ context }) => ({ screeningIndex: context.screeningIndex + 1 })),
      saveTime: assign(({ context, event }) => {
        if ((event.type !== 'TIME' && event.type !== 'CHANGE_REMINDER') || event.hour === undefined) return {};
        const time = `${String(event.hour).padStart(2, '0')}:${String(event.minute ?? 0).padStart(2, '0')}`;
        return { profile: { ...context.profile, reminderTime: time } };
      }),
      saveZone: assign(({ context, event }) => (event.type === 'ZONE' ? { profile: { ...context.profile, timeZone: event.zone } } : {})),
      finishOnboarding: assign(({ context, event }) => ({
        progress: context.progress ?? startProgress(event.facts.today),
        effects: [...context.effects, ...initialJobs(context.profile, event.facts)],
        out: [...context.out, message('onboarding.done', {
          time: context.profile.reminderTime ?? renderMessage(content, 'words.no_set_time').text, zone: context.profile.timeZone ?? 'UTC',
        }), ...calendarFile(context.profile)],
      })),
      openDay: assign(({ context, event }) => {
        const progress = context.progress ?? startProgress(event.facts.today);
        return {
          progress,
          day: {
            key: `${event.facts.today}@${event.facts.now}`, date: event.facts.today, level: { step: progress.step, dilatorSize: progress.dilatorSize },
            circuitIndex: 0, circuitDone: 0, choices: [], painDuring: null, painAfter: null,
          },
        };
      }),
      greet: assign(({ context, event }) => {
        // One greeting per check-in: a scheduled check-in has already said hello.
        const greeted = context.out.some((say) => say.kind === 'message' && (say.id === 'reminder.checkin' || say.id === 'checkin.greeting'));
        const out = greeted ? [...context.out] : [...context.out, message('checkin.greeting')];
        if (event.facts.log.some((s) => s.day === event.facts.today)) out.push(message('already_practised'));
        return { out };
      }),
      askNextDay: assign(({ context, event }) => {
        const last = awaitingNextDay(event.facts);
        const day = context.resuming || !last ? context.nextDayFor ?? last?.day ?? null : last.day;
        const practised = event.facts.log.find((s) => s.day === day) ?? last;
        const says = [message('checkin.ask_next_day', { step: practised ? levelName(content, practised) : levelName(content, context.progress ?? { step: 1, dilatorSize: null }) })];
        return entering(context, says, { nextDayFor: day });
      }),
      recordNextDay: assign(({ context, event }) => {
        if (event.type !== 'RATING') return {};
        const out = [...context.out, message('checkin.next_day_thanks')];
        return rateSession({ ...context, out }, event.facts, 'nextDay', event.value, context.progress);
      }),
      suggestSpecialistIfStalled: assign(({ context, event }) => {
        if (!context.progress || !shouldSuggestSpecialist(context.progress, event.facts.today, params)) return {};
        return {
          progress: { ...context.progress, stallNotifiedDay: event.facts.today },
          out: [...context.out, message('decision.stall', { weeks: Math.round(params.stall.days / 7) })],
        };
      }),
      askExercise: assign(({ context }) => {
        const index = context.day?.circuitIndex ?? 0;
        const exercise = circuit[index]!;
        const says: Say[] = [{ kind: 'exercise', index }];
        if (exercise.choose) says.push(message('circuit.choose', { count: exercise.choose, options: (exercise.options ?? []).map((o, i) => `${i + 1}. ${o.name}`).join('\n') }));
        else says.push(message('circuit.controls'));
        return entering(context, says);
      }),
      saveChoices: assign(({ context, event }) => {
        if ((event.type !== 'CHOOSE' && event.type !== 'CORRECT') || !context.day) return {};
        const options = circuit[context.day.circuitIndex]?.options ?? [];
        const picked = (event.choices ?? []).filter((c) => c >= 1 && c <= options.length);
        if (picked.length === 0) return {};
        const says: Say[] = [
          message('circuit.chosen', { names: picked.map((c) => options[c - 1]!.name).join(' and ') }),
          ...picked.map((c): Say => ({ kind: 'item', id: options[c - 1]!.id })),
          message('circuit.controls'),
        ];
        return { day: { ...context.day, choices: picked }, out: [...context.out, ...says], prompt: says };
      }),
      countExercise: assign(({ context, event }) => (context.day
        ? { day: { ...context.day, circuitDone: context.day.circuitDone + (event.type === 'DONE' ? 1 : 0) } } : {})),
      nextExercise: assign(({ context }) => (context.day ? { day: { ...context.day, circuitIndex: context.day.circuitIndex + 1 } } : {})),
      askStep: assign(({ context, event }) => {
        if (context.resuming) return { resuming: false };
        let current: Partial<SessionContext> = {};
        const zone = context.profile.timeZone ?? 'UTC';
        // After a rest, back to the step where the spike happened once the latest rating is comfortable.
        const rested = context.progress?.returnTo && !(context.progress.restUntil && Date.parse(context.progress.restUntil) > Date.parse(event.facts.now));
        if (rested) {
          const decided = decide(context, event.facts.log, event.facts);
          if (decided.progress && decided.progress.step !== context.progress!.step || decided.progress?.dilatorSize !== context.progress!.dilatorSize) current = decided;
        }
        const progress = current.progress ?? context.progress!;
        const level = { step: progress.step, dilatorSize: progress.dilatorSize };
        const says: Say[] = [];
        if (progress.restUntil && Date.parse(progress.restUntil) > Date.parse(event.facts.now)) says.push(message('exposure.rest_day', { until: localWhen(progress.restUntil, zone) }));
        says.push({ kind: 'step', level });
        if (level.dilatorSize && usesDilator(ladder, level.step)) says.push(message('exposure.dilator_size', { size: level.dilatorSize }));
        says.push(message('exposure.controls'));
        return { ...current, day: context.day && { ...context.day, level }, out: [...(current.out ?? context.out), ...says], prompt: says };
      }),
      recordDuring: assign(({ context, event }) => (event.type === 'RATING' ? rateSession(context, event.facts, 'during', event.value, context.progress) : {})),
      recordAfterAndDecide: assign(({ context, event }) => {
        if (!context.day) return {};
        // "during 5 after 4" in one message: the after question this same message led to is not asked any more.
        const unasked = { ...context, out: context.out.filter((say) => !context.prompt.includes(say)) };
        if (event.type === 'RATING') return rateSession(unasked, event.facts, 'after', event.value, context.progress);
        // Skipped: the session is still recorded and decided with what we have.
        const day = { ...context.day, painAfter: null };
        const session = practiceOf(day);
        const effects: Effect[] = [...context.effects, { kind: 'savePractice', session }];
        const log = [...event.facts.log.filter((s) => s.key !== session.key), session];
        return { ...decide({ ...context, effects }, log, event.facts), day };
      }),
      /** "No wait, I meant 1": the last rating changes where it was given, and the decision is made again from before it. */
      correctRating: assign(({ context, event }) => {
        const last = context.last;
        if (event.type !== 'CORRECT' || event.value === undefined || last?.kind !== 'rating') return {};
        const changed = { ...context, out: [...context.out, message('correct.rating_changed', { value: event.value })] };
        const rated = rateSession(changed, event.facts, last.slot, event.value, last.progress);
        const hadRest = context.progress?.restUntil && !last.progress?.restUntil;
        const undoneRest = hadRest && !(rated.progress?.restUntil) ? [{ kind: 'cancel', job: 'rest_end' } as Effect] : [];
        const effects = [...(rated.effects ?? changed.effects), ...undoneRest];
        return { ...rated, effects, out: [...(rated.out ?? changed.out), ...shortPrompt(context.prompt)] };
      }),
      /** "Undo" without a number: back to the rating question, with the program as it was before that rating. */
      undoRating: assign(({ context }) => {
        const last = context.last;
        if (last?.kind !== 'rating') return {};
        const hadRest = context.progress?.restUntil && !last.progress?.restUntil;
        return {
          progress: last.progress, last: null, out: [...context.out, message('correct.redo')],
          effects: hadRest ? [...context.effects, { kind: 'cancel', job: 'rest_end' } as Effect] : context.effects,
        };
      }),
      nothingToCorrect: assign(({ context }) => ({ out: [...context.out, message('correct.nothing'), ...shortPrompt(context.prompt)] })),
      /** A mis-tapped "yes" at the safety checklist: lift that pause and ask the checklist again. No clearance needed. */
      undoSafetyYes: assign(({ context }) => ({
        redFlags: context.redFlags.filter((id) => id !== 'safety_check'), last: null,
        effects: [...context.effects, { kind: 'cancel', job: 'clinician_check' } as Effect],
        out: [...context.out, message('correct.safety_recheck')],
      })),
      noteSafetyYes: assign(({ context }, where: 'onboarding' | 'day') => ({ last: { kind: 'safetyYes', where } as LastAnswer })),
      noteSafetyChecked: assign(({ event }) => ({ safetyCheckedOn: event.facts.today, last: null })),
      forgetLast: assign({ last: null }),
      cancelled: assign(({ context }) => ({ out: [...context.out, message('cancel.kept'), ...shortPrompt(context.prompt)] })),
      stoppedForPain: assign(({ context }) => ({ out: [...context.out, message('exposure.stopped')] })),
      acknowledge: assign(({ context, event }) => {
        if (event.type !== 'FEELING' && event.type !== 'SMALL_TALK') return {};
        const item = [...content.feelings, ...content.small_talk].find((i) => i.id === event.id);
        const again = event.type === 'FEELING' ? event.reprompt !== false : item?.reprompt !== false;
        return { out: [...context.out, { kind: 'item', id: event.id } as Say, ...(again ? shortPrompt(context.prompt) : [])] };
      }),
      /** A clarifying question of its own: numbered options and "neither"; the question underneath waits. */
      askClarify: assign(({ context, event }) => {
        const ids = event.type === 'TOPIC_UNCLEAR' ? event.ids : context.clarify ?? [];
        if (ids.length === 0) return {};
        const titles = ids.map((id) => [...content.troubleshooting, ...content.faq].find((t) => t.id === id)?.title ?? id);
        const again = event.type === 'CLARIFY_AGAIN' ? [message('reprompt', { options: '' })] : [];
        return { clarify: ids, out: [...context.out, ...again, message('clarify.ask', { options: titles.map((t, i) => `${i + 1}. ${t}`).join('\n') })] };
      }),
      clarifyPicked: assign(({ context, event }) => (event.type === 'CLARIFY_PICK'
        ? { clarify: null, out: [...context.out, topicSay(context, event.id), ...shortPrompt(context.prompt)] } : {})),
      clarifyNeither: assign(({ context }) => ({ clarify: null, out: [...context.out, message('clarify.neither'), ...shortPrompt(context.prompt)] })),
      clarifyDrop: assign({ clarify: null }),
      saveJournal: assign(({ context, event }) => {
        if (event.type !== 'TEXT' || !context.day) return {};
        return {
          last: null,
          effects: [...context.effects, { kind: 'saveJournal', day: context.day.date, text: event.text.slice(0, 500) }],
          out: [...context.out, message('journal.saved')],
        };
      }),
      summarise: assign(({ context, event }) => {
        const day = context.day;
        const out = [...context.out];
        if (day) {
          out.push(message('summary.today', {
            circuit_done: day.circuitDone, circuit_total: circuit.length, step: levelName(content, day.level),
            during: day.painDuring ?? '-', after: day.painAfter ?? '-', next: context.progress ? levelName(content, context.progress) : '',
          }));
        }
        out.push(nextCheckInSay(context.profile, event.facts));
        return { out, day: null, last: null };
      }),
      answerTopic: assign(({ context, event }) => (event.type === 'TOPIC' ? { out: [...context.out, topicSay(context, event.id)] } : {})),
      /** A question at any prompt: the answer, then the same prompt in one short line. */
      digress: assign(({ context, event }) => (event.type === 'TOPIC'
        ? { out: [...context.out, topicSay(context, event.id), ...(event.reprompt === false ? [] : shortPrompt(context.prompt))] } : {})),
      scheduleClinicianCheck: assign(({ context, event }) => ({ effects: [...context.effects, clinicianCheckJob(event.facts)] })),
      noteRedFlags: assign(({ context, event }) => {
        // A plain "yes" at a safety question reports what that question listed.
        const ids = event.type === 'RED_FLAG' ? event.ids : context.unclearRedFlags.length > 0 ? context.unclearRedFlags : ['safety_check'];
        // The question this same message led to (the next rating, the journal) is no longer asked.
        const out = context.out.filter((say) => !context.prompt.includes(say));
        return { redFlags: [...new Set([...context.redFlags, ...ids])], unclearRedFlags: [], out, prompt: [] };
      }),
      notePossibleRedFlags: assign(({ event }) => ({ unclearRedFlags: event.type === 'MAYBE_RED_FLAG' ? event.ids : [] })),
      notePossibleCrisis: assign(({ event }, from: string) => ({ crisisQuestion: event.type === 'MAYBE_CRISIS' ? event.about : 'self', crisisReturn: from })),
      askCrisisQuestion: assign(({ context }) => {
        const ask = message(context.crisisQuestion === 'others' ? 'safety.crisis_ask_others' : 'safety.crisis_ask_self');
        return { out: [...context.out, ask], prompt: [ask] };
      }),
      answerRedFlagQuestion: assign(({ context }) => ({ out: [...context.out, { kind: 'item', id: 'faq.red_flags' } as Say] })),
      announcePause: assign(({ context }) => {
        if (context.resuming) return { resuming: false };
        const labels = context.redFlags.map((id) => content.red_flags.find((r) => r.id === id)?.label ?? renderMessage(content, 'words.reported_at_safety_check').text);
        return { out: [...context.out, message('safety.paused', { flags: labels.join(', ') })], prompt: [message('safety.still_paused')] };
      }),
      askRedFlagConfirm: assign(({ context }) => {
        const says: Say[] = context.unclearRedFlags.map((id) => ({ kind: 'item', id, field: 'confirm' }) as Say);
        return entering(context, says);
      }),
      resumeAfterClearance: assign(({ context, event }) => ({
        redFlags: [], day: null, last: null,
        effects: [...context.effects, { kind: 'cancel', job: 'clinician_check' } as Effect],
        progress: stepBackOneLevel(context.progress, event.facts.today),
        out: [...context.out, message('safety.resumed')],
      })),
      requestDelete: assign(({ context }) => ({ effects: [...context.effects, { kind: 'deleteUser' } as Effect] })),
      closeDay: assign({ day: null }),
      markActive: assign(({ context }) => ({ reminders: { ...(context.reminders ?? noReminders), unanswered: 0 } })),
      handleScheduled: assign(({ context, event }, where: Where) => {
        if (event.type !== 'SCHEDULED') return {};
        const outcome = onScheduled(event.job, context, event.facts, content, where);
        return { reminders: outcome.reminders, out: [...context.out, ...outcome.out], effects: [...context.effects, ...outcome.effects] };
      }),
      snooze: assign(({ context, event }) => ({
        effects: [...context.effects, snoozedCheckIn(event.facts)], out: [...context.out, message('reminder.snoozed')],
      })),
      pauseReminders: assign(({ context, event }) => {
        if (event.type !== 'PAUSE_REMINDERS') return {};
        const reminders = { ...(context.reminders ?? noReminders), pausedUntil: pausedUntil(event.facts, event.days) };
        return {
          reminders,
          effects: [...context.effects, nextCheckIn(context.profile, reminders, new Date(event.facts.now))],
          out: [...context.out, message('reminder.paused', { days: event.days })],
        };
      }),
      remindersOff: assign(({ context }) => ({
        profile: { ...context.profile, reminderTime: null },
        effects: [...context.effects, { kind: 'cancel', job: 'checkin' } as Effect],
        out: [...context.out, message('reminder.off')],
      })),
      reminderUpdated: assign(({ context, event }) => ({
        effects: [...context.effects, nextCheckIn(context.profile, { ...(context.reminders ?? noReminders), pausedUntil: null }, new Date(event.facts.now))],
        reminders: { ...(context.reminders ?? noReminders), pausedUntil: null },
        out: [...context.out, message('reminder.updated', { time: context.profile.reminderTime ?? '', zone: context.profile.timeZone ?? 'UTC' }), ...calendarFile(context.profile)],
      })),
      sendCalendar: assign(({ context }) => ({
        out: [...context.out, ...(context.profile.reminderTime ? calendarFile(context.profile) : [message('calendar.no_time')])],
      })),
      startTimer: assign(({ context, event }) => {
        const step = content.steps.find((s) => s.number === context.day?.level.step);
        const seconds = step?.hold_seconds?.max ?? 60;
        const endsAt = new Date(Date.parse(event.facts.now) + seconds * 1000).toISOString();
        return { effects: [...context.effects, holdTimerJob(event.facts, seconds)], out: [...context.out, { kind: 'timer', seconds, endsAt } as Say] };
      }),
    },
  }).createMachine({
    id: 'coach',
    context: emptyContext,
    initial: 'main',
    on: {
      CRISIS: { target: '.paused', actions: ['dropPendingPrompt', { type: 'say', params: [message('safety.crisis')] }] },
      MAYBE_CRISIS: crisisQuestionFrom('main'),
      RED_FLAG: { target: '.main.pausedForEvaluation', actions: ['noteRedFlags', 'scheduleClinicianCheck'] },
      MAYBE_RED_FLAG: { target: '.confirmingRedFlag', actions: ['holdPrompt', 'notePossibleRedFlags'] },
      RED_FLAG_QUESTION: { actions: ['answerRedFlagQuestion', 'repeatShort'] },
      HELP: { actions: [{ type: 'say', params: [message('help')] }, 'repeatShort'] },
      DISCLAIMER: { actions: [{ type: 'say', params: [message('disclaimer')] }, 'repeatShort'] },
      PROGRESS: { actions: [{ type: 'say', params: [{ kind: 'progress' }] }, 'repeatShort'] },
      EXPORT: { actions: { type: 'say', params: [message('data.export'), { kind: 'export' }] } },
      DELETE: { target: '.confirmingDelete', actions: 'holdPrompt' },
      // Repair patterns: clarify (in place: the question underneath waits), digress, feelings and small talk, cancel.
      TOPIC_UNCLEAR: { actions: 'askClarify' },
      CLARIFY_PICK: { actions: 'clarifyPicked' },
      CLARIFY_NEITHER: { actions: 'clarifyNeither' },
      CLARIFY_DROP: { actions: 'clarifyDrop' },
      CLARIFY_AGAIN: { actions: 'askClarify' },
      TOPIC: { actions: 'digress' },
      FEELING: { actions: 'acknowledge' },
      SMALL_TALK: { actions: 'acknowledge' },
      CANCEL: { actions: 'cancelled' },
      CORRECT: { actions: 'nothingToCorrect' },
      UNKNOWN: { actions: 'repeatPrompt' },
      UNCLEAR_RATING: { actions: 'repeatPrompt' },
      OPEN: { actions: 'showPrompt' },
      ACTIVE: { actions: 'markActive' },
      SCHEDULED: { actions: { type: 'handleScheduled', params: 'elsewhere' } },
      SNOOZE: { target: '.main.idle', actions: ['closeDay', 'snooze'] },
      PAUSE_REMINDERS: { actions: 'pauseReminders' },
      REMINDERS_OFF: { actions: 'remindersOff' },
      // "change my reminder to 7am" carries its value; without one, ask for the time.
      CHANGE_REMINDER: [
        { guard: 'hasTime', actions: ['saveTime', 'reminderUpdated', 'repeatShort'] },
        { target: '.changingReminder', actions: 'holdPrompt' },
      ],
      START_TIMER: { actions: { type: 'say', params: [message('timer.unavailable')] } },
      // "add it to my calendar": the daily check-in as a calendar file, then the same prompt.
      CALENDAR: { actions: ['sendCalendar', 'repeatShort'] },
      // Yesterday's unfinished session is closed (its ratings are already stored); today starts fresh.
      NEW_DAY: { target: '.main.idle', actions: 'closeDay' },
    },
    states: {
      main: {
        initial: 'onboarding',
        on: {
          PAUSE: { target: 'paused', actions: { type: 'say', params: [message('pause')] } },
          STOP: { target: 'paused', actions: { type: 'say', params: [message('stop')] } },
          HURT: { target: 'paused', actions: { type: 'say', params: [message('stop')] } },
        },
        states: {
          history: { type: 'history', history: 'deep' },
          onboarding: {
            initial: 'consent',
            on: {
              SCHEDULED: { actions: { type: 'handleScheduled', params: 'onboarding' } },
              SNOOZE: { actions: 'repeatPrompt' },
            },
            states: {
              consent: {
                ...meta('yesno'),
                entry: { type: 'ask', params: [message('onboarding.welcome'), message('disclaimer'), message('onboarding.consent_ask')] },
                on: {
                  YES: acceptConsent,
                  NO: 'declined',
                },
              },
              declined: {
                ...meta('yesno'),
                entry: { type: 'ask', params: [message('onboarding.consent_declined')] },
                on: {
                  YES: acceptConsent,
                  START: 'consent',
                },
              },
              screening: {
                ...meta('yesno'),
                entry: 'askScreening',
                on: {
                  YES: [
                    { guard: 'moreScreening', target: 'screening', reenter: true, actions: ['noteHistoryFlag', 'nextScreening'] },
                    { target: 'currentSymptoms', actions: 'noteHistoryFlag' },
                  ],
                  NO: nextScreeningQuestion,
                  SKIP: nextScreeningQuestion,
                },
              },
              currentSymptoms: {
                ...meta('yesno'),
                entry: { type: 'ask', params: [message('safety.check_ask')] },
                on: {
                  YES: { target: '#coach.main.pausedForEvaluation', actions: ['noteRedFlags', 'scheduleClinicianCheck', { type: 'noteSafetyYes', params: 'onboarding' }] },
                  NO: { target: 'reminderTime', actions: 'noteSafetyChecked' },
                },
              },
              reminderTime: {
                ...meta('time'),
                entry: { type: 'ask', params: [message('onboarding.ask_time')] },
                on: {
                  TIME: { target: 'timeZone', actions: 'saveTime' },
                  // "change my reminder to 7am" while we are asking for it is the answer
                  CHANGE_REMINDER: { guard: 'hasTime', target: 'timeZone', actions: 'saveTime' },
                  SKIP: 'timeZone',
                  NO: 'timeZone',
                  UNKNOWN: { actions: { type: 'say', params: [message('onboarding.time_unclear')] } },
                },
              },
              timeZone: {
                ...meta('zone'),
                entry: { type: 'ask', params: [message('onboarding.ask_timezone')] },
                on: {
                  ZONE: { target: '#coach.main.idle', actions: ['saveZone', 'finishOnboarding'] },
                  SKIP: { target: '#coach.main.idle', actions: 'finishOnboarding' },
                  UNKNOWN: { actions: { type: 'say', params: [message('onboarding.timezone_unclear')] } },
                },
              },
            },
          },
          idle: {
            ...meta('start'),
            entry: 'settle',
            on: {
              START: { target: 'day', actions: 'openDay' },
              SCHEDULED: [
                { guard: 'scheduledStartsDay', target: 'day', actions: [{ type: 'handleScheduled', params: 'idle' }, 'openDay'] },
                { actions: { type: 'handleScheduled', params: 'idle' } },
              ],
              CONTINUE: { actions: { type: 'say', params: [message('continue.nothing')] } },
              YES: { target: 'day', actions: 'openDay' },
              TOPIC: { actions: 'answerTopic' },
              SMALL_TALK: [
                { guard: ({ event }) => event.type === 'SMALL_TALK' && event.id === 'small.hello', actions: ['acknowledge', { type: 'say', params: [message('idle.prompt')] }] },
                { actions: 'acknowledge' },
              ],
              UNKNOWN: { actions: { type: 'say', params: [message('idle.prompt')] } },
              OPEN: { actions: { type: 'say', params: [message('idle.prompt')] } },
              PAUSE: { actions: { type: 'say', params: [message('pause')] } },
              STOP: { actions: { type: 'say', params: [message('stop')] } },
            },
          },
          day: {
            initial: 'checkIn',
            on: {
              SCHEDULED: { actions: { type: 'handleScheduled', params: 'day' } },
              // Corrections change the last answer where it was given: with a number in place, without one by asking again.
              CORRECT: [
                { guard: 'correctsRating', actions: 'correctRating' },
                { guard: { type: 'lastWas', params: 'during' }, target: '.ratingDuring', actions: 'undoRating' },
                { guard: { type: 'lastWas', params: 'after' }, target: '.ratingAfter', actions: 'undoRating' },
                { guard: { type: 'lastWas', params: 'nextDay' }, target: '.nextDayRating', actions: 'undoRating' },
                { actions: 'nothingToCorrect' },
              ],
            },
            states: {
              checkIn: {
                entry: ['greet', 'suggestSpecialistIfStalled'],
                always: [
                  { guard: 'needsNextDay', target: 'nextDayRating' },
                  // The safety checklist is asked once a day, not again seconds after onboarding.
                  { guard: 'checkedToday', target: 'circuit', actions: { type: 'say', params: [message('circuit.intro')] } },
                  { target: 'safetyCheck' },
                ],
              },
              nextDayRating: {
                ...meta('rating', 'nextDay'),
                entry: 'askNextDay',
                on: {
                  RATING: [
                    { guard: 'checkedToday', target: 'circuit', actions: ['recordNextDay', { type: 'say', params: [message('circuit.intro')] }] },
                    { target: 'safetyCheck', actions: 'recordNextDay' },
                  ],
                  UNCLEAR_RATING: { actions: 'askRatingAgain' },
                  SKIP: [
                    { guard: 'checkedToday', target: 'circuit', actions: { type: 'say', params: [message('circuit.intro')] } },
                    { target: 'safetyCheck' },
                  ],
                },
              },
              safetyCheck: {
                ...meta('yesno'),
                entry: { type: 'ask', params: [message('safety.check_ask')] },
                on: {
                  YES: { target: '#coach.main.pausedForEvaluation', actions: ['noteRedFlags', 'scheduleClinicianCheck', { type: 'noteSafetyYes', params: 'day' }] },
                  NO: { target: 'circuit', actions: ['noteSafetyChecked', { type: 'say', params: [message('circuit.intro')] }] },
                },
              },
              circuit: {
                ...meta('done'),
                entry: 'askExercise',
                on: {
                  CHOOSE: { guard: 'isChoiceExercise', actions: 'saveChoices' },
                  CORRECT: { guard: 'correctsChoices', actions: 'saveChoices' },
                  REPEAT: { target: 'circuit', reenter: true },
                  DONE: [
                    { guard: 'moreExercises', target: 'circuit', reenter: true, actions: ['countExercise', 'nextExercise'] },
                    { target: 'exposure', actions: ['countExercise', { type: 'say', params: [message('circuit.done')] }] },
                  ],
                  SKIP: [
                    { guard: 'moreExercises', target: 'circuit', reenter: true, actions: 'nextExercise' },
                    { target: 'exposure', actions: { type: 'say', params: [message('circuit.done')] } },
                  ],
                  YES: [
                    { guard: 'moreExercises', target: 'circuit', reenter: true, actions: ['countExercise', 'nextExercise'] },
                    { target: 'exposure', actions: ['countExercise', { type: 'say', params: [message('circuit.done')] }] },
                  ],
                  // "ready" at the set-up exercise (warmth and lube) means it is done; earlier it only means "about to start".
                  START: [
                    { guard: 'moreExercises', actions: 'repeatShort' },
                    { target: 'exposure', actions: ['countExercise', { type: 'say', params: [message('circuit.done')] }] },
                  ],
                },
              },
              exposure: {
                ...meta('step'),
                entry: 'askStep',
                on: {
                  START_TIMER: { actions: 'startTimer' },
                  // "stop, it hurts": stopping was right; the rating is asked so the comfort rule can step back.
                  HURT: { target: 'ratingDuring', actions: 'stoppedForPain' },
                  SCHEDULED: { actions: { type: 'handleScheduled', params: 'exposure' } },
                  DONE: 'ratingDuring',
                  // "ok", "ready", "let's try": about to practise, not finished, so the rating is not asked yet.
                  YES: { actions: 'repeatShort' },
                  START: { actions: 'repeatShort' },
                  REPEAT: { target: 'exposure', reenter: true },
                  SKIP: 'journal',
                },
              },
              ratingDuring: {
                ...meta('rating', 'during'),
                entry: { type: 'ask', params: [message('rating.ask_during')] },
                on: {
                  RATING: { target: 'ratingAfter', actions: 'recordDuring' }, SKIP: 'ratingAfter',
                  UNCLEAR_RATING: { actions: 'askRatingAgain' }, HURT: { actions: 'askRatingAgain' },
                },
              },
              ratingAfter: {
                ...meta('rating', 'after'),
                entry: { type: 'ask', params: [message('rating.ask_after')] },
                on: {
                  RATING: { target: 'journal', actions: 'recordAfterAndDecide' },
                  SKIP: { target: 'journal', actions: 'recordAfterAndDecide' },
                  UNCLEAR_RATING: { actions: 'askRatingAgain' },
                  HURT: { actions: 'askRatingAgain' },
                },
              },
              journal: {
                ...meta('text'),
                entry: { type: 'ask', params: [message('journal.ask')] },
                on: {
                  TEXT: { target: '#coach.main.idle', actions: ['saveJournal', 'summarise'] },
                  SKIP: { target: '#coach.main.idle', actions: [{ type: 'say', params: [message('journal.skipped')] }, 'summarise'] },
                  NO: { target: '#coach.main.idle', actions: [{ type: 'say', params: [message('journal.skipped')] }, 'summarise'] },
                },
              },
            },
          },
          pausedForEvaluation: {
            // Only an explicit "I've been checked" starts the way back: an "ok" to the pause message must not.
            ...meta('cleared'),
            entry: 'announcePause',
            on: {
              // "I pressed yes by mistake" at the safety checklist: ask it again; nobody has to claim a clearance.
              CORRECT: [
                { guard: { type: 'mistakenSafetyYes', params: 'onboarding' }, target: 'onboarding.currentSymptoms', actions: 'undoSafetyYes' },
                { guard: { type: 'mistakenSafetyYes', params: 'day' }, target: 'day.safetyCheck', actions: 'undoSafetyYes' },
                stillPaused,
              ],
              CANCEL: stillPaused,
              SCHEDULED: { actions: { type: 'handleScheduled', params: 'pausedForEvaluation' } },
              SNOOZE: stillPaused,
              EVALUATED: 'confirmingClearance',
              YES: stillPaused,
              NEW_DAY: { actions: 'closeDay' },
              RED_FLAG: { target: 'pausedForEvaluation', actions: 'noteRedFlags' },
              // already paused: a possible red flag needs no question (a clear one is added to the list above)
              MAYBE_RED_FLAG: {},
              TOPIC: { actions: ['answerTopic', { type: 'say', params: [message('safety.still_paused')] }] },
              START: stillPaused,
              CONTINUE: stillPaused,
              DONE: stillPaused,
              NO: stillPaused,
              PAUSE: stillPaused,
              STOP: stillPaused,
              UNKNOWN: stillPaused,
              OPEN: stillPaused,
            },
          },
          confirmingClearance: {
            ...meta('yesno'),
            entry: { type: 'ask', params: [message('safety.ask_evaluated')] },
            on: {
              YES: [
                { guard: 'onboarded', target: 'idle', actions: 'resumeAfterClearance' },
                { guard: 'consented', target: 'onboarding.reminderTime', actions: 'resumeAfterClearance' },
                { target: 'onboarding', actions: 'resumeAfterClearance' },
              ],
              EVALUATED: [
                { guard: 'onboarded', target: 'idle', actions: 'resumeAfterClearance' },
                { guard: 'consented', target: 'onboarding.reminderTime', actions: 'resumeAfterClearance' },
                { target: 'onboarding', actions: 'resumeAfterClearance' },
              ],
              NO: { target: 'pausedForEvaluation' },
              RED_FLAG: { target: 'pausedForEvaluation', actions: 'noteRedFlags' },
              NEW_DAY: { actions: 'closeDay' },
            },
          },
        },
      },
      paused: {
        ...meta('start'),
        entry: 'settle',
        on: {
          MAYBE_CRISIS: crisisQuestionFrom('paused'),
          // Only an explicit "continue" resumes: after a crisis message, an "ok" must not restart exercises.
          CONTINUE: 'main.history',
          START: 'main.history',
          TOPIC: { actions: 'answerTopic' },
          PAUSE: { actions: { type: 'say', params: [message('pause')] } },
          STOP: { actions: { type: 'say', params: [message('stop')] } },
          UNKNOWN: { actions: { type: 'say', params: [message('pause')] } },
          OPEN: { actions: { type: 'say', params: [message('pause')] } },
        },
      },
      confirmingRedFlag: {
        ...meta('yesno'),
        entry: 'askRedFlagConfirm',
        on: {
          MAYBE_CRISIS: crisisQuestionFrom('confirmingRedFlag'),
          YES: { target: 'main.pausedForEvaluation', actions: ['noteRedFlags', 'scheduleClinicianCheck'] },
          NO: backToPrompt,
          CANCEL: backToPrompt,
        },
      },
      /** Might be a crisis: one direct, kind question. Yes (or unsure) gets the crisis reply; no goes back exactly. */
      confirmingCrisis: {
        ...meta('yesno'),
        entry: 'askCrisisQuestion',
        on: {
          YES: { target: 'paused', actions: { type: 'say', params: [message('safety.crisis')] } },
          NO: [
            ...RETURNABLE.map((name) => ({ guard: ({ context }: { context: SessionContext }) => context.crisisReturn === name, target: name, actions: { type: 'say' as const, params: [message('safety.crisis_not_now')] } })),
            { target: 'main.history', actions: { type: 'say', params: [message('safety.crisis_not_now')] } },
          ],
          MAYBE_CRISIS: { target: 'paused', actions: { type: 'say', params: [message('safety.crisis')] } },
          UNKNOWN: { actions: 'showPrompt' },
        },
      },
      confirmingDelete: {
        ...meta('yesno'),
        entry: { type: 'ask', params: [message('data.delete_confirm')] },
        on: {
          MAYBE_CRISIS: crisisQuestionFrom('confirmingDelete'),
          YES: { target: 'deleted', actions: 'requestDelete' },
          NO: { target: '#coach.main.history', actions: [{ type: 'say', params: [message('data.delete_cancelled')] }, 'returnToPrompt'] },
          CANCEL: { target: '#coach.main.history', actions: [{ type: 'say', params: [message('data.delete_cancelled')] }, 'returnToPrompt'] },
        },
      },
      /** "Change my reminder": a new time (the zone stays), or "skip" to turn reminders off. */
      changingReminder: {
        ...meta('time'),
        entry: { type: 'ask', params: [message('onboarding.ask_time')] },
        on: {
          MAYBE_CRISIS: crisisQuestionFrom('changingReminder'),
          TIME: { target: '#coach.main.history', actions: ['saveTime', 'reminderUpdated', 'returnToPrompt'] },
          SKIP: { target: '#coach.main.history', actions: ['remindersOff', 'returnToPrompt'] },
          REMINDERS_OFF: { target: '#coach.main.history', actions: ['remindersOff', 'returnToPrompt'] },
          // "no" or "never mind, keep it as it is": nothing changes.
          NO: { target: '#coach.main.history', actions: [{ type: 'say', params: [message('cancel.kept')] }, 'returnToPrompt'] },
          CANCEL: { target: '#coach.main.history', actions: [{ type: 'say', params: [message('cancel.kept')] }, 'returnToPrompt'] },
          UNKNOWN: { actions: { type: 'say', params: [message('onboarding.time_unclear')] } },
        },
      },
      /** Everything was erased; handleTurn starts the next message from a fresh machine. */
      deleted: { type: 'final', entry: { type: 'say', params: [message('data.deleted')] } },
    },
  });
}

export type SessionMachine = ReturnType<typeof createSessionMachine>;
