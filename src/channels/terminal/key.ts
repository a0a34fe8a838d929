// Terminal conversations have their own key space, like every channel.
export const TERMINAL_KEY_PREFIX = 'terminal:';

export const terminalKey = (user: string): string => `${TERMINAL_KEY_PREFIX}${user}`;
