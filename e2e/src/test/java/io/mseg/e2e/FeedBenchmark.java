package io.mseg.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.FeedPublisher;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.NftMonitor;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.mseg.e2e.support.Bodies.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: a 100,000-entry feed, from the console's fetch to the rules in the kernel of
 * an enforcer, for its first load and for changes of 10 entries (10 removed, 10 added).
 * One host with its enforcer running inside its namespace, the console in a host of its
 * own fetching from the test's publisher (through a relay, refresh interval 1m, the
 * shortest a source may have); an Allow policy names the network, so all its entries are
 * in the host's ruleset. The clock starts when the console's GET of the new list reaches
 * the publisher (the fetch) and stops when the enforcer logs that its nft transaction
 * committed (its log's time stamp; the console's log gives the step in between).
 * {@code nft monitor} in the host's namespace confirms each new element, later: it prints
 * every element of the shards that were replaced, tens of thousands of lines.
 * <p>
 * Not part of the build's tests (no {@code KernelIT} suffix). Run it with
 * {@code ./mvnw -B verify -pl policy,console,enforcer,cli,e2e -Dpolicy.skipTests -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FeedBenchmark -Dfeeds.changes=3}; the
 * report goes to standard output and {@code e2e/target/feeds-*.txt}.
 */
@ExtendWith(KernelPrerequisites.class)
class FeedBenchmark {

	private static final String PATH = "/big.txt";

	private static final Pattern APPLIED = Pattern
		.compile("Applied policy version (\\d+) from .*: (\\d+) rules, (\\d+) sets with (\\d+) elements.*built in "
				+ "(\\d+) ms, applied in (\\d+) ms");

	private static final Pattern CONSOLE_APPLIED = Pattern
		.compile("(?m)^(\\S+)\\s+INFO .*External network \\S+: applied a new list");

	private static final Pattern ENFORCER_APPLIED = Pattern
		.compile("(?m)^(\\S+) INFO\\s+agent.Enforcement Applied policy");

	private final int entries = Integer.getInteger("feeds.entries", 100_000);

	private final int changes = Integer.getInteger("feeds.changes", 3);

	@Test
	void aBigFeedFromFetchToKernel() throws IOException {
		try (World world = new World("feedbench")) {
			Host server = world.host("srv", 1);
			FeedPublisher feeds = world.feeds();
			world.startConsole();
			EnforcerProcess enforcer = world.enforce(server, "app=server");
			enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			world.create(World.PROD, "/networkaccesspolicies",
					map("name", "big feed to server", "applyPolicyMode", "IncomingTraffic", "subject",
							List.of(List.of("ext=big")), "object", List.of(List.of("app=server")), "ports",
							List.of("tcp/8080")));

			List<String> list = new ArrayList<>();
			for (int i = 0; i < this.entries; i++) {
				list.add(address(i));
			}
			StringBuilder report = new StringBuilder("Feed of " + this.entries + " entries, fetch to kernel\n");
			try (NftMonitor monitor = new NftMonitor(server, "elements")) {
				feeds.publish(PATH, String.join("\n", list) + "\n");
				Instant created = Instant.now();
				world.create(World.PROD, "/externalnetworks",
						map("name", "big", "associatedTags", List.of("ext=big"), "source", world.feedSource(PATH)));
				report.append(measure("first load", feeds, monitor, created, List.of(address(this.entries - 1)),
						enforcer, world));
				for (int change = 1; change <= this.changes; change++) {
					List<String> added = new ArrayList<>();
					for (int k = 0; k < 10; k++) {
						int at = (k * this.entries / 10 + change) % this.entries;
						String replacement = "203.0." + change + "." + (k * 2) + "/32";
						list.set(at, replacement);
						added.add("203.0." + change + "." + (k * 2));
					}
					Instant published = Instant.now();
					feeds.publish(PATH, String.join("\n", list) + "\n");
					report.append(
							measure("10-entry change " + change, feeds, monitor, published, added, enforcer, world));
				}
			}
			report.append("load average ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
			System.out.println(report);
			Files.writeString(Path.of("target", "feeds-" + Instant.now().toString().replace(':', '-') + ".txt"),
					report);
		}
	}

	/**
	 * Waits for the console's next good fetch after {@code since}, then for every
	 * {@code expected} element in the kernel.
	 */
	private String measure(String what, FeedPublisher feeds, NftMonitor monitor, Instant since, List<String> expected,
			EnforcerProcess enforcer, World world) {
		// The console fetches within a second of a new source, and an interval (1m, give
		// or take 10%) after its last fetch.
		FeedPublisher.Request fetch = awaitFetch(feeds, since, Duration.ofSeconds(100));
		long fetchedNanos = System.nanoTime() - Duration.between(fetch.time(), Instant.now()).toNanos();
		long live = fetchedNanos;
		for (String element : expected) {
			live = Math.max(live, monitor.await(fetchedNanos, element, Duration.ofSeconds(60)));
		}
		String applied = lastApplied(enforcer.log());
		Instant committed = firstAfter(CONSOLE_APPLIED, world.console().log(), fetch.time());
		Instant enforced = firstAfter(ENFORCER_APPLIED, enforcer.log(), committed);
		return String.format(
				"%-22s fetch -> rules committed in the kernel %5d ms (console %4d ms + push, enforcer "
						+ "%4d ms); seen by nft monitor after %5d ms   enforcer: %s%n",
				what, Duration.between(fetch.time(), enforced).toMillis(),
				Duration.between(fetch.time(), committed).toMillis(), Duration.between(committed, enforced).toMillis(),
				(live - fetchedNanos) / 1_000_000, applied);
	}

	/** The time of the first log line matching a pattern at or after a moment. */
	private static Instant firstAfter(Pattern line, String log, Instant since) {
		Matcher matcher = line.matcher(log);
		while (matcher.find()) {
			Instant time = Instant.parse(matcher.group(1));
			if (!time.isBefore(since.minusMillis(1))) {
				return time;
			}
		}
		throw new IllegalStateException("no line " + line + " after " + since);
	}

	private static FeedPublisher.Request awaitFetch(FeedPublisher feeds, Instant since, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (FeedPublisher.Request request : feeds.requests(PATH)) {
				if (request.status() == 200 && !request.time().isBefore(since)) {
					return request;
				}
			}
			sleep(50);
		}
		throw new IllegalStateException("the console did not fetch " + PATH + " within " + timeout);
	}

	private static String lastApplied(String log) {
		Matcher matcher = APPLIED.matcher(log);
		String last = "(none)";
		while (matcher.find()) {
			last = "version " + matcher.group(1) + ", " + matcher.group(4) + " elements in " + matcher.group(3)
					+ " sets, built " + matcher.group(5) + " ms, nft " + matcher.group(6) + " ms";
		}
		assertThat(last).isNotEqualTo("(none)");
		return last;
	}

	// Apart by two: nft merges neither adjacent nor overlapping elements, so the monitor
	// prints each as written.
	private static String address(int i) {
		return "20." + (i / 32768) + "." + ((i / 128) % 256) + "." + ((i % 128) * 2);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
