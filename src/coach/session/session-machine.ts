// The daily session as an XState machine. Pure: it reads the turn's facts from the event and
// writes what to say and what to store into its context; handleTurn does the I/O.
import { assign, setup } from 'xstate';
import type { Content } from '../../content/schema.js';
import { decideProgression, applyDecision, type Decision } from '../progression/decide-progression.js';
import { previousLevel } from '../progression/levels.js';
import { daysBetween, startProgress, type PracticeSession, type Progress } from '../progression/practice.js';
import { shouldSuggestSpecialist } from '../progression/stall.js';
import { checkStrengthUnlock } from '../progression/strength.js';
import { levelName } from './level-name.js';
import {
  clinicianCheckJob, holdTimerJob, initialJobs, nextCheckIn, noReminders, onScheduled, pausedUntil, restEndJob, snoozedCheckIn,
} from './reminders.js';
import type { DaySession, Effect, Profile, Say, SessionContext, SessionEvent, StateMeta, TurnFacts } from './session-types.js';

const message = (id: Extract<Say, { kind: 'message' }>['id'], vars?: Extract<Say, { kind: 'message' }>['vars']): Say =>
  ({ kind: 'message', id, vars });

export const emptyProfile: Profile = { consentAt: null, consentVersion: null, historyFlags: [], reminderTime: null, timeZone: null };

export const emptyContext = (): SessionContext => ({
  profile: emptyProfile, progress: null, day: null, screeningIndex: 0,
  redFlags: [], unclearRedFlags: [], reminders: noReminders, prompt: [], out: [], effects: [],
});

type Where = Parameters<typeof onScheduled>[4];

/** While paused for evaluation, most messages only get the reminder that exercise guidance is off. */
const stillPaused = { actions: { type: 'say' as const, params: [message('safety.still_paused')] } };

const meta = (expects: StateMeta['expects']): { meta: StateMeta } => ({ meta: { expects } });

