// The web page's conversation as the person saw it, for "export my data": who said what and when, the buttons
// offered and the names of files and pictures, without the page's internal fields (ids, tokens of earlier
// exports, channel data). Only the activities of the conversation being exported are ever passed in.

export interface TranscriptLine {
  at: string;
  from: 'you' | 'coach';
  text: string;
  buttons?: string[];
  /** Names of files and pictures shown with the message (an earlier export's contents are not repeated). */
  files?: string[];
}

interface StoredActivity {
  type?: unknown;
  timestamp?: unknown;
  text?: unknown;
  from?: { role?: unknown };
  value?: unknown;
  suggestedActions?: { actions?: Array<{ title?: unknown }> };
  attachments?: Array<{ name?: unknown }>;
}

export function transcriptForExport(activities: readonly unknown[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const raw of activities) {
    const a = (raw ?? {}) as StoredActivity;
    if (a.type !== 'message') continue;
    const submitted = typeof a.value === 'object' && a.value !== null && typeof (a.value as { reply?: unknown }).reply === 'string' ? (a.value as { reply: string }).reply : '';
    const text = typeof a.text === 'string' && a.text !== '' ? a.text : submitted;
    const buttons = (a.suggestedActions?.actions ?? []).map((b) => b.title).filter((t): t is string => typeof t === 'string');
    const files = (a.attachments ?? []).map((f) => f.name).filter((n): n is string => typeof n === 'string' && n !== '');
    lines.push({
      at: typeof a.timestamp === 'string' ? a.timestamp : '',
      from: a.from?.role === 'bot' ? 'coach' : 'you',
      text,
      ...(buttons.length ? { buttons } : {}),
      ...(files.length ? { files } : {}),
    });
  }
  return lines;
}
