/**
 * Kinds a cluster's own components usually write — CertificateSigningRequest and VolumeAttachment —
 * with a 1.34 API server's verdicts (spread into kind-cases.ts; src/validate/semantic/certificates.ts,
 * csr-request.ts, volume-attachment.ts). The certificate requests were made with OpenSSL 3.0
 * (`openssl req -new -newkey …`, subject CN=jane); the keys were thrown away.
 */
const meta = (name = 'podsmith-i10-case') => ({ name });

/** ECDSA P-256, SHA-256. */
const EC_P256 = `-----BEGIN CERTIFICATE REQUEST-----
MIHdMIGEAgEAMCIxDTALBgNVBAMMBGphbmUxETAPBgNVBAoMCHBvZHNtaXRoMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEp/MPajCBMSooZ/BhPw9QsHPdfNpl4Q1H
lddmwyfvD4j+SvLwIsxUL69s8MurJzfHpZ4q2Hzb8CunBZkaGfA/DKAAMAoGCCqG
SM49BAMCA0gAMEUCIQCR1IwB7DkuTWcuTvrLKw28lge3jl16Xoc0IRlX8NHoCQIg
fPLvw0yDJVUHhJULXnI3ff3FGCYxaPPUmwnBm3+rFHA=
-----END CERTIFICATE REQUEST-----
`;

/** Ed25519. */
const ED25519 = `-----BEGIN CERTIFICATE REQUEST-----
MIGOMEICAQAwDzENMAsGA1UEAwwEamFuZTAqMAUGAytlcAMhAHd78HRhOP73Cey7
Pygho1PPyDqbnRSnecpERSp0OSsQoAAwBQYDK2VwA0EAa8o3CLIre3KvppkFQujx
qF8fXDM1jRT/nZYNxtvIUy8IBNxnDj+rGoCdYZcRMXI8weifhVKDNnLWo0NJDdkJ
AA==
-----END CERTIFICATE REQUEST-----
`;

/** ECDSA P-384, SHA-384. */
const EC_P384_SHA384 = `-----BEGIN CERTIFICATE REQUEST-----
MIIBBzCBjgIBADAPMQ0wCwYDVQQDDARqYW5lMHYwEAYHKoZIzj0CAQYFK4EEACID
YgAEP3sXrnT52FnSZmACmv6zj9KpnxS8kk2pR8qsGfgBXvF47BqqBn6JfO7slgzJ
97lgJP9Tm/X7HHwP0YoPuZmQWAGL/Q133RnIaERNSTFDO8ToMSB+6GcTu6uUQbjx
OTLpoAAwCgYIKoZIzj0EAwMDaAAwZQIwS6P0qBpSjlwl0glClTRgGnmypEIWhk/6
ctI9gLe5CIrIaeqAe4gLgl3tAJm9uvFhAjEAwL1k1hCm1P992iY4S2mgCJw+1Dq8
Eqcj8b6rckzt5psvicN090PmAinRdbqVFQXU
-----END CERTIFICATE REQUEST-----
`;

/** RSA 2048, PKCS #1 v1.5, SHA-256. */
const RSA_2048 = `-----BEGIN CERTIFICATE REQUEST-----
MIICVDCCATwCAQAwDzENMAsGA1UEAwwEamFuZTCCASIwDQYJKoZIhvcNAQEBBQAD
ggEPADCCAQoCggEBAM1u/YHWJ/WCK7D9aF99gQSqwSt772qYJ4fxnHhxJO0/V0e6
cl6hU1wK7yEEi1eKIAp+o5ohj9g+NqsDAh+MO0sx4w3Y59dkHwi/xINNLke2uSqq
Ky1BONc2c3fgVUxtJBlWUHTDKczlo6/1afMeM93rgJzqUzSELeRE4+rl6J3+rYP7
yserm43uEBd5X8HiQOn5kCL/5KcFgkL2bjI/YwthoNX1sMCXPK1WWEdO9g0zEHLe
laATeXIvh+7twcWe8/F7lw84XgI+oSFuwV/YNOCtphApfJI2//a/kE6Csat7UIR4
goJIqIbbmUbXxz05qd0puqgGeBZ4grcUH1FbG80CAwEAAaAAMA0GCSqGSIb3DQEB
CwUAA4IBAQCBu5awPnF8ubEcMZSTVHlNVj0wEBs1kpWuj4rxGSoWd3YYYXOaQiQN
DQmde2vQ6z5+1J1ziUREubyKsDyxfth6oFgHutP/tphPeoL/CQx9USW9NTWV0NUE
KbtSPSrRN3TtV8HcrC+pqepYtQ3uty7Wd6H8NbKPGHAKWAX7nvxK2MCUXsFno0HD
u/MQ5U6xPCI2QCZHuPZuXF54xxT+V9nYWMJx8Bu5XtRTsYPeZq6ErVtbAnxRoyfW
XdJeBWPblDw9WbZWEHpkSwgk4BQzSceGq/I3c6DTeB1pYen53gJekdCYogrVOw7T
2x9ghFyx/yJDkvAjhwoBq+fKYNTVHhuL
-----END CERTIFICATE REQUEST-----
`;

