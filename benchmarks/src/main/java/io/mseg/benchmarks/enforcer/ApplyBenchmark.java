package io.mseg.benchmarks.enforcer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.mseg.benchmarks.console.Options;
import io.mseg.benchmarks.console.Stats;
import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.document.PolicySections;
import io.mseg.enforcer.nftables.KernelTable;
import io.mseg.enforcer.nftables.NftException;
import io.mseg.enforcer.nftables.NftRenderer;
import io.mseg.enforcer.nftables.NftRenderer.Plan;
import io.mseg.enforcer.nftables.ProcessNftClient;
import io.mseg.enforcer.nftables.Ruleset;
import io.mseg.enforcer.nftables.RulesetBuilder;
import io.mseg.enforcer.nftables.RulesetOptions;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.enforcer.nftables.RejectStyle;
import io.mseg.enforcer.nftables.Shards;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import tools.jackson.databind.JsonNode;

/**
 * Enforcer apply at scale (docs/benchmarks.md): renders an {@link ApplyWorld} (a
 * 10,000-policy ruleset and an external network of 100,000 CIDRs with {@code --full}) and
 * applies it with {@code nft -f} in a network namespace of its own
 * ({@code mseg-bench-apply-<pid>}, deleted at the end), timing the render
 * ({@link RulesetBuilder} + {@link NftRenderer}) and {@code nft} separately, and before
 * them the parse of the policy's sections ({@link SectionedDocument}: what the console
 * serves); then one-entry changes (add a CIDR, remove a CIDR, add a remote unit's
 * address, add a policy), each received as the agent receives it (the sections it does
 * not hold, parsed) and applied as the enforcer does (incremental transaction with the
 * shard boundaries kept), with p50/max; then the same world with fewer CIDRs
 * ({@code --compare-cidrs}) applied in a fresh table, to show from the kernel
 * ({@code nft -j list table}) that the rule count does not depend on the CIDR count.
 * Needs root and nft. Options: {@code --policies} (1,000; 10,000), {@code --cidrs}
 * (10,000; 100,000), {@code --compare-cidrs} (1,000; 10,000), {@code --remote-units}
 * (1,000; 5,000), {@code --units} (2), {@code --changes} per kind (5; 20), {@code --seed}
 * (7).
 */
public final class ApplyBenchmark {

	private static final String TABLE = "mseg";

	private static final RulesetOptions OPTIONS = new RulesetOptions(TABLE,
			List.of(new Endpoint(IpAddress.parse("192.0.2.10"), 8443)), ServicePorts.of("tcp/22", "udp/68"),
			ServicePorts.of("udp/53", "tcp/53", "udp/67"), RejectStyle.DROP);

	private final Options options;

	private final Consumer<String> out;

	private final String namespace = "mseg-bench-apply-" + ProcessHandle.current().pid();

	private final ProcessNftClient nft;

	ApplyBenchmark(Options options, Consumer<String> out) {
		this.options = options;
		this.out = out;
		this.nft = new ProcessNftClient(List.of("ip", "netns", "exec", this.namespace, "nft"), Duration.ofMinutes(2));
	}

	public static void main(String[] args) throws Exception {
		Result result = new ApplyBenchmark(Options.parse(args), System.out::println).run();
		if (!result.ruleCountIndependentOfCidrs()) {
			System.exit(1);
		}
	}

	/**
	 * What one run measured.
	 *
	 * @param firstParseMs parse of the document's JSON at the first apply
	 * @param firstRenderMs build + render at the first apply
	 * @param firstNftMs nft at the first apply
	 * @param changes per kind of change: p50 and max of render and nft, in ms
	 * @param rules kernel rule count at the full CIDR count
	 * @param sets kernel set count at the full CIDR count
	 * @param compareRules kernel rule count at the smaller CIDR count
	 * @param compareSets kernel set count at the smaller CIDR count
	 */
	record Result(long firstParseMs, long firstRenderMs, long firstNftMs, Map<String, long[]> changes, int rules,
			int sets, int compareRules, int compareSets) {

		boolean ruleCountIndependentOfCidrs() {
			return this.rules == this.compareRules;
		}

	}

