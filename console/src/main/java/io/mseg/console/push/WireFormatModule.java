package io.mseg.console.push;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mseg.policy.render.wire.ChunkRule;
import io.mseg.policy.render.wire.NetworkSection;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;

import org.springframework.stereotype.Component;

/**
 * How the console writes the records of the wire format shared with the enforcer
 * ({@code io.mseg.policy.render.wire}), which carry no Jackson annotations: a null field
 * (the ID, name and namespace a viewer may not read, the {@code propagatedFrom} of a rule
 * in its own namespace) is left out, as in the console's own rendered-policy records.
 * Section names and ETags hash these bytes. A bean: Boot adds it to the JSON mapper, and
 * the YAML one takes the same modules.
 */
@Component
final class WireFormatModule extends JacksonModule {

	private static final List<Class<?>> WITHOUT_NULLS = List.of(ChunkRule.class, NetworkSection.class,
			RenderedRemoteProcessingUnit.class);

	@Override
	public String getModuleName() {
		return "mseg-wire-format";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		JsonInclude.Value withoutNulls = JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, null);
		WITHOUT_NULLS.forEach((type) -> context.configOverride(type).setInclude(withoutNulls));
	}

}
