/** Constants shared by the family files (written out so no module computes them at load time). */
export const LOG_PI = 1.1447298858494002;
export const LOG_2 = 0.6931471805599453;
/** log √(2π). */
export const HALF_LOG_2PI = 0.91893853320467274;
