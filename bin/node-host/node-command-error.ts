/** A command a node refuses or cannot run; sent back as `node.invoke.result {ok:false, error:{code, message}}`. */
export class NodeCommandError extends Error {
  constructor(
    readonly code: 'INVALID_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'NodeCommandError';
  }
}