/** RSA 2048, PSS, SHA-256, salt as long as the hash (`-sigopt rsa_pss_saltlen:digest`). */
const RSA_PSS_SALT_DIGEST = `-----BEGIN CERTIFICATE REQUEST-----
MIICiDCCATwCAQAwDzENMAsGA1UEAwwEamFuZTCCASIwDQYJKoZIhvcNAQEBBQAD
ggEPADCCAQoCggEBAK+qvWrY/IjI/yGIDv6YvN3YqNcTks9RPecR+vtP51Bb4DBU
Dy2TAEZu9O5bmXaBW3o1Lx8qnUmQOg/aACgxXMtpJowMkhOdjzxVTjh5+vjrNMux
ZJsieeqRvN/dt2UZZBzvw852JvdfxdXvx2lypTi1lAgw0wVeDZQKvhquZHn+sUep
Bc1QkccnBBwPjbN+5icg1S3vQoQTDny9VtlTWynnuqHVoUA7cLumTni4FfK/lqmD
Zchl/+rPIGtE1C0qkDrpgR0S1w+GHOKN/MWq1dWD0/n2fDvBb4enFUxQ1Rbab5mr
6asCSW8NfSGqS+xi1307w4MfBm6GLF2VSZ+5PGECAwEAAaAAMEEGCSqGSIb3DQEB
CjA0oA8wDQYJYIZIAWUDBAIBBQChHDAaBgkqhkiG9w0BAQgwDQYJYIZIAWUDBAIB
BQCiAwIBIAOCAQEAaLK2WUtKQ0DEhPPItlF03JJ2erghrQ9YAI1wMgu6mRdEhbxz
6Hl8k3qgGxM57UUJhinLlnbVhNturai+WWmx/lkUmUzm4UztmJ8Tw0sVyKZ/0qTq
Qi4Gm/apdYuIl9CmNYTtQHz72MwC/kuYqjPeJnThincDX5+0RfyquhDvFM8NkNP8
lAllqh2KGfejGPUrO3HpxlLKTahvCHpH24JcRfUD6emXVHAzNknCPf0NLf0E8jez
prgkTfIOnQ5Y5MqCMmDUGLsjg3HBrh3TBNnHyyK9Z1hfxBHoIwKgsiw7iz0I3BS2
Tsfi7hm4hEmcsTv3u5bVOMREuFQDA/KdXrvuXQ==
-----END CERTIFICATE REQUEST-----
`;

