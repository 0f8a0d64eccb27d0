/**
 * Why a tutor reply did not finish (under the reply) and why a turn could not run (the message box's
 * alert). Not in the conversation screen's first load: a turn starts loading these.
 */
export default {
  'failure.stoppedPartial': 'Stopped before the end; what arrived is kept.',
  'failure.stoppedEmpty': 'Stopped before it began.',
  'failure.interruptedPartial': 'The server restarted while writing this reply; the part it saved is kept.',
  'failure.interruptedEmpty': 'The server restarted before this reply began.',
  'failure.timeoutPartial':
    'The provider stopped sending in the middle of this reply (it timed out); what arrived is kept.',
  'failure.timeoutEmpty': 'The provider took too long to answer.',
  'failure.providerPartial':
    'The connection to the provider broke in the middle of this reply; what arrived is kept.',
  'failure.providerEmpty': 'The provider could not answer.',
  'failure.otherPartial': 'This reply stopped before it was complete.',
  'failure.otherEmpty': 'No reply arrived.',
  'turn.stoppedByLearner': 'Stopped by the learner.',
  'turn.notAccepted': 'The server ended the turn before accepting it. Try again.',
  'turn.endedEarly': 'The reply ended early. Reload to see what was saved.',
  'turn.sendFailed': 'Could not send. Check your connection and try again.',
  'turn.interrupted': 'The reply was interrupted.',
} as const;
