import { DateTime } from '../../components/date-time';

/** Days before expiry from which the page warns that the certificate must be renewed. */
const EXPIRY_WARNING_DAYS = 30;

interface CertificateSummaryProps {
  title: string;
  certificate: { subject: string; notAfter: string; fingerprintSha256: string; issuer?: string };
}

/** Subject, expiry and fingerprint of a signing certificate, with a warning near expiry. */
export function CertificateSummary({ title, certificate }: CertificateSummaryProps) {
  const daysLeft = Math.floor((Date.parse(certificate.notAfter) - Date.now()) / 86_400_000);

  return (
    <div className="certificate">
      <h3>{title}</h3>
      <dl>
        <dt>Subject</dt>
        <dd>{certificate.subject}</dd>
        {certificate.issuer ? (
          <>
            <dt>Issuer</dt>
            <dd>{certificate.issuer}</dd>
          </>
        ) : null}
        <dt>Expires</dt>
        <dd>
          <DateTime value={certificate.notAfter} />
        </dd>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <code className="wrap">{certificate.fingerprintSha256}</code>
        </dd>
      </dl>
      {daysLeft < 0 ? (
        <p className="warning" role="status">
          This certificate has expired: sign-in fails until Entra ID signs with a new one and you
          paste it here.
        </p>
      ) : daysLeft <= EXPIRY_WARNING_DAYS ? (
        <p className="warning" role="status">
          This certificate expires in {daysLeft} days: add Entra ID&apos;s new certificate as the
          next certificate.
        </p>
      ) : null}
    </div>
  );
}