/** RSA 2048, PSS, SHA-256, OpenSSL's default salt length. */
const RSA_PSS = `-----BEGIN CERTIFICATE REQUEST-----
MIICiTCCATwCAQAwDzENMAsGA1UEAwwEamFuZTCCASIwDQYJKoZIhvcNAQEBBQAD
ggEPADCCAQoCggEBALI8voBi9a0Psp0mC8NO3joQ/KbcKCDKTg5t5pIx0nFE/aRd
z8ukkMJi5zk6wOznFitKPUGgFEZZgh/pPJwBRNL1h937d8tRhOPOtr111g+5gbHP
bWcWVY2//OuDYBJ/9VbVYSHl6+q90VMYV53+sn9wnddi4OA36JVw7hDdBIFBhWCa
0Ud12fKdlMm7Am6bA+StA/wb4jQ/Czb8GRs9l+5KH4r2wkUdV3jLQvEP2EVqMDVe
s6w7mwl5SxwzZGMvZ0/zuIv4AWBYng1KLl4L1dAupNgkAGfRA18inAKJw/TMOxax
WzcyidSl7sM9SDuBD5hZ+Hspu35KbbNRJEcIAfUCAwEAAaAAMEIGCSqGSIb3DQEB
CjA1oA8wDQYJYIZIAWUDBAIBBQChHDAaBgkqhkiG9w0BAQgwDQYJYIZIAWUDBAIB
BQCiBAICAN4DggEBAGqqQJi+CoeTrZhGT5JropssJ8v6woTZj23Y9CFSrogY3eRD
bo5JpMxA7h/2iHOxwcpzBMGgvAYzQbmrZLoYCTxIfJh+RBkKoTme2nKd/yyttwJg
eht0ZCKkW3Ua264M7+FQnhoBMRR63PLEsMcsgY5PE504wpRQBSGjDkFK5tEz9bgS
tCBcnvpR5gaClSae+XYMzY9PzDj+h4GB/PFhpqq4EMcXOR9Hac2gOfAQfcAOimOz
XClg6Qp6qYhpc5hMR+pipd1vMxkW8ukyVutp5qiJSnAWtGYUW2hmG7PTD0WdsXy9
zENdjdTqvH9Yd5wfJlGBWEVGBRVs1zDrOfwJrbg=
-----END CERTIFICATE REQUEST-----
`;


const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

