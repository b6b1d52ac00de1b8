package io.mseg.console.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The console's certificate authority: it signs the console's server certificate and the
 * enforcers' client certificates. Its key never leaves the console.
 */
public final class CertificateAuthority {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Tolerated clock difference between the console and its enforcers. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private final X509Certificate certificate;

	private final PrivateKey key;

	public CertificateAuthority(X509Certificate certificate, PrivateKey key) {
		this.certificate = certificate;
		this.key = key;
	}

	/** A new self-signed CA with an ECDSA P-256 key, valid ten years. */
	public static CertificateAuthority create(String name) {
		KeyPair pair = newKeyPair();
		Instant now = Instant.now();
		X500Name subject = new X500Name("CN=" + name + ",O=mseg");
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
					Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(Duration.ofDays(3650))), subject,
					pair.getPublic());
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					utils.createSubjectKeyIdentifier(pair.getPublic()));
			X509Certificate certificate = Pem.toCertificate(builder.build(signer(pair.getPrivate())));
			return new CertificateAuthority(certificate, pair.getPrivate());
		}
		catch (CertIOException | GeneralSecurityException ex) {
			throw new IllegalStateException("could not create the CA", ex);
		}
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	PrivateKey key() {
		return this.key;
	}

	/** SHA-256 of the CA certificate (DER), lowercase hex: what enrollment tokens pin. */
	public String fingerprint() {
		return fingerprint(this.certificate);
	}

	public static String fingerprint(X509Certificate certificate) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A client certificate for an enforcer: its identity is {@code identity} (a URI SAN),
	 * whatever the request asked for; usable for TLS client authentication only.
	 */
	public X509Certificate issueClientCertificate(PublicKey publicKey, String commonName, URI identity,
			Duration lifetime) {
		List<GeneralName> names = List.of(new GeneralName(GeneralName.uniformResourceIdentifier, identity.toString()));
		return issue(publicKey, commonName, names, KeyPurposeId.id_kp_clientAuth, lifetime);
	}

	/** A server certificate for the given host names and IP addresses. */
	public X509Certificate issueServerCertificate(PublicKey publicKey, List<String> hosts, Duration lifetime) {
		List<GeneralName> names = new ArrayList<>();
		for (String host : hosts) {
			names.add(isIpAddress(host) ? new GeneralName(GeneralName.iPAddress, host)
					: new GeneralName(GeneralName.dNSName, host));
		}
		return issue(publicKey, hosts.get(0), names, KeyPurposeId.id_kp_serverAuth, lifetime);
	}

	private X509Certificate issue(PublicKey publicKey, String commonName, List<GeneralName> names, KeyPurposeId purpose,
			Duration lifetime) {
		Instant now = Instant.now();
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.certificate, serial(),
					Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(lifetime)),
					new X500Name("CN=" + commonName.replaceAll("[,+=\"\\\\<>;#]", "_") + ",O=mseg"), publicKey);
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(names.toArray(GeneralName[]::new)));
			builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					utils.createAuthorityKeyIdentifier(this.certificate));
			return Pem.toCertificate(builder.build(signer(this.key)));
		}
		catch (CertIOException | GeneralSecurityException ex) {
			throw new IllegalStateException("could not issue a certificate", ex);
		}
	}

	/** Whether this CA signed the certificate. */
	public boolean issued(X509Certificate candidate) {
		try {
			if (!candidate.getIssuerX500Principal().equals(this.certificate.getSubjectX500Principal())) {
				return false;
			}
			candidate.verify(this.certificate.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	public static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	byte[] encoded() {
		try {
			return this.certificate.getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ContentSigner signer(PrivateKey key) {
		String algorithm = switch (key.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "Ed25519", "EdDSA" -> "Ed25519";
			default -> throw new IllegalArgumentException("unsupported CA key algorithm " + key.getAlgorithm());
		};
		try {
			return new JcaContentSignerBuilder(algorithm).build(key);
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static BigInteger serial() {
		return new BigInteger(127, RANDOM).add(BigInteger.ONE);
	}

	private static boolean isIpAddress(String host) {
		if (host.contains(":")) {
			return true;
		}
		if (!host.matches("[0-9.]+")) {
			return false;
		}
		try {
			return InetAddress.getByName(host) != null;
		}
		catch (java.net.UnknownHostException ex) {
			return false;
		}
	}

}
