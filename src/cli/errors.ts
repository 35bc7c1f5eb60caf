/** A mistake in how the command was called (not in a scenario file): printed as one line, exit code 2. */
export class UserError extends Error {
  override name = 'UserError';
}
