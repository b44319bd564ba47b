import type { TextDocument } from 'vscode-languageserver-textdocument';
import { deploymentKind } from '../deploy/kind.js';
import { PROJECT_CONFIG } from '../validate/project-config.js';
import { DeploymentService } from './deployment.js';
import { ProjectConfigService } from './project-config.js';
import type { DocumentService, ServerSettings } from './service.js';
import { XmlConfigService } from './xml-config.js';

/**
 * Which service answers for a document, decided by its content (by its name only where the
 * content cannot tell, as for .drachtioctl.json): the one place a new kind of file plugs in.
 * XML is a drachtio config; a compose file, systemd unit, Kubernetes manifest or docker run line
 * (as `validate` tells them by content) a deployment; anything else is left alone.
 */
export function documentServices(settings: ServerSettings): (doc: TextDocument) => DocumentService | undefined {
  const xml = new XmlConfigService(settings);
  const deployment = new DeploymentService(settings);
  const projectConfig = new ProjectConfigService();
  return (doc) => {
    if (doc.uri.endsWith(`/${PROJECT_CONFIG}`)) return projectConfig;
    if (isXml(doc)) return xml;
    return deploymentKind(doc.getText(), doc.uri) ? deployment : undefined;
  };
}

/** XML by its first character (after a BOM and blanks); an empty or templated file (.xml.j2) by its language or name. */
function isXml(doc: TextDocument): boolean {
  return /^\ufeff?\s*</.test(doc.getText()) || doc.languageId === 'xml' || /\.xml(\.j2)?$/i.test(doc.uri);
}
