// The shortest way, as typed messages, from a new conversation to the first 0-10 rating question.
// (The first message only opens the conversation; the coach then asks for consent.)
export const ONBOARDING = ['yes', 'no', 'no', 'no', 'no', '8pm', 'Berlin'] as const;
export const CHECK_IN_TO_RATING = ['start', 'no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done'] as const;
