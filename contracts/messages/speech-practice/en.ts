/** The pronunciation practice panel (loaded when opened, with its words). */
export default {
  'practice.label': 'Pronunciation practice',
  'practice.choose': 'Choose what to say',
  'practice.hearFirst': 'Hear it first',
  'practice.tryAgain': 'Try again',
  'practice.start': 'Start speaking',
  'practice.recording': 'Recording… read the sentence aloud in {language}, then press Stop.',
  'practice.listening': 'Listening… read the sentence aloud in {language}.',
  'practice.listeningHeard': 'Listening… read the sentence aloud in {language}. Heard so far: “{heard}”',
  'practice.noWords': 'This sentence has no words to compare.',
  'practice.score':
    '{percent} — {matched} of {count, plural, one {# word} other {# words}} recognised as written',
  'practice.scoreExtra':
    '{percent} — {matched} of {count, plural, one {# word} other {# words}} recognised as written, {extra, plural, one {# extra word} other {# extra words}} heard',
  'practice.heard': 'Heard: {heard}',
  'practice.marks':
    '{count, plural, one {One word was} other {# words were}} heard with other accents or marks. Some sound the same (él and el), others do not (año and ano): listen and judge by ear.',
  'practice.key': 'Key',
  'practice.legend.word': 'word',
  'practice.legend.match': 'recognised',
  'practice.legend.substituted': 'heard as another word',
  'practice.legend.missed': 'not heard',
  'practice.legend.extra': 'extra',
} as const;
