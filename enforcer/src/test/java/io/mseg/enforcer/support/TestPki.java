package io.mseg.enforcer.support;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A throwaway CA for tests: a console server certificate and enforcer client
 * certificates, like the console's own PKI.
 */
public final class TestPki {

	private static final AtomicLong SERIAL = new AtomicLong(1);

	private final KeyPair caKeys;

	private final X509Certificate ca;

	public TestPki(String name) {
		try {
			this.caKeys = keyPair();
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), serial(),
					Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86_400)), new X500Name("CN=" + name),
					this.caKeys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			this.ca = sign(builder);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	public X509Certificate ca() {
		return this.ca;
	}

	public PrivateKey caKey() {
		return this.caKeys.getPrivate();
	}

	/** A server certificate for localhost and 127.0.0.1. */
	public X509Certificate server(PublicKey key) {
		try {
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.ca, serial(),
					Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86_400)), new X500Name("CN=localhost"),
					key);
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			builder.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
			return sign(builder);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A client certificate for a key, valid from {@code from} to {@code to}. */
	public X509Certificate client(PublicKey key, Instant from, Instant to) {
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.ca, serial(), Date.from(from),
					Date.from(to), new X500Name("CN=enforcer"), key);
			builder.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
			return sign(builder);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signs the key of a PEM certificate request, as the console does. */
	public X509Certificate signRequest(String csrPem, Instant from, Instant to) {
		try {
			String base64 = csrPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
			PKCS10CertificationRequest request = new PKCS10CertificationRequest(
					java.util.Base64.getDecoder().decode(base64));
			return client(new JcaPKCS10CertificationRequest(request).getPublicKey(), from, to);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
		return new JcaX509CertificateConverter().getCertificate(
				builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(this.caKeys.getPrivate())));
	}

	private static BigInteger serial() {
		return BigInteger.valueOf(System.nanoTime()).add(BigInteger.valueOf(SERIAL.incrementAndGet()));
	}

}
