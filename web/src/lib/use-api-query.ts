import { useCallback, useEffect, useState } from 'react';
import { translate } from '../i18n/i18n.ts';
import { ApiError, api } from './api-client.ts';

export type ApiQuery<T> = {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  /** Replace the data after a successful write, without another round trip. */
  setData: (update: (previous: T | null) => T | null) => void;
};

/** Loads one GET endpoint for a page; a newer load or an unmount cancels the older one. */
export function useApiQuery<T>(path: string): ApiQuery<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // `attempt` is read so that reload() re-runs this effect.
    void attempt;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<T>(path, { signal: controller.signal })
      .then((result) => {
        if (controller.signal.aborted) return;
        setDataState(result);
        setLoading(false);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(
          caught instanceof ApiError
            ? caught
            : new ApiError(0, 'network_error', translate('common.errors.loadFailed')),
        );
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, attempt]);

  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  const setData = useCallback((update: (previous: T | null) => T | null) => setDataState(update), []);

  return { data, error, loading, reload, setData };
}
