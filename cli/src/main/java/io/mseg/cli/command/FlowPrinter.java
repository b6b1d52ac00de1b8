package io.mseg.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mseg.cli.output.Documents;
import io.mseg.cli.output.Table;
import tools.jackson.databind.JsonNode;

/**
 * How {@code msegctl flows} prints records: all the recent ones at once, then (following)
 * each new one as it arrives, so that the whole output stays one table, one NDJSON stream
 * or one YAML stream.
 */
abstract sealed class FlowPrinter {

	/**
	 * The printer of this format; {@code following}: more records will come one by one.
	 */
	static FlowPrinter of(ListFormat format, boolean following, Map<String, String> unitNames) {
		return switch (format) {
			case TABLE -> new TablePrinter(FlowTable.of(unitNames),
					following ? List.of(FlowTable.widestExpected(unitNames)) : List.of());
			case JSON -> following ? new JsonLines() : new JsonArray();
			case YAML -> following ? new YamlDocuments() : new YamlList();
		};
	}

	/** The text of the recent records. */
	abstract String all(List<JsonNode> records);

	/** The text of one record that arrived after them. */
	abstract String next(JsonNode record);

	/**
	 * Aligned columns; records that arrive later align with the first ones, under the
	 * same header. The columns are never narrower than the sizing rows: when following,
	 * the widest values to expect, since the header and the recent records (often none)
	 * print before the records that have to fit under them.
	 */
	static final class TablePrinter extends FlowPrinter {

		private final Table<JsonNode> table;

		private final List<JsonNode> sizing;

		private Table<JsonNode>.Widths widths;

		TablePrinter(Table<JsonNode> table, List<JsonNode> sizing) {
			this.table = table;
			this.sizing = sizing;
		}

		@Override
		String all(List<JsonNode> records) {
			List<JsonNode> rows = new ArrayList<>(records);
			rows.addAll(this.sizing);
			this.widths = this.table.widths(rows);
			StringBuilder text = new StringBuilder(this.widths.header());
			records.forEach((record) -> text.append(this.widths.line(record)));
			return text.toString();
		}

		@Override
		String next(JsonNode record) {
			if (this.widths == null) {
				List<JsonNode> rows = new ArrayList<>(this.sizing);
				rows.add(record);
				this.widths = this.table.widths(rows);
				return this.widths.header() + this.widths.line(record);
			}
			return this.widths.line(record);
		}

	}

	/** One JSON array, as {@code get -o json} prints a list. */
	static final class JsonArray extends FlowPrinter {

		@Override
		String all(List<JsonNode> records) {
			return Documents.json(records);
		}

		@Override
		String next(JsonNode record) {
			throw new IllegalStateException("a JSON array cannot grow once printed");
		}

	}

	/** A stream of documents: the recent records are the first ones. */
	abstract static sealed class Stream extends FlowPrinter {

		@Override
		final String all(List<JsonNode> records) {
			StringBuilder text = new StringBuilder();
			records.forEach((record) -> text.append(next(record)));
			return text.toString();
		}

	}

	/** One record per line (NDJSON), for {@code jq} and log shippers. */
	static final class JsonLines extends Stream {

		@Override
		String next(JsonNode record) {
			return Documents.jsonLine(record);
		}

	}

	/** One YAML list, as {@code get -o yaml} prints a list. */
	static final class YamlList extends FlowPrinter {

		@Override
		String all(List<JsonNode> records) {
			return Documents.yaml(records);
		}

		@Override
		String next(JsonNode record) {
			throw new IllegalStateException("a YAML list cannot grow once printed");
		}

	}

	/** One YAML document per record, each after {@code ---}. */
	static final class YamlDocuments extends Stream {

		@Override
		String next(JsonNode record) {
			return "---" + System.lineSeparator() + Documents.yaml(record);
		}

	}

}
