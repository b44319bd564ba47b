export interface RenderedFile {
  /** path relative to the output directory */
  path: string;
  content: string;
  /** 0o600 for files holding a secret */
  mode?: number;
}

export interface RenderResult {
  files: RenderedFile[];
  warnings: string[];
  /** shell commands to run before the files are applied (create a referenced Secret, make the config readable); never holding a secret */
  commands: SetupCommand[];
}

/** A command to run before applying the files; it never holds a secret. */
export interface SetupCommand {
  /** what it does, as a sentence fragment */
  why: string;
  run: string;
}

/** The image to run when none is given: a release, never the moving `latest`. */
export const DEFAULT_IMAGE = 'drachtio/drachtio-server:0.9.10';

export const K8S_KINDS = ['daemonset', 'deployment'] as const;
export type K8sKind = (typeof K8S_KINDS)[number];

export interface Toleration {
  key?: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect?: string;
}

export interface RenderOptions {
  /** service, container and object name */
  name: string;
  /** where the config file lives on the target host or in the container */
  configPath: string;
  /** systemd: the drachtio executable */
  binary: string;
  /** systemd: the account it runs as */
  user: string;
  /** compose and k8s: the container image */
  image: string;
  /** systemd: an ExecStartPre command that validates the file, or none */
  validateCommand?: string;
  /** compose: publish ports instead of using the host network */
  publish?: boolean;
  /** systemd EnvironmentFile= and compose env_file: a DRACHTIO_* file (e.g. from env-export) holding what the XML does not */
  envFile?: string;
  /** k8s: DaemonSet (one per node, how jambonz runs drachtio) or Deployment */
  kind?: K8sKind;
  /** k8s: the Secret holding DRACHTIO_SECRET (default NAME-secret) */
  secretName?: string;
  /** k8s: the Secret holding the TLS files (default NAME-tls) */
  tlsSecretName?: string;
  /** k8s: render the admin Secret itself, with the real value, instead of only referencing it */
  withSecret?: boolean;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  /** k8s container resources */
  resources?: { requests: Record<string, string>; limits: Record<string, string> };
  terminationGracePeriodSeconds?: number;
}
