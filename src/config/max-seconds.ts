/** Node's timers hold at most 2^31 - 1 ms (24.8 days); a longer one fires at once. */
export const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
