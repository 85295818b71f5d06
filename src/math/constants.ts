/** Constants shared by the special functions (double-rounded from 50-digit values; test/math/constants.test.ts checks each). */
export const LOG_PI = 1.1447298858494002;
export const HALF_LOG_2PI = 0.9189385332046728; // log √(2π)
/** log 2π = 2 · HALF_LOG_2PI exactly. Not Math.log(2 * Math.PI), which is one ulp low (…453). */
export const LOG_2PI = 1.8378770664093456;
export const SQRT_2PI = 2.5066282746310007;
export const INV_SQRT_2PI = 0.3989422804014327;
export const EULER_GAMMA = 0.5772156649015329;
