import { expect } from 'vitest';

// Only the web app's tests need its message catalogues (loaded in English before each test file).
if (expect.getState().testPath?.includes('/web/src/')) await import('../../web/src/test/i18n-setup.ts');
