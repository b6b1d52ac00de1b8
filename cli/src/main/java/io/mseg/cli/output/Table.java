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
		Widths widths = widths(rows);
		StringBuilder text = new StringBuilder(widths.header());
		for (T row : rows) {
			text.append(widths.line(row));
		}
		return text.toString();
	}

	/**
	 * The widths of the columns for these rows and the headers, to render rows one at a
	 * time (as they arrive) aligned under the header.
	 */
	public Widths widths(List<T> rows) {
		int[] widths = this.columns.stream().mapToInt((column) -> column.header().length()).toArray();
		for (T row : rows) {
			for (int i = 0; i < widths.length; i++) {
				widths[i] = Math.max(widths[i], cell(this.columns.get(i), row).length());
			}
		}
		return new Widths(widths);
	}

	private String joined(String[] cells, int[] widths) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < cells.length; i++) {
			out.append(cells[i]);
			if (i < cells.length - 1) {
				out.append(" ".repeat(Math.max(widths[i] - cells[i].length(), 0) + 3));
			}
		}
		return out.toString().stripTrailing() + System.lineSeparator();
	}

	/**
	 * The columns' widths, which render the header line and then rows one by one. A later
	 * row wider than its column pushes the cells after it right rather than reflow what
	 * was printed.
	 */
	public final class Widths {

		private final int[] widths;

		private Widths(int[] widths) {
			this.widths = widths;
		}

		/** The header line. */
		public String header() {
			return joined(Table.this.columns.stream().map(Column::header).toArray(String[]::new), this.widths);
		}

		/** One row's line. */
		public String line(T row) {
			return joined(Table.this.columns.stream().map((column) -> cell(column, row)).toArray(String[]::new),
					this.widths);
		}

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
