/** A limit or capacity setting from the environment is malformed; the message names the variable and the fix. */
export class InvalidSettingError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidSettingError';
  }
}
