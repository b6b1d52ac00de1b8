package io.mseg.benchmarks.fanout;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import io.mseg.benchmarks.console.Api;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** What a new enforcer does first: a P-256 key, a CSR, {@code POST /enforcers}. */
public final class Enrollment {

	/**
	 * An enrolled enforcer.
	 *
	 * @param id its ID
	 * @param keys its key pair
	 * @param certificatePem its client certificate
	 */
	public record Enrolled(String id, KeyPair keys, String certificatePem) {

	}

	private Enrollment() {
	}

	public static Enrolled enroll(Api withEnrollmentToken, String name) throws IOException, InterruptedException {
		KeyPair keys = newKeyPair();
		String request = "{\"name\":" + Api.quote(name) + ",\"certificateRequest\":" + Api.quote(csr(keys, name)) + "}";
		var answer = withEnrollmentToken.post("/enforcers", null, request).expect(201).json();
		return new Enrolled(answer.get("ID").asString(), keys, answer.get("certificate").asString());
	}

	static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String csr(KeyPair keys, String name) {
		try {
			PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name),
					keys.getPublic())
				.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
			StringWriter pem = new StringWriter();
			try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
				writer.writeObject(request);
			}
			return pem.toString();
		}
		catch (OperatorCreationException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
