// The message mix benchmarks replay: onboarding then one scripted daily session.
export const dailyScript = () => [
  'hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'UTC',
  'start', 'no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done', '1', '1', 'felt calm', 'progress', 'help',
];
