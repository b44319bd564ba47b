import { hasDockerRun } from './docker-run.js';
import type { DeploymentKind } from './types.js';

// kept apart from the readers so that telling a deployment from an XML config loads no YAML parser

/**
 * What kind of deployment file a text is, by content, whatever its name: top-level `apiVersion` and
 * `kind` (Kubernetes), a top-level `services:` map (compose), a `[Service]` section (systemd), a line
 * running `docker run`; undefined for anything else (an XML config, an env file). YAML keys at column 0
 * come first, so a unit or a script embedded in a manifest's block scalar does not decide.
 */
export function deploymentKind(text: string, _path: string): DeploymentKind | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*</.test(body)) return undefined;
  if ((/^apiVersion[ \t]*:/m.test(body) && /^kind[ \t]*:/m.test(body)) || (/^\s*[{[]/.test(body) && /"apiVersion"\s*:/.test(body) && /"kind"\s*:/.test(body))) return 'k8s';
  if (/^services[ \t]*:/m.test(body) || (/^\s*\{/.test(body) && /"services"\s*:/.test(body))) return 'compose';
  if (/^[ \t]*\[Service\][ \t]*\r?$/m.test(body)) return 'systemd';
  if (hasDockerRun(body)) return 'docker-run';
  return undefined;
}
