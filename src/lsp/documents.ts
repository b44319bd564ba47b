import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PROJECT_CONFIG } from '../validate/project-config.js';
import { ProjectConfigService } from './project-config.js';
import type { DocumentService, ServerSettings } from './service.js';
import { XmlConfigService } from './xml-config.js';

/**
 * Which service answers for a document, decided by its content (by its name only where the
 * content cannot tell, as for .drachtioctl.json): the one place a new kind of file plugs in.
 * Deployment files (compose files, systemd units, Kubernetes manifests holding drachtio) are
 * next: a DeploymentService beside XmlConfigService, chosen here for documents that are not XML.
 */
export function documentServices(settings: ServerSettings): (doc: TextDocument) => DocumentService | undefined {
  const xml = new XmlConfigService(settings);
  const projectConfig = new ProjectConfigService();
  return (doc) => (doc.uri.endsWith(`/${PROJECT_CONFIG}`) ? projectConfig : isXml(doc) ? xml : undefined);
}

/** XML by its first character (after a BOM and blanks); an empty or templated file (.xml.j2) by its language or name. */
function isXml(doc: TextDocument): boolean {
  return /^\ufeff?\s*</.test(doc.getText()) || doc.languageId === 'xml' || /\.xml(\.j2)?$/i.test(doc.uri);
}
