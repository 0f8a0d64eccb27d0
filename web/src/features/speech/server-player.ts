import { type SynthesisOptions, serverSpeechProblem, synthesise } from './server-speech.ts';

/**
 * Plays sentences the server synthesises, one after another, through one `<audio>` element. The next
 * sentence is fetched while the current one plays, so a streamed reply is spoken without a gap after
 * the first sentence. `synthesis.ts` owns who is speaking; this only plays what it is handed, and asks
 * `isCurrent()` before every step so a Stop or another Listen silences it at once.
 */

export type ServerSentence = {
  text: string;
  options: SynthesisOptions;
  /** False once someone else started speaking or Stop was pressed. */
  isCurrent: () => boolean;
  /** Called once: spoken, skipped, or failed with an error code ('not-allowed') or a plain message. */
  done: (failure?: { error: string; message?: string }) => void;
};

type Item = ServerSentence & { audio: Promise<Blob> | null; controller: AbortController };

const queue: Item[] = [];
let playing: Item | null = null;
let element: HTMLAudioElement | null = null;
let objectUrl: string | null = null;
/** How many sentences are fetched ahead of the one playing. */
const lookahead = 2;

/**
 * The one element that speaks: in the page (hidden), so a screen reader and the journey tests can see
 * what plays; `data-charla-speech` counts the sentences it started.
 */
function audioElement(): HTMLAudioElement {
  if (element?.isConnected) return element;
  element = document.createElement('audio');
  element.hidden = true;
  element.dataset.charlaSpeech = '0';
  document.body.append(element);
  return element;
}

function fetchAhead() {
  for (const item of queue.slice(0, lookahead)) {
    if (!item.audio && item.isCurrent())
      item.audio = synthesise(item.text, item.options, item.controller.signal);
  }
}

function finish(item: Item, failure?: { error: string; message?: string }) {
  if (playing === item) playing = null;
  item.done(failure);
  void next();
}

async function next() {
  if (playing) return;
  // Sentences of a stopped session are dropped without a sound.
  while (queue[0] && !queue[0].isCurrent()) queue.shift()?.done();
  const item = queue.shift();
  if (!item) return;
  playing = item;
  if (!item.audio) item.audio = synthesise(item.text, item.options, item.controller.signal);
  fetchAhead();
  let blob: Blob;
  try {
    blob = await item.audio;
  } catch (error) {
    if (!item.isCurrent()) return finish(item);
    return finish(item, { error: 'server', message: serverSpeechProblem(error, false).message });
  }
  if (!item.isCurrent()) return finish(item);
  const audio = audioElement();
  if (objectUrl) URL.revokeObjectURL(objectUrl);
  objectUrl = URL.createObjectURL(blob);
  audio.src = objectUrl;
  audio.dataset.charlaSpeech = String(Number(audio.dataset.charlaSpeech ?? '0') + 1);
  const ended = new Promise<string | null>((resolve) => {
    audio.onended = () => resolve(null);
    audio.onerror = () => resolve('synthesis-failed');
    // A pause that is not the end: Stop (or a barge-in) paused it.
    audio.onpause = () => {
      if (!audio.ended) resolve(null);
    };
  });
  try {
    await audio.play();
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (!item.isCurrent()) return finish(item);
    return finish(item, { error: name === 'NotAllowedError' ? 'not-allowed' : 'synthesis-failed' });
  }
  const problem = await ended;
  audio.onended = null;
  audio.onerror = null;
  audio.onpause = null;
  finish(item, problem && item.isCurrent() ? { error: problem } : undefined);
}

export function playSentence(sentence: ServerSentence) {
  queue.push({ ...sentence, audio: null, controller: new AbortController() });
  if (playing) fetchAhead();
  else void next();
}

/** Silences what plays and drops what is queued (their sessions are no longer current). */
export function stopPlaying() {
  for (const item of queue.splice(0)) {
    item.controller.abort();
    item.done();
  }
  const item = playing;
  if (item) {
    item.controller.abort();
    element?.pause();
  }
}
