/**
 * One outcome for an exchange over the network: the first of `settle(f)` calls, or `onTimeout`
 * when none came within `timeoutMs`. `cleanup` (closing the socket) runs before the outcome.
 */
export function deadline(timeoutMs: number, onTimeout: () => void, cleanup: () => void): (outcome: () => void) => void {
  let done = false;
  const settle = (outcome: () => void) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    cleanup();
    outcome();
  };
  const timer = setTimeout(() => settle(onTimeout), timeoutMs);
  return settle;
}
