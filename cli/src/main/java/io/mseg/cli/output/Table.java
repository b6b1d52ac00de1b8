package io.mseg.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rows in aligned columns under upper-case headers, like {@code kubectl get}: three
 * spaces between columns, no trailing blanks.
 *
 * @param <T> the type of a row
 */
public final class Table<T> {

	private final List<Column<T>> columns;

	private Table(List<Column<T>> columns) {
		this.columns = List.copyOf(columns);
	}

	@SafeVarargs
	public static <T> Table<T> of(Column<T>... columns) {
		return new Table<>(List.of(columns));
	}

	public List<Column<T>> columns() {
		return this.columns;
	}

	/** The table's text, one line per row after the header line. */
	public String render(List<T> rows) {
		List<String[]> cells = new ArrayList<>();
		cells.add(this.columns.stream().map(Column::header).toArray(String[]::new));
		for (T row : rows) {
			cells.add(this.columns.stream().map((column) -> cell(column, row)).toArray(String[]::new));
		}
		int[] widths = new int[this.columns.size()];
		for (String[] line : cells) {
			for (int i = 0; i < line.length; i++) {
				widths[i] = Math.max(widths[i], line[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (String[] line : cells) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < line.length; i++) {
				out.append(line[i]);
				if (i < line.length - 1) {
					out.append(" ".repeat(widths[i] - line[i].length() + 3));
				}
			}
			text.append(out.toString().stripTrailing()).append(System.lineSeparator());
		}
		return text.toString();
	}

	private static <T> String cell(Column<T> column, T row) {
		String value = column.value().apply(row);
		if (value == null || value.isEmpty()) {
			return "-";
		}
		// A cell stays on one line, whatever the value holds.
		return value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
	}

	/**
	 * One column: its header and how a row shows in it.
	 *
	 * @param <T> the type of a row
	 */
	public record Column<T>(String header, Function<T, String> value) {

		public Column {
			header = header.toUpperCase(java.util.Locale.ROOT);
		}

	}

}
