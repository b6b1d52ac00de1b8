package io.mseg.enforcer.enroll;

import java.security.PrivateKey;
import java.util.Base64;

import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyMaterialTests {

	@Test
	void theRequestIsSignedWithTheNewKeyAndCarriesIt() throws Exception {
		KeyMaterial keys = KeyMaterial.generate("web-1");
		assertThat(keys.csrPem()).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n");
		PKCS10CertificationRequest request = new PKCS10CertificationRequest(
				Base64.getMimeDecoder().decode(keys.csrPem().replaceAll("-----[A-Z ]+-----", "")));
		assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keys.keyPair().getPublic())))
			.isTrue();
		assertThat(request.getSubject().toString()).isEqualTo("CN=web-1");
	}

	@Test
	void thePrivateKeyReadsBackFromItsPem() throws Exception {
		KeyMaterial keys = KeyMaterial.generate("web-1");
		PrivateKey read = Pem.privateKey(keys.privateKeyPem(), "EC");
		assertThat(read).isEqualTo(keys.keyPair().getPrivate());
	}

	@Test
	void everyCallMakesANewKey() throws Exception {
		assertThat(KeyMaterial.generate("a").keyPair().getPublic())
			.isNotEqualTo(KeyMaterial.generate("a").keyPair().getPublic());
	}

}
