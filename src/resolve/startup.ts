import type { DrachtioConfig } from '../model/config.js';
import { parseXml, type ParsedConfig } from '../model/parse.js';
import { redactSecrets } from '../model/secrets.js';
import { runRules } from '../validate/engine.js';
import { RULES } from '../validate/rules/index.js';
import type { Fatal } from '../sources/layer.js';
import type { Context } from './index.js';
import { toStartupError, type Startup } from './types.js';

/** Rules whose error findings make the XML reader reject the file, so the constructor exits 255 (src/controller.cpp DrachtioController::DrachtioController). */
const FILE_REJECTED = RULES.filter((r) => r.meta.rejectsFile);
/** A document for runs without a file (the run-time rules read only the model), made once when first needed. */
let empty: ParsedConfig | undefined;

/** Whether, and how, the server stops: the first failure in the order the server meets them. */
export function startupOf(ctx: Context, model: DrachtioConfig): Startup {
  const fatal = firstFatal(ctx, model);
  if (!fatal) return { ok: true, exitCode: 0, errors: [] };
  return { ok: false, exitCode: fatal.exitCode, ...(fatal.abort && { abort: true }), errors: [toStartupError(fatal)] };
}

function firstFatal(ctx: Context, model: DrachtioConfig): Fatal | undefined {
  const { env, cli, file, fileError } = ctx.input;
  if (env.fatal) return env.fatal;
  if (cli.fatal && !cli.fatal.afterLoop) return cli.fatal;
  // parseCmdArgs, after its loop: a homer address (from either source) needs a non-zero id
  const homer = ctx.member('sip.capture-server.address').given;
  const homerId = ctx.member('sip.capture-server.id').given;
  if (homer && homer.value !== '' && !(homerId && homerId.value)) {
    return { exitCode: 255, message: 'a homer address without a non-zero --homer-id/DRACHTIO_HOMER_ID: the server prints its usage and exits', origin: homer.origin };
  }
  if (cli.fatal) return cli.fatal;
  if (fileError) return fileError;
  if (file?.xml) {
    const rejected = firstRejection({ config: file.config, xml: file.xml });
    if (rejected) return rejected;
  }
  return runFatal(ctx, model);
}

/** The first finding that makes the server's XML reader refuse the file. */
function firstRejection(parsed: ParsedConfig): Fatal | undefined {
  const found: Fatal[] = [];
  runRules(parsed, { rules: FILE_REJECTED }, (rule, r) => {
    if ((r.severity ?? rule.meta.severity) === 'error' && (r.rejectsFile ?? true)) {
      found.push({ exitCode: 255, message: `${redactSecrets(parsed.config, r.message)} [${rule.meta.id}]`, origin: `${parsed.config.source}:${r.pos.line}:${r.pos.column}` });
    }
  });
  return found[0];
}

/** Rules whose error findings stop the server inside run(), on the configuration in force. */
const RUN_STOPPERS = RULES.filter((r) => r.meta.stopsServer);

/** The first failure inside run(): each throws a runtime_error that main() catches, so the exit status is 0. */
function runFatal(ctx: Context, model: DrachtioConfig): Fatal | undefined {
  const found: Fatal[] = [];
  const parsed = { config: model, xml: ctx.input.file?.xml ?? (empty ??= parseXml('<drachtio/>', '<no file>')).xml };
  runRules(
    parsed,
    { rules: RUN_STOPPERS },
    (rule, r) => {
      if ((r.severity ?? rule.meta.severity) !== 'error') return;
      const given = r.setting ? ctx.settings[r.setting] ?? ctx.settings[r.setting.slice(0, r.setting.lastIndexOf('.'))] : undefined;
      // a value the environment or command line gave is named as given; a file value by its position
      const origin = given && (given.source === 'cli' || given.source === 'env') ? given.origin : `${r.pos.file ?? model.source}:${r.pos.line}:${r.pos.column}`;
      found.push({ exitCode: 0, message: `${redactSecrets(model, r.message)} [${rule.meta.id}]`, origin });
    },
    model,
  );
  return found[0];
}
