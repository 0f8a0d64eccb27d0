// No zod here: the web app reads these on its first load (see decision 017).

/**
 * Why a streamed turn's reply failed or stopped short: the `code` of a turn's `error` event and a
 * tutor message's `failureReason`. One list for the server's model errors and the web's messages.
 */
export const turnFailureCodes = [
  'no_provider',
  'provider_error',
  'timeout',
  'stopped',
  'interrupted',
  'budget_exceeded',
  'internal_error',
] as const;
export type TurnFailureCode = (typeof turnFailureCodes)[number];

/** The one answer when no AI provider can serve a call: what to do, in the app. */
export const noProviderMessage =
  'No AI provider can answer yet. An admin sets one up in the app under AI providers: paste a key, connect a local server, or download a local model.';
