package io.mseg.console.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import jakarta.persistence.criteria.Predicate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit trail of a namespace, newest first.
 */
@Service
class AuditRecords {

	private final AuditRecordRepository repository;

	private final JsonMapper json;

	AuditRecords(AuditRecordRepository repository, JsonMapper json) {
		this.repository = repository;
		this.json = json;
	}

	@Transactional(readOnly = true)
	PageOf<AuditRecordBody> list(NamespacePath namespace, boolean recursive, String kind, String objectId,
			Paging paging) {
		Specification<AuditRecordEntity> filter = (root, query, cb) -> {
			List<Predicate> all = new ArrayList<>();
			if (!recursive) {
				all.add(cb.equal(root.get("namespace"), namespace.value()));
			}
			else if (!namespace.equals(NamespacePath.ROOT)) {
				all.add(cb.or(cb.equal(root.get("namespace"), namespace.value()),
						cb.like(root.get("namespace"), namespace.value().replace("_", "\\_") + "/%", '\\')));
			}
			if (kind != null) {
				all.add(cb.equal(root.get("kind"), kind));
			}
			if (objectId != null) {
				all.add(cb.equal(root.get("objectId"), objectId));
			}
			return cb.and(all.toArray(Predicate[]::new));
		};
		Page<AuditRecordEntity> page = this.repository.findAll(filter,
				paging.toPageRequest(Sort.by(Sort.Direction.DESC, "id")));
		return new PageOf<>(page.map(this::toBody).getContent(), page.getTotalElements());
	}

	private AuditRecordBody toBody(AuditRecordEntity e) {
		return new AuditRecordBody(e.getId(), e.getTime(), e.getPrincipal(), e.getNamespace(), e.getOperation(),
				e.getKind(), e.getObjectId(), e.getObjectName(), tree(e.getBefore()), tree(e.getAfter()));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> tree(String value) {
		return (value != null) ? this.json.readValue(value, Map.class) : null;
	}

}
