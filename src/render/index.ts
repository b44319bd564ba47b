import type { DrachtioConfig } from '../model/config.js';
import { checkParsed } from '../validate/engine.js';
import type { ParsedConfig } from '../model/parse.js';
import type { Diagnostic } from '../validate/types.js';
import { renderCompose } from './compose.js';
import { renderK8s } from './k8s.js';
import { renderSystemd } from './systemd.js';
import type { RenderOptions, RenderResult } from './types.js';

export const TARGETS = ['systemd', 'compose', 'k8s'] as const;
export type Target = (typeof TARGETS)[number];

export interface RenderInput {
  config: DrachtioConfig;
  options: RenderOptions;
  /** the config file as the compose file should mount it, relative to the compose file */
  configFile: string;
  /** text of templates/systemd/drachtio.service */
  systemdTemplate: string;
}

/** Render deployment files for a target; pure: the caller reads templates and writes files. */
export function render(target: Target, input: RenderInput): RenderResult {
  switch (target) {
    case 'systemd':
      return renderSystemd(input.config, input.systemdTemplate, input.options);
    case 'compose':
      return renderCompose(input.config, input.options, input.configFile);
    case 'k8s':
      return renderK8s(input.config, input.options);
  }
}

/** What stops a deployment before it is rendered: validate's errors (the server would refuse or misread the file). */
export const blockingErrors = (parsed: ParsedConfig): Diagnostic[] => checkParsed(parsed).filter((d) => d.severity === 'error');

export { DEFAULT_IMAGE, K8S_KINDS } from './types.js';
export type { K8sKind, RenderOptions, RenderResult, RenderedFile, SetupCommand, Toleration } from './types.js';
