/** UpdatePathError is an update.path that cannot be used (escapes the root, missing, unreadable). */
export class UpdatePathError extends Error {
  override readonly name = 'UpdatePathError';
  readonly updatePath: string;

  constructor(updatePath: string, message: string, options?: ErrorOptions) {
    super(`update.path ${JSON.stringify(updatePath)}: ${message}`, options);
    this.updatePath = updatePath;
  }
}
