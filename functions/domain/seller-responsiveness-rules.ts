/** A seller's responsiveness is measured over inquiries received in this many days. */
export const RESPONSE_WINDOW_DAYS = 90;
/** Below this many inquiries in the window, no figure is shown: one slow answer is not a pattern. */
export const MIN_INQUIRIES_FOR_RESPONSE_TIME = 3;
/** A seller is reminded of an inquiry still pending this many days after it arrived. */
export const INQUIRY_REMINDER_DAYS = [3, 7] as const;
