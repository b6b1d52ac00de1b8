package io.mseg.console.support;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;

import io.mseg.console.pki.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A test enforcer: a key pair, certificate signing requests, and, once enrolled, a client
 * that calls the console with its certificate (and no bearer token).
 */
public final class TestEnforcer {

	private final KeyPair keys;

	private String id;

	private X509Certificate certificate;

	public TestEnforcer() {
		this(ecKeys());
	}

	public TestEnforcer(KeyPair keys) {
		this.keys = keys;
	}

	/** A PEM CSR for this enforcer's key, asking (in vain) for a name of its choice. */
	public String csr(String requestedName) {
		return csr(this.keys.getPublic(), this.keys.getPrivate(), requestedName);
	}

	/** A CSR carrying {@code publicKey} but signed with {@code signingKey}. */
	public static String csr(java.security.PublicKey publicKey, PrivateKey signingKey, String requestedName) {
		try {
			String algorithm = signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
			return Pem.encode(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + requestedName), publicKey)
				.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Enrolls with {@code enrollmentToken}; asserts success and keeps the certificate.
	 */
	public TestEnforcer enroll(ApiClient console, String enrollmentToken, String name) {
		ApiClient.Response response = console.withToken(enrollmentToken)
			.post(null, "/enforcers", ApiClient.json("name", name, "certificateRequest", csr("ignored")))
			.expectStatus(201);
		this.id = response.id();
		this.certificate = Pem.certificates(response.json().get("certificate").asString()).get(0);
		return this;
	}

	public void useCertificate(X509Certificate certificate) {
		this.certificate = certificate;
	}

	public String id() {
		return this.id;
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	public KeyPair keys() {
		return this.keys;
	}

	/** A client presenting this enforcer's certificate and no token. */
	public ApiClient client(ApiClient console, java.nio.file.Path caFile) {
		return console.withToken(null)
			.withTls(Tls.withClientCertificate(caFile, this.keys.getPrivate(), this.certificate));
	}

	/** Reports a status: the simplest enforcer call. */
	public ApiClient.Response poke(ApiClient console, java.nio.file.Path caFile) {
		return client(console, caFile).send("POST", null, "/enforcers/" + this.id + "/poke",
				ApiClient.json("currentVersion", "1.0.0", "enforcementStatus", "Active"),
				Map.of("Content-Type", "application/json"));
	}

	public static KeyPair ecKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static KeyPair rsaKeys(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
