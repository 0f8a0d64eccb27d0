/**
 * Speech on the screens that read aloud and listen (the conversation screen, the review, the reader):
 * Listen, the microphone, voice mode and what the browser cannot do. The practice panel and the
 * settings' speech section are separate (`speech-practice`, `speech-settings`).
 */
export default {
  listen: 'Listen',
  stop: 'Stop',
  'listen.notAllowed': 'The browser did not let the page speak yet. Press Listen again.',
  'listen.failed': 'The browser could not speak this.',
  'note.cannotSpeak': 'This browser cannot read text aloud, so nothing offers Listen.',
  'note.cannotSpeakNoServer':
    'This browser cannot read text aloud and speech through the server is not available, so nothing offers Listen.',
  'note.noVoice':
    'This browser has no {language} voice, so nothing offers Listen. Your system’s speech settings may have one to install.',
  'note.noVoiceNoServer':
    'This browser has no {language} voice and speech through the server is not available, so nothing offers Listen.',
  'note.noServerRecognition':
    'Speech through the server is not available, so speaking and pronunciation practice are not available here.',
  'note.noRecognition':
    'This browser has no speech recognition, so speaking and pronunciation practice are not available here.',
  'note.noRecognitionNoServer':
    'This browser has no speech recognition and speech through the server is not available, so speaking and pronunciation practice are not available here.',
  'practice.open': 'Practise saying this',
  'practice.close': 'Close practice',
  'practice.opening': 'Opening the practice…',
  speed: 'Speed',
  'speed.failed': 'Could not save the speed.',
  voiceMode: 'Voice mode',
  speak: 'Speak',
  stopListening: 'Stop listening',
  setUp: 'Set up speech',
  'status.opening': 'Opening the microphone…',
  'status.waiting': 'Listening… speak {language} when you are ready.',
  'status.recordingHandsFree': 'Recording… it is sent when you stop talking.',
  'status.recording': 'Recording… press Stop when you have finished.',
  'status.transcribing': 'Writing down what you said…',
  'status.heard': 'Listening… “{heard}”',
  'status.listening': 'Listening… speak {language} now.',
  'status.speaking': 'The tutor is speaking.',
  'status.replying': 'The tutor is replying…',
  'status.tryAgain': '{problem} Press Speak to try again.',
  'status.unfinished': 'The reply did not finish. Retry it, or press Speak to go on.',
  'status.paused': 'Paused. Press Speak to talk.',
  'problem.not-allowed':
    'Microphone access is blocked. Allow it for this site in the browser, then try again.',
  'problem.no-speech': 'No speech was heard. Try again, a little closer to the microphone.',
  'problem.no-microphone': 'No microphone was found. Connect one, or type instead.',
  'problem.network':
    'Speech recognition in this browser needs a connection to its vendor, and it failed. Type instead, or try again.',
  'problem.language': 'This browser cannot recognise {language} speech. Type instead.',
  'problem.failed': 'Speech recognition stopped unexpectedly. Try again.',
  unsupported: 'Your browser has no speech recognition; type instead.',
  'mic.not-allowed':
    'Charla may not use the microphone. Allow it for this site in the browser (the icon beside the address), then try again.',
  'mic.no-microphone': 'No microphone was found. Connect one, or type instead.',
  'mic.unsupported':
    'This browser cannot record audio. Type instead, or use a recent Chrome, Edge, Firefox or Safari.',
  'mic.failed': 'The microphone could not be opened. Check that no other app is using it, then try again.',
  'server.noSpeech': 'No speech was heard. Try again, a little closer to the microphone.',
  'server.tooLongSent': 'The recording stopped at the two-minute limit; what you said so far was sent.',
  'server.failed': 'Something went wrong with the audio. Try again.',
  'server.tooLong': 'That recording was too long: keep it under two minutes, or split it in parts.',
  'server.unreadable': 'The server could not read that recording. Try again, or type instead.',
  'server.network': 'Could not reach the server to hear that. Check your connection and try again.',
  'server.notSetUpAdmin': 'Speech through the server is not set up: add a speech provider and its chains.',
  'server.notSetUp': 'The owner of this Charla has not set up speech through the server yet. Type instead.',
  'server.overBudget': 'Your speech allowance is used up for now: the budget cap has been reached.',
} as const;
