// The simulator keeps no private keys or real certificates. Wherever a real cluster has PEM
// data, it shows this readable stand-in instead, so nobody mistakes it for key material.
// (ASCII only, so btoa works in Node and in the browser alike.)

export function placeholderPem(
  kind: "CERTIFICATE" | "RSA PRIVATE KEY" | "PUBLIC KEY",
  subject: string,
): string {
  return (
    `-----BEGIN ${kind}-----\n` +
    `Kubelab simulator placeholder (${subject}).\n` +
    "This sandbox holds no real keys or certificates; kubeadm would write real PEM data here.\n" +
    `-----END ${kind}-----\n`
  );
}

/** base64 of the CA placeholder, for certificate-authority-data fields. */
export function placeholderCaData(): string {
  return btoa(placeholderPem("CERTIFICATE", "CN=kubernetes"));
}