	Result run() throws Exception {
		int policies = this.options.integer("policies", 1_000, 10_000);
		int cidrs = this.options.integer("cidrs", 10_000, 100_000);
		int compareCidrs = this.options.integer("compare-cidrs", 5_000, 50_000);
		int remoteUnits = this.options.integer("remote-units", 1_000, 5_000);
		int units = this.options.integer("units", 2, 2);
		int appSizeMax = this.options.integer("app-size-max", 100, 100);
		int changes = this.options.integer("changes", 5, 20);
		long seed = this.options.integer("seed", 7, 7);
		run("ip", "netns", "add", this.namespace);
		try {
			this.out.accept(String.format(Locale.ROOT,
					"Enforcer apply: %,d policies, %,d protected units, %,d remote units, external network of %,d CIDRs"
							+ " (compared with %,d); %d changes per kind; Java %s, %d cores, %s; load average %s",
					policies, units, remoteUnits, cidrs, compareCidrs, changes, Runtime.version(),
					Runtime.getRuntime().availableProcessors(), this.nft.version(), load()));
			ApplyWorld world = new ApplyWorld(seed, units, remoteUnits, policies, cidrs, appSizeMax);
			// warm up the JIT on a copy of the world, as an enforcer that has run for a
			// while has
			ApplyWorld warm = new ApplyWorld(seed + 1, units, remoteUnits, policies, cidrs, appSizeMax);
			for (int i = 0; i < 2; i++) {
				NftRenderer.script(builder().build(
						receive(new PolicySections(), SectionedDocument.of(warm.document())).document(), Shards.NONE));
			}
			// and on the changes, which take other paths (sections held, networks
			// updated)
			RulesetBuilder warmBuilder = builder();
			PolicySections warmSections = new PolicySections();
			Ruleset warmRules = warmBuilder
				.build(receive(warmSections, SectionedDocument.of(warm.document())).document(), Shards.NONE);
			for (Runnable change : List.<Runnable>of(warm::addCidr, warm::removeCidr, warm::addUnitAddress,
					warm::addPolicy, warm::addCidr, warm::removeCidr)) {
				change.run();
				Ruleset next = warmBuilder
					.build(receive(warmSections, SectionedDocument.of(warm.document())).document(), warmRules.shards());
				NftRenderer.update(warmRules, next).text();
				warmRules = next;
			}
			// one builder for the run, as the enforcer keeps one: it keeps what it parsed
			// and built for the next build
			RulesetBuilder builder = builder();
			// the agent keeps the sections of the policy it enforces, parsed
			PolicySections held = new PolicySections();
			SectionedDocument sectioned = SectionedDocument.of(world.document());
			long t0 = System.nanoTime();
			PolicyDocument document = receive(held, sectioned).document();
			long t1 = System.nanoTime();
			Ruleset applied = builder.build(document, Shards.NONE);
			long t2 = System.nanoTime();
			// as the enforcer does at start-up: the table's names read from the kernel
			// (counted
			// with nft), large sets staged, one transaction switching the rules
			Plan plan = NftRenderer.replace(KernelTable.read(this.nft, TABLE), applied);
			String dump = this.options.string("dump-script", "", "");
			if (!dump.isEmpty()) {
				java.nio.file.Files.writeString(java.nio.file.Path.of(dump), NftRenderer.script(applied));
			}
			apply(plan);
			long t3 = System.nanoTime();
			String script = plan.text();
			long parseMs = ms(t1 - t0);
			long renderMs = ms(t2 - t1);
			long nftMs = ms(t3 - t2);
			int[] kernel = kernelCounts();
			int[] first = kernel;
			this.out.accept(String.format(Locale.ROOT,
					"First apply: render + nft %d ms (parse of the %,d sections before it %d ms, %,d bytes); render %d ms (%,d rules, %,d sets,"
							+ " %,d elements, script %,d bytes), nft %d ms (%d staging transactions and the commit);"
							+ " in the kernel: %,d rules, %,d sets; load average %s",
					renderMs + nftMs, sectioned.sections().size(), parseMs, bytes(sectioned.sections().values()),
					renderMs, applied.ruleCount(), applied.sets().size(), applied.elementCount(), script.length(),
					nftMs, plan.stages().size(), kernel[0], kernel[1], load()));
			Map<String, long[]> results = new LinkedHashMap<>();
			Map<String, Runnable> kinds = new LinkedHashMap<>();
			kinds.put("add a CIDR", world::addCidr);
			kinds.put("remove a CIDR", world::removeCidr);
			kinds.put("add a remote unit address", world::addUnitAddress);
			kinds.put("add a policy", world::addPolicy);
			for (Map.Entry<String, Runnable> kind : kinds.entrySet()) {
				long[] parse = new long[changes];
				long[] render = new long[changes];
				long[] apply = new long[changes];
				List<String> sizes = new ArrayList<>();
				List<String> received = new ArrayList<>();
				for (int i = 0; i < changes; i++) {
					kind.getValue().run();
					// the policy as the agent receives it: the index, then the sections
					// it does not hold, parsed (timed apart)
					SectionedDocument next = SectionedDocument.of(world.document());
					long p0 = System.nanoTime();
					Received got = receive(held, next);
					long s0 = System.nanoTime();
					Ruleset ruleset = builder.build(got.document(), applied.shards());
					Plan update = NftRenderer.update(applied, ruleset);
					long s1 = System.nanoTime();
					apply(update);
					long s2 = System.nanoTime();
					parse[i] = s0 - p0;
					render[i] = s1 - s0;
					apply[i] = s2 - s1;
					String written = update.text();
					sizes.add(written.lines()
						.filter((line) -> line.startsWith("add set") || line.startsWith("add map"))
						.count() + "/" + written.lines().filter((line) -> line.startsWith("add rule")).count());
					received.add(got.sections() + "/" + got.bytes() / 1024 + "K");
					applied = ruleset;
				}
				Stats parseStats = Stats.of(parse);
				Stats renderStats = Stats.of(render);
				Stats nftStats = Stats.of(apply);
				long[] total = new long[changes];
				long[] all = new long[changes];
				for (int i = 0; i < changes; i++) {
					total[i] = render[i] + apply[i];
					all[i] = parse[i] + total[i];
				}
				Stats allStats = Stats.of(all);
				Stats totalStats = Stats.of(total);
				results.put(kind.getKey(),
						new long[] { ms(renderStats.percentile(50)), ms(renderStats.max()), ms(nftStats.percentile(50)),
								ms(nftStats.max()), ms(totalStats.percentile(50)), ms(totalStats.max()),
								ms(allStats.percentile(50)), ms(allStats.max()) });
				this.out.accept(String.format(Locale.ROOT,
						"%-26s sections + render + nft p50 %d ms, max %d ms (sections received and parsed p50 %d;"
								+ " render p50 %d, max %d; nft p50 %d, max %d); sections/size received: %s;"
								+ " sets added/rules written: %s; load average %s",
						kind.getKey() + ":", ms(allStats.percentile(50)), ms(allStats.max()),
						ms(parseStats.percentile(50)), ms(renderStats.percentile(50)), ms(renderStats.max()),
						ms(nftStats.percentile(50)), ms(nftStats.max()), String.join(" ", received),
						String.join(" ", sizes), load()));
			}
			long[] floor = new long[5];
			for (int i = 0; i < floor.length; i++) {
				long f0 = System.nanoTime();
				this.nft.apply("add table inet " + TABLE + "\n");
				floor[i] = System.nanoTime() - f0;
			}
			this.out.accept(String.format(Locale.ROOT,
					"Floor of one nft transaction from Java (ip netns exec ... nft -f -, one line): p50 %d ms",
					ms(Stats.of(floor).percentile(50))));
			kernel = kernelCounts();
			ApplyWorld smaller = new ApplyWorld(seed, units, remoteUnits, policies, compareCidrs, appSizeMax);
			Ruleset compare = builder().build(smaller.document(), Shards.NONE);
			this.nft.query(List.of("delete", "table", "inet", TABLE));
			apply(NftRenderer.replace(KernelTable.NONE, compare));
			int[] compareKernel = kernelCounts();
			Result result = new Result(parseMs, renderMs, nftMs, results, first[0], first[1], compareKernel[0],
					compareKernel[1]);
			this.out.accept(String.format(Locale.ROOT,
					"In the kernel: %,d rules and %,d sets with %,d CIDRs (first apply; %,d rules and %,d sets after"
							+ " the changes), %,d rules and %,d sets for the same policies with %,d CIDRs: %s",
					first[0], first[1], cidrs, kernel[0], kernel[1], compareKernel[0], compareKernel[1], compareCidrs,
					result.ruleCountIndependentOfCidrs() ? "independent of the CIDR count"
							: "DEPENDS ON THE CIDR COUNT"));
			return result;
		}
		finally {
			run("ip", "netns", "delete", this.namespace);
		}
	}

