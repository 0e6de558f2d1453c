export type SeatNumber = string;
export const isSeatNumber = (value: string): value is SeatNumber => /^\d+[A-F]$/.test(value);
