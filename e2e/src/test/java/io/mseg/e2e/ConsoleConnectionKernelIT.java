package io.mseg.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.Probe;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.mseg.e2e.support.Bodies.map;
import static io.mseg.e2e.support.Probe.allowed;
import static io.mseg.e2e.support.Probe.blocked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enforcer's own connection to the console crosses the rules it installs (each
 * enforcer runs inside the namespace it protects): its event stream, opened before its
 * first apply, must keep working across that apply and every later one, replace or
 * incremental, with the console given by its IPv4 or its IPv6 address; a policy that
 * rejects everything must leave the console connection and the failsafe ports open; and
 * an enforcer restarted with its original command line reconnects without enrolling
 * again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(KernelPrerequisites.class)
class ConsoleConnectionKernelIT {

	/** DESIGN: a change is enforced within a second of the API call. */
	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private static final Duration CONVERGENCE = Duration.ofSeconds(10);

	private static World world;

	/** Protected; its enforcer knows the console by its IPv4 address. */
	private static Host v4;

	/** Protected; its enforcer knows the console by its IPv6 address. */
	private static Host v6;

	/** Not protected: a client and a server outside. */
	private static Host outside;

	private static EnforcerProcess v4Enforcer;

	private static EnforcerProcess v6Enforcer;

	@BeforeAll
	static void startTheWorld() {
		world = World.create("console-connection", (w) -> {
			v4 = w.host("v4", 11);
			v6 = w.host("v6", 12);
			outside = w.host("out", 100);
			v4.listen(List.of(22), List.of());
			outside.listen(List.of(), List.of(53));
			w.startConsole();
			v4Enforcer = w.enforce(v4, World.PROD, w.console().uri(), List.of(), "app=v4");
			v6Enforcer = w.enforce(v6, World.PROD, w.console().uri6(), List.of(), "app=v6");
		});
	}

	@AfterAll
	static void stopTheWorld() {
		if (world != null) {
			world.close();
		}
	}

	@AfterEach
	void noSessionEnded() {
		world.deleteObjects();
		for (EnforcerProcess enforcer : List.of(v4Enforcer, v6Enforcer)) {
			assertThat(enforcer.log()).as("log of the enforcer of " + enforcer.host())
				.doesNotContain("Console session ended");
		}
	}

	@Test
	@Order(1)
	void aChangeOneSecondAfterTheFirstApplyIsEnforcedWithinOneSecondOverIpv4AndIpv6() {
		for (EnforcerProcess enforcer : List.of(v4Enforcer, v6Enforcer)) {
			enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
		}
		pause(ONE_SECOND);
		String policy = world.create(World.PROD, "/networkaccesspolicies", v6MayReachV4(6379));
		world.awaitRules(policy, true, ONE_SECOND, v4, v6);
		Probe.check(allowed(v6, v4, "tcp", 6379), allowed(v6, v4, "tcp", 6379).v6(), blocked(v6, v4, "tcp", 6380),
				blocked(v4, v6, "tcp", 6379));

		// An incremental apply, then another one: each within a second too.
		for (int port : List.of(6380, 6381)) {
			pause(ONE_SECOND);
			world.api().put(World.PROD, "/networkaccesspolicies/" + policy, v6MayReachV4(port));
			Await.until("port " + port + " in both kernels", ONE_SECOND,
					() -> v4.table(EnforcerProcess.TABLE).contains("dport " + port + " ")
							&& v6.table(EnforcerProcess.TABLE).contains("dport " + port + " "),
					world::logs);
		}
		Probe.check(allowed(v6, v4, "tcp", 6381), blocked(v6, v4, "tcp", 6379));
	}

	@Test
	@Order(2)
	void aTableReplacedUnderARunningEnforcerKeepsItsConsoleConnection() {
		// The table vanishes (an operator's "nft flush ruleset"): the next incremental
		// apply fails, the enforcer replaces the whole table while its stream is open.
		v4.nft("delete", "table", "inet", EnforcerProcess.TABLE);
		String first = world.create(World.PROD, "/networkaccesspolicies", v6MayReachV4(6379));
		world.awaitRules(first, true, CONVERGENCE, v4, v6);
		v4Enforcer.awaitLog("replacing the table after a refused change", 1, CONVERGENCE);
		pause(ONE_SECOND);
		String second = world.create(World.PROD, "/networkaccesspolicies", v6MayReachV4(6380));
		world.awaitRules(second, true, ONE_SECOND, v4, v6);
		Probe.check(allowed(v6, v4, "tcp", 6379), allowed(v6, v4, "tcp", 6380), blocked(v6, v4, "tcp", 6381));
	}

	@Test
	@Order(3)
	void aPolicyRejectingEverythingLeavesTheConsoleAndTheFailsafePortsOpen() {
		world.create(World.PROD, "/externalnetworks", map("name", "everything", "entries", List.of("0.0.0.0/0", "::/0"),
				"associatedTags", List.of("ext=everything")));
		String inbound = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "nothing reaches v4", "action", "Reject", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("ext=everything"), List.of("$identity=processingunit")), "object",
						List.of(List.of("app=v4"))));
		String outbound = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "v4 reaches nothing", "action", "Reject", "applyPolicyMode", "OutgoingTraffic", "subject",
						List.of(List.of("app=v4")), "object",
						List.of(List.of("ext=everything"), List.of("$identity=processingunit"))));
		world.awaitRules(inbound, true, CONVERGENCE, v4);
		world.awaitRules(outbound, true, CONVERGENCE, v4);
		// The failsafe ports (inbound tcp/22, outbound udp/53 by default) pass before any
		// reject.
		Probe.check(allowed(outside, v4, "tcp", 22), allowed(outside, v4, "tcp", 22).v6(),
				allowed(v4, outside, "udp", 53), blocked(outside, v4, "tcp", 443), blocked(v4, outside, "tcp", 443),
				blocked(v6, v4, "tcp", 6379));
		pause(ONE_SECOND);
		String allow = world.create(World.PROD, "/networkaccesspolicies", v6MayReachV4(6379));
		world.awaitRules(allow, true, ONE_SECOND, v4, v6);
	}

	@Test
	@Order(4)
	void anEnforcerRestartedWithItsCommandLineReconnectsWithoutEnrollingAgainAndCatchesUp() {
		String id = world.enforcerId("v4");
		v4Enforcer.stop();
		String meanwhile = world.create(World.PROD, "/networkaccesspolicies", v6MayReachV4(6380));
		world.awaitRules(meanwhile, true, CONVERGENCE, v6);
		assertThat(v4.table(EnforcerProcess.TABLE)).doesNotContain("[" + meanwhile + "]");

		// The same command line, with its one-time enrollment token, already used.
		v4Enforcer.start();
		world.awaitRules(meanwhile, true, CONVERGENCE, v4);
		assertThat(world.enforcerId("v4")).isEqualTo(id);
		pause(ONE_SECOND);
		String next = world.create(World.PROD, "/networkaccesspolicies", v6MayReachV4(6381));
		world.awaitRules(next, true, ONE_SECOND, v4, v6);
		Probe.check(allowed(v6, v4, "tcp", 6380), allowed(v6, v4, "tcp", 6381), blocked(v6, v4, "tcp", 6379));
	}

	private static Map<String, Object> v6MayReachV4(int port) {
		return map("name", "v6 may reach v4 on " + port, "subject", List.of(List.of("app=v6")), "object",
				List.of(List.of("app=v4")), "ports", List.of("tcp/" + port));
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
