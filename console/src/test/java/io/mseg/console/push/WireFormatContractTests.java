package io.mseg.console.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mseg.console.push.EnforcerPolicyBody.UnitPolicy;
import io.mseg.console.push.RenderedPolicyBody.Network;
import io.mseg.console.push.RenderedPolicyBody.Rule;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's half of the wire contract with the enforcer: for one rendered policy it
 * writes exactly the example committed in {@code policy/src/test/resources/wire/} (the
 * whole document, its index and every section, as the endpoints serve them), which the
 * enforcer's half ({@code WireFormatContractTests} there) reads back into the same
 * document. To refresh the example after a deliberate change of the format, run with
 * {@code -Dwire.update=true} and commit it: the enforcer's half then says whether it
 * still reads it.
 */
class WireFormatContractTests {

	static final Path EXAMPLE = Path.of("..", "policy", "src", "test", "resources", "wire");

	/**
	 * Configured as Boot configures the console's mapper: with the wire format's module.
	 */
	private static final JsonMapper JSON = JsonMapper.builder().addModule(new WireFormatModule()).build();

	@Test
	void writesTheCommittedExampleOfTheWholeDocumentItsIndexAndItsSections() throws IOException {
		EnforcerPolicyBody body = example();
		EnforcerPolicySections sections = EnforcerPolicySections.of(body, JSON);
		// the body of POST .../renderedpolicy/sections asked for every name of the index
		StringBuilder lines = new StringBuilder();
		for (String name : sections.index().sections()) {
			String section = new String(sections.section(name).orElseThrow(), StandardCharsets.UTF_8);
			lines.append(name).append(' ').append(section).append('\n');
		}

		// the JSON files end with a newline, as every text file here (.editorconfig)
		assertWritten("document.json", JSON.writeValueAsString(body) + "\n");
		assertWritten("index.json", JSON.writeValueAsString(sections.index()) + "\n");
		assertWritten("sections.txt", lines.toString());
		assertThat(sections.index().processingUnits().get(0).incoming()).as("a chunk boundary in the example")
			.hasSize(2);
	}

	private static void assertWritten(String file, String written) throws IOException {
		Path committed = EXAMPLE.resolve(file);
		if (Boolean.getBoolean("wire.update")) {
			Files.writeString(committed, written);
		}
		assertThat(written).as("%s (refresh with -Dwire.update=true if the format changed on purpose)", committed)
			.isEqualTo(Files.readString(committed));
	}

	/**
	 * A policy with every kind of field: hidden remote units and networks (null fields
	 * left out), a propagated rule, a network shared by two rules with other ports, a
	 * rule that ends a chunk ({@code p-from-quarantine}), a unit without rules, non-ASCII
	 * text (names hash UTF-8 bytes).
	 */
	static EnforcerPolicyBody example() {
		Network internet = new Network("n-internet", "internet", "/acme", List.of("0.0.0.0/0"), List.of("10.0.0.0/8"),
				List.of("*.example.com"), List.of("tcp/1:10000"), List.of("tcp/6379"));
		Network hidden = new Network(null, null, null, List.of("192.0.2.0/24", "2001:db8::/32"), List.of(), List.of(),
				List.of(), List.of());
		RenderedRemoteProcessingUnit cart = new RenderedRemoteProcessingUnit("pu-cart", "cart", "/acme/shop",
				List.of("10.0.0.1"));
		RenderedRemoteProcessingUnit hiddenUnit = new RenderedRemoteProcessingUnit(null, null, null,
				List.of("10.1.0.7", "fd00:1::7"));
		List<Rule> incoming = List.of(
				new Rule("p-from-quarantine", "reject quarantine", "/acme/shop", null, "Reject", false, false, true,
						List.of(),
						List.of(new RenderedRemoteProcessingUnit("pu-q", "quarantined", "/acme/shop",
								List.of("10.0.0.66"))),
						List.of()),
				new Rule("p-cart-to-redis", "cart → redis", "/acme/shop", null, "Allow", false, false, false,
						List.of("tcp/6379"), List.of(cart, hiddenUnit), List.of()),
				new Rule("p-internet-to-redis", "internet to redis, café", "/acme", "/acme", "Allow", false, false,
						false, List.of("tcp/6379"), List.of(), List.of(internet, hidden)),
				new Rule("p-observe", "observe https", "/acme/shop", null, "Reject", true, true, false,
						List.of("tcp/443"), List.of(),
						List.of(new Network("n-internet", "internet", "/acme", List.of("0.0.0.0/0"),
								List.of("10.0.0.0/8"), List.of("*.example.com"), List.of("tcp/1:10000"),
								List.of("tcp/443")))));
		List<Rule> outgoing = List.of(new Rule("p-dns", "dns", "/acme", "/acme", "Allow", false, false, false,
				List.of("udp/53"), List.of(), List.of(hidden)));
		RenderedPolicyTarget redis = new RenderedPolicyTarget("pu-redis", "redis", "/acme/shop",
				List.of("10.0.0.3", "fd00::3"), List.of("$identity=processingunit", "app=redis"));
		RenderedPolicyTarget idle = new RenderedPolicyTarget("pu-idle", "idle", "/acme/shop", List.of("10.0.0.9"),
				List.of());
		return new EnforcerPolicyBody("e-1", 42,
				List.of(new UnitPolicy(redis, incoming, outgoing), new UnitPolicy(idle, List.of(), List.of())),
				List.of("10.0.0.1", "10.0.0.3", "fd00::3"));
	}

}
