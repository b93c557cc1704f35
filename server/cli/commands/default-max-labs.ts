import { InvalidSettingError } from '../../capacity/errors.js';
import { defaultMaxLabs } from '../../capacity/lab-capacity.js';
import { UserError } from '../user-error.js';

/**
 * CKS_LAB_MAX_LABS when unset: as many labs as this host's memory and cores carry with the node limits in force
 * (`npx cks-lab doctor` prints the figures). A malformed CKS_LAB_NODE_* is a usage error at start, not a failure
 * of the first lab.
 */
export function defaultMaxLabsOrExplain(env: NodeJS.ProcessEnv): number {
  try {
    return defaultMaxLabs(env);
  } catch (error) {
    if (error instanceof InvalidSettingError) throw new UserError(error.message, 2);
    throw error;
  }
}
