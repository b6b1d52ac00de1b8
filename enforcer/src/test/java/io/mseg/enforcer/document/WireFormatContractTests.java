package io.mseg.enforcer.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;
import io.mseg.policy.render.wire.SectionNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enforcer's half of the wire contract with the console: the example committed in
 * {@code policy/src/test/resources/wire/} is what the console writes for one rendered
 * policy (its {@code WireFormatContractTests} check it byte for byte), and the enforcer
 * reads its index and sections back into the very document the console writes whole.
 * Between them, a console writing what the enforcer cannot read breaks one of the two.
 */
class WireFormatContractTests {

	private static final Path EXAMPLE = Path.of("..", "policy", "src", "test", "resources", "wire");

	@Test
	void theIndexAndSectionsTheConsoleWritesMakeTheDocumentItWritesWhole() throws IOException {
		EnforcerPolicyIndex index = PolicySections.parseIndex(Files.readString(EXAMPLE.resolve("index.json")));
		Map<String, String> sections = sections(Files.readString(EXAMPLE.resolve("sections.txt")));
		PolicySections held = new PolicySections();

		assertThat(held.missing(index)).containsExactlyElementsOf(sections.keySet());
		held.add(index, sections);
		assertThat(held.assemble(index))
			.isEqualTo(PolicyDocuments.parse(Files.readString(EXAMPLE.resolve("document.json"))));
	}

	@Test
	void everySectionIsNamedByTheSharedHashOfItsText() throws IOException {
		assertThat(sections(Files.readString(EXAMPLE.resolve("sections.txt"))))
			.allSatisfy((name, text) -> assertThat(SectionNames.of(text)).isEqualTo(name));
	}

	@Test
	void fieldsSpelledDifferentlyInJavaArriveUnderTheirNames() throws IOException {
		EnforcerPolicyIndex index = PolicySections.parseIndex(Files.readString(EXAMPLE.resolve("index.json")));
		PolicySections held = new PolicySections();
		held.add(index, sections(Files.readString(EXAMPLE.resolve("sections.txt"))));
		PolicyDocument document = held.assemble(index);
		UnitPolicy redis = document.processingUnits().get(0);
		Rule cartToRedis = redis.incoming().get(1);
		Rule internetToRedis = redis.incoming().get(2);
		RemoteNetwork internet = internetToRedis.externalNetworks().get(0);

		assertThat(document.enforcerId()).isEqualTo("e-1");
		assertThat(redis.processingUnit().ID()).isEqualTo("pu-redis");
		assertThat(cartToRedis.policyId()).isEqualTo("p-cart-to-redis");
		assertThat(cartToRedis.propagatedFrom()).isNull();
		assertThat(cartToRedis.processingUnits()).containsExactly(
				new RenderedRemoteProcessingUnit("pu-cart", "cart", "/acme/shop", List.of("10.0.0.1")),
				new RenderedRemoteProcessingUnit(null, null, null, List.of("10.1.0.7", "fd00:1::7")));
		assertThat(internetToRedis.policyName()).isEqualTo("internet to redis, café");
		assertThat(internetToRedis.propagatedFrom()).isEqualTo("/acme");
		assertThat(internet).isEqualTo(new RemoteNetwork("n-internet", "internet", "/acme", List.of("0.0.0.0/0"),
				List.of("10.0.0.0/8"), List.of("*.example.com"), List.of("tcp/1:10000"), List.of("tcp/6379")));
		assertThat(internetToRedis.externalNetworks().get(1).id()).isNull();
	}

	/** The body of {@code POST .../sections}: one {@code <name> <json>} line each. */
	private static Map<String, String> sections(String lines) {
		Map<String, String> sections = new LinkedHashMap<>();
		for (String line : lines.split("\n")) {
			int space = line.indexOf(' ');
			sections.put(line.substring(0, space), line.substring(space + 1));
		}
		return sections;
	}

}
