/** Timers exist in every runtime the core runs in (browsers, Node), but not in the ES library. */
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;
