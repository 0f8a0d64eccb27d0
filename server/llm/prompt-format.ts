import type { LanguageModelV4GenerateResult, LanguageModelV4Prompt } from '@ai-sdk/provider';
import type { ChainLink } from './chains.ts';
import type { ChatMessage } from './types.ts';

/** A piece of the system prompt; `cache` marks an Anthropic cache breakpoint after it. */
export type SystemPart = { text: string; cache?: boolean };

/**
 * The prompt in the provider adapters' own format. Anthropic takes the system prompt as blocks with
 * cache breakpoints; others get one system text.
 */
export function toPrompt(
  link: ChainLink,
  system: SystemPart[],
  messages: ChatMessage[],
): LanguageModelV4Prompt {
  const prompt: LanguageModelV4Prompt =
    link.provider.kind === 'anthropic'
      ? system
          .filter((part) => part.text)
          .map((part) => ({
            role: 'system' as const,
            content: part.text,
            ...(part.cache && { providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }),
          }))
      : [
          {
            role: 'system' as const,
            content: system
              .map((part) => part.text)
              .filter(Boolean)
              .join('\n\n'),
          },
        ];
  for (const message of messages)
    prompt.push({ role: message.role, content: [{ type: 'text', text: message.content }] });
  return prompt;
}

/** The text of a non-streamed result (the JSON of a structured one). */
export function resultText(result: LanguageModelV4GenerateResult): string {
  if (result.structuredOutputText != null) return result.structuredOutputText;
  let text = '';
  for (const part of result.content) if (part.type === 'text') text += part.text;
  return text;
}
