// Styling shared by the workbench's charts (no React: usable from server and client modules).

/** Series colours, in order. */
export const PALETTE = ["#4f46e5", "#0891b2", "#d97706", "#059669", "#db2777", "#7c3aed", "#65a30d", "#dc2626"];

/** Axis tick labels. */
export const axisTick = { fontSize: 11, fill: "#64748b" };
