package io.mseg.policy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private static final JavaClasses POLICY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.mseg.policy");

	@Test
	void thePolicyCoreDependsOnlyOnTheJdk() {
		classes().should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "io.mseg.policy..")
			.because("the core is shared by the console and the enforcer and must stay framework-free")
			.check(POLICY);
	}

	@Test
	void thePolicyCoreDoesNoIo() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.nio.channels..")
			.because("parsing must never read files or resolve names (no DNS lookups from InetAddress)")
			.check(POLICY);
	}

	@Test
	void valueTypesDoNotDependOnTheModelOrTheDecision() {
		noClasses().that()
			.resideInAnyPackage("io.mseg.policy.tag..", "io.mseg.policy.port..", "io.mseg.policy.network..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.mseg.policy.model..", "io.mseg.policy.decision..", "io.mseg.policy.render..")
			.check(POLICY);
	}

	@Test
	void theModelDoesNotDependOnDecisionsOrRendering() {
		noClasses().that()
			.resideInAPackage("io.mseg.policy.model..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.mseg.policy.decision..", "io.mseg.policy.render..")
			.check(POLICY);
	}

	@Test
	void decisionsDoNotDependOnRendering() {
		noClasses().that()
			.resideInAPackage("io.mseg.policy.decision..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.mseg.policy.render..")
			.check(POLICY);
	}

	@Test
	void onlyTheIndexDependsOnTheIndex() {
		noClasses().that()
			.resideOutsideOfPackage("io.mseg.policy.index..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.mseg.policy.index..")
			.because("the decision engine and the renderer are the reference the index is checked against")
			.check(POLICY);
	}

}
