// What the coach sends back, in a channel-neutral form each adapter renders its own way.
import type { Expectation } from './session/session-types.js';

export interface Button {
  label: string;
  /** The text sent back when the button is pressed; it goes through the same understanding as typed text. */
  value: string;
}

export interface BotReply {
  text: string;
  /** The reviewed content item(s) the text comes from. */
  contentIds: string[];
  /** Whether an optional LLM may reword it: never for safety text. */
  rephrasable: boolean;
  /** Quick replies, on the last reply of a turn. */
  buttons?: Button[];
  /** What the coach is waiting for next, on the last reply of a turn. */
  expects?: Expectation;
  /** Structured data sent along: the data export, or the progress chart as an SVG image. */
  attachment?: { kind: 'export'; data: unknown } | {
    /** The hold timer: a page can show the seconds left and a Stop button that sends `stop` (the comfort rule's own stop). */
    kind: 'timer'; seconds: number; endsAt: string; stop: Button;
  } | {
    /** The daily check-in as a calendar file: each channel builds it with channels/shared/calendar-ics.ts. */
    kind: 'calendar'; time: string; timeZone: string; title: string; description: string;
  } | {
    kind: 'chart'; svg: string; points: number;
    /** The chart's alternative text and title, from flows/ (absent on replies stored before they were added). */
    alt?: string; title?: string;
  };
}
