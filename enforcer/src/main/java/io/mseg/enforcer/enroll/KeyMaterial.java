package io.mseg.enforcer.enroll;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A fresh EC P-256 key pair and its certificate signing request. A new key is made for
 * enrollment and for every renewal; the private key never leaves the host.
 *
 * @param keyPair the key pair
 * @param csrPem the PKCS#10 request, signed with the private key (proof of possession)
 */
public record KeyMaterial(KeyPair keyPair, String csrPem) {

	/**
	 * Generates a key pair and a CSR (the console ignores its names).
	 * @param name the common name to ask for
	 * @return the key and request
	 * @throws GeneralSecurityException when the JDK cannot make them
	 */
	public static KeyMaterial generate(String name) throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keyPair = generator.generateKeyPair();
		try {
			PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
					new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build(), keyPair.getPublic())
				.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
			return new KeyMaterial(keyPair, Pem.encode("CERTIFICATE REQUEST", request.getEncoded()));
		}
		catch (OperatorCreationException | java.io.IOException ex) {
			throw new GeneralSecurityException("cannot build a certificate request: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The private key as PKCS#8 PEM.
	 * @return the PEM text
	 */
	public String privateKeyPem() {
		return Pem.encode("PRIVATE KEY", this.keyPair.getPrivate().getEncoded());
	}

}
