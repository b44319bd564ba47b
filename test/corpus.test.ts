import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toComparable } from '../src/model/comparable.js';
import { parseXml } from '../src/model/parse.js';
import { validateText } from '../src/validate/engine.js';
import { isMarkdownPath, xmlBlocksOfMarkdown } from '../src/xml/markdown.js';
import { renderXml } from '../src/xml/render.js';
import { CORPUS, needsShared } from './helpers.js';
import { xmlErrors } from './validators.js';

const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f !== 'MANIFEST.tsv' && f !== 'README.md').sort() : [];
/** The file names MANIFEST.tsv lists (its first column, after the header). */
const manifest = () => readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split('\t')[0]).sort();

/** The documents inside a corpus file: itself, or a Markdown file's ```xml blocks. */
const documentsOf = (f: string, text: string) => (isMarkdownPath(f) ? xmlBlocksOfMarkdown(text) : [text]);

/** The findings of every corpus file, by file name. */
const findingsByFile = () => Object.fromEntries(files.map((f) => [f, validateText(readFileSync(join(CORPUS, f), 'utf8'), f).diagnostics]));

describe('real-world corpus', { skip: needsShared }, () => {
  it('has the 42 files its MANIFEST.tsv lists, no more, no fewer', () => {
    assert.equal(files.length, 42);
    assert.deepEqual(files, manifest());
  });

  for (const f of files) {
    it(`round-trips ${f} through the model and canonical XML that xmllint accepts`, async () => {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      for (const docText of documentsOf(f, text)) {
        const first = parseXml(docText, f);
        if (first.xml.fatal) {
          // only the JSON look-alike is not XML at all
          assert.equal(f, 'drachtio-server__drachtio.conf.json');
          continue;
        }
        const rendered = renderXml(first.config);
        const second = parseXml(rendered, `${f} (rendered)`);
        assert.equal(second.xml.fatal, undefined, rendered);
        assert.deepEqual(toComparable(second.config), toComparable(first.config));
        assert.equal(renderXml(second.config), rendered, 'rendering is stable');
        assert.deepEqual(await xmlErrors(rendered), [], rendered);
      }
    });
  }

  it('finds exactly the real startup failures', () => {
    const errors = Object.entries(findingsByFile()).flatMap(([f, ds]) => ds.filter((d) => d.severity === 'error').map((d) => `${f}:${d.line}:${d.column} ${d.rule}`));
    assert.deepEqual(errors, [
      'aibot__drachtio.xml:2:1 root-element',
      'calling__drachtio.conf.xml:2:3 admin-address-invalid',
      'drachtio-basic-registrar__drachtio.conf.xml@8876099:2:37 admin-address-invalid',
      // the docs' skeleton <admin/> has no address; its spammers example repeats an attribute
      'drachtio-new-site__docs_configuring.md:17:3 admin-address-invalid',
      'drachtio-new-site__docs_configuring.md:238:27 xml-lenient',
      'drachtio-server__drachtio.conf.json:1:1 xml-not-well-formed',
      // the server's own test config expects TLS files from the command line
      'drachtio-server__test_drachtio.conf3.xml:4:24 admin-tls-incomplete',
      // xml-fragment is an error now: checked as a file (no --fragment), the server cannot start from a <sip> root (exit 255)
      'jambonz-blog__carrier-requirements.sip-fragment.xml:1:1 xml-fragment',
      'jambonz-blog__supporting-webrtc.sip-fragment.xml:1:1 xml-fragment',
    ]);
  });

  /**
   * Every finding on the corpus, each checked against the server's source (docs/research/drachtio-server-source-notes.md):
   * "cymru" is the sample secret; spammers action/tcp-action, <minSize> and verify-peer are read and
   * never used; <udp-mtu> has had no effect since v0.9.4; nameless spammer <header>s are skipped;
   * a second legacy <sip><contact> is ignored; the docs' wss contact lacks "sips"; tcp-keepalive-interval
   * is not the attribute the parser reads; TLS contacts without min-tls-version accept TLS 1.0.
   */
  it('lists every warning and error, at its line and column', () => {
    const found = Object.fromEntries(
      Object.entries(findingsByFile())
        .filter(([, ds]) => ds.length > 0)
        .map(([f, ds]) => [f, ds.map((d) => `${d.line}:${d.column} ${d.rule}`).join(', ')]),
    );
    assert.deepEqual(found, {
      'Kurento-SIP-GW__drachtio.conf.xml': '4:21 weak-admin-secret, 147:19 unused-setting, 147:35 unused-setting',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'aibot__drachtio.conf.xml': '2:22 weak-admin-secret, 2:37 admin-exposed, 8:3 unknown-element, 13:17 secret-logged',
      'aibot__drachtio.xml': '2:1 root-element',
      'ansible-role-drachtio__templates_drachtio.conf.xml.j2': '4:69 admin-exposed, 19:19 unused-setting, 19:35 unused-setting, 25:13 spammer-header-ignored, 30:18 no-effect-setting',
      'calling__drachtio.conf.xml': '2:3 admin-address-invalid, 2:22 weak-admin-secret, 4:5 unknown-element, 6:3 unknown-element',
      'docker-drachtio-server-guy032__drachtio.conf.xml': '3:24 weak-admin-secret, 3:39 admin-exposed, 7:18 no-effect-setting, 12:22 min-tls-version-low, 21:19 unused-setting, 21:35 unused-setting, 27:13 spammer-header-ignored, 42:22 unused-setting',
      'docker-drachtio-server-salihy__drachtio.conf.xml': '4:56 admin-exposed, 20:19 unused-setting, 20:35 unused-setting, 26:13 spammer-header-ignored, 31:16 no-effect-setting',
      'docker-drachtio-server__drachtio.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 18:19 unused-setting, 18:35 unused-setting, 24:13 spammer-header-ignored',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-basic-registrar__drachtio.conf.xml': '2:22 weak-admin-secret, 2:37 admin-exposed, 10:22 min-tls-version-low, 24:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-basic-registrar__drachtio.conf.xml@8876099': '2:22 weak-admin-secret, 2:37 admin-address-invalid, 10:52 min-tls-version-low, 24:19 secret-logged',
      // local-net-derived: the GCP examples derive local-net from the public external-ip, not the 10.132 host,
      // so the server derives none and sends the external-ip to every peer (SipTransport::addTransports)
      'drachtio-new-site__docs_configuring.md': '17:3 admin-address-invalid, 17:3 weak-admin-secret, 32:36 weak-admin-secret, 32:51 ignored-docs-name, 32:79 admin-exposed, 55:60 unused-setting, 176:12 wss-without-sips, 182:12 local-net-derived, 190:46 local-net-derived, 238:11 unused-setting, 238:27 xml-lenient, 273:10 no-effect-setting, 335:12 unused-setting',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-run__drachtio.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 18:19 unused-setting, 18:35 unused-setting, 24:13 spammer-header-ignored, 42:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__docker.drachtio.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 18:19 unused-setting, 18:35 unused-setting, 24:13 spammer-header-ignored, 42:19 secret-logged',
      'drachtio-server__drachtio.conf.json': '1:1 xml-not-well-formed',
      'drachtio-server__drachtio.conf.xml': '4:21 weak-admin-secret, 164:19 unused-setting, 164:35 unused-setting',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf.xml': '4:24 weak-admin-secret, 25:19 unused-setting, 25:35 unused-setting, 31:13 spammer-header-ignored, 36:18 no-effect-setting, 54:22 unused-setting, 62:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf10.xml': '4:24 weak-admin-secret, 19:19 unused-setting, 19:35 unused-setting, 25:13 spammer-header-ignored, 43:22 unused-setting, 51:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf2.xml': '4:24 weak-admin-secret, 23:19 unused-setting, 23:35 unused-setting, 29:13 spammer-header-ignored, 47:22 unused-setting, 55:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf3.xml': '4:24 admin-tls-incomplete, 4:40 weak-admin-secret, 24:19 unused-setting, 24:35 unused-setting, 30:13 spammer-header-ignored, 48:22 unused-setting, 56:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf4.xml': '4:24 weak-admin-secret, 24:19 unused-setting, 24:35 unused-setting, 30:13 spammer-header-ignored, 48:22 unused-setting, 56:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf5.xml': '4:24 weak-admin-secret, 24:19 unused-setting, 24:35 unused-setting, 30:13 spammer-header-ignored, 48:22 unused-setting, 56:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf6.xml': '4:24 weak-admin-secret, 25:19 unused-setting, 25:35 unused-setting, 31:13 spammer-header-ignored, 49:22 unused-setting, 57:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf7.xml': '4:24 weak-admin-secret, 23:19 unused-setting, 23:35 unused-setting, 29:13 spammer-header-ignored, 47:22 unused-setting, 55:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf8.xml': '4:24 weak-admin-secret, 23:19 unused-setting, 23:35 unused-setting, 29:13 spammer-header-ignored, 47:22 unused-setting, 55:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.conf9.xml': '4:24 weak-admin-secret, 23:19 unused-setting, 23:35 unused-setting, 29:13 spammer-header-ignored, 47:22 unused-setting, 55:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-server__test_drachtio.session-timer-uac.conf.xml': '9:24 weak-admin-secret, 19:19 unused-setting, 19:35 unused-setting, 25:13 spammer-header-ignored, 32:18 no-effect-setting, 50:22 unused-setting, 58:19 secret-logged',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'drachtio-webrtc-reference-client__drachtio.conf.xml': '3:24 weak-admin-secret, 3:39 admin-exposed, 8:22 min-tls-version-low, 16:19 unused-setting, 16:35 unused-setting, 22:13 spammer-header-ignored, 31:19 secret-logged',
      'jambonz-blog__carrier-requirements.sip-fragment.xml': '1:1 xml-fragment, 11:7 unknown-element, 17:7 unknown-element, 18:7 unknown-element, 19:7 unknown-element, 24:13 no-effect-setting',
      'jambonz-blog__supporting-webrtc.sip-fragment.xml': '1:1 xml-fragment, 7:12 no-effect-setting',
      'jambonz-helm-charts__sbc-sip-configmap.drachtio.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 6:63 plain-http-handler, 9:16 no-effect-setting',
      'jambonz-infrastructure__docker_sbc_drachtio.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 6:43 plain-http-handler, 12:16 no-effect-setting',
      'jambonz-infrastructure__k8s_sbc-sip-configmap.drachtio.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 6:63 plain-http-handler, 7:46 plain-http-handler, 10:16 no-effect-setting',
      'jambonz-infrastructure__packer_jambonz-feature-server_drachtio.conf.xml': '4:24 weak-admin-secret, 10:18 no-effect-setting',
      'jambonz-infrastructure__packer_jambonz-mini_drachtio-5070.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 10:18 no-effect-setting',
      'jambonz-infrastructure__packer_jambonz-mini_drachtio.conf.xml': '4:24 weak-admin-secret, 14:18 no-effect-setting',
      'jambonz-infrastructure__packer_jambonz-sbc-rtp_drachtio.conf.xml': '4:24 weak-admin-secret, 14:18 no-effect-setting',
      'jambonz-infrastructure__packer_jambonz-sbc-sip_drachtio.conf.xml': '4:24 weak-admin-secret, 14:18 no-effect-setting',
      'kulloo_ai_calling__drachtio.conf.xml': '4:22 weak-admin-secret',
      // secret-logged: loglevel debug writes every presented secret to the log (Client::processAuthentication)
      'namdoel1412-drachtio-server__docker.drachtio.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 6:65 plain-http-handler, 19:18 legacy-contact, 20:9 duplicate-element, 21:9 duplicate-element, 22:9 duplicate-element, 25:19 unused-setting, 25:35 unused-setting, 31:13 spammer-header-ignored, 49:19 secret-logged',
      'namdoel1412-drachtio-server__drachtio.conf.xml': '4:21 weak-admin-secret, 4:36 admin-exposed, 147:19 unused-setting, 147:35 unused-setting',
      'simple_proxy__drachtio.conf.xml': '4:21 weak-admin-secret, 15:18 no-effect-setting, 23:19 unused-setting, 23:35 unused-setting',
      'theviktor-helm-chart__sbc-sip-configmap.drachtio.conf.xml': '4:24 weak-admin-secret, 4:39 admin-exposed, 6:63 plain-http-handler, 9:16 no-effect-setting',
    });
  });
});
