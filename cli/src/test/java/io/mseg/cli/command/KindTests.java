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
	void timesShowToTheSecond() {
		assertThat(Kind.shortTime("2026-01-02T03:04:05.123456Z")).isEqualTo("2026-01-02T03:04:05Z");
		assertThat(Kind.shortTime(null)).isNull();
		assertThat(Kind.shortTime("not a time")).isEqualTo("not a time");
	}

}
