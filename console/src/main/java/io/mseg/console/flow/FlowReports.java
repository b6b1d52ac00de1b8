package io.mseg.console.flow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads stored flow records: a filtered page, newest first, with the total; one record by
 * ID; the records of a stored batch (for the live tail).
 */
@Service
class FlowReports {

	private static final String SELECT = "select id, time, count, processing_unit_id, namespace, direction, protocol, "
			+ "source_address, destination_address, destination_port, action, observed, reason, policy_id, "
			+ "external_network_id, domain from flow_records";

	private final JdbcClient jdbc;

	FlowReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	PageOf<FlowReportBody> list(FlowFilter filter, Paging paging) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params);
		long total = this.jdbc.sql("select count(*) from flow_records" + where)
			.params(params)
			.query(Long.class)
			.single();
		if (total <= paging.offset()) {
			return new PageOf<>(List.of(), total);
		}
		params.put("limit", paging.pageSize());
		params.put("offset", paging.offset());
		List<FlowReportBody> page = this.jdbc
			.sql(SELECT + where + " order by time desc, id desc limit :limit offset :offset")
			.params(params)
			.query(FlowReports::body)
			.list();
		return new PageOf<>(page, total);
	}

	/** The record with this ID if it lies in the namespace's subtree. */
	@Transactional(readOnly = true)
	Optional<FlowReportBody> find(NamespacePath namespace, long id) {
		Map<String, Object> params = new HashMap<>();
		String where = where(new FlowFilter(namespace, null, null, null, null, null, null, null, null, null), params);
		params.put("id", id);
		return this.jdbc.sql(SELECT + where + " and id = :id").params(params).query(FlowReports::body).optional();
	}

	/** The records a notification announced, in ID order. */
	@Transactional(readOnly = true)
	List<FlowReportBody> batch(FlowNotification notification) {
		return this.jdbc.sql(SELECT + " where id between ? and ? and time between ? and ? order by id")
			.params(notification.firstId(), notification.lastId(), Timestamp.from(notification.oldest()),
					Timestamp.from(notification.newest()))
			.query(FlowReports::body)
			.list();
	}

	/**
	 * The conditions of a filter: the subtree ({@code =} or a {@code LIKE} prefix, which
	 * the namespace index serves), then each filter given.
	 */
	private static String where(FlowFilter filter, Map<String, Object> params) {
		List<String> all = new ArrayList<>();
		all.add("true");
		if (!filter.namespace().equals(NamespacePath.ROOT)) {
			all.add("(namespace = :namespace or namespace like :below)");
			params.put("namespace", filter.namespace().value());
			params.put("below", filter.namespace().value().replace("\\", "\\\\").replace("_", "\\_") + "/%");
		}
		if (filter.since() != null) {
			all.add("time >= :since");
			params.put("since", Timestamp.from(filter.since()));
		}
		if (filter.until() != null) {
			all.add("time < :until");
			params.put("until", Timestamp.from(filter.until()));
		}
		if (filter.action() != null) {
			all.add("action = :action");
			params.put("action", filter.action());
		}
		if (filter.observed() != null) {
			all.add("observed = :observed");
			params.put("observed", filter.observed());
		}
		uuid(all, params, "processing_unit_id", "unit", filter.processingUnitId());
		uuid(all, params, "policy_id", "policy", filter.policyId());
		uuid(all, params, "external_network_id", "network", filter.externalNetworkId());
		if (filter.address() != null) {
			all.add("(source_address = :address or destination_address = :address)");
			params.put("address", filter.address());
		}
		if (filter.port() != null) {
			all.add("destination_port = :port");
			params.put("port", filter.port());
		}
		return " where " + String.join(" and ", all);
	}

	private static void uuid(List<String> all, Map<String, Object> params, String column, String name, UUID value) {
		if (value != null) {
			all.add(column + " = :" + name);
			params.put(name, value);
		}
	}

	private static FlowReportBody body(ResultSet row, int n) throws SQLException {
		String id = Long.toString(row.getLong("id"));
		Integer port = (Integer) row.getObject("destination_port");
		return new FlowReportBody(id, row.getTimestamp("time").toInstant(), row.getLong("count"),
				row.getString("processing_unit_id"), row.getString("namespace"), row.getString("direction"),
				row.getString("protocol"), row.getString("source_address"), row.getString("destination_address"), port,
				row.getString("action"), row.getBoolean("observed"), row.getString("reason"),
				row.getString("policy_id"), row.getString("external_network_id"), row.getString("domain"),
				"/flowreports/" + id + "/explain");
	}

}
