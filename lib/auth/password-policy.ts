// What a new password must be: long enough counted in characters (not UTF-16 units), at most the
// 72 bytes bcrypt reads (a longer one would sign in with any tail), and not easy to guess —
// judged by zxcvbn-ts against its dictionaries of common passwords, names and words, and against
// the person's own name and e-mail.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_CHARACTERS = 10;
/** bcrypt ignores every byte after the 72nd. */
export const MAX_PASSWORD_BYTES = 72;
/** zxcvbn's score from 0 (too guessable) to 4; 3 is "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

export const passwordCharacters = (password: string) => [...password].length;
export const passwordBytes = (password: string) => Buffer.byteLength(password, "utf8");

/**
 * Why this password cannot be used, in one sentence for the form, or null when it can.
 * `personal` are words of the account (name, e-mail) that make a password easier to guess.
 */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (passwordCharacters(password) < MIN_PASSWORD_CHARACTERS) return `Use at least ${MIN_PASSWORD_CHARACTERS} characters.`;
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) {
    return `Use at most ${MAX_PASSWORD_BYTES} bytes: ${MAX_PASSWORD_BYTES} plain letters, fewer with accents or emoji.`;
  }
  // Each word, and the words run together ("Ada Lovelace" → "adalovelace"; the e-mail's local part).
  const inputs = personal
    .flatMap((p) => {
      const lower = p.toLowerCase().split("@")[0]!;
      return [...lower.split(/[^\p{L}\p{N}]+/u), lower.replace(/[^\p{L}\p{N}]+/gu, "")];
    })
    .filter((w) => w.length >= 3);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ? ` ${result.feedback.warning}` : "";
  const hint = result.feedback.suggestions[0] ? ` ${result.feedback.suggestions[0]}` : " Add a few uncommon words.";
  return `This password is too easy to guess.${why}${hint}`;
}
