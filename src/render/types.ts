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
}
