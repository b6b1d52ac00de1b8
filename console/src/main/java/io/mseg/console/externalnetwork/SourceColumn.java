package io.mseg.console.externalnetwork;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a source as a {@code jsonb} column (null for hand-written entries).
 */
@Converter
class SourceColumn implements AttributeConverter<ExternalNetworkSource, String> {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Override
	public String convertToDatabaseColumn(ExternalNetworkSource source) {
		return (source != null) ? MAPPER.writeValueAsString(source) : null;
	}

	@Override
	public ExternalNetworkSource convertToEntityAttribute(String json) {
		return (json != null) ? MAPPER.readValue(json, ExternalNetworkSource.class) : null;
	}

}