export function createSessionMachine(content: Content) {
  const params = content.parameters;
  const lastStep = content.steps.length;
  const circuit = content.circuit;

  /** The last practice day still waiting for its next-day rating, if it was yesterday or the day before. */
  const awaitingNextDay = (facts: TurnFacts): PracticeSession | undefined => {
    const last = facts.log.at(-1);
    if (!last || last.painNextDay !== null || last.day >= facts.today) return undefined;
    return daysBetween(last.day, facts.today) <= 2 ? last : undefined;
  };

  const sayDecision = (decision: Decision, progress: Progress): Say[] => {
    switch (decision.kind) {
      case 'advance': return [message('decision.advance', { reason: decision.reason, next: levelName(content, decision.to) })];
      case 'pending': return [message('decision.pending_next_day', { reason: decision.reason, next: levelName(content, decision.to) })];
      case 'stepBack': return [message('decision.step_back', { reason: decision.reason, hours: decision.restHours, step: levelName(content, progress) })];
      case 'stay': return [message('decision.stay', { reason: decision.reason })];
    }
  };

  /** Decides with the record as it now stands, applies the decision and says it, with the strength unlock when it comes. */
  const decide = (context: SessionContext, log: PracticeSession[], facts: TurnFacts): Partial<SessionContext> => {
    const progress = context.progress ?? startProgress(facts.today);
    const decision = decideProgression(log, progress, params, facts, lastStep);
    let next = applyDecision(progress, decision, facts);
    const out = [...context.out, ...sayDecision(decision, next)];
    const effects = decision.kind === 'stepBack' && next.restUntil ? [...context.effects, restEndJob(next.restUntil)] : context.effects;
    if (!next.strengthUnlocked) {
      const strength = checkStrengthUnlock(log, params);
      if (strength.unlocked) {
        next = { ...next, strengthUnlocked: true };
        out.push(message('strength.unlocked', { reason: strength.reason }), ...content.strength.map((s): Say => ({ kind: 'item', id: s.id })));
      }
    }
    return { progress: next, out, effects };
  };

  const practiceOf = (day: DaySession): PracticeSession & { key: string } => ({
    key: day.key, day: day.date, step: day.level.step, dilatorSize: day.level.dilatorSize,
    painDuring: day.painDuring, painAfter: day.painAfter, painNextDay: null,
  });

  const stepBackOneLevel = (progress: Progress | null, today: string): Progress | null =>
    progress && { ...progress, ...previousLevel(progress), levelSince: today, restUntil: null };

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
    },
    actions: {
      /** Says a prompt and remembers it as the question this state is waiting on. */
      ask: assign(({ context }, says: Say[]) => ({ out: [...context.out, ...says], prompt: says })),
      say: assign(({ context }, says: Say[]) => ({ out: [...context.out, ...says] })),
      repeatPrompt: assign(({ context }) => ({ out: [...context.out, message('reprompt', { options: '' }), ...context.prompt] })),
      dropPendingPrompt: assign(({ context }) => ({ out: context.out.filter((say) => !context.prompt.includes(say)) })),
      showPrompt: assign(({ context }) => ({ out: [...context.out, ...context.prompt] })),
      recordConsent: assign(({ context, event }) => ({
        profile: { ...context.profile, consentAt: event.facts.now, consentVersion: event.facts.contentVersion },
      })),
      askScreening: assign(({ context }) => {
        const flag = content.history_flags[context.screeningIndex];
        const says: Say[] = flag ? [{ kind: 'item', id: flag.id, field: 'question' }] : [];
        return { out: [...context.out, ...says], prompt: says };
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
        if (event.type !== 'TIME') return {};
        const time = `${String(event.hour).padStart(2, '0')}:${String(event.minute).padStart(2, '0')}`;
        return { profile: { ...context.profile, reminderTime: time } };
      }),
      saveZone: assign(({ context, event }) => (event.type === 'ZONE' ? { profile: { ...context.profile, timeZone: event.zone } } : {})),
      finishOnboarding: assign(({ context, event }) => ({
        progress: context.progress ?? startProgress(event.facts.today),
        effects: [...context.effects, ...initialJobs(context.profile, event.facts)],
        out: [...context.out, message('onboarding.done', {
          time: context.profile.reminderTime ?? 'no set time', zone: context.profile.timeZone ?? 'UTC',
        })],
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
        const out = [...context.out, message('checkin.greeting')];
        if (event.facts.log.some((s) => s.day === event.facts.today)) out.push(message('already_practised'));
        return { out };
      }),
      askNextDay: assign(({ context, event }) => {
        const last = awaitingNextDay(event.facts);
        const says = [message('checkin.ask_next_day', { step: last ? levelName(content, last) : 'your last practice' })];
        return { out: [...context.out, ...says], prompt: says };
      }),
      recordNextDay: assign(({ context, event }) => {
        if (event.type !== 'RATING') return {};
        const last = awaitingNextDay(event.facts);
        if (!last) return {};
        const log = event.facts.log.map((s) => (s.day === last.day ? { ...s, painNextDay: event.value } : s));
        const effects: Effect[] = [...context.effects, { kind: 'setNextDay', day: last.day, value: event.value }];
        return decide({ ...context, effects, out: [...context.out, message('checkin.next_day_thanks')] }, log, event.facts);
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
        return { out: [...context.out, ...says], prompt: says };
      }),
      saveChoices: assign(({ context, event }) => {
        if (event.type !== 'CHOOSE' || !context.day) return {};
        const options = circuit[context.day.circuitIndex]?.options ?? [];
        const picked = event.choices.filter((c) => c >= 1 && c <= options.length);
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
        const progress = context.progress!;
        const level = { step: progress.step, dilatorSize: progress.dilatorSize };
        const says: Say[] = [];
        if (progress.restUntil && progress.restUntil > event.facts.now) says.push(message('exposure.rest_day', { until: progress.restUntil.slice(0, 16).replace('T', ' ') + ' UTC' }));
        says.push({ kind: 'step', level });
        if (level.dilatorSize) says.push(message('exposure.dilator_size', { size: level.dilatorSize }));
        says.push(message('exposure.controls'));
        return { day: context.day && { ...context.day, level }, out: [...context.out, ...says], prompt: says };
      }),
      recordDuring: assign(({ context, event }) => {
        if (event.type !== 'RATING' || !context.day) return {};
        const day = { ...context.day, painDuring: event.value };
        const out = [...context.out];
        if (event.value > params.comfort.max_pain) out.push(message('safety.step_back_now'), message('rating.high_during'));
        // Stored now, so the rating survives even if the user never gives the second one.
        return { day, out, effects: [...context.effects, { kind: 'savePractice', session: practiceOf(day) } as Effect] };
      }),
      recordAfterAndDecide: assign(({ context, event }) => {
        if (!context.day) return {};
        const day = { ...context.day, painAfter: event.type === 'RATING' ? event.value : null };
        const session = practiceOf(day);
        const effects: Effect[] = [...context.effects, { kind: 'savePractice', session }];
        const log = [...event.facts.log.filter((s) => s.key !== session.key), session];
        return { ...decide({ ...context, effects }, log, event.facts), day };
      }),
      saveJournal: assign(({ context, event }) => {
        if (event.type !== 'TEXT' || !context.day) return {};
        return {
          effects: [...context.effects, { kind: 'saveJournal', day: context.day.date, text: event.text.slice(0, 500) }],
          out: [...context.out, message('journal.saved')],
        };
      }),
      summarise: assign(({ context }) => {
        const day = context.day;
        const out = [...context.out];
        if (day) {
          out.push(message('summary.today', {
            circuit_done: day.circuitDone, circuit_total: circuit.length, step: levelName(content, day.level),
            during: day.painDuring ?? '-', after: day.painAfter ?? '-', next: context.progress ? levelName(content, context.progress) : '',
          }));
        }
        out.push(message('summary.next_checkin', { when: context.profile.reminderTime ? `tomorrow around ${context.profile.reminderTime}` : 'whenever you say "start"' }));
        return { out, day: null };
      }),
      answerTopic: assign(({ context, event }) => (event.type === 'TOPIC' ? { out: [...context.out, { kind: 'item', id: event.id } as Say] } : {})),
      offerTopics: assign(({ context, event }) => {
        if (event.type !== 'TOPIC_UNCLEAR') return {};
        const titles = event.ids.map((id) => [...content.troubleshooting, ...content.faq].find((t) => t.id === id)?.title).filter(Boolean);
        return { out: [...context.out, message('topic.unclear', { options: titles.map((t) => `"${t}"`).join(' or ') })] };
      }),
      scheduleClinicianCheck: assign(({ context, event }) => ({ effects: [...context.effects, clinicianCheckJob(event.facts)] })),
      noteRedFlags: assign(({ context, event }) => {
        // A plain "yes" at a safety question reports what that question listed.
        const ids = event.type === 'RED_FLAG' ? event.ids : context.unclearRedFlags.length > 0 ? context.unclearRedFlags : ['safety_check'];
        // The question this same message led to (the next rating, the journal) is no longer asked.
        const out = context.out.filter((say) => !context.prompt.includes(say));
        return { redFlags: [...new Set([...context.redFlags, ...ids])], unclearRedFlags: [], out, prompt: [] };
      }),
      notePossibleRedFlags: assign(({ event }) => ({ unclearRedFlags: event.type === 'MAYBE_RED_FLAG' ? event.ids : [] })),
      announcePause: assign(({ context }) => {
        const labels = context.redFlags.map((id) => content.red_flags.find((r) => r.id === id)?.label ?? 'something you reported at the safety check');
        return { out: [...context.out, message('safety.paused', { flags: labels.join(', ') })] };
      }),
      askRedFlagConfirm: assign(({ context }) => {
        const says: Say[] = context.unclearRedFlags.map((id) => ({ kind: 'item', id, field: 'confirm' }) as Say);
        return { out: [...context.out, ...says], prompt: says };
      }),
      resumeAfterClearance: assign(({ context, event }) => ({
        redFlags: [], day: null,
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
        out: [...context.out, message('reminder.updated', { time: context.profile.reminderTime ?? '', zone: context.profile.timeZone ?? 'UTC' })],
      })),
      startTimer: assign(({ context, event }) => {
        const step = content.steps.find((s) => s.number === context.day?.level.step);
        const seconds = step?.hold_seconds?.max ?? 60;
        return { effects: [...context.effects, holdTimerJob(event.facts, seconds)], out: [...context.out, message('timer.started', { seconds })] };
      }),
    },
  }).createMachine({
    id: 'coach',
    context: emptyContext,
    initial: 'main',
    on: {
      CRISIS: { target: '.paused', actions: ['dropPendingPrompt', { type: 'say', params: [message('safety.crisis')] }] },
      RED_FLAG: { target: '.main.pausedForEvaluation', actions: ['noteRedFlags', 'scheduleClinicianCheck'] },
      MAYBE_RED_FLAG: { target: '.confirmingRedFlag', actions: 'notePossibleRedFlags' },
      HELP: { actions: { type: 'say', params: [message('help')] } },
      DISCLAIMER: { actions: { type: 'say', params: [message('disclaimer')] } },
      PROGRESS: { actions: { type: 'say', params: [{ kind: 'progress' }] } },
      EXPORT: { actions: { type: 'say', params: [message('data.export'), { kind: 'export' }] } },
      DELETE: { target: '.confirmingDelete' },
      TOPIC_UNCLEAR: { actions: 'offerTopics' },
      UNKNOWN: { actions: 'repeatPrompt' },
      UNCLEAR_RATING: { actions: 'repeatPrompt' },
      OPEN: { actions: 'showPrompt' },
      ACTIVE: { actions: 'markActive' },
      SCHEDULED: { actions: { type: 'handleScheduled', params: 'elsewhere' } },
      SNOOZE: { target: '.main.idle', actions: ['closeDay', 'snooze'] },
      PAUSE_REMINDERS: { actions: 'pauseReminders' },
      REMINDERS_OFF: { actions: 'remindersOff' },
      CHANGE_REMINDER: { target: '.changingReminder' },
      START_TIMER: { actions: { type: 'say', params: [message('timer.unavailable')] } },
      // Yesterday's unfinished session is closed (its ratings are already stored); today starts fresh.
      NEW_DAY: { target: '.main.idle', actions: 'closeDay' },
    },
    states: {
      main: {
        initial: 'onboarding',
        on: {
          TOPIC: { target: 'interrupted', actions: 'answerTopic' },
          PAUSE: { target: 'paused', actions: { type: 'say', params: [message('pause')] } },
          STOP: { target: 'paused', actions: { type: 'say', params: [message('stop')] } },
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
                  YES: { target: '#coach.main.pausedForEvaluation', actions: ['noteRedFlags', 'scheduleClinicianCheck'] },
                  NO: 'reminderTime',
                },
              },
              reminderTime: {
                ...meta('time'),
                entry: { type: 'ask', params: [message('onboarding.ask_time')] },
                on: {
                  TIME: { target: 'timeZone', actions: 'saveTime' },
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
            on: {
              START: { target: 'day', actions: 'openDay' },
              SCHEDULED: [
                { guard: 'scheduledStartsDay', target: 'day', actions: [{ type: 'handleScheduled', params: 'idle' }, 'openDay'] },
                { actions: { type: 'handleScheduled', params: 'idle' } },
              ],
              CONTINUE: { actions: { type: 'say', params: [message('continue.nothing')] } },
              YES: { target: 'day', actions: 'openDay' },
              TOPIC: { actions: 'answerTopic' },
              UNKNOWN: { actions: { type: 'say', params: [message('idle.prompt')] } },
              OPEN: { actions: { type: 'say', params: [message('idle.prompt')] } },
              PAUSE: { actions: { type: 'say', params: [message('pause')] } },
              STOP: { actions: { type: 'say', params: [message('stop')] } },
            },
          },
          day: {
            initial: 'checkIn',
            on: { SCHEDULED: { actions: { type: 'handleScheduled', params: 'day' } } },
            states: {
              checkIn: {
                entry: ['greet', 'suggestSpecialistIfStalled'],
                always: [{ guard: 'needsNextDay', target: 'nextDayRating' }, { target: 'safetyCheck' }],
              },
              nextDayRating: {
                ...meta('rating'),
                entry: 'askNextDay',
                on: {
                  RATING: { target: 'safetyCheck', actions: 'recordNextDay' },
                  SKIP: 'safetyCheck',
                },
              },
              safetyCheck: {
                ...meta('yesno'),
                entry: { type: 'ask', params: [message('safety.check_ask')] },
                on: {
                  YES: { target: '#coach.main.pausedForEvaluation', actions: ['noteRedFlags', 'scheduleClinicianCheck'] },
                  NO: { target: 'circuit', actions: { type: 'say', params: [message('circuit.intro')] } },
                },
              },
              circuit: {
                ...meta('done'),
                entry: 'askExercise',
                on: {
                  CHOOSE: { guard: 'isChoiceExercise', actions: 'saveChoices' },
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
                },
              },
              exposure: {
                ...meta('done'),
                entry: 'askStep',
                on: {
                  START_TIMER: { actions: 'startTimer' },
                  SCHEDULED: { actions: { type: 'handleScheduled', params: 'exposure' } },
                  DONE: 'ratingDuring',
                  YES: 'ratingDuring',
                  REPEAT: { target: 'exposure', reenter: true },
                  SKIP: 'journal',
                },
              },
              ratingDuring: {
                ...meta('rating'),
                entry: { type: 'ask', params: [message('rating.ask_during')] },
                on: { RATING: { target: 'ratingAfter', actions: 'recordDuring' }, SKIP: 'ratingAfter' },
              },
              ratingAfter: {
                ...meta('rating'),
                entry: { type: 'ask', params: [message('rating.ask_after')] },
                on: {
                  RATING: { target: 'journal', actions: 'recordAfterAndDecide' },
                  SKIP: { target: 'journal', actions: 'recordAfterAndDecide' },
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
              SCHEDULED: { actions: { type: 'handleScheduled', params: 'pausedForEvaluation' } },
              SNOOZE: stillPaused,
              EVALUATED: 'confirmingClearance',
              YES: stillPaused,
              NEW_DAY: { actions: 'closeDay' },
              RED_FLAG: { target: 'pausedForEvaluation', actions: 'noteRedFlags' },
              MAYBE_RED_FLAG: stillPaused,
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
              TOPIC: { actions: 'answerTopic' },
              NEW_DAY: { actions: 'closeDay' },
            },
          },
        },
      },
      /** A question was answered mid-flow; offer to go back to exactly where the user was. */
      interrupted: {
        ...meta('yesno'),
        entry: { type: 'ask', params: [message('resume.offer')] },
        on: {
          YES: 'main.history',
          CONTINUE: 'main.history',
          START: 'main.history',
          DONE: 'main.history',
          NO: { target: 'paused', actions: { type: 'say', params: [message('resume.later')] } },
          PAUSE: { target: 'paused', actions: { type: 'say', params: [message('pause')] } },
          STOP: { target: 'paused', actions: { type: 'say', params: [message('stop')] } },
          TOPIC: { target: 'interrupted', reenter: true, actions: 'answerTopic' },
        },
      },
      paused: {
        ...meta('start'),
        on: {
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
          YES: { target: 'main.pausedForEvaluation', actions: ['noteRedFlags', 'scheduleClinicianCheck'] },
          NO: 'main.history',
        },
      },
      confirmingDelete: {
        ...meta('yesno'),
        entry: { type: 'ask', params: [message('data.delete_confirm')] },
        on: {
          YES: { target: 'deleted', actions: 'requestDelete' },
          NO: { target: 'main.history', actions: { type: 'say', params: [message('data.delete_cancelled')] } },
        },
      },
      /** "Change my reminder": a new time (the zone stays), or "skip" to turn reminders off. */
      changingReminder: {
        ...meta('time'),
        entry: { type: 'ask', params: [message('onboarding.ask_time')] },
        on: {
          TIME: { target: 'main.history', actions: ['saveTime', 'reminderUpdated'] },
          SKIP: { target: 'main.history', actions: 'remindersOff' },
          NO: { target: 'main.history', actions: 'remindersOff' },
          REMINDERS_OFF: { target: 'main.history', actions: 'remindersOff' },
          UNKNOWN: { actions: { type: 'say', params: [message('onboarding.time_unclear')] } },
        },
      },
      /** Everything was erased; handleTurn starts the next message from a fresh machine. */
      deleted: { type: 'final', entry: { type: 'say', params: [message('data.deleted')] } },
    },
  });
}

export type SessionMachine = ReturnType<typeof createSessionMachine>;
