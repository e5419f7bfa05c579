/**
 * The routing experiments of issue 16 as pure measurements on traces (no tfjs, no DOM): each file
 * names its paper and figure, its formula and its baseline.
 */
export * from './shared';
export * from './class-shares';
export * from './neighbours';
export * from './co-activation';
export * from './same-word';
