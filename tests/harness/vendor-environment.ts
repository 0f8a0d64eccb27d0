/**
 * Vendor credentials a developer may have exported in their shell. Tests and the e2e app must never
 * see them: a test that accidentally reaches a real provider would spend real money and pass or fail
 * for reasons that have nothing to do with the code.
 */
const vendorKeyNames = [
  'ANTHROPIC_API_KEY',
  'MISTRAL_API_KEY',
  'OPENAI_API_KEY',
  'DEEPSEEK_API_KEY',
  'OPENROUTER_API_KEY',
] as const;

const vendorKeyPrefixes = ['OPENAI_COMPATIBLE_'] as const;

/** Removes every vendor key from `env` (in place) and turns Ollama auto-detection off. */
export function clearVendorEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of Object.keys(env)) {
    const isVendorKey =
      (vendorKeyNames as readonly string[]).includes(name) ||
      vendorKeyPrefixes.some((prefix) => name.startsWith(prefix));
    if (isVendorKey) delete env[name];
  }
  // Detection probes a port on the developer's machine; a running Ollama would change test outcomes.
  env.OLLAMA_DETECT = 'false';
}
