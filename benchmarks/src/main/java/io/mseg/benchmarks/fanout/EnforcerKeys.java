package io.mseg.benchmarks.fanout;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client keys of many simulated enforcers in one key manager, so that one
 * {@code SSLContext} serves them all: a connection is opened with the enforcer's alias as
 * its peer host name ({@link #peerHost}), and the key manager answers the certificate of
 * that alias. Because the JDK keeps client TLS sessions by peer host and port, a
 * connection can only ever resume a session of the same enforcer: a resumed handshake
 * never presents another enforcer's identity.
 */
public final class EnforcerKeys extends X509ExtendedKeyManager {

	private static final String PREFIX = "enforcer-";

	private record Entry(PrivateKey key, X509Certificate[] chain) {

	}

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	public void add(String alias, PrivateKey key, X509Certificate... chain) {
		this.entries.put(alias, new Entry(key, chain));
	}

	/** The host name to connect with for an alias (a valid DNS name, sent as SNI). */
	public static String peerHost(String alias) {
		return PREFIX + alias;
	}

	static String alias(SSLSession handshake) {
		if (handshake == null || handshake.getPeerHost() == null || !handshake.getPeerHost().startsWith(PREFIX)) {
			return null;
		}
		return handshake.getPeerHost().substring(PREFIX.length());
	}

	@Override
	public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
		return (socket instanceof SSLSocket ssl) ? known(alias(ssl.getHandshakeSession())) : null;
	}

	@Override
	public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
		return (engine != null) ? known(alias(engine.getHandshakeSession())) : null;
	}

	private String known(String alias) {
		return (alias != null && this.entries.containsKey(alias)) ? alias : null;
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		return this.entries.keySet().toArray(String[]::new);
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		Entry entry = this.entries.get(alias);
		return (entry != null) ? entry.chain().clone() : null;
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		Entry entry = this.entries.get(alias);
		return (entry != null) ? entry.key() : null;
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		return null;
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		return null;
	}

}
