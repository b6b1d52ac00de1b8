package io.mseg.enforcer.enroll;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import io.mseg.enforcer.console.Certificates;
import io.mseg.enforcer.console.ConsoleApi;
import io.mseg.enforcer.console.ConsoleConnector;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.store.StateFiles;
import tools.jackson.core.JacksonException;

/**
 * Enrollment, renewal and the credential files of the state directory:
 * {@code identity.json}, {@code client.pem} (private key and certificate in one file, so
 * that they are always replaced together) and {@code ca.pem}, all 0600.
 */
public final class Enrollment {

	static final String IDENTITY = "identity.json";

	static final String CLIENT = "client.pem";

	static final String CA = "ca.pem";

	private static final Logger log = Logger.getLogger(Enrollment.class.getName());

	private final StateFiles files;

	private final ConsoleConnector connector;

	private final CaPinner pinner;

	public Enrollment(StateFiles files, ConsoleConnector connector, CaPinner pinner) {
		this.files = files;
		this.connector = connector;
		this.pinner = pinner;
	}

	/**
	 * The identity and credentials kept from an earlier enrollment.
	 * @return them, or empty when this host never enrolled
	 * @throws IOException when the files exist but are unreadable
	 */
	public Optional<Enrolled> load() throws IOException {
		Optional<String> identity = this.files.read(IDENTITY);
		Optional<String> client = this.files.read(CLIENT);
		Optional<String> ca = this.files.read(CA);
		if (identity.isEmpty() || client.isEmpty() || ca.isEmpty()) {
			return Optional.empty();
		}
		try {
			Identity id = PolicyDocuments.json().readValue(identity.get(), Identity.class);
			PrivateKey key = Pem.privateKey(client.get(), "EC");
			X509Certificate certificate = Pem.certificates(client.get()).get(0);
			X509Certificate caCertificate = Pem.certificates(ca.get()).get(0);
			return Optional.of(new Enrolled(id, new Credentials(key, certificate, caCertificate)));
		}
		catch (JacksonException | GeneralSecurityException ex) {
			throw new IOException("the credentials in " + this.files.directory() + " are unreadable: " + ex.getMessage()
					+ " (remove the directory to enroll again with a new token)", ex);
		}
	}

	/**
	 * Enrolls: pins the CA by the token's fingerprint, makes a key and a CSR, sends them
	 * with the token and keeps what the console answers.
	 * @param token the enrollment token
	 * @param name the enforcer's name
	 * @param console the console's URL, kept in the identity
	 * @return the new identity and credentials
	 * @throws EnrollmentException when the console is unreachable or refuses
	 * @throws IOException when the state directory cannot be written
	 */
	public Enrolled enroll(EnrollmentToken token, String name, String console) throws EnrollmentException, IOException {
		X509Certificate ca;
		try {
			ca = this.pinner.pinnedCa(token.caFingerprint());
		}
		catch (IOException ex) {
			throw new EnrollmentException("cannot reach the console at " + console + ": " + ex.getMessage(), true, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new EnrollmentException(ex.getMessage(), false, ex);
		}
		try {
			KeyMaterial keys = KeyMaterial.generate(name);
			ConsoleApi api = this.connector.connect(Credentials.trustingOnly(ca));
			Certificates answer = api.enroll(token.text(), name, keys.csrPem());
			Credentials credentials = credentials(keys, answer, ca);
			Identity identity = new Identity(answer.id(), answer.name(), answer.namespace(), console);
			this.files.write(CA, Pem.encode("CERTIFICATE", credentials.ca().getEncoded()));
			this.files.write(CLIENT,
					keys.privateKeyPem() + Pem.encode("CERTIFICATE", credentials.certificate().getEncoded()));
			this.files.write(IDENTITY, PolicyDocuments.json().writeValueAsString(identity));
			log.info(() -> "Enrolled as enforcer " + identity.id() + " (" + identity.name() + ") in namespace "
					+ identity.namespace() + "; certificate valid until " + credentials.expiresAt());
			return new Enrolled(identity, credentials);
		}
		catch (ConsoleException ex) {
			throw new EnrollmentException("enrollment failed: " + ex.getMessage(), ex.unreachable(), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new EnrollmentException("enrollment failed: " + ex.getMessage(), false, ex);
		}
	}

	/**
	 * Renews the certificate with a new key, over mutual TLS.
	 * @param current the current identity and credentials
	 * @param api a client authenticated with them
	 * @return the new credentials
	 * @throws EnrollmentException when unreachable or refused
	 * @throws IOException when the state directory cannot be written
	 */
	public Enrolled renew(Enrolled current, ConsoleApi api) throws EnrollmentException, IOException {
		try {
			KeyMaterial keys = KeyMaterial.generate(current.identity().name());
			Certificates answer = api.renew(current.identity().id(), keys.csrPem());
			Credentials credentials = credentials(keys, answer, current.credentials().ca());
			this.files.write(CLIENT,
					keys.privateKeyPem() + Pem.encode("CERTIFICATE", credentials.certificate().getEncoded()));
			log.info(() -> "Renewed the certificate of enforcer " + current.identity().id() + "; valid until "
					+ credentials.expiresAt());
			return new Enrolled(current.identity(), credentials);
		}
		catch (ConsoleException ex) {
			throw new EnrollmentException("renewal failed: " + ex.getMessage(), ex.unreachable(), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new EnrollmentException("renewal failed: " + ex.getMessage(), false, ex);
		}
	}

	/**
	 * Checks that the certificate is for our key and issued by the CA before keeping it.
	 */
	private static Credentials credentials(KeyMaterial keys, Certificates answer, X509Certificate pinned)
			throws GeneralSecurityException {
		if (answer.certificate() == null) {
			throw new GeneralSecurityException("the console sent no certificate");
		}
		List<X509Certificate> chain = Pem.certificates(answer.certificate());
		X509Certificate certificate = chain.get(0);
		if (!certificate.getPublicKey().equals(keys.keyPair().getPublic())) {
			throw new GeneralSecurityException("the console's certificate is not for the key this enforcer sent");
		}
		X509Certificate ca = pinned;
		if (answer.caCertificate() != null) {
			X509Certificate sent = Pem.certificates(answer.caCertificate()).get(0);
			if (!sent.equals(pinned)) {
				throw new GeneralSecurityException("the console sent another CA than the pinned one ("
						+ Pem.fingerprint(sent).substring(0, 16) + "…)");
			}
		}
		certificate.verify(ca.getPublicKey());
		return new Credentials(keys.keyPair().getPrivate(), certificate, ca);
	}

}
