package io.mseg.enforcer;

import java.time.Clock;
import java.time.Instant;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The enforcer stays small and layered: no Spring, packages without cycles, the renderer
 * free of I/O concerns, Kubernetes confined to the workload sources.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.mseg.enforcer");

	@Test
	void noSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CLASSES);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("io.mseg.enforcer.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void theRendererKnowsNothingOfTheConsoleOrTheDisk() {
		noClasses().that()
			.resideInAPackage("..nftables..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..console..", "..store..", "..enroll..", "..agent..", "java.net.http..")
			.check(CLASSES);
	}

	@Test
	void theAgentTakesTimeOnlyFromItsTimeSource() {
		noClasses().that()
			.resideInAPackage("..agent..")
			.and()
			.doNotHaveSimpleName("SystemTime")
			.should()
			.callMethod(System.class, "nanoTime")
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.orShould()
			.callMethod(Instant.class, "now")
			.orShould()
			.callMethod(Thread.class, "sleep", long.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(Clock.class)
			.because("tests run the agent on a fake TimeSource")
			.check(CLASSES);
	}

	@Test
	void onlyTheAgentTiesThePartsTogether() {
		noClasses().that()
			.resideInAnyPackage("..console..", "..store..", "..nftables..", "..document..", "..enroll..",
					"..workload..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..agent..")
			.check(CLASSES);
	}

	@Test
	void onlyTheWorkloadSourcesKnowKubernetes() {
		noClasses().that()
			.resideOutsideOfPackage("..workload..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.fabric8..")
			.because("the rest of the enforcer sees workloads, never pods or a Kubernetes client")
			.check(CLASSES);
	}

}
