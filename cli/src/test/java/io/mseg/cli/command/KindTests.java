package io.mseg.cli.command;

import java.util.List;

import io.mseg.cli.output.Documents;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KindTests {

	private static JsonNode json(String text) {
		return Documents.JSON.readTree(text);
	}

	@Test
	void kindsAreNamedByPluralSingularOrAliasInAnyCase() {
		assertThat(Kind.named("netpol")).contains(Kind.NETWORKACCESSPOLICIES);
		assertThat(Kind.named("Policies")).contains(Kind.NETWORKACCESSPOLICIES);
		assertThat(Kind.named("networkaccesspolicy")).contains(Kind.NETWORKACCESSPOLICIES);
		assertThat(Kind.named("extnet")).contains(Kind.EXTERNALNETWORKS);
		assertThat(Kind.named("pu")).contains(Kind.PROCESSINGUNITS);
		assertThat(Kind.named("ns")).contains(Kind.NAMESPACES);
		assertThat(Kind.named("pods")).isEmpty();
	}

	@Test
	void anUnknownKindListsTheKnownOnes() {
		assertThatThrownBy(() -> new Kind.Converter().convert("pods"))
			.isInstanceOf(CommandLine.TypeConversionException.class)
			.hasMessageContaining("unknown kind 'pods'")
			.hasMessageContaining("networkaccesspolicies (netpol");
	}

	@Test
	void anObjectMatchesByNameOrId() {
		JsonNode policy = json("{\"ID\": \"id-1\", \"name\": \"allow web\"}");
		assertThat(Kind.NETWORKACCESSPOLICIES.matches(policy, "allow web", "/acme")).isTrue();
		assertThat(Kind.NETWORKACCESSPOLICIES.matches(policy, "id-1", "/acme")).isTrue();
		assertThat(Kind.NETWORKACCESSPOLICIES.matches(policy, "allow", "/acme")).isFalse();
	}

	@Test
	void aNamespaceMatchesByFullPathOrByItsPathBelowTheRequestNamespace() {
		JsonNode prod = json("{\"ID\": \"n1\", \"name\": \"/acme/prod\"}");
		assertThat(Kind.NAMESPACES.matches(prod, "/acme/prod", "/")).isTrue();
		assertThat(Kind.NAMESPACES.matches(prod, "prod", "/acme")).isTrue();
		assertThat(Kind.NAMESPACES.matches(prod, "acme/prod", "/")).isTrue();
		assertThat(Kind.NAMESPACES.matches(prod, "prod", "/other")).isFalse();
		assertThat(Kind.NAMESPACES.matches(prod, "prod", null)).isTrue();
	}

	@Test
	void tagsMatchByValueAndAuditRecordsByObjectName() {
		assertThat(Kind.TAGS.matches(json("{\"value\": \"app=web\"}"), "app=web", null)).isTrue();
		assertThat(Kind.AUDITRECORDS.matches(json("{\"objectName\": \"web-1\"}"), "web-1", null)).isTrue();
	}

	@Test
	void aTagExpressionReadsAsAndWithinClausesAndOrBetweenThem() {
		assertThat(Kind.expression(json("[[\"app=web\", \"env=prod\"]]"))).isEqualTo("app=web & env=prod");
		assertThat(Kind.expression(json("[[\"app=web\"], [\"app=api\", \"env=prod\"]]")))
			.isEqualTo("(app=web) | (app=api & env=prod)");
	}

	@Test
	void aPolicyRowShowsItsModeAndFlags() {
		JsonNode policy = json("""
				{"ID": "p1", "name": "allow web", "namespace": "/acme", "action": "Allow",
				 "applyPolicyMode": "IncomingTraffic", "subject": [["a=b"]], "object": [["c=d"]],
				 "ports": ["tcp/443", "tcp/80"], "propagate": true, "fallback": true}""");
		assertThat(Kind.NETWORKACCESSPOLICIES.table().render(List.of(policy)).lines()).containsExactly(
				"NAME        NAMESPACE   ACTION   MODE       SUBJECT   OBJECT   PORTS            FLAGS                ID",
				"allow web   /acme       Allow    incoming   a=b       c=d      tcp/443,tcp/80   propagate,fallback   p1");
	}

	@Test
	void aFeedBackedNetworkShowsItsSourceAndWhatTheLastFetchDid() {
		JsonNode feed = json(
				"""
						{"ID": "n1", "name": "drop", "namespace": "/acme", "entries": ["192.0.2.0/24", "198.51.100.0/24"],
						 "servicePorts": ["any"], "source": {"url": "https://feeds.example.test/drop.txt", "format": "text"},
						 "sourceStatus": {"lastAttemptTime": "2026-12-05T10:00:00.5Z", "lastSuccessTime": "2026-12-05T10:00:00.5Z",
						  "entryCount": 2}}""");
		JsonNode handWritten = json(
				"""
						{"ID": "n2", "name": "dns", "namespace": "/acme", "entries": ["192.0.2.53"], "servicePorts": ["udp/53"]}""");
		assertThat(Kind.EXTERNALNETWORKS.table().render(List.of(feed, handWritten)).lines()).containsExactly(
				"NAME   NAMESPACE   ENTRIES           PORTS    TAGS   PROPAGATE   SOURCE                                "
						+ "SOURCE STATUS             ID",
				"drop   /acme       2 from the feed   any      -      no          https://feeds.example.test/drop.txt   "
						+ "ok 2026-12-05T10:00:00Z   n1",
				"dns    /acme       192.0.2.53        udp/53   -      no          -                                     "
						+ "-                         n2");
	}

	@Test
	void aFeedsStatusSaysWhetherItIsPendingFailingOrHeld() {
		String source = "\"source\": {\"url\": \"https://feeds.example.test/drop.txt\", \"format\": \"text\"}";
		assertThat(Kind.sourceStatus(json("{" + source + ", \"sourceStatus\": {}}")))
			.isEqualTo("pending: not fetched yet");
		assertThat(Kind.sourceStatus(json("{" + source
				+ ", \"sourceStatus\": {\"lastSuccessTime\": \"2026-12-05T10:00:00Z\", \"error\": \"the feed answered HTTP 503\"}}")))
			.isEqualTo("failing, last good 2026-12-05T10:00:00Z: the feed answered HTTP 503");
		assertThat(Kind.sourceStatus(json("{" + source + ", \"sourceStatus\": {\"error\": \"line 2: bad\"}}")))
			.isEqualTo("failing: line 2: bad");
		assertThat(Kind.sourceStatus(json("{" + source
				+ ", \"sourceStatus\": {\"error\": \"held: ...\", \"held\": {\"entryCount\": 3, \"removedCount\": 7}}}")))
			.isEqualTo("held: 3 entries would remove 7 (accept or wait an interval)");
		assertThat(Kind.sourceStatus(json("{\"entries\": [\"192.0.2.1/32\"]}"))).isNull();
	}

	@Test
	void timesShowToTheSecond() {
		assertThat(Kind.shortTime("2026-01-02T03:04:05.123456Z")).isEqualTo("2026-01-02T03:04:05Z");
		assertThat(Kind.shortTime(null)).isNull();
		assertThat(Kind.shortTime("not a time")).isEqualTo("not a time");
	}

}
