/**
 * The three ways to give the tutor a model, in one list: the providers page's "Add a provider"
 * section is built from it, and the notices on the conversation screens and the owner's home link
 * to its anchors. Kept free of imports so that linking to it costs those screens nothing.
 */
export type SetupWay = {
  /** The element id on the providers page, for `/admin/providers#<anchor>`. */
  anchor: 'add-key' | 'add-server' | 'local-model';
  title: string;
  description: string;
};

export const providersPath = '/admin/providers';

export const setupWays: readonly SetupWay[] = [
  {
    anchor: 'add-key',
    title: 'Paste a key',
    description: 'Anthropic or Mistral AI: large cloud models, the most reliable corrections, paid per use.',
  },
  {
    anchor: 'add-server',
    title: 'Connect a local server',
    description:
      'Ollama, llama.cpp, vLLM, LM Studio or any OpenAI-compatible address, on this machine or your network.',
  },
  {
    anchor: 'local-model',
    title: 'Download a local model',
    description:
      'Runs inside Charla with no key and no other software. Free and private, but a small model makes more language mistakes than a large cloud model.',
  },
];

export function setupWayPath(way: Pick<SetupWay, 'anchor'>): string {
  return `${providersPath}#${way.anchor}`;
}
