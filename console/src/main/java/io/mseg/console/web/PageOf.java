package io.mseg.console.web;

import java.util.List;

import org.springframework.http.ResponseEntity;

/**
 * One page of a list and the total number of items across pages ({@code X-Count-Total}).
 *
 * @param <T> the item
 */
public record PageOf<T>(List<T> items, long total) {

	/** The response header that carries the total. */
	public static final String COUNT_TOTAL = "X-Count-Total";

	/**
	 * The answer of a list endpoint: the items, with the total in {@code X-Count-Total}.
	 */
	public ResponseEntity<List<T>> toResponse() {
		return ResponseEntity.ok().header(COUNT_TOTAL, String.valueOf(this.total)).body(this.items);
	}

}
