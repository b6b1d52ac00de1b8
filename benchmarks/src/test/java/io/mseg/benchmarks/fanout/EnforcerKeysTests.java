package io.mseg.benchmarks.fanout;

import java.lang.reflect.Proxy;
import java.security.KeyPair;

import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnforcerKeysTests {

	@Test
	void aConnectionIsKnownByThePeerHostItWasOpenedWith() {
		assertThat(EnforcerKeys.alias(handshake(EnforcerKeys.peerHost("b")))).isEqualTo("b");
		assertThat(EnforcerKeys.alias(handshake("localhost"))).isNull();
		assertThat(EnforcerKeys.alias(null)).isNull();
	}

	@Test
	void eachAliasHasItsOwnKey() {
		EnforcerKeys keys = new EnforcerKeys();
		KeyPair a = Enrollment.newKeyPair();
		KeyPair b = Enrollment.newKeyPair();
		keys.add("a", a.getPrivate());
		keys.add("b", b.getPrivate());
		assertThat(keys.getPrivateKey("b")).isSameAs(b.getPrivate());
		assertThat(keys.getPrivateKey("c")).isNull();
	}

	@Test
	void aCertificateRequestIsPem() {
		assertThat(Enrollment.csr(Enrollment.newKeyPair(), "bench-1"))
			.startsWith("-----BEGIN CERTIFICATE REQUEST-----");
	}

	private static SSLSession handshake(String peerHost) {
		return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(),
				new Class<?>[] { SSLSession.class },
				(proxy, method, args) -> "getPeerHost".equals(method.getName()) ? peerHost : null);
	}

}
