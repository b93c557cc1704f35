import { newToken, type Database } from './database.js';
import { hashToken, tokenMatches } from './tokens.js';

/** The two printed sign-in links' tokens, in plain text: only ever in memory, right after they are made. */
export interface SignInTokens {
  /** For the person who started the server (role learner). */
  access: string;
  /** For the workshop host (role instructor). */
  instructor: string;
}

export type SignInRole = 'local' | 'instructor';

export interface SignInTokenRepository {
  /** Which singleton learner a presented token signs in as; undefined for any other string. */
  match(token: string): SignInRole | undefined;
  /** Makes the tokens when the data dir has none yet (its first start); null when they exist (printed before). */
  ensure(): Promise<SignInTokens | null>;
  /**
   * Replaces both tokens, in ONE write with signing out every session the old links opened (the local and the
   * instructor learner's): after a leak, whoever used a leaked link is out too. Workshop learners stay signed in.
   */
  rotate(): Promise<{ tokens: SignInTokens; signedOut: string[] }>;
}

const mintTokens = (): SignInTokens => ({ access: newToken(), instructor: newToken() });

const hashesOf = (tokens: SignInTokens) => ({
  accessTokenHash: hashToken(tokens.access),
  instructorTokenHash: hashToken(tokens.instructor),
});

export function createSignInTokenRepository(db: Database): SignInTokenRepository {
  return {
    match(token) {
      const secrets = db.read((data) => data.secrets);
      // both hashes are compared, so the time taken does not say which role a near-miss was aimed at
      const instructor = tokenMatches(token, secrets.instructorTokenHash);
      const local = tokenMatches(token, secrets.accessTokenHash);
      return instructor ? 'instructor' : local ? 'local' : undefined;
    },
    async ensure() {
      const tokens = mintTokens();
      const made = await db.update((data) => {
        if (data.secrets.accessTokenHash && data.secrets.instructorTokenHash) return false;
        data.secrets = hashesOf(tokens);
        return true;
      });
      return made ? tokens : null;
    },
    async rotate() {
      const tokens = mintTokens();
      const signedOut = await db.update((data) => {
        data.secrets = hashesOf(tokens);
        const linkLearners = new Set(data.learners.filter((l) => l.origin !== 'workshop').map((l) => l.id));
        const revoked = data.sessions.filter((s) => linkLearners.has(s.learnerId)).map((s) => s.tokenHash);
        data.sessions = data.sessions.filter((s) => !linkLearners.has(s.learnerId));
        return revoked;
      });
      return { tokens, signedOut };
    },
  };
}
