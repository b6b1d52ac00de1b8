package io.mseg.enforcer.nftables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the rendered nft text of representative documents (src/test/resources/documents)
 * to the files in src/test/resources/golden. After an intended change, regenerate with
 * {@code ./mvnw -pl enforcer test -Dtest=RulesetGoldenTests -Dgolden.update=true} and
 * review the diff; the kernel tests load every golden file into a real kernel.
 */
class RulesetGoldenTests {

	@ParameterizedTest
	@ValueSource(strings = { "redis", "no-rules", "internet-to-frontend", "mixed", "merged", "workloads" })
	void rendersTheGoldenText(String name) throws IOException {
		List<String> warnings = new ArrayList<>();
		RulesetOptions options = "workloads".equals(name) ? Fixtures.NODE_OPTIONS : Fixtures.OPTIONS;
		String script = NftRenderer.script(new RulesetBuilder(options, warnings::add).build(Fixtures.document(name)));
		if (Boolean.getBoolean("golden.update")) {
			Files.writeString(Path.of("src/test/resources/golden", name + ".nft"), script, StandardCharsets.UTF_8);
		}
		assertThat(script).isEqualTo(Fixtures.resource("golden/" + name + ".nft"));
	}

}
