package io.mseg.console.enforcer;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.pki.CertificateAuthority;
import io.mseg.console.pki.ConsolePki;
import io.mseg.console.pki.Pem;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.TestEnforcer;
import io.mseg.console.support.Tls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class EnrollmentIntegrationTests extends ConsoleIntegrationTest {

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	@Autowired
	private ConsolePki pki;

	@Test
	void enrollsAndIssuesACertificateWhoseIdentityTheConsoleSets() throws Exception {
		JsonNode token = this.api
			.post(this.tenant, "/enrollmenttokens", json("name", "web", "tags", List.of("role=web", "env=prod")))
			.expectStatus(201)
			.json();
		String caFingerprint = CertificateAuthority.fingerprint(Tls.readCa(caFile()));
		assertThat(token.get("token").asString()).startsWith("msen_").endsWith("." + caFingerprint);
		assertThat(token.get("maxUses").asInt()).isEqualTo(1);
		assertThat(Duration.between(Instant.now(), Instant.parse(token.get("expirationTime").asString())))
			.isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));

		TestEnforcer enforcer = new TestEnforcer();
		Response enrolled = this.api.withToken(token.get("token").asString())
			.post(null, "/enforcers", json("name", "web-1", "certificateRequest", enforcer.csr("CN=admin,O=evil")))
			.expectStatus(201);
		JsonNode answer = enrolled.json();
		X509Certificate certificate = Pem.certificates(answer.get("certificate").asString()).get(0);
		String id = answer.get("ID").asString();
		assertThat(answer.get("namespace").asString()).isEqualTo(this.tenant);
		assertThat(Pem.certificates(answer.get("caCertificate").asString()).get(0)).isEqualTo(Tls.readCa(caFile()));
		assertThat(certificate.getIssuerX500Principal()).isEqualTo(Tls.readCa(caFile()).getSubjectX500Principal());
		certificate.verify(Tls.readCa(caFile()).getPublicKey());
		assertThat(certificate.getPublicKey()).isEqualTo(enforcer.keys().getPublic());
		assertThat(certificate.getSubjectX500Principal().getName()).contains(id).doesNotContain("evil");
		assertThat(certificate.getSubjectAlternativeNames())
			.containsExactly(List.of(6, "spiffe://mseg/enforcer/" + id + "/namespace" + this.tenant));
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()))
			.isBetween(Duration.ofHours(23).plusMinutes(55), Duration.ofHours(24).plusMinutes(1));

		JsonNode registered = this.api.get(this.tenant, "/enforcers/" + id).expectStatus(200).json();
		assertThat(registered.get("name").asString()).isEqualTo("web-1");
		assertThat(registered.get("tags").toString()).contains("role=web", "env=prod");
		assertThat(registered.get("revoked").asBoolean()).isFalse();
		assertThat(
				this.api.get(this.tenant, "/enrollmenttokens/" + token.get("ID").asString()).json().get("uses").asInt())
			.isEqualTo(1);
	}

	@Test
	void anEnforcerCertificateIsGoodForItsOwnEnforcerEndpointsOnly() {
		TestEnforcer enforcer = enrolled();
		TestEnforcer neighbour = enrolled();
		enforcer.poke(this.api, caFile()).expectStatus(204);
		assertThat(this.api.get(this.tenant, "/enforcers/" + enforcer.id()).json().get("currentVersion").asString())
			.isEqualTo("1.0.0");

		ApiClient withCertificate = enforcer.client(this.api, caFile());
		withCertificate.get(this.tenant, "/networkaccesspolicies").expectProblem(403);
		withCertificate.get(this.tenant, "/enforcers").expectProblem(403);
		withCertificate.delete(this.tenant, "/enforcers/" + neighbour.id()).expectProblem(403);
		withCertificate
			.send("POST", null, "/enforcers/" + neighbour.id() + "/poke", "{}",
					Map.of("Content-Type", "application/json"))
			.expectProblem(403);
		this.api
			.send("POST", null, "/enforcers/" + enforcer.id() + "/poke", "{}",
					Map.of("Content-Type", "application/json"))
			.expectProblem(403);
		withCertificate
			.send("POST", null, "/enforcers/" + enforcer.id() + "/poke", json("enforcementStatus", "Sleeping"),
					Map.of("Content-Type", "application/json"))
			.expectProblem(422, "enforcementStatus");
	}

	@Test
	void revokingAnEnforcerRefusesItsVeryNextRequestAndEveryRenewal() {
		TestEnforcer enforcer = enrolled();
		X509Certificate first = enforcer.certificate();
		// A renewal never renames: another name is refused, not ignored; its own is fine.
		assertThat(enforcer.client(this.api, caFile())
			.post(null, "/enforcers/" + enforcer.id() + "/certificate",
					json("name", "renamed", "certificateRequest", enforcer.csr("renewal")))
			.expectProblem(422, "name")
			.body()).contains("cannot change the enforcer's name");
		Response renewed = enforcer.client(this.api, caFile())
			.post(null, "/enforcers/" + enforcer.id() + "/certificate",
					json("name", "host", "certificateRequest", enforcer.csr("renewal")))
			.expectStatus(200);
		X509Certificate second = Pem.certificates(renewed.json().get("certificate").asString()).get(0);
		assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
		assertThat(renewed.json().get("ID").asString()).isEqualTo(enforcer.id());
		enforcer.useCertificate(second);
		enforcer.poke(this.api, caFile()).expectStatus(204);

		this.api.delete(this.tenant, "/enforcers/" + enforcer.id()).expectStatus(200);
		Response refused = enforcer.poke(this.api, caFile()).expectProblem(401);
		assertThat(refused.json().get("detail").asString()).contains("revoked");
		enforcer.useCertificate(first);
		enforcer.poke(this.api, caFile()).expectProblem(401);
		enforcer.client(this.api, caFile())
			.post(null, "/enforcers/" + enforcer.id() + "/certificate",
					json("certificateRequest", enforcer.csr("again")))
			.expectProblem(401);
		assertThat(this.api.get(this.tenant, "/enforcers/" + enforcer.id()).json().get("revoked").asBoolean()).isTrue();
	}

	@Test
	void refusesReusedRevokedExpiredForeignAndMalformedEnrollmentTokens() throws InterruptedException {
		String once = enrollmentToken(json());
		new TestEnforcer().enroll(this.api, once, "first");
		assertThat(enroll(once).expectProblem(401).json().get("detail").asString()).contains("already used");

		JsonNode revoked = this.api.post(this.tenant, "/enrollmenttokens", "{}").expectStatus(201).json();
		this.api.delete(this.tenant, "/enrollmenttokens/" + revoked.get("ID").asString()).expectStatus(200);
		assertThat(enroll(revoked.get("token").asString()).expectProblem(401).json().get("detail").asString())
			.contains("revoked");

		String shortLived = enrollmentToken(json("expirationTime", Instant.now().plusSeconds(2).toString()));
		Thread.sleep(2500);
		assertThat(enroll(shortLived).expectProblem(401).json().get("detail").asString()).contains("expired");

		String valid = enrollmentToken(json());
		String foreign = valid.substring(0, valid.lastIndexOf('.') + 1) + "ab".repeat(32);
		assertThat(enroll(foreign).expectProblem(401).json().get("detail").asString()).contains("another console");
		enroll("garbage").expectProblem(401);
		enroll(ADMIN_TOKEN).expectProblem(401);
		this.api.withToken(null)
			.post(null, "/enforcers", json("name", "x", "certificateRequest", new TestEnforcer().csr("x")))
			.expectProblem(401);
		new TestEnforcer().enroll(this.api, valid, "still-good");
	}

	@Test
	void refusesBadCertificateRequestsWith422WithoutUsingTheToken() {
		String token = enrollmentToken(json("maxUses", 2));
		ApiClient enrolling = this.api.withToken(token);
		enrolling.post(null, "/enforcers", json("name", "x", "certificateRequest", "not a csr"))
			.expectProblem(422, "certificateRequest");
		enrolling.post(null, "/enforcers", json("name", "x")).expectProblem(422, "certificateRequest");
		// A broken PEM body: the parser's Java exception never reaches the client.
		assertThat(enrolling
			.post(null, "/enforcers",
					json("name", "x", "certificateRequest",
							"-----BEGIN CERTIFICATE REQUEST-----\nMIIBAAAA\n-----END CERTIFICATE REQUEST-----\n"))
			.expectProblem(422, "certificateRequest")
			.body()).doesNotContain("java.").doesNotContain("Exception").doesNotContain("end-of-contents");
		// Text after the PEM block is refused, not skipped.
		enrolling
			.post(null, "/enforcers",
					json("name", "x", "certificateRequest", new TestEnforcer().csr("x") + "\ntrailing text\n"))
			.expectProblem(422, "certificateRequest");
		KeyPair mine = TestEnforcer.ecKeys();
		KeyPair someoneElses = TestEnforcer.ecKeys();
		Response tampered = enrolling
			.post(null, "/enforcers",
					json("name", "x", "certificateRequest",
							TestEnforcer.csr(someoneElses.getPublic(), mine.getPrivate(), "x")))
			.expectProblem(422, "certificateRequest");
		assertThat(tampered.body()).contains("proof of possession");
		KeyPair weak = TestEnforcer.rsaKeys(1024);
		assertThat(
				enrolling
					.post(null, "/enforcers",
							json("name", "x", "certificateRequest",
									TestEnforcer.csr(weak.getPublic(), weak.getPrivate(), "x")))
					.expectProblem(422, "certificateRequest")
					.body())
			.contains("2048");
		enrolling.post(null, "/enforcers", json("name", "", "certificateRequest", new TestEnforcer().csr("x")))
			.expectProblem(422, "name");

		new TestEnforcer(TestEnforcer.rsaKeys(2048)).enroll(this.api, token, "rsa");
		new TestEnforcer().enroll(this.api, token, "ec");
		enroll(token).expectProblem(401);
	}

	@Test
	void refusesCertificatesFromAnotherCaExpiredOrNamingNoEnforcerWith401() {
		TestEnforcer enforcer = enrolled();
		String identity = "spiffe://mseg/enforcer/" + enforcer.id() + "/namespace" + this.tenant;
		CertificateAuthority stranger = CertificateAuthority.create("another CA");

		enforcer.useCertificate(stranger.issueClientCertificate(enforcer.keys().getPublic(), "x",
				java.net.URI.create(identity), Duration.ofHours(1)));
		assertThat(enforcer.poke(this.api, caFile()).expectProblem(401).body()).contains("not issued by this");

		enforcer.useCertificate(this.pki.authority()
			.issueClientCertificate(enforcer.keys().getPublic(), "x", java.net.URI.create(identity),
					Duration.ofMinutes(-1)));
		assertThat(enforcer.poke(this.api, caFile()).expectProblem(401).body()).contains("expired");

		String unknown = "spiffe://mseg/enforcer/" + UUID.randomUUID() + "/namespace" + this.tenant;
		enforcer.useCertificate(this.pki.authority()
			.issueClientCertificate(enforcer.keys().getPublic(), "x", java.net.URI.create(unknown),
					Duration.ofHours(1)));
		assertThat(enforcer.poke(this.api, caFile()).expectProblem(401).body()).contains("not registered");

		enforcer.useCertificate(this.pki.authority()
			.issueServerCertificate(enforcer.keys().getPublic(), List.of("localhost"), Duration.ofHours(1)));
		assertThat(enforcer.poke(this.api, caFile()).expectProblem(401).body()).contains("names no enforcer");
	}

	@Test
	void refusesOversizedEnrollmentBodiesWith413() {
		String token = enrollmentToken(json());
		this.api.withToken(token)
			.post(null, "/enforcers", json("name", "x", "certificateRequest", "A".repeat(2 * 1024 * 1024)))
			.expectProblem(413);
		new TestEnforcer().enroll(this.api, token, "after-the-refusal");
	}

	@Test
	void enrollmentTokenInputIsValidated() {
		this.api.post(this.tenant, "/enrollmenttokens", json("maxUses", 0)).expectProblem(422, "maxUses");
		this.api.post(this.tenant, "/enrollmenttokens", json("tags", List.of("$identity=x")))
			.expectProblem(422, "tags[0]");
		this.api
			.post(this.tenant, "/enrollmenttokens", json("expirationTime", Instant.now().minusSeconds(1).toString()))
			.expectProblem(422, "expirationTime");
		assertThat(this.api.get(this.tenant, "/enrollmenttokens").body()).doesNotContain("msen_");
	}

	private TestEnforcer enrolled() {
		return new TestEnforcer().enroll(this.api, enrollmentToken(json()), "host");
	}

	private String enrollmentToken(String body) {
		return this.api.post(this.tenant, "/enrollmenttokens", body).expectStatus(201).json().get("token").asString();
	}

	private Response enroll(String token) {
		return this.api.withToken(token)
			.post(null, "/enforcers", json("name", "x", "certificateRequest", new TestEnforcer().csr("x")));
	}

}
