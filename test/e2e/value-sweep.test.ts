/**
 * Empty, zero and misspelt values against the API server (test/realworld/values.ts): one real
 * object per (definition, field) pair of the corpora with its value replaced (lists and objects
 * emptied too), judged by the API server and by podsmith. No false reject is allowed; the false accepts must be exactly the
 * fields below that podsmith does not check yet (a new one is a regression, one no longer listed
 * must be taken off the list).
 */
import { ApiServer } from '../support/apiserver';
import { apiServer, e2eDescribe } from '../support/cluster';
import { Corpus, moduleCorpora, realWorldCorpus, upstreamCorpora } from '../realworld/corpora';
import { ServerJudge } from '../realworld/server';
import { valueSweep } from '../realworld/values';

/** Fields podsmith leaves to the API server, each with why. */
const NOT_CHECKED: Record<string, string[]> = {
  // kinds a cluster's own components write, not manifests: certificate requests, nodes, attachments, API priority and fairness
  'control-plane kinds': [
    'io.k8s.api.certificates.v1.CertificateSigningRequestSpec.expirationSeconds = 0',
    'io.k8s.api.certificates.v1.CertificateSigningRequestSpec.expirationSeconds = -1',
    'io.k8s.api.certificates.v1.CertificateSigningRequestSpec.request = ""',
    'io.k8s.api.certificates.v1.CertificateSigningRequestSpec.signerName = "Sometimes"',
    'io.k8s.api.certificates.v1.CertificateSigningRequestSpec.usages = []',
    'io.k8s.api.storage.v1.VolumeAttachmentSource.persistentVolumeName = ""',
    'io.k8s.api.storage.v1.VolumeAttachmentSource.persistentVolumeName = "Sometimes"',
    'io.k8s.api.storage.v1.VolumeAttachmentSpec.nodeName = "Sometimes"',
    'io.k8s.api.flowcontrol.v1.FlowDistinguisherMethod.type = "Sometimes"',
    'io.k8s.api.flowcontrol.v1.FlowSchemaSpec.matchingPrecedence = -1',
    'io.k8s.api.flowcontrol.v1.LimitResponse.type = "Sometimes"',
    'io.k8s.api.flowcontrol.v1.LimitedPriorityLevelConfiguration.lendablePercent = -1',
    'io.k8s.api.flowcontrol.v1.LimitedPriorityLevelConfiguration.nominalConcurrencyShares = -1',
    'io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationReference.name = "Sometimes"',
    'io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationSpec.type = "Sometimes"',
    'io.k8s.api.flowcontrol.v1.QueuingConfiguration.handSize = -1',
    'io.k8s.api.flowcontrol.v1.QueuingConfiguration.queueLengthLimit = -1',
    'io.k8s.api.flowcontrol.v1.QueuingConfiguration.queues = -1',
    'io.k8s.api.flowcontrol.v1.PolicyRulesWithSubjects.resourceRules = []',
    'io.k8s.api.flowcontrol.v1.PolicyRulesWithSubjects.subjects = []',
    'io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationSpec.limited = {}',
    'io.k8s.api.flowcontrol.v1.ResourcePolicyRule.apiGroups = []',
    'io.k8s.api.flowcontrol.v1.ResourcePolicyRule.resources = []',
    'io.k8s.api.flowcontrol.v1.ResourcePolicyRule.verbs = []',
    'io.k8s.api.flowcontrol.v1.NonResourcePolicyRule.nonResourceURLs = []',
    'io.k8s.api.flowcontrol.v1.NonResourcePolicyRule.verbs = []',
    'io.k8s.api.flowcontrol.v1.ServiceAccountSubject.name = "Sometimes"',
    'io.k8s.api.flowcontrol.v1.ServiceAccountSubject.namespace = "Sometimes"',
    'io.k8s.api.storage.v1.VolumeAttachmentSpec.source = {}',
  ],
  // dynamic resource allocation's device requests (resource.k8s.io/v1): only their names are checked
  'device requests': [
    'io.k8s.api.resource.v1.DeviceConstraint.matchAttribute = ""',
    'io.k8s.api.resource.v1.DeviceConstraint.matchAttribute = "Sometimes"',
    'io.k8s.api.resource.v1.DeviceSubRequest.deviceClassName = "Sometimes"',
    'io.k8s.api.resource.v1.DeviceSubRequest.name = "Sometimes"',
    'io.k8s.api.resource.v1.DeviceToleration.operator = "Sometimes"',
    'io.k8s.api.resource.v1.ExactDeviceRequest.count = -1',
    'io.k8s.api.resource.v1.DeviceRequest.firstAvailable = []',
  ],
  // in-tree volume plugins removed or deprecated upstream (azureDisk, flocker, iSCSI's formats, quobyte)
  'legacy volume plugins': [
    'io.k8s.api.core.v1.AzureDiskVolumeSource.diskURI = "Sometimes"',
    'io.k8s.api.core.v1.FlockerVolumeSource.datasetName = ""',
    'io.k8s.api.core.v1.ISCSIVolumeSource.iqn = "Sometimes"',
    'io.k8s.api.core.v1.ISCSIVolumeSource.lun = -1',
    'io.k8s.api.core.v1.QuobyteVolumeSource.registry = "Sometimes"',
    'io.k8s.api.core.v1.Volume.flocker = {}',
  ],
};

e2eDescribe('values: empty, zero and misspelt as the API server reads them', () => {
  let api: ApiServer;
  let judge: ServerJudge;
  beforeAll(async () => {
    api = await apiServer();
    judge = new ServerJudge(api, `podsmith-values-e2e-${process.pid}`);
    await judge.discover();
  }, 30 * 60_000);
  afterAll(async () => {
    await judge?.cleanup();
    api?.close();
  });

  test('no false reject; the false accepts are exactly the fields podsmith leaves to the API server', async () => {
    const corpora = [realWorldCorpus(), ...upstreamCorpora(), ...moduleCorpora()].filter((c): c is Corpus => c !== undefined);
    const r = await valueSweep(judge, corpora, '1.34', { collections: true });
    process.stdout.write(`value-sweep: ${r.pairs} pairs, ${r.judged} judged, ${r.disagreements.length} disagreements\n`);
    // the sweep judged something: the corpora hold hundreds of (definition, field) pairs
    expect(r.judged).toBeGreaterThan(300);
    expect(r.disagreements.filter((d) => d.server === 'accepted').map((d) => d.text)).toEqual([]);
    const accepted = r.disagreements.filter((d) => d.server === 'rejected').map((d) => d.key).sort();
    expect(accepted).toEqual(Object.values(NOT_CHECKED).flat().sort());
  }, 20 * 60_000);
});