/** The request with its subject's CN changed after signing (the signature no longer verifies). */
function resigned(pem: string): string {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const der = Buffer.from(body, 'base64');
  der[der.indexOf('jane')] = 'J'.charCodeAt(0);
  return `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
}

/** A CertificateSigningRequest for a client certificate, with this spec besides. */
const csr = (spec: Record<string, unknown>, name?: string) => ({
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: meta(name),
  spec: { request: b64(EC_P256), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], ...spec },
});

/** A VolumeAttachment of pv-1 to node-1 by csi.example.com, with this spec besides. */
const va = (spec: Record<string, unknown>) => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: meta(),
  spec: { attacher: 'csi.example.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' }, ...spec },
});
const inline = (spec: Record<string, unknown>) => va({ source: { inlineVolumeSpec: { accessModes: ['ReadWriteOnce'], csi: { driver: 'csi.example.com', volumeHandle: 'h' }, ...spec } } });

export const CONTROL_PLANE_CASES: Array<[string, any, boolean]> = [
  ['CSR with an ECDSA P-256 request', csr({}), true],
  ['CSR with an Ed25519 request', csr({ request: b64(ED25519) }), true],
  ['CSR with an ECDSA P-384 SHA-384 request', csr({ request: b64(EC_P384_SHA384) }), true],
  ['CSR with an RSA request', csr({ request: b64(RSA_2048) }), true],
  ['CSR with an RSA-PSS request whose salt is as long as its hash', csr({ request: b64(RSA_PSS_SALT_DIGEST) }), true],
  ['CSR with an RSA-PSS request of OpenSSL\'s default salt length (Go knows only salt = hash length)', csr({ request: b64(RSA_PSS) }), false],
  ['CSR whose PEM has text before it and CRLF line ends', csr({ request: b64(`a note\r\n${EC_P256.replace(/\n/g, '\r\n')}`) }), true],
  ['CSR with an empty request', csr({ request: '' }), false],
  ['CSR whose request is a CERTIFICATE block', csr({ request: b64(EC_P256.replace(/CERTIFICATE REQUEST/g, 'CERTIFICATE')) }), false],
  ['CSR whose request is no PEM at all', csr({ request: b64('just text') }), false],
  ['CSR whose request has an END line of another type', csr({ request: b64(EC_P256.replace('END CERTIFICATE REQUEST', 'END CERTIFICATE')) }), false],
  ['CSR whose ECDSA request was changed after signing', csr({ request: b64(resigned(EC_P256)) }), false],
  ['CSR whose RSA request was changed after signing', csr({ request: b64(resigned(RSA_2048)) }), false],
  ['CSR whose Ed25519 request was changed after signing', csr({ request: b64(resigned(ED25519)) }), false],
  ['CSR whose request block holds bytes that are no request', csr({ request: b64('-----BEGIN CERTIFICATE REQUEST-----\nAAECAwQF\n-----END CERTIFICATE REQUEST-----\n') }), false],
  ['CSR without usages', csr({ usages: [] }), false],
  ['CSR with an unknown usage', csr({ usages: ['client auth', 'Sometimes'] }), false],
  ['CSR with a usage twice', csr({ usages: ['client auth', 'digital signature', 'client auth'] }), false],
  ['CSR with every kind of usage Kubernetes knows', csr({ signerName: 'example.com/signer', usages: ['signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign', 'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection', 's/mime', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc'] }), true],
  ['CSR with signerName Sometimes', csr({ signerName: 'Sometimes' }), false],
  ['CSR with a signerName of one domain label', csr({ signerName: 'example/signer' }), false],
  ['CSR with a signerName of two slashes', csr({ signerName: 'example.com/a/b' }), false],
  ['CSR with an uppercase signer path', csr({ signerName: 'example.com/My-Signer' }), false],
  ['CSR with a dotted signer path', csr({ signerName: 'example.com/ns.signer-name' }), true],
  ['CSR with the legacy signer', csr({ signerName: 'kubernetes.io/legacy-unknown' }), false],
  ['CSR with expirationSeconds 599', csr({ expirationSeconds: 599 }), false],
  ['CSR with expirationSeconds 600', csr({ expirationSeconds: 600 }), true],
  ['CSR with expirationSeconds 0', csr({ expirationSeconds: 0 }), false],
  ['CSR named with capitals and an underscore', csr({}, 'Jane_Client.CSR'), true],
  ['CSR named with a percent sign', csr({}, 'jane%client'), false],
  ['CSR named ..', csr({}, '..'), false],
  ['CSR with generateName .', { ...csr({}), metadata: { generateName: '.' } }, true],
  ['VolumeAttachment of a PersistentVolume', va({}), true],
  ['VolumeAttachment with an uppercase attacher', va({ attacher: 'CSI.Example.com' }), true],
  ['VolumeAttachment with an attacher that is no driver name', va({ attacher: 'bad_attacher' }), false],
  ['VolumeAttachment with nodeName Sometimes', va({ nodeName: 'Sometimes' }), false],
  ['VolumeAttachment with an empty persistentVolumeName', va({ source: { persistentVolumeName: '' } }), false],
  ['VolumeAttachment with persistentVolumeName Sometimes', va({ source: { persistentVolumeName: 'Sometimes' } }), false],
  ['VolumeAttachment with an empty source', va({ source: {} }), false],
  ['VolumeAttachment with both sources', va({ source: { persistentVolumeName: 'pv-1', inlineVolumeSpec: { accessModes: ['ReadWriteOnce'], csi: { driver: 'csi.example.com', volumeHandle: 'h' } } } }), false],
  ['VolumeAttachment of an inline CSI volume', inline({}), true],
  ['VolumeAttachment of an inline CSI volume, Retain', inline({ persistentVolumeReclaimPolicy: 'Retain' }), true],
  ['VolumeAttachment of an inline volume that is no CSI volume', inline({ csi: undefined, nfs: { server: 'nfs', path: '/x' } }), false],
  ['VolumeAttachment of an inline CSI volume with capacity', inline({ capacity: { storage: '1Gi' } }), false],
  ['VolumeAttachment of an inline CSI volume without access modes', inline({ accessModes: [] }), false],
  ['VolumeAttachment of an inline CSI volume, Delete', inline({ persistentVolumeReclaimPolicy: 'Delete' }), false],
  ['VolumeAttachment of an inline CSI volume with a claimRef', inline({ claimRef: { name: 'c', namespace: 'default' } }), false],
  ['VolumeAttachment of an inline CSI volume with a bad driver', inline({ csi: { driver: 'bad_driver', volumeHandle: 'h' } }), false],
  ['VolumeAttachment of an inline CSI volume with a secret reference without namespace', inline({ csi: { driver: 'csi.example.com', volumeHandle: 'h', nodePublishSecretRef: { name: 's' } } }), false],
];
