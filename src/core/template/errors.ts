// Typed errors of the template engine. Messages are exactly Go's text/template error strings so
// that users see what Flux would have told them.

/** TemplateParseError is a syntax error: `template: <name>:<line>: <reason>`. */
export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
}

/** TemplateExecError is a failure while executing: `template: <name>:<line>:<col>: executing …`. */
export class TemplateExecError extends Error {
  override readonly name = 'TemplateExecError';
}

/** TemplateLimitError is raised when a template exceeds tagpilot's output or step budget. */
export class TemplateLimitError extends TemplateExecError {}
