// Values global-setup.ts hands to test workers through project.provide / inject.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of this run's PostgreSQL server; '' when TEST_DB is not postgres or it is unavailable. */
    postgresUrl: string;
  }
}
