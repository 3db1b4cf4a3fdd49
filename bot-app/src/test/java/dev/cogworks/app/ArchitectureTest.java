package dev.cogworks.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.cogworks.api.Cog;

/** The api / internal split, enforced: cogs see only bot-core's api package. */
@AnalyzeClasses(packages = "dev.cogworks")
class ArchitectureTest {
  @ArchTest
  static final ArchRule cogsUseOnlyTheApi =
      noClasses()
          .that()
          .areAssignableTo(Cog.class)
          .and()
          .resideOutsideOfPackages("dev.cogworks.core..", "dev.cogworks.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.cogworks.core.internal..", "dev.cogworks.sim..", "dev.cogworks.app..")
          .because("cogs depend on bot-core's api package only, so the platform can change freely");

  @ArchTest
  static final ArchRule noPackageCycles =
      com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
          .matching("dev.cogworks.(**)")
          .should()
          .beFreeOfCycles();

  @ArchTest
  static final ArchRule apiDoesNotLeakInternals =
      noClasses()
          .that()
          .resideInAPackage("dev.cogworks.api..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.cogworks.core.internal..")
          .because("the api is the contract cogs compile against");

  @ArchTest
  static final ArchRule cogsDoNotDependOnEachOther =
      classes()
          .that()
          .areAssignableTo(Cog.class)
          .and()
          .resideOutsideOfPackages("dev.cogworks.core..", "dev.cogworks.api..")
          .should(
              new com.tngtech.archunit.lang.ArchCondition<
                  com.tngtech.archunit.core.domain.JavaClass>("depend on another cog") {
                @Override
                public void check(
                    com.tngtech.archunit.core.domain.JavaClass cog,
                    com.tngtech.archunit.lang.ConditionEvents events) {
                  cog.getDirectDependenciesFromSelf().stream()
                      .filter(d -> d.getTargetClass().isAssignableTo(Cog.class))
                      .filter(d -> !d.getTargetClass().equals(cog))
                      .filter(
                          d -> !d.getTargetClass().getPackageName().startsWith("dev.cogworks.api"))
                      .forEach(
                          d ->
                              events.add(
                                  com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                      d, d.getDescription())));
                }
              })
          .because("a cog depends on bot-core only, never on another cog");
}
