export const PASSWORD_HINT = "At least 10 characters and hard to guess: a few uncommon words work well. At most 72 bytes.";
