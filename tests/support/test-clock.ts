import { fixedClock } from "../../functions/clock/clock.ts";

/**
 * The tests' "now". The app under test, the seed and every time-based rule read this clock, so
 * nothing a test asserts depends on the day it runs (`faketime -f '+400d' npm test` passes).
 */
export const TEST_NOW = new Date("2026-11-25T12:00:00.000Z");

/** A clock stopped at TEST_NOW; each caller gets its own, so advancing one moves no other. */
export const testClock = () => fixedClock(TEST_NOW);
