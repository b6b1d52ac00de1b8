package io.mseg.deploy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's Helm chart, {@code helm/mseg-console}: {@code helm lint} passes and
 * {@code helm template} wires the values through to objects that fit together. Needs a
 * helm binary (see {@link Helm}); skipped without one unless
 * {@code MSEG_REQUIRE_HELM=true}.
 */
class HelmChartTests {

	private static final String CHART = "helm/mseg-console";

	private static final String RELEASE = "mseg";

	private static final String NAMESPACE = "security";

	/** {@code <release>-<chart>}. */
	private static final String FULLNAME = "mseg-mseg-console";

	private static Helm helm;

	private static Manifests defaults;

	@BeforeAll
	static void findHelm() {
		Optional<Helm> found = Helm.find();
		if (found.isEmpty()) {
			String reason = "helm not found: " + Helm.HOW_TO_GET;
			if (Helm.required()) {
				fail(reason + " (" + Helm.REQUIRE_VARIABLE + "=true)");
			}
			System.err.println("[deploy-tests] SKIPPING the Helm chart tests: " + reason);
			assumeTrue(false, reason);
		}
		helm = found.get();
		defaults = render();
	}

	@Test
	void lintsCleanWithTheDefaultValues() {
		Helm.Result lint = helm.run("lint", "--strict", CHART).requireSuccess();
		assertThat(lint.out()).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]", "[ERROR]");
	}

	@Test
	void lintsCleanWithEveryOptionSet() {
		Helm.Result lint = helm.run("lint", "--strict", CHART, "-f", allOptions()).requireSuccess();
		assertThat(lint.out()).contains("0 chart(s) failed").doesNotContain("[WARNING]", "[ERROR]");
	}

	@Test
	void appVersionIsTheMavenProjectVersion() {
		JsonNode chart = Repository.yaml(Repository.read(CHART + "/Chart.yaml"));
		assertThat(chart.path("appVersion").asString()).isEqualTo(Repository.version());
		assertThat(chart.path("apiVersion").asString()).isEqualTo("v2");
	}

	@Test
	void defaultsRenderTheConsoleWithItsServiceSecretsAndDisruptionBudget() {
		assertThat(defaults.kinds()).containsExactly("Deployment", "PodDisruptionBudget", "Secret", "Secret", "Secret",
				"Service", "Service", "ServiceAccount");
		assertThat(defaults.objects()).allSatisfy((object) -> {
			assertThat(object.at("/metadata/namespace").asString()).isEqualTo(NAMESPACE);
			JsonNode labels = object.at("/metadata/labels");
			assertThat(labels.path("app.kubernetes.io/name").asString()).isEqualTo("mseg-console");
			assertThat(labels.path("app.kubernetes.io/instance").asString()).isEqualTo(RELEASE);
			assertThat(labels.path("app.kubernetes.io/managed-by").asString()).isEqualTo("Helm");
			assertThat(labels.path("helm.sh/chart").asString()).startsWith("mseg-console-");
		});
	}

	@Test
	void twoReplicasOfTheImageTaggedWithTheConsolesVersion() {
		JsonNode deployment = defaults.single("Deployment");
		assertThat(deployment.at("/metadata/name").asString()).isEqualTo(FULLNAME);
		assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
		assertThat(defaults.container().path("image").asString()).isEqualTo("mseg/console:" + Repository.version());
		// Rolling updates never go below the wanted number of ready replicas.
		assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
	}

	@Test
	void replicasAndImageFollowTheValues() {
		Manifests manifests = render("--set", "replicaCount=5", "--set", "image.repository=registry.example.com/c",
				"--set", "image.tag=9.9.9");
		assertThat(manifests.single("Deployment").at("/spec/replicas").asInt()).isEqualTo(5);
		assertThat(manifests.container().path("image").asString()).isEqualTo("registry.example.com/c:9.9.9");
	}

	@Test
	void probesUseThePublicHealthGroupsOverHttps() {
		JsonNode container = defaults.container();
		assertThat(probe(container, "readinessProbe")).containsEntry("path", "/actuator/health/readiness");
		assertThat(probe(container, "livenessProbe")).containsEntry("path", "/actuator/health/liveness");
		assertThat(probe(container, "startupProbe")).containsEntry("path", "/actuator/health/liveness");
		for (String name : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
			assertThat(probe(container, name)).as(name).containsEntry("scheme", "HTTPS").containsEntry("port", "https");
		}
		assertThat(port(container, "https")).isEqualTo(8443);
	}

	@Test
	void podRunsAsTheImagesUserWithAReadOnlyRootNoCapabilitiesAndTheRuntimeSeccompProfile() {
		JsonNode pod = defaults.single("Deployment").at("/spec/template/spec");
		JsonNode podContext = pod.path("securityContext");
		assertThat(podContext.path("runAsNonRoot").asBoolean()).isTrue();
		assertThat(podContext.path("runAsUser").asInt()).isEqualTo(10001);
		assertThat(podContext.path("fsGroup").asInt()).isEqualTo(10001);
		assertThat(podContext.at("/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
		JsonNode context = defaults.container().path("securityContext");
		assertThat(context.path("runAsNonRoot").asBoolean()).isTrue();
		assertThat(context.path("runAsUser").asInt()).isEqualTo(10001);
		assertThat(context.path("readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(context.path("allowPrivilegeEscalation").asBoolean()).isFalse();
		assertThat(Manifests.elements(context.at("/capabilities/drop"))).extracting(JsonNode::asString)
			.containsExactly("ALL");
		assertThat(context.at("/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
		assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
		// The UID is the one the image creates (a passwd entry the JVM can name).
		Dockerfile image = Dockerfile.parse(Repository.read("console/Dockerfile"));
		assertThat(image.last("USER").orElseThrow().arguments()).startsWith("10001");
	}

	@Test
	void writablePathsAreEmptyDirsAndTheDataDirIsOneOfThem() {
		assertThat(defaults.volumeMountedAt("/tmp").has("emptyDir")).isTrue();
		assertThat(defaults.volumeMountedAt("/var/lib/mseg").has("emptyDir")).isTrue();
		assertThat(defaults.env("MSEG_DATA_DIR").path("value").asString()).isEqualTo("/var/lib/mseg");
	}

	@Test
	void databaseUrlIsGivenAndCredentialsComeFromTheSecretTheChartCreates() {
		assertThat(defaults.env("SPRING_DATASOURCE_URL").path("value").asString()).startsWith("jdbc:postgresql://");
		String secret = FULLNAME + "-database";
		assertThat(secretRef(defaults, "SPRING_DATASOURCE_USERNAME")).containsExactly(secret, "username");
		assertThat(secretRef(defaults, "SPRING_DATASOURCE_PASSWORD")).containsExactly(secret, "password");
		assertThat(defaults.secretValue(secret, "username")).contains("mseg");
		assertThat(defaults.secretValue(secret, "password")).isPresent();
	}

	@Test
	void databaseCredentialsFromTheValuesLandInTheSecret() {
		Manifests manifests = render("--set", "database.username=console", "--set", "database.password=s3cr3t-pw");
		assertThat(manifests.secretValue(FULLNAME + "-database", "username")).contains("console");
		assertThat(manifests.secretValue(FULLNAME + "-database", "password")).contains("s3cr3t-pw");
	}

	@Test
	void everyReplicaMountsTheSameCaFromASecretAsFiles() throws Exception {
		String secret = FULLNAME + "-ca";
		JsonNode volume = defaults.volumeMountedAt("/etc/mseg/ca");
		assertThat(volume.at("/secret/secretName").asString()).isEqualTo(secret);
		assertThat(defaults.env("MSEG_CA_CERT").path("value").asString()).isEqualTo("/etc/mseg/ca/ca.pem");
		assertThat(defaults.env("MSEG_CA_KEY").path("value").asString()).isEqualTo("/etc/mseg/ca/ca-key.pem");
		Map<String, String> items = items(volume);
		assertThat(items).containsOnlyKeys("ca.pem", "ca-key.pem");
		String certificate = defaults.secretValue(secret, items.get("ca.pem")).orElseThrow();
		String key = defaults.secretValue(secret, items.get("ca-key.pem")).orElseThrow();
		X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(certificate.getBytes(StandardCharsets.US_ASCII)));
		assertThat(ca.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
		assertThat(key).contains("PRIVATE KEY-----");
		// Group-readable (0440): the console reads them through the pod's fsGroup.
		assertThat(volume.at("/secret/defaultMode").asInt()).isEqualTo(0440);
		// A generated CA outlives the release: enrolled enforcers trust only it.
		assertThat(defaults.named("Secret", secret)
			.orElseThrow()
			.at("/metadata/annotations/helm.sh~1resource-policy")
			.asString()).isEqualTo("keep");
	}

	@Test
	void caGivenAsPemInTheValuesIsUsedAsItIs() {
		Manifests manifests = render("--set", "ca.cert=CERT-PEM", "--set", "ca.key=KEY-PEM");
		assertThat(manifests.secretValue(FULLNAME + "-ca", "tls.crt")).contains("CERT-PEM");
		assertThat(manifests.secretValue(FULLNAME + "-ca", "tls.key")).contains("KEY-PEM");
		assertThat(
				manifests.named("Secret", FULLNAME + "-ca").orElseThrow().at("/metadata/annotations").isMissingNode())
			.isTrue();
	}

	@Test
	void bootstrapTokenComesFromASecretWithAUsableToken() {
		assertThat(secretRef(defaults, "MSEG_BOOTSTRAP_TOKEN")).containsExactly(FULLNAME + "-bootstrap", "token");
		String token = defaults.secretValue(FULLNAME + "-bootstrap", "token").orElseThrow();
		assertThat(token).hasSizeGreaterThanOrEqualTo(16).matches("[\\x21-\\x7e]+");
		assertThat(
				render("--set", "bootstrapToken.value=a-token-of-my-own").secretValue(FULLNAME + "-bootstrap", "token"))
			.contains("a-token-of-my-own");
	}

	@Test
	void serverCertificateNamesTheServiceInEveryForm() {
		String hosts = defaults.env("MSEG_TLS_HOSTS").path("value").asString();
		String service = service(defaults).at("/metadata/name").asString();
		assertThat(List.of(hosts.split(","))).contains(service, service + "." + NAMESPACE,
				service + "." + NAMESPACE + ".svc", service + "." + NAMESPACE + ".svc.cluster.local");
		assertThat(defaults.hasEnv("MSEG_TLS_CERT")).as("no custom certificate by default").isFalse();
	}

	@Test
	void headlessServiceGivesInClusterEnforcersTheReplicasOwnAddressesUnderACertifiedName() {
		JsonNode headless = defaults.named("Service", FULLNAME + "-headless").orElseThrow();
		// No cluster IP: the name resolves to the pods, whose addresses the enforcers'
		// console rule can match (a ClusterIP is rewritten before their output chain).
		assertThat(headless.at("/spec/clusterIP").asString()).isEqualTo("None");
		assertSelects(headless.at("/spec/selector"), defaults);
		JsonNode port = headless.at("/spec/ports/0");
		assertThat(port.path("port").asInt()).isEqualTo(8443);
		assertThat(port(defaults.container(), port.path("targetPort").asString())).isEqualTo(8443);
		String hosts = defaults.env("MSEG_TLS_HOSTS").path("value").asString();
		assertThat(List.of(hosts.split(","))).contains(FULLNAME + "-headless." + NAMESPACE + ".svc");
		// Connections go straight to the container port, whatever service.port says.
		Manifests loadBalanced = render("-f", allOptions());
		assertThat(loadBalanced.named("Service", FULLNAME + "-headless").orElseThrow().at("/spec/ports/0/port").asInt())
			.isEqualTo(8443);
	}

	@Test
	void serviceMonitorSkipsTheHeadlessService() {
		Manifests manifests = render("-f", allOptions());
		JsonNode selector = manifests.single("ServiceMonitor").at("/spec/selector");
		List<JsonNode> selected = manifests.ofKind("Service")
			.stream()
			.filter((service) -> selects(selector, service.at("/metadata/labels")))
			.toList();
		assertThat(selected).extracting((service) -> service.at("/metadata/name").asString()).containsExactly(FULLNAME);
	}

	@Test
	void serviceSendsItsHttpsPortToTheConsolesPods() {
		JsonNode service = service(defaults);
		JsonNode port = service.at("/spec/ports/0");
		assertThat(port.path("port").asInt()).isEqualTo(8443);
		assertThat(port.path("name").asString()).isEqualTo("https");
		assertThat(port(defaults.container(), port.path("targetPort").asString())).isEqualTo(8443);
		assertSelects(service.at("/spec/selector"), defaults);
		assertSelects(defaults.single("Deployment").at("/spec/selector/matchLabels"), defaults);
	}

	@Test
	void stoppingReplicaFinishesItsRequestsBeforeItIsKilled() {
		JsonNode pod = defaults.single("Deployment").at("/spec/template/spec");
		List<String> preStop = Manifests.elements(defaults.container().at("/lifecycle/preStop/exec/command"))
			.stream()
			.map(JsonNode::asString)
			.toList();
		assertThat(preStop).containsExactly("sleep", "5");
		// The pause, then Spring Boot's graceful shutdown (30 s by default), before
		// SIGKILL.
		assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(5 + 30);
	}

	@Test
	void disruptionBudgetKeepsAllButOneReplicaThroughDrains() {
		JsonNode budget = defaults.single("PodDisruptionBudget");
		assertThat(budget.path("apiVersion").asString()).isEqualTo("policy/v1");
		assertThat(budget.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
		assertSelects(budget.at("/spec/selector/matchLabels"), defaults);
		assertThat(render("--set", "podDisruptionBudget.enabled=false").ofKind("PodDisruptionBudget")).isEmpty();
	}

	@Test
	void existingSecretsAreReferencedAndNoneIsCreated() {
		Manifests manifests = render("-f", allOptions());
		assertThat(manifests.ofKind("Secret")).isEmpty();
		assertThat(secretRef(manifests, "SPRING_DATASOURCE_USERNAME")).containsExactly("mseg-db", "user");
		assertThat(secretRef(manifests, "SPRING_DATASOURCE_PASSWORD")).containsExactly("mseg-db", "pass");
		assertThat(secretRef(manifests, "MSEG_BOOTSTRAP_TOKEN")).containsExactly("mseg-bootstrap", "admin-token");
		JsonNode ca = manifests.volumeMountedAt("/etc/mseg/ca");
		assertThat(ca.at("/secret/secretName").asString()).isEqualTo("mseg-ca");
		assertThat(items(ca)).containsEntry("ca.pem", "ca.crt").containsEntry("ca-key.pem", "ca.key");
		assertThat(manifests.single("Deployment").at("/spec/replicas").asInt()).isEqualTo(3);
		assertThat(manifests.container().path("image").asString()).isEqualTo("registry.example.com/mseg/console:1.2.3");
		assertThat(manifests.env("MSEG_MAXPAGESIZE").path("value").asString()).isEqualTo("500");
		assertThat(service(manifests).at("/spec/type").asString()).isEqualTo("LoadBalancer");
		assertThat(service(manifests).at("/spec/ports/0/port").asInt()).isEqualTo(443);
	}

	@Test
	void givenServerCertificateIsMountedAndExtraNamesJoinTheGeneratedOne() {
		Manifests manifests = render("-f", allOptions());
		JsonNode tls = manifests.volumeMountedAt("/etc/mseg/tls");
		assertThat(tls.at("/secret/secretName").asString()).isEqualTo("mseg-tls");
		assertThat(items(tls)).containsOnlyKeys("tls.crt", "tls.key");
		assertThat(manifests.env("MSEG_TLS_CERT").path("value").asString()).isEqualTo("/etc/mseg/tls/tls.crt");
		assertThat(manifests.env("MSEG_TLS_KEY").path("value").asString()).isEqualTo("/etc/mseg/tls/tls.key");
		assertThat(manifests.env("MSEG_TLS_HOSTS").path("value").asString()).contains("console.example.com",
				"192.0.2.10", "mseg-mseg-console.security.svc");
	}

	@Test
	void serviceMonitorScrapesThePrometheusEndpointOverHttpsWhenEnabled() {
		assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
		Manifests manifests = render("-f", allOptions());
		JsonNode monitor = manifests.single("ServiceMonitor");
		assertThat(monitor.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(monitor.at("/metadata/labels/release").asString()).isEqualTo("prometheus");
		JsonNode endpoint = monitor.at("/spec/endpoints/0");
		assertThat(endpoint.path("path").asString()).isEqualTo("/actuator/prometheus");
		assertThat(endpoint.path("scheme").asString()).isEqualTo("https");
		assertThat(endpoint.path("port").asString()).isEqualTo(service(manifests).at("/spec/ports/0/name").asString());
		assertThat(endpoint.at("/tlsConfig/ca/secret/name").asString()).isEqualTo("mseg-ca");
		assertThat(endpoint.at("/tlsConfig/ca/secret/key").asString()).isEqualTo("ca.crt");
		assertThat(endpoint.at("/tlsConfig/serverName").asString()).isEqualTo("mseg-mseg-console.security.svc");
		assertThat(endpoint.at("/authorization/credentials/name").asString()).isEqualTo("mseg-metrics-token");
		JsonNode serviceLabels = service(manifests).at("/metadata/labels");
		monitor.at("/spec/selector/matchLabels")
			.properties()
			.forEach((label) -> assertThat(serviceLabels.path(label.getKey()).asString())
				.isEqualTo(label.getValue().asString()));
	}

	@Test
	void refusesToRenderWithoutADatabase() {
		Helm.Result result = helm.template(RELEASE, NAMESPACE, "--set", "database.url=");
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.err()).contains("database.url is required");
	}

	@Test
	void refusesHalfAGivenCa() {
		Helm.Result result = helm.template(RELEASE, NAMESPACE, "--set", "ca.cert=CERT-PEM");
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.err()).contains("ca.cert and ca.key must be given together");
	}

	@Test
	void refusesABootstrapTokenTheConsoleWouldRefuse() {
		Helm.Result result = helm.template(RELEASE, NAMESPACE, "--set", "bootstrapToken.value=short");
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.err()).contains("at least 16 characters");
	}

	/** The console's ClusterIP (or load balancer) Service, not the headless one. */
	private static JsonNode service(Manifests manifests) {
		return manifests.named("Service", FULLNAME).orElseThrow(() -> new AssertionError("no Service " + FULLNAME));
	}

	/**
	 * Whether a label selector with matchLabels and matchExpressions selects the labels.
	 */
	private static boolean selects(JsonNode selector, JsonNode labels) {
		boolean matches = selector.path("matchLabels")
			.properties()
			.stream()
			.allMatch((label) -> label.getValue().asString().equals(labels.path(label.getKey()).asString(null)));
		for (JsonNode expression : Manifests.elements(selector.path("matchExpressions"))) {
			boolean present = labels.has(expression.path("key").asString());
			matches &= switch (expression.path("operator").asString()) {
				case "DoesNotExist" -> !present;
				case "Exists" -> present;
				default -> throw new AssertionError("operator not handled here: " + expression);
			};
		}
		return matches;
	}

	private static Manifests render(String... values) {
		return Manifests.parse(helm.template(RELEASE, NAMESPACE, values).requireSuccess().out());
	}

	private static String allOptions() {
		return Repository.file("deploy-tests/src/test/resources/all-options-values.yaml").toString();
	}

	private static Map<String, String> probe(JsonNode container, String name) {
		JsonNode get = container.path(name).path("httpGet");
		Map<String, String> probe = new TreeMap<>();
		get.properties().forEach((entry) -> probe.put(entry.getKey(), entry.getValue().asString()));
		return probe;
	}

	private static int port(JsonNode container, String name) {
		return Manifests.elements(container.path("ports"))
			.stream()
			.filter((port) -> name.equals(port.path("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + name))
			.path("containerPort")
			.asInt();
	}

	/** [secret name, key] of an environment variable taken from a Secret. */
	private static List<String> secretRef(Manifests manifests, String variable) {
		JsonNode reference = manifests.env(variable).at("/valueFrom/secretKeyRef");
		return List.of(reference.path("name").asString(), reference.path("key").asString());
	}

	/** File name in the volume → key in the Secret. */
	private static Map<String, String> items(JsonNode secretVolume) {
		Map<String, String> items = new TreeMap<>();
		Manifests.elements(secretVolume.at("/secret/items"))
			.forEach((item) -> items.put(item.path("path").asString(), item.path("key").asString()));
		return items;
	}

	private static void assertSelects(JsonNode selector, Manifests manifests) {
		JsonNode podLabels = manifests.single("Deployment").at("/spec/template/metadata/labels");
		assertThat(selector.properties()).isNotEmpty();
		selector.properties()
			.forEach((label) -> assertThat(podLabels.path(label.getKey()).asString()).as(label.getKey())
				.isEqualTo(label.getValue().asString()));
	}

}
