package io.mseg.console.flow;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import io.mseg.console.web.ApiException;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a valid batch in one transaction: the enforcer must own every unit it names
 * (403), the batch ID must be new for the enforcer (409), then the records (one
 * {@code COPY}), the policies' hits, the enforcer's dropped totals, and a notification
 * for the live tail of every replica. Any refusal rolls all of it back.
 */
@Component
class FlowStore {

	static final String CHANNEL = "mseg_flow_records";

	private static final String COLUMNS = "id, time, count, processing_unit_id, namespace, enforcer_id, direction, "
			+ "protocol, source_address, destination_address, destination_port, action, observed, reason, policy_id, "
			+ "external_network_id, domain";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	FlowStore(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** What was stored: the range of IDs its records got. */
	record Stored(long firstId, long lastId) {

	}

	@Transactional
	Stored store(UUID enforcerId, FlowBatchValidator.Valid batch, Instant now) {
		Map<UUID, String> namespaces = unitNamespaces(enforcerId, batch.records());
		int fresh = this.jdbc
			.sql("insert into flow_batches (enforcer_id, batch_id, received_time) values (?, ?, ?) "
					+ "on conflict do nothing")
			.params(enforcerId, batch.batchId(), Timestamp.from(now))
			.update();
		if (fresh == 0) {
			throw ApiException.conflict("batch already stored: batch " + batch.batchId()
					+ " of this enforcer was stored before (nothing was stored again)");
		}
		if (batch.droppedFlows() > 0 || batch.droppedRecords() > 0) {
			this.jdbc
				.sql("update enforcers set flow_records_dropped = flow_records_dropped + ?, "
						+ "flows_unrecorded = flows_unrecorded + ? where id = ?")
				.params(batch.droppedRecords(), batch.droppedFlows(), enforcerId)
				.update();
		}
		if (batch.records().isEmpty()) {
			// only drops to report: no record, no notification
			return new Stored(0, -1);
		}
		long first = this.jdbc.sql("select nextval('flow_records_id_seq')").query(Long.class).single();
		copy(first, enforcerId, batch.records(), namespaces);
		countHits(batch.records(), namespaces);
		long last = first + batch.records().size() - 1;
		Instant oldest = batch.records().stream().map(StoredFlow::time).min(Instant::compareTo).orElseThrow();
		Instant newest = batch.records().stream().map(StoredFlow::time).max(Instant::compareTo).orElseThrow();
		this.jdbc.sql("select pg_notify(?, ?)")
			.params(CHANNEL, new FlowNotification(first, last, oldest, newest).payload())
			.query()
			.singleRow();
		return new Stored(first, last);
	}

	/**
	 * The namespace of each unit the batch names; 403 naming a unit this enforcer did not
	 * register (another's, or none at all: the answer is the same, so nothing leaks).
	 */
	private Map<UUID, String> unitNamespaces(UUID enforcerId, List<StoredFlow> records) {
		List<UUID> named = records.stream().map(StoredFlow::processingUnitId).distinct().toList();
		Map<UUID, String> namespaces = new java.util.HashMap<>();
		this.jdbc.sql("select id, namespace from processing_units where id = any(?::uuid[]) and enforcer_id = ?")
			.params(named.stream().map(UUID::toString).toArray(String[]::new), enforcerId.toString())
			.query((row, n) -> Map.entry(row.getObject(1, UUID.class), row.getString(2)))
			.list()
			.forEach((entry) -> namespaces.put(entry.getKey(), entry.getValue()));
		for (UUID unit : named) {
			if (!namespaces.containsKey(unit)) {
				throw ApiException.forbidden("processing unit " + unit
						+ " is not one this enforcer registered: an enforcer reports flows of its own units only");
			}
		}
		return namespaces;
	}

	private void copy(long first, UUID enforcerId, List<StoredFlow> records, Map<UUID, String> namespaces) {
		StringBuilder rows = new StringBuilder(records.size() * 256);
		long id = first;
		for (StoredFlow flow : records) {
			rows.append(id++).append('\t');
			rows.append(flow.time()).append('\t');
			rows.append(flow.count()).append('\t');
			rows.append(flow.processingUnitId()).append('\t');
			text(rows, namespaces.get(flow.processingUnitId())).append('\t');
			rows.append(enforcerId).append('\t');
			text(rows, flow.direction()).append('\t');
			text(rows, flow.protocol()).append('\t');
			text(rows, flow.sourceAddress()).append('\t');
			text(rows, flow.destinationAddress()).append('\t');
			text(rows, flow.destinationPort()).append('\t');
			text(rows, flow.action()).append('\t');
			rows.append(flow.observed() ? 't' : 'f').append('\t');
			text(rows, flow.reason()).append('\t');
			text(rows, flow.policyId()).append('\t');
			text(rows, flow.externalNetworkId()).append('\t');
			text(rows, flow.domain()).append('\n');
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy " + FlowPartitions.PARENT + " (" + COLUMNS + ") from stdin",
						new StringReader(rows.toString()));
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("storing flow records failed: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/** A value in COPY's text format: {@code \N} for null, special characters escaped. */
	private static StringBuilder text(StringBuilder rows, Object value) {
		if (value == null) {
			return rows.append("\\N");
		}
		String text = value.toString();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> rows.append("\\\\");
				case '\t' -> rows.append("\\t");
				case '\n' -> rows.append("\\n");
				case '\r' -> rows.append("\\r");
				default -> rows.append(c);
			}
		}
		return rows;
	}

	/**
	 * Adds the batch's counts to the hits of the policies it names, summed per policy and
	 * namespace first and written in key order (two batches never wait for each other's
	 * rows in opposite orders). A policy that no longer exists, or whose namespace does
	 * not contain the unit's (it could not have decided the unit's traffic), gets none.
	 */
	private void countHits(List<StoredFlow> records, Map<UUID, String> namespaces) {
		Map<String, long[]> hits = new TreeMap<>();
		for (StoredFlow flow : records) {
			if (flow.policyId() == null) {
				continue;
			}
			String key = flow.policyId() + "\t" + namespaces.get(flow.processingUnitId());
			long[] sum = hits.computeIfAbsent(key, (k) -> new long[] { 0, Long.MIN_VALUE });
			sum[0] += flow.count();
			sum[1] = Math.max(sum[1], micros(flow.time()));
		}
		if (hits.isEmpty()) {
			return;
		}
		List<String> policies = new ArrayList<>();
		List<String> spaces = new ArrayList<>();
		List<Long> counts = new ArrayList<>();
		List<String> times = new ArrayList<>();
		hits.forEach((key, sum) -> {
			String[] parts = key.split("\t", 2);
			policies.add(parts[0]);
			spaces.add(parts[1]);
			counts.add(sum[0]);
			times.add(Instant.EPOCH.plus(sum[1], java.time.temporal.ChronoUnit.MICROS).toString());
		});
		this.jdbc.sql("insert into policy_hits (policy_id, namespace, hits, last_hit_time) "
				+ "select h.policy_id, h.namespace, h.hits, h.last_hit_time "
				+ "from unnest(?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[]) "
				+ "as h (policy_id, namespace, hits, last_hit_time) " + "join network_policies p on p.id = h.policy_id "
				+ "where p.namespace = '/' or h.namespace = p.namespace or starts_with(h.namespace, p.namespace || '/') "
				+ "order by h.policy_id, h.namespace "
				+ "on conflict (policy_id, namespace) do update set hits = policy_hits.hits + excluded.hits, "
				+ "last_hit_time = greatest(policy_hits.last_hit_time, excluded.last_hit_time)")
			.params(policies.toArray(String[]::new), spaces.toArray(String[]::new),
					counts.stream().map(String::valueOf).toArray(String[]::new), times.toArray(String[]::new))
			.update();
	}

	private static long micros(Instant time) {
		return time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
	}

}
