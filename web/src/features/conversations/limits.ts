/**
 * The longest learner message the server accepts (`maxMessageLength` in contracts/conversations.ts).
 * Copied rather than imported so the contract's zod schemas stay out of the web bundle;
 * `turn-events.test.ts` checks that the two agree.
 */
export const maxMessageLength = 4000;
