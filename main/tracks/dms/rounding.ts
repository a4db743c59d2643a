/** A measured value as messages show it (latency 1.2730000019 → 1.3). */
export const roundTenths = (value: number) => Math.round(value * 10) / 10;
