package io.mseg.console.flow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily partitions of {@code flow_records} (UTC days): created ahead, and on demand
 * for a record whose day has none, so that an ingest never fails for want of one; dropped
 * whole once older than the retention, without long locks. A new partition is created as
 * a table of its own and then attached (SHARE UPDATE EXCLUSIVE on the parent, which lets
 * reads and inserts go on); an old one is detached with {@code DETACH PARTITION ...
 * CONCURRENTLY} (which cannot run in a transaction block, hence a plain autocommit
 * connection) and then dropped.
 */
@Component
class FlowPartitions {

	private static final Logger log = LoggerFactory.getLogger(FlowPartitions.class);

	static final String PARENT = "flow_records";

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

	/** Replicas take turns creating and dropping partitions (an advisory lock key). */
	private static final long LOCK = 0x6d736567_666c6f77L;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final FlowProperties properties;

	/** The days known to have a partition (other replicas may have made more). */
	private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

	FlowPartitions(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, Clock clock,
			FlowProperties properties) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.clock = clock;
		this.properties = properties;
	}

	static String name(LocalDate day) {
		return PARENT + "_p" + SUFFIX.format(day);
	}

	static LocalDate day(Instant time) {
		return LocalDate.ofInstant(time, ZoneOffset.UTC);
	}

	/**
	 * Makes sure the days of the retention window and {@code mseg.flows.partitions-ahead}
	 * days after today have a partition.
	 */
	void createAhead() {
		Instant now = this.clock.instant();
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate day = day(now.minus(this.properties.retention())); !day
			.isAfter(day(now).plusDays(this.properties.partitionsAhead())); day = day.plusDays(1)) {
			days.add(day);
		}
		ensure(days);
	}

	/** Makes sure each day has a partition; cheap when they are known to. */
	void ensure(Collection<LocalDate> days) {
		List<LocalDate> missing = days.stream().distinct().filter((day) -> !this.known.contains(day)).toList();
		if (missing.isEmpty()) {
			return;
		}
		this.known.addAll(existing());
		for (LocalDate day : missing) {
			if (!this.known.contains(day)) {
				create(day);
			}
		}
	}

	private void create(LocalDate day) {
		String table = name(day);
		String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
			if (existing().contains(day)) {
				return;
			}
			// The check constraint lets ATTACH skip its scan; the table is empty anyway.
			this.jdbc
				.sql("create table " + table + " (like " + PARENT + " including defaults, constraint " + table
						+ "_range check (time >= '" + from + "' and time < '" + to + "'))")
				.update();
			this.jdbc
				.sql("alter table " + PARENT + " attach partition " + table + " for values from ('" + from + "') to ('"
						+ to + "')")
				.update();
			this.jdbc.sql("alter table " + table + " drop constraint " + table + "_range").update();
		});
		this.known.add(day);
		log.info("Created the flow record partition {} for {}", table, day);
	}

	/** The days that have a partition now, detached or not. */
	Set<LocalDate> existing() {
		Set<LocalDate> days = new java.util.TreeSet<>();
		this.jdbc
			.sql("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
					+ "where i.inhparent = 'flow_records'::regclass")
			.query(String.class)
			.list()
			.forEach((relname) -> {
				LocalDate day = parse(relname);
				if (day != null) {
					days.add(day);
				}
			});
		return days;
	}

	private static LocalDate parse(String relname) {
		String prefix = PARENT + "_p";
		if (!relname.startsWith(prefix)) {
			return null;
		}
		try {
			return LocalDate.parse(relname.substring(prefix.length()), SUFFIX);
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Detaches and drops the partitions of the days that ended before {@code cutoff}.
	 * @return the partitions dropped
	 */
	List<String> dropEndedBefore(Instant cutoff) {
		List<String> dropped = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			if (!tryLock(connection)) {
				return dropped;
			}
			try (Statement statement = connection.createStatement()) {
				for (Partition partition : partitions(statement)) {
					Instant end = partition.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
					if (end.isAfter(cutoff)) {
						continue;
					}
					// A detach interrupted earlier is finished rather than started again.
					statement.execute("alter table " + PARENT + " detach partition " + partition.name()
							+ (partition.detaching() ? " finalize" : " concurrently"));
					statement.execute("drop table " + partition.name());
					this.known.remove(partition.day());
					dropped.add(partition.name());
				}
			}
			finally {
				try (Statement unlock = connection.createStatement()) {
					unlock.execute("select pg_advisory_unlock(" + LOCK + ")");
				}
			}
		}
		catch (SQLException ex) {
			log.warn("Dropping old flow record partitions failed: {}", ex.getMessage());
		}
		return dropped;
	}

	private static boolean tryLock(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select pg_try_advisory_lock(" + LOCK + ")")) {
			return result.next() && result.getBoolean(1);
		}
	}

	private static List<Partition> partitions(Statement statement) throws SQLException {
		List<Partition> partitions = new ArrayList<>();
		try (ResultSet result = statement.executeQuery("select c.relname, i.inhdetachpending from pg_inherits i "
				+ "join pg_class c on c.oid = i.inhrelid where i.inhparent = 'flow_records'::regclass")) {
			while (result.next()) {
				LocalDate day = parse(result.getString(1));
				if (day != null) {
					partitions.add(new Partition(result.getString(1), day, result.getBoolean(2)));
				}
			}
		}
		return partitions;
	}

	private record Partition(String name, LocalDate day, boolean detaching) {

	}

}
