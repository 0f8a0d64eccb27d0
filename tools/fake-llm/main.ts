import { parseArgs } from 'node:util';
import { startFakeLlm } from './fake-llm.ts';

const usage = `Usage: npm run fake-llm -- [--port 4010] [--host 127.0.0.1] [--token-delay-ms 20]
  [--first-token-delay-ms 0] [--reply-tokens 30] [--no-record] [--no-record-bodies]`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'token-delay-ms': { type: 'string' },
    'first-token-delay-ms': { type: 'string' },
    'reply-tokens': { type: 'string' },
    'no-record': { type: 'boolean', default: false },
    'no-record-bodies': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

function numberOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${name} must be a number ≥ 0, got ${JSON.stringify(raw)}.\n${usage}`);
    process.exit(2);
  }
  return value;
}

const fake = await startFakeLlm({
  port: numberOption('port', values.port),
  host: values.host,
  tokenDelayMs: numberOption('token-delay-ms', values['token-delay-ms']),
  firstTokenDelayMs: numberOption('first-token-delay-ms', values['first-token-delay-ms']),
  defaultReplyTokens: numberOption('reply-tokens', values['reply-tokens']),
  record: !values['no-record'],
  recordBodies: !values['no-record-bodies'],
});

console.log(`fake LLM listening on ${fake.url}
  anthropic  ${fake.anthropicBaseURL}
  mistral    ${fake.mistralBaseURL}
  openai     ${fake.openaiBaseURL}
  ollama     ${fake.url} (/api/tags, /v1)
  control    ${fake.url}/__control/{health,script,defaults,requests,rules,reset}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`fake LLM: ${signal}, stopping`);
  await fake.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
