package io.mseg.console.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.mseg.console.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The console's key material: its CA (generated on first start under the data directory,
 * or given as PEM) and the server certificate it serves HTTPS with (generated for
 * {@code localhost} and {@code mseg.tls.hosts}, renewed when they change or it nears
 * expiry, or given as PEM). The CA certificate is also written to
 * {@code <data dir>/ca.pem} for clients to trust.
 */
@Component
public class ConsolePki {

	private static final Logger log = LoggerFactory.getLogger(ConsolePki.class);

	private static final Duration SERVER_CERTIFICATE_LIFETIME = Duration.ofDays(397);

	private static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private final CertificateAuthority authority;

	private final PrivateKey serverKey;

	private final List<X509Certificate> serverChain;

	ConsolePki(ConsoleProperties console, TlsProperties tls) {
		Path dir = console.dataDir();
		try {
			Files.createDirectories(dir);
			this.authority = loadOrCreateAuthority(dir, tls);
			writeFile(dir.resolve("ca.pem"), Pem.encode(this.authority.certificate()), false);
			if (given(tls.cert(), tls.key(), "MSEG_TLS_CERT", "MSEG_TLS_KEY")) {
				this.serverChain = Pem.certificates(read(tls.cert()));
				this.serverKey = Pem.privateKey(read(tls.key()));
				log.info("Serving HTTPS with the certificate from MSEG_TLS_CERT ({})",
						this.serverChain.get(0).getSubjectX500Principal());
			}
			else {
				List<String> hosts = hosts(tls.hosts());
				Path certFile = dir.resolve("server.pem");
				Path keyFile = dir.resolve("server-key.pem");
				if (!usable(certFile, keyFile, hosts)) {
					KeyPair pair = CertificateAuthority.newKeyPair();
					X509Certificate certificate = this.authority.issueServerCertificate(pair.getPublic(), hosts,
							SERVER_CERTIFICATE_LIFETIME);
					writeFile(certFile, Pem.encode(certificate, this.authority.certificate()), false);
					writeFile(keyFile, Pem.encode(pair.getPrivate()), true);
					log.info("Issued a server certificate for {}", hosts);
				}
				this.serverChain = Pem.certificates(Files.readString(certFile));
				this.serverKey = Pem.privateKey(Files.readString(keyFile));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not prepare the console's certificates in " + dir, ex);
		}
	}

	public CertificateAuthority authority() {
		return this.authority;
	}

	PrivateKey serverKey() {
		return this.serverKey;
	}

	List<X509Certificate> serverChain() {
		return this.serverChain;
	}

	private static CertificateAuthority loadOrCreateAuthority(Path dir, TlsProperties tls) throws IOException {
		if (given(tls.caCert(), tls.caKey(), "MSEG_CA_CERT", "MSEG_CA_KEY")) {
			X509Certificate certificate = Pem.certificates(read(tls.caCert())).get(0);
			PrivateKey key = Pem.privateKey(read(tls.caKey()));
			CertificateAuthority authority = new CertificateAuthority(certificate, key);
			requireMatchingKey(authority);
			log.info("Using the CA from MSEG_CA_CERT ({}, SHA-256 {})", certificate.getSubjectX500Principal(),
					authority.fingerprint());
			return authority;
		}
		Path certFile = dir.resolve("ca.pem");
		Path keyFile = dir.resolve("ca-key.pem");
		if (Files.exists(keyFile)) {
			CertificateAuthority authority = new CertificateAuthority(
					Pem.certificates(Files.readString(certFile)).get(0), Pem.privateKey(Files.readString(keyFile)));
			requireMatchingKey(authority);
			return authority;
		}
		CertificateAuthority authority = CertificateAuthority
			.create("mseg console CA " + Long.toHexString(System.nanoTime()));
		writeFile(keyFile, Pem.encode(authority.key()), true);
		writeFile(certFile, Pem.encode(authority.certificate()), false);
		log.info("Created the console CA (SHA-256 {}); its certificate is in {}", authority.fingerprint(), certFile);
		return authority;
	}

	private static void requireMatchingKey(CertificateAuthority authority) {
		CertificateAuthority probe = authority;
		X509Certificate test = probe.issueServerCertificate(CertificateAuthority.newKeyPair().getPublic(),
				List.of("probe"), Duration.ofMinutes(1));
		if (!probe.issued(test)) {
			throw new IllegalStateException("the CA key does not belong to the CA certificate");
		}
	}

	private boolean usable(Path certFile, Path keyFile, List<String> hosts) throws IOException {
		if (!Files.exists(certFile) || !Files.exists(keyFile)) {
			return false;
		}
		X509Certificate current = Pem.certificates(Files.readString(certFile)).get(0);
		boolean fresh = current.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
		return fresh && this.authority.issued(current) && Set.copyOf(hosts).equals(names(current));
	}

	private static Set<String> names(X509Certificate certificate) {
		Set<String> names = new LinkedHashSet<>();
		try {
			if (certificate.getSubjectAlternativeNames() != null) {
				certificate.getSubjectAlternativeNames().forEach((name) -> names.add(String.valueOf(name.get(1))));
			}
		}
		catch (CertificateParsingException ex) {
			return Set.of();
		}
		// IPv6 addresses come back in full form; compare the loopback in that form too.
		if (names.remove("0:0:0:0:0:0:0:1")) {
			names.add("::1");
		}
		return names;
	}

	static List<String> hosts(List<String> configured) {
		Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
		configured.stream()
			.flatMap((value) -> Stream.of(value.split(",")))
			.map(String::strip)
			.filter(StringUtils::hasText)
			.forEach(hosts::add);
		return new ArrayList<>(hosts);
	}

	private static boolean given(String cert, String key, String certName, String keyName) {
		boolean hasCert = StringUtils.hasText(cert);
		boolean hasKey = StringUtils.hasText(key);
		if (hasCert != hasKey) {
			throw new IllegalStateException(certName + " and " + keyName + " must be given together");
		}
		return hasCert;
	}

	/** A setting's PEM: the text itself, or the file it names. */
	private static String read(String value) throws IOException {
		return value.contains("-----BEGIN") ? value : Files.readString(Path.of(value.strip()));
	}

	private static void writeFile(Path file, String content, boolean secret) throws IOException {
		Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
				PosixFilePermissions
					.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

}
