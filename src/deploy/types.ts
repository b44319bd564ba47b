/** Where something was written: file path as given, 1-based line and column. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** A value that cannot be known statically (a ${VAR} substitution, a Secret defined elsewhere, cloud IP lookup). Never guessed. */
export interface Unknown {
  what: string;
  place: Place;
  why: string;
}

export interface DeployedWord {
  text: string;
  place: Place;
}

/**
 * One source of environment variables, in the order they are applied: lowest precedence first.
 * `place` of a var is where its value is written; `namePlace` where its name is.
 * `unknown`: the variable is set here, to a value that cannot be known statically (also listed in `unknowns`);
 * it overrides earlier sources like any other assignment.
 */
export type EnvSource =
  | { kind: 'var'; name: string; value: string; place: Place; namePlace: Place }
  /** no name: any variable may be set here (a ConfigMap or Secret of `envFrom` defined elsewhere) */
  | { kind: 'unknown'; name?: string; place: Place; why: string }
  | {
      kind: 'file';
      /** resolved against the deployment file's directory */
      path: string;
      place: Place;
      required: boolean;
      dialect: 'docker' | 'systemd' | 'dotenv' | 'shell';
    };

export interface Mount {
  /** path inside the container (or the host path for systemd) where the file appears */
  target: string;
  /** host path of a bind mount, resolved against the deployment file's directory */
  hostPath?: string;
  /**
   * Inline content (a k8s ConfigMap key, e.g. drachtio.conf.xml) and where its first character stands in
   * the manifest. When `textIndent` is set (a literal `|` block scalar), line k (0-based) of `text` is
   * manifest line `textPlace.line + k`, and its column c (1-based) is manifest column `textIndent + c`:
   * YAML strips exactly `textIndent` leading spaces from every content line.
   */
  text?: string;
  textPlace?: Place;
  textIndent?: number;
  /** k8s: the ConfigMap/Secret key projected to this file */
  key?: string;
  /** k8s: `configMap/NAME` or `secret/NAME` the file comes from */
  from?: string;
  readOnly?: boolean;
  place: Place;
}

export type DeploymentKind = 'compose' | 'systemd' | 'k8s' | 'docker-run';

export interface DeployedService {
  kind: DeploymentKind;
  /** compose service name, unit file name, `Deployment/NAME/CONTAINER`, or `docker run` */
  name: string;
  file: string;
  image?: string;
  /** the words drachtio-server receives (argv after the program name), after the official image's entrypoint.sh has processed them */
  args: DeployedWord[];
  /**
   * When the official image's /entrypoint.sh runs: the words it was given (`drachtio ...`), before its
   * processing, so a caller that has read the env files can run `imageEntrypoint` again with the full environment.
   */
  entrypointWords?: DeployedWord[];
  env: EnvSource[];
  mounts: Mount[];
  unknowns: Unknown[];
}
