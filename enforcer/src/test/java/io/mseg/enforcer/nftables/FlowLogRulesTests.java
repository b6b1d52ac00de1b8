package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Set;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.nftables.RulesetOptions.FlowLogOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that log new connections: a logged policy's rule goes to its class's log
 * chain, which logs under the shared limit and gives the verdict; others are as they
 * were; the limit and counter come and go with flow logs.
 */
class FlowLogRulesTests {

	private static final RulesetOptions LOGGING = Fixtures.OPTIONS.withFlowLog(new FlowLogOptions(27, 500, 100));

	private static Rule rule(String id, String action, boolean observed, boolean logs, String port) {
		return new Rule(id, id, "/", null, action, false, observed, logs, List.of(port),
				RulesetBuilderTests.remote("10.0.0.2"), List.of());
	}

	private static PolicyDocument document() {
		return RulesetBuilderTests.document(
				RulesetBuilderTests.unit("10.0.0.1"), List.of(rule("logged", "Allow", false, true, "tcp/80"),
						rule("quiet", "Allow", false, false, "tcp/80"), rule("watch", "Reject", true, true, "tcp/22")),
				List.of());
	}

	private static Ruleset build(RulesetOptions options) {
		return new RulesetBuilder(options, (warning) -> {
		}).build(document());
	}

	@Test
	void loggedRulesGoToTheirLogChainAndTheRestIsUnchanged() {
		String script = NftRenderer.script(build(LOGGING));
		assertThat(script).contains("limit flowlog_500_100 { rate 500/second burst 100 packets }")
			.contains("counter flowlog_unrecorded { }")
			.contains("counter goto u0_in_log_A")
			.contains("counter jump u0_in_log_OR_")
			.contains("limit name \"flowlog_500_100\" log prefix \"pu I A\" group 27 accept")
			.contains("counter name \"flowlog_unrecorded\" accept")
			.contains("log prefix \"pu I OR watch\" group 27 return")
			.contains("limit name \"flowlog_500_100\" log prefix \"- I D\" group 27 drop")
			.contains("limit name \"flowlog_500_100\" log prefix \"- O D\" group 27 drop")
			.contains("counter goto input_log_D")
			.doesNotContain("log prefix \"pu I A\" group 27 drop");
		// the logged policy's rule comes before the unlogged one of its class
		assertThat(script.indexOf("goto u0_in_log_A"))
			.isLessThan(script.indexOf("counter accept comment \"allow: quiet"));
		String quiet = NftRenderer.script(build(Fixtures.OPTIONS));
		assertThat(quiet).doesNotContain("log ")
			.doesNotContain("limit")
			.contains("counter drop comment \"default reject\"");
	}

	@Test
	void theLimitAndCounterComeAndGoWithFlowLogs() {
		Ruleset quiet = build(Fixtures.OPTIONS);
		Ruleset logging = build(LOGGING);
		String on = NftRenderer.update(quiet, logging).text();
		assertThat(on).contains("add limit inet mseg flowlog_500_100 { rate 500/second burst 100 packets }")
			.contains("add counter inet mseg flowlog_unrecorded {  }");
		assertThat(on.indexOf("add limit")).isLessThan(on.indexOf("add rule"));
		String off = NftRenderer.update(logging, quiet).text();
		assertThat(off).contains("delete limit inet mseg flowlog_500_100")
			.contains("delete counter inet mseg flowlog_unrecorded")
			.contains("delete chain inet mseg u0_in_log_A");
		assertThat(off.indexOf("delete chain inet mseg u0_in_log_A"))
			.isLessThan(off.indexOf("delete limit inet mseg flowlog_500_100"));
		String restarted = NftRenderer
			.replace(new KernelTable(Set.of(), Set.of(), Set.of("input", "output"),
					Set.of("limit flowlog_10_10", "counter flowlog_unrecorded")), logging)
			.text();
		assertThat(restarted).contains("add limit inet mseg flowlog_500_100")
			.contains("delete limit inet mseg flowlog_10_10")
			.doesNotContain("add counter");
	}

}