	private void apply(Plan plan) throws NftException {
		for (String stage : plan.stages()) {
			this.nft.apply(stage);
		}
		this.nft.apply(plan.commit());
	}

	private static RulesetBuilder builder() {
		return new RulesetBuilder(OPTIONS, (warning) -> {
		});
	}

	/**
	 * What the agent does with a new index: parses it, takes the sections it does not
	 * hold (here from memory: the transfer is not timed), parses them and assembles the
	 * document; then forgets the sections the index no longer names.
	 */
	private static Received receive(PolicySections held, SectionedDocument sectioned) {
		EnforcerPolicyIndex index = PolicySections.parseIndex(sectioned.index());
		Map<String, String> missing = new LinkedHashMap<>();
		held.missing(index).forEach((name) -> missing.put(name, sectioned.sections().get(name)));
		held.add(index, missing);
		PolicyDocument document = held.assemble(index);
		held.retain(index);
		return new Received(document, missing.size(), bytes(missing.values()) + sectioned.index().length());
	}

	private static long bytes(java.util.Collection<String> texts) {
		return texts.stream().mapToLong(String::length).sum();
	}

	/** A document as the agent assembled it, and how much it received for it. */
	private record Received(PolicyDocument document, int sections, long bytes) {

	}

	/** Rules and sets of the table as the kernel has them. */
	private int[] kernelCounts() throws IOException, InterruptedException {
		String json = run("ip", "netns", "exec", this.namespace, "nft", "-j", "list", "table", "inet", TABLE);
		JsonNode root = PolicyDocuments.json().readTree(json);
		int rules = 0;
		int sets = 0;
		for (JsonNode item : root.path("nftables")) {
			rules += item.has("rule") ? 1 : 0;
			sets += item.has("set") ? 1 : 0;
		}
		return new int[] { rules, sets };
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output.strip());
		}
		return output;
	}

	private static String load() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static long ms(long nanos) {
		return nanos / 1_000_000;
	}

}
