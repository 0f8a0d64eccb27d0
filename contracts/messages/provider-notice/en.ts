/**
 * The notice on the conversation screens and the owner's home when no AI provider can answer. Its own
 * namespace: it loads only when the notice shows.
 */
export default {
  title: 'The tutor can’t answer yet',
  admin:
    'No AI provider can answer conversations. Set one up in the app, on the {link} page: no file to edit, no restart.',
  'admin.link': 'AI providers',
  'admin.threeWays': 'Three ways to set one up',
  learner:
    'The owner of this server has to set up an AI provider first; ask them to. You can still read your conversations and start new ones, and review, grammar drills and progress work without it.',
  'way.add-key.title': 'Paste a key',
  'way.add-key.description':
    'Anthropic or Mistral AI: large cloud models, the most reliable corrections, paid per use.',
  'way.add-server.title': 'Connect a local server',
  'way.add-server.description':
    'Ollama, llama.cpp, vLLM, LM Studio or any OpenAI-compatible address, on this machine or your network.',
  'way.local-model.title': 'Download a local model',
  'way.local-model.description':
    'Runs inside Charla with no key and no other software. Free and private, but a small model makes more language mistakes than a large cloud model.',
} as const;
