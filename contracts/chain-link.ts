import { z } from 'zod';

/**
 * One link of a model chain: a provider id and one of its models. Shared by the role chains (AI
 * providers) and the cheaper chain used at a budget cap (budget), which both validate links alike.
 */
export const chainLinkSchema = z.strictObject({
  provider: z.string().min(1).max(64),
  model: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\p{Cc}\s]+$/u, 'A model id is one word.'),
});
export type ChainLinkView = z.infer<typeof chainLinkSchema>;
