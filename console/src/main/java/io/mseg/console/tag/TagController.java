package io.mseg.console.tag;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.externalnetwork.ExternalNetworkService;
import io.mseg.console.processingunit.ProcessingUnitService;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every tag in use on processing units and external networks, for browsing while writing
 * policies.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "tags", description = "Tags in use, for writing tag expressions")
class TagController {

	private final NamespaceDirectory namespaces;

	private final ProcessingUnitService processingUnits;

	private final ExternalNetworkService externalNetworks;

	private final ConsoleProperties properties;

	TagController(NamespaceDirectory namespaces, ProcessingUnitService processingUnits,
			ExternalNetworkService externalNetworks, ConsoleProperties properties) {
		this.namespaces = namespaces;
		this.processingUnits = processingUnits;
		this.externalNetworks = externalNetworks;
		this.properties = properties;
	}

	/**
	 * A tag and how many objects of a namespace carry it.
	 */
	@Schema(name = "Tag")
	record TagBody(String value, String namespace, long count) {

	}

	@GetMapping(value = "/tags", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listTags", summary = "List the tags in use in a namespace",
			description = "Normalized tags (user and system tags) of processing units and external networks, with "
					+ "how many objects carry each, per namespace. recursive=true adds descendants, propagated=true "
					+ "external networks propagated from ancestors.")
	ResponseEntity<List<TagBody>> list(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestParam(defaultValue = "false") boolean recursive,
			@RequestParam(defaultValue = "false") boolean propagated, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		NamespacePath path = this.namespaces.resolve(namespace);
		Paging paging = Paging.of(page, pagesize, this.properties.maxPageSize());
		Map<String, Map<String, Long>> counts = new TreeMap<>();
		Stream
			.concat(this.processingUnits.listAll(path, recursive, false)
				.stream()
				.map((pu) -> Map.entry(pu.namespace(), pu.normalizedTags())),
					this.externalNetworks.listAll(path, recursive, propagated)
						.stream()
						.map((net) -> Map.entry(net.namespace(), net.normalizedTags())))
			.forEach((owner) -> owner.getValue()
				.forEach((tag) -> counts.computeIfAbsent(owner.getKey(), (k) -> new TreeMap<>())
					.merge(tag, 1L, Long::sum)));
		List<TagBody> all = counts.entrySet()
			.stream()
			.flatMap((ns) -> ns.getValue()
				.entrySet()
				.stream()
				.map((t) -> new TagBody(t.getKey(), ns.getKey(), t.getValue())))
			.toList();
		int from = Math.min(all.size(), paging.offset());
		int to = Math.min(all.size(), from + paging.pageSize());
		return ResponseEntity.ok().header(PageOf.COUNT_TOTAL, String.valueOf(all.size())).body(all.subList(from, to));
	}

}
