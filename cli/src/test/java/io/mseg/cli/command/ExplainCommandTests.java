package io.mseg.cli.command;

import io.mseg.cli.CliException;
import io.mseg.cli.output.Documents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplainCommandTests {

	@Test
	void thePortOptionCarriesTheProtocol() {
		assertThat(ExplainCommand.traffic(null, "tcp/443")).hasToString("{\"protocol\":\"tcp\",\"port\":443}");
		assertThat(ExplainCommand.traffic(null, "UDP/53")).hasToString("{\"protocol\":\"udp\",\"port\":53}");
		assertThat(ExplainCommand.traffic(null, "icmp/3/1"))
			.hasToString("{\"protocol\":\"icmp\",\"icmpType\":3,\"icmpCode\":1}");
	}

	@Test
	void aBarePortTakesTheProtocolOptionOrTcp() {
		assertThat(ExplainCommand.traffic("udp", "53")).hasToString("{\"protocol\":\"udp\",\"port\":53}");
		assertThat(ExplainCommand.traffic(null, "443")).hasToString("{\"protocol\":\"tcp\",\"port\":443}");
		assertThat(ExplainCommand.traffic("gre", null)).hasToString("{\"protocol\":\"gre\"}");
	}

	@Test
	void contradictoryOrMalformedTrafficIsAUsageError() {
		assertThatThrownBy(() -> ExplainCommand.traffic(null, null)).isInstanceOf(CliException.class)
			.hasMessageContaining("--port tcp/443");
		assertThatThrownBy(() -> ExplainCommand.traffic("udp", "tcp/443")).hasMessageContaining("disagree");
		assertThatThrownBy(() -> ExplainCommand.traffic(null, "tcp/https")).hasMessageContaining("not a number");
		assertThatThrownBy(() -> ExplainCommand.traffic(null, "tcp/1/2")).hasMessageContaining("too many parts");
	}

	@Test
	void addressesAreToldFromNames() {
		assertThat(ExplainCommand.isAddress("203.0.113.7")).isTrue();
		assertThat(ExplainCommand.isAddress("2001:db8::1")).isTrue();
		assertThat(ExplainCommand.isAddress("web-1")).isFalse();
		assertThat(ExplainCommand.isAddress("api.example.com")).isFalse();
	}

	@Test
	void theVerdictReadsWithEachSidesReasonAndDecidingPolicies() {
		JsonNode answer = Documents.JSON.readTree("""
				{"verdict": "Reject", "explanation": "rejected by the destination (incoming)",
				 "source": {"processingUnitID": "pu-1", "processingUnitName": "web-1", "namespace": "/acme",
				            "address": "10.0.0.1"},
				 "destination": {"processingUnitID": "pu-2", "processingUnitName": "db-1", "namespace": "/acme"},
				 "outgoing": {"processingUnitID": "pu-1", "verdict": "Allow", "reason": "AllowPolicy",
				   "explanation": "allowed by 'web to db'",
				   "decidingPolicies": [{"ID": "p1", "name": "web to db", "namespace": "/", "action": "Allow",
				                         "fallback": false, "propagatedFrom": "/"}],
				   "matchingPolicies": [{"ID": "p1", "name": "web to db", "namespace": "/", "action": "Allow",
				                         "fallback": false, "propagatedFrom": "/"}],
				   "observedPolicies": []},
				 "incoming": {"processingUnitID": "pu-2", "verdict": "Reject", "reason": "DefaultReject",
				   "explanation": "rejected by default: no policy matches",
				   "decidingPolicies": [], "matchingPolicies": [], "observedPolicies": []}}""");
		assertThat(ExplainCommand.describe(answer, "tcp/5432").lines()).containsExactly(
				"Verdict:     Reject (rejected by the destination (incoming))",
				"From:        processing unit web-1 (/acme, ID pu-1, 10.0.0.1)",
				"To:          processing unit db-1 (/acme, ID pu-2)", "Traffic:     tcp/5432", "",
				"Outgoing, decided by the source's enforcer: Allow (AllowPolicy)", "  allowed by 'web to db'",
				"  Deciding policies:",
				"    ID   NAME        NAMESPACE   ACTION   FALLBACK   PROPAGATED FROM   EXTERNAL NETWORK",
				"    p1   web to db   /           Allow    no         /                 -", "",
				"Incoming, decided by the destination's enforcer: Reject (DefaultReject)",
				"  rejected by default: no policy matches");
	}

	@Test
	void aSideWithoutEnforcerSaysSo() {
		JsonNode answer = Documents.JSON.readTree("""
				{"verdict": "Allow", "explanation": "allowed", "source": {"address": "203.0.113.7"},
				 "destination": {"processingUnitID": "pu-2", "processingUnitName": "web", "namespace": "/"},
				 "incoming": {"verdict": "Allow", "reason": "AllowPolicy", "decidingPolicies": []}}""");
		assertThat(ExplainCommand.describe(answer, "tcp/443")).startsWith("Verdict:     Allow\n")
			.contains("From:        203.0.113.7 (external)")
			.contains("Outgoing: not enforced (the source is not a processing unit)");
	}

}
