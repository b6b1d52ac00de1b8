package io.mseg.cli.output;

import java.util.List;

import io.mseg.cli.output.Table.Column;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableTests {

	private final Table<String[]> table = Table.of(new Column<>("name", (row) -> row[0]),
			new Column<>("last column", (row) -> row[1]));

	@Test
	void columnsAreAlignedUnderUpperCaseHeadersWithoutTrailingBlanks() {
		String text = this.table.render(List.of(new String[] { "a-long-name", "x" }, new String[] { "b", "yy" }));
		assertThat(text.lines()).containsExactly("NAME          LAST COLUMN", "a-long-name   x", "b             yy");
	}

	@Test
	void emptyCellsShowADash() {
		String text = this.table.render(List.<String[]>of(new String[] { null, "" }));
		assertThat(text.lines()).containsExactly("NAME   LAST COLUMN", "-      -");
	}

	@Test
	void aCellStaysOnOneLine() {
		String text = this.table.render(List.<String[]>of(new String[] { "two\nlines", "tab\there" }));
		assertThat(text.lines()).hasSize(2).last().isEqualTo("two lines   tab here");
	}

	@Test
	void jsonAndYamlAreIndentedAndEndWithANewline() {
		var value = java.util.Map.of("name", "web", "ports", List.of("tcp/443"));
		assertThat(Documents.json(value)).contains("\n  \"").endsWith("\n");
		assertThat(Documents.yaml(java.util.Map.of("name", "web"))).isEqualTo("name: web\n");
	}

}
