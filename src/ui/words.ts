/**
 * Words every screen shares. A simulated run (sim: variants) says so in each screen's title, so a
 * screenshot of its numbers cannot pass for a real model's.
 */
export const SIMULATED = 'SIMULATED';

/** The title prefix for a run: "SIMULATED · " or nothing. */
export const simulatedTag = (simulated: boolean | undefined): string => (simulated ? `${SIMULATED} · ` : '');
