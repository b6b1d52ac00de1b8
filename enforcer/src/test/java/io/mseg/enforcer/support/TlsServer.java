package io.mseg.enforcer.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * An HTTPS server on 127.0.0.1 serving the chain [server certificate, CA] like the
 * console, asking for (not requiring) a client certificate of the same CA.
 */
public final class TlsServer implements AutoCloseable {

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	public TlsServer(TestPki pki) throws Exception {
		KeyPair keys = TestPki.keyPair();
		X509Certificate certificate = pki.server(keys.getPublic());
		char[] password = "changeit".toCharArray();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry("server", keys.getPrivate(), password, new X509Certificate[] { certificate, pki.ca() });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, password);
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("ca", pki.ca());
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trustStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(context) {
			@Override
			public void configure(HttpsParameters parameters) {
				SSLParameters ssl = context.getDefaultSSLParameters();
				ssl.setWantClientAuth(true);
				parameters.setSSLParameters(ssl);
			}
		});
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public void handle(String path, HttpHandler handler) {
		this.server.createContext(path, handler);
	}

	public URI uri() {
		return URI.create("https://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public URI uriByName() {
		return URI.create("https://localhost:" + this.server.getAddress().getPort());
	}

	@Override
	public void close() throws IOException {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
