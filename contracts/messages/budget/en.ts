/**
 * Budget refusals and alerts, rendered when read: the numbers are stored, the sentence is the reader's.
 * Money arrives formatted for the reader's language ({cap} = "$5.00" or "5,00 $"). A child reads the
 * `alert.child.*` sentences and `refusal.child`: tutor time, as on their usage page, with no money,
 * caps or models.
 */
export default {
  'refusal.usedUp':
    "{scope, select, member {Your} other {The server's}} {period, select, month {monthly} other {daily}} AI budget of {cap} is used up ({spent} spent{held, select, none {} other {, {held} held by requests in progress}}). It resets on {resetsAt} ({timeZone}). {scope, select, member {An admin can raise it.} other {It is shared by everyone on this server; an admin can raise it.}}",
  'refusal.tooLittle':
    "{scope, select, member {Your} other {The server's}} {period, select, month {monthly} other {daily}} AI budget of {cap} has {left} left ({spent} spent{held, select, none {} other {, {held} held by requests in progress}}), less than this request can cost (up to {required}). It resets on {resetsAt} ({timeZone}). {scope, select, member {An admin can raise it.} other {It is shared by everyone on this server; an admin can raise it.}}",
  'refusal.child':
    "{scope, select, member {Your tutor time {period, select, month {for this month} other {for today}}} other {The tutor's time for everyone {period, select, month {this month} other {today}}}} {state, select, usedUp {is used up} other {is nearly used up: not enough is left for this}}. It fills up again on {resetsAt}. Until then, you can still practise words and grammar.",
  'refusal.earlier': 'The AI budget could not cover this reply when it was asked for.',
  'alert.usedUp':
    "{scope, select, member {Your} other {The server's}} monthly AI budget of {cap} is used up. {mode, select, downgrade {The tutor switches to a cheaper model until it resets or an admin raises it.} other {The tutor pauses until it resets or an admin raises it.}}",
  'alert.usedUpShort':
    "{scope, select, member {Your} other {The server's}} monthly AI budget of {cap} is used up ({spent} spent; what is left does not cover another request{mode, select, downgrade { with the usual model} other {}}). {mode, select, downgrade {The tutor switches to a cheaper model until it resets or an admin raises it.} other {The tutor pauses until it resets or an admin raises it.}}",
  'alert.threshold':
    "{scope, select, member {Your} other {The server's}} monthly AI budget is {threshold}% used ({spent} of {cap}).",
  'alert.child.threshold': 'You have used {threshold}% of your tutor time for this month.',
  'alert.child.usedUp':
    'Your tutor time for this month is used up. {mode, select, downgrade {You can keep talking with the tutor until it fills up again next month.} other {It fills up again next month. Until then, you can still practise words and grammar.}}',
} as const;
