package io.mseg.console.database;

import java.util.List;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * JPA converters between list and map attributes and {@code jsonb} columns (written with
 * {@code ?::jsonb}, see the entities' {@code @ColumnTransformer}).
 */
public final class JsonColumns {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonColumns() {
	}

	/** A value stored as JSON text (a {@code jsonb} column). */
	public abstract static class Converter<T> implements AttributeConverter<T, String> {

		private final TypeReference<T> type;

		protected Converter(TypeReference<T> type) {
			this.type = type;
		}

		@Override
		public String convertToDatabaseColumn(T value) {
			return (value != null) ? MAPPER.writeValueAsString(value) : null;
		}

		@Override
		public T convertToEntityAttribute(String json) {
			return (json != null) ? MAPPER.readValue(json, this.type) : null;
		}

	}

	/** A list of strings: tags, ports, entries. */
	public static final class StringList extends Converter<List<String>> {

		public StringList() {
			super(new TypeReference<>() {
			});
		}

	}

	/** A tag expression: a list of AND-clauses. */
	public static final class Clauses extends Converter<List<List<String>>> {

		public Clauses() {
			super(new TypeReference<>() {
			});
		}

	}

	/** Annotations: a map of keys to lists of values. */
	public static final class Annotations extends Converter<Map<String, List<String>>> {

		public Annotations() {
			super(new TypeReference<>() {
			});
		}

	}

}
