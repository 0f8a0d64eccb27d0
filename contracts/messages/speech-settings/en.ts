/** The speech section of Profile & settings: rate, voices, reading aloud, the engine, recordings. */
export default {
  title: 'Speech',
  rate: 'Speech rate',
  rateHint: 'How fast replies and cards are read aloud. Slower helps while you are starting out.',
  rateValue: '{rate} normal speed',
  voices: 'Voices',
  voicesHint:
    'Voices marked “online” send the text to the browser’s maker to be spoken; the others work offline.',
  'voice.label': '{language} voice',
  'voice.unsupported': 'This browser cannot speak, so it has no voices to choose from.',
  'voice.loading': 'Looking for this browser’s voices…',
  'voice.none': 'This browser has no {language} voice.',
  'voice.missing': 'The voice you chose is not on this device: the best match speaks here instead.',
  'voice.automatic': 'Automatic',
  'voice.automaticNamed': 'Automatic ({voice})',
  'voice.notHere': '{voice} (not on this device)',
  'voice.online': 'online',
  'voice.test': 'Test voice',
  stop: 'Stop',
  autoSpeak: 'Read replies aloud as they arrive',
  autoSpeakHint:
    'Sentence by sentence while the tutor writes. Voice mode does this too, and then listens to you.',
  engine: 'Speech engine',
  'engine.auto': 'Automatic',
  'engine.auto.description':
    'This browser’s speech where it works (free); the server’s where the browser has no recognition or no voice for the language, or its recognition fails.',
  'engine.browser': 'This browser only',
  'engine.browser.description': 'Nothing you say or hear goes through Charla’s server.',
  'engine.server': 'The server',
  'engine.server.description':
    'The same voices and recognition on every device. Your audio is sent to Charla’s server and the provider the owner set up, and counts toward your budget.',
  serverVoices: 'Server voices',
  'serverVoice.label': '{language} server voice',
  'serverVoice.default': 'Default',
  'serverVoice.defaultNamed': 'Default ({voice})',
  'serverVoice.gone': '{voice} (not offered any more)',
  'serverVoice.failed': 'The server’s voice could not be played.',
  'serverVoice.server': 'server',
  storeAudio: 'Keep my recordings',
  storeAudioHint:
    'Off: what you say through the server is transcribed and forgotten. On: it is kept for you to listen again, listed below, in your export, and deletable at any time.',
  'privacy.server':
    'Speaking sends your audio to Charla’s server, which passes it to the provider the owner set up to be written down.',
  'privacy.browser':
    'In this browser, speaking uses its own speech recognition. Most browsers send the audio to their maker to recognise it (Chrome sends it to Google); Charla never receives it unless the server’s speech stands in.',
  'privacy.none':
    'This browser has no speech recognition: with the automatic engine, the server’s speech stands in where the owner has set it up.',
  save: 'Save speech settings',
  saved: 'Your speech settings are saved.',
  'note.overBudget':
    'Your speech budget is used up for now: the server’s speech is back when the budget resets.',
  'note.adminSpeech': 'The server’s speech is not set up. {link} with a provider that serves it.',
  'note.adminTranscription':
    'The server’s transcription is not set up. {link} with a provider that serves it.',
  'note.adminVoices': 'The server’s voices are not set up. {link} with a provider that serves them.',
  'note.setUp': 'Set up speech',
  'note.learnerSpeech':
    'The owner of this Charla has not set up the server’s speech: this browser’s speech is used.',
  'note.learnerTranscription':
    'The owner of this Charla has not set up the server’s transcription: this browser’s speech is used.',
  'note.learnerVoices':
    'The owner of this Charla has not set up the server’s voices: this browser’s speech is used.',
  'recordings.title': 'Your recordings',
  'recordings.none': 'None yet: what you say through the server’s speech is kept here from now on.',
  'recordings.nothingHeard': '(nothing was heard)',
  'recordings.delete': 'Delete',
  'recordings.deleteLabel': 'the recording “{transcript}”',
  'recordings.deleteFailed': 'Could not delete this recording. Try again.',
  'recordings.deleted': 'Recording deleted.',
} as const;
