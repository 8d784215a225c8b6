export const INVITE_TTL_DAYS = 7;
