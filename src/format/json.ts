/** The documented --json shape of validate, also printed by --format json: {files: [{path, diagnostics, error?}], summary: {files, errors, warnings, unreadable}}. */
export function formatJson(result: { files: readonly object[]; summary: object }): string {
  return JSON.stringify(result, null, 2) + '\n';
}
