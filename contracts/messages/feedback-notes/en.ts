/**
 * Notes the tutor's analysis stores with a learner's message (issue 18): stored as codes with values
 * and worded here when read, in the reader's language. Server-only: the API sends them rendered.
 */
export default {
  unavailable: 'Corrections are unavailable for this message.',
  'unavailable.malformed': 'Corrections are unavailable for this message: the analysis came back malformed.',
  'unavailable.budget':
    'Corrections are unavailable for this message: the AI budget cannot cover the analysis right now.',
  'unavailable.noProvider':
    'Corrections are unavailable for this message: no AI provider is configured for feedback.',
  'unavailable.timeout': 'Corrections are unavailable for this message: the analysis took too long.',
  'unavailable.noAnswer':
    'Corrections are unavailable for this message: the analysis service did not answer.',
  'notice.message':
    'This message looks like {detected}. Try saying it in {target}; the tutor will help if you are stuck.',
  'notice.words':
    '{count, plural, one {{words} is a word in {detected}} other {{words} are words in {detected}}}, not {target}. Try saying it in {target}; the tutor will help if you are stuck.',
  quoted: '“{word}”',
} as const;
