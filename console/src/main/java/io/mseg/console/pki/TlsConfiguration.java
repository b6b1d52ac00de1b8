package io.mseg.console.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTPS on one port ({@code server.ssl.bundle=mseg}) with optional client certificates
 * ({@code client-auth=want}). The TLS layer takes any client certificate and leaves its
 * checks (issuer, validity, revocation) to the enforcer authentication, so that a bad
 * certificate gets a clear 401 instead of a failed handshake.
 */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {

	static final String BUNDLE = "mseg";

	private static final String KEY_ALIAS = "server";

	@Bean
	SslBundleRegistrar consoleSslBundle(ConsolePki pki) {
		return (registry) -> registry.registerBundle(BUNDLE, bundle(pki));
	}

	@Bean
	WebServerFactoryCustomizer<JettyServletWebServerFactory> clientCertificatesCheckedByTheApplication(
			SslBundles bundles) {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				SslConnectionFactory tls = connector.getConnectionFactory(SslConnectionFactory.class);
				if (tls != null) {
					tls.getSslContextFactory().setSslContext(anyClientCertificate(bundles.getBundle(BUNDLE)));
				}
			}
		});
	}

	private static SSLContext anyClientCertificate(SslBundle bundle) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(bundle.getManagers().getKeyManagers(),
					new TrustManager[] { new AnyClientCertificateTrustManager() }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("could not build the console's TLS context", ex);
		}
	}

	private static SslBundle bundle(ConsolePki pki) {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry(KEY_ALIAS, pki.serverKey(), new char[0],
					pki.serverChain().toArray(Certificate[]::new));
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("ca", pki.authority().certificate());
			return SslBundle.of(SslStoreBundle.of(keyStore, "", trustStore), SslBundleKey.of("", KEY_ALIAS));
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException("could not build the console's TLS key store", ex);
		}
	}

}
