/**
 * Vitest setup file, evaluated in every worker before each test file: no vendor keys, no Ollama
 * probe, and no network traffic that leaves this machine.
 */
import { afterAll, afterEach } from 'vitest';
import { installNetworkGuard, outboundBlockedMessage, takeOutboundViolations } from './network-guard.ts';
import { clearVendorEnvironment } from './vendor-environment.ts';

clearVendorEnvironment();
installNetworkGuard();

// The code under test may catch the guard's error (a provider adapter falls back, a probe gives
// up quietly), so a blocked attempt is also turned into a test failure here.
function failOnViolations(): void {
  const violations = takeOutboundViolations();
  if (violations.length > 0) {
    throw new Error(`${outboundBlockedMessage}; attempted: ${violations.join(', ')}`);
  }
}

afterEach(failOnViolations);
afterAll(failOnViolations);
