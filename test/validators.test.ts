import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SARIF_SCHEMA_NPM, composeSchemaErrors, k8sErrors, sarifSchemaErrors, xmlErrors, xpath, xsdErrors } from './validators.js';

// The checks other tests rely on must be able to fail: each rejects a known-bad input.
describe('the validators the tests use', () => {
  it('libxml2 rejects XML that is not well-formed and evaluates XPath', async () => {
    assert.deepEqual(await xmlErrors('<a><b/></a>'), []);
    assert.match((await xmlErrors('<a><b></a>')).join('\n'), /Opening and ending tag mismatch/);
    assert.equal(await xpath('<a><b/><b/></a>', 'count(//b)'), '2');
  });

  it('libxml2 checks a document against an XML Schema', async () => {
    const xsd = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="n" type="xs:unsignedShort"/></xs:schema>';
    assert.deepEqual(await xsdErrors('<n>9022</n>', xsd), []);
    assert.match((await xsdErrors('<n>19O22</n>', xsd)).join('\n'), /not a valid value/);
  });

  it('the Compose Specification schema rejects a service with a wrong type', () => {
    assert.equal(composeSchemaErrors({ services: { a: { image: 'x', restart: 'always' } } }), undefined);
    assert.match(composeSchemaErrors({ services: { a: { image: 'x', ports: 'not-a-list' } } })!, /must be array/);
    assert.equal(composeSchemaErrors({ services: { a: { image: 'x', ports: ['5060:5060/udp', '127.0.0.1:9022:9022/tcp'] } } }), undefined);
    assert.match(composeSchemaErrors({ services: { a: { image: 'x', ports: ['5060:5060/xyz'] } } })!, /format/);
  });

  it('the Kubernetes models reject an object with a wrong type, and an unknown kind', () => {
    assert.deepEqual(k8sErrors([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } } as never]), []);
    assert.equal(k8sErrors([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 1 } } as never]).length, 1);
    assert.deepEqual(k8sErrors([{ apiVersion: 'v9', kind: 'Nope' }]), ['no model for v9/Nope']);
  });

  it('the SARIF schema rejects a log without its version', () => {
    assert.equal(sarifSchemaErrors({ version: '2.1.0', runs: [] }, SARIF_SCHEMA_NPM), undefined);
    assert.notEqual(sarifSchemaErrors({ runs: [] }, SARIF_SCHEMA_NPM), undefined);
  });
});
