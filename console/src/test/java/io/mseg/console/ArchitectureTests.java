package io.mseg.console;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Module boundaries of the console: feature packages build on each other without cycles,
 * the web layer speaks in bodies, not entities, and a feature's controller never reaches
 * into another feature's repositories.
 */
class ArchitectureTests {

	private static final JavaClasses CONSOLE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.mseg.console");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("io.mseg.console.(*)..").should().beFreeOfCycles().check(CONSOLE);
	}

	@Test
	void controllersNeverTouchEntities() {
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat()
			.areAnnotatedWith(Entity.class)
			.check(CONSOLE);
	}

	@Test
	void controllersOnlyUseTheirOwnFeaturesRepositories() {
		classes().that()
			.areAnnotatedWith(RestController.class)
			.should(new ArchCondition<>("use only the repositories of their own feature") {
				@Override
				public void check(JavaClass controller, ConditionEvents events) {
					controller.getDirectDependenciesFromSelf()
						.stream()
						.map(Dependency::getTargetClass)
						.filter((target) -> target.isAssignableTo(Repository.class))
						.filter((target) -> !target.getPackageName().equals(controller.getPackageName()))
						.forEach((target) -> events.add(SimpleConditionEvent.violated(controller,
								controller.getName() + " uses " + target.getName())));
				}
			})
			.check(CONSOLE);
	}

	@Test
	void thePolicyCoreStaysFreeOfSpringAndPersistence() {
		noClasses().that()
			.resideInAPackage("io.mseg.policy..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta..", "org.hibernate..")
			.check(new ClassFileImporter().importPackages("io.mseg.policy"));
	}

}
