import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { zodSchema } from 'ai';
import type { z } from 'zod';
import { ModelOutputError } from './errors.ts';
import type { TokenUsage } from './types.ts';

/** JSON Schema of a zod schema, converted once: the conversion costs more than a whole call's parsing. */
const jsonSchemas = new WeakMap<z.ZodType, unknown>();
export async function jsonSchemaOf(schema: z.ZodType) {
  let converted = jsonSchemas.get(schema);
  if (converted === undefined) {
    converted = await zodSchema(schema).jsonSchema;
    jsonSchemas.set(schema, converted);
  }
  return converted as NonNullable<
    Extract<LanguageModelV4CallOptions['responseFormat'], { type: 'json' }>['schema']
  >;
}

/**
 * A structured answer's text parsed and validated by the request's zod schema. Output that is not
 * JSON or does not match throws ModelOutputError with the raw text and the reported usage, so the
 * unusable answer is still billed exactly; the caller marks it unavailable.
 */
export function parseStructured<T>(text: string, schema: z.ZodType<T>, usage: TokenUsage | undefined): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ModelOutputError('The model returned output that is not JSON.', text, error, usage);
  }
  const validated = schema.safeParse(parsed);
  if (!validated.success)
    throw new ModelOutputError(
      'The model returned output that does not match the expected shape.',
      text,
      validated.error,
      usage,
    );
  return validated.data;
}
