/** Something the target form cannot say; listed as a warning and in --json output. */
export interface Lost {
  setting: string;
  message: string;
}

export interface Emitted {
  output: string;
  warnings: Lost[];
}

/** One assignment in the target form: an environment variable or a flag with its argument. */
export interface Assignment {
  setting: string;
  /** variable name, or the long flag without dashes */
  name: string;
  /** undefined for a switch */
  text?: string;
}
