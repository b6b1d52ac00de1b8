package io.mseg.console.web;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * The {@code page} (from 1) and {@code pagesize} of a list request.
 */
public record Paging(int page, int pageSize) {

	public static final String DEFAULT_PAGE_SIZE = "100";

	/** Validates the request's values against the largest allowed page size (422). */
	public static Paging of(int page, int pageSize, int maxPageSize) {
		java.util.List<FieldError> errors = new java.util.ArrayList<>();
		if (page < 1) {
			errors.add(new FieldError("page", "must be 1 or more"));
		}
		if (pageSize < 1 || pageSize > maxPageSize) {
			errors.add(new FieldError("pagesize", "must be between 1 and " + maxPageSize));
		}
		else if (page > 1 && (long) (page - 1) * pageSize > Integer.MAX_VALUE) {
			errors.add(new FieldError("page",
					"is too large: the page would start beyond the " + Integer.MAX_VALUE + "th object"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		return new Paging(page, pageSize);
	}

	/** Where the page starts: the number of objects before it. */
	public int offset() {
		return (this.page - 1) * this.pageSize;
	}

	public PageRequest toPageRequest(Sort sort) {
		return PageRequest.of(this.page - 1, this.pageSize, sort);
	}

}
