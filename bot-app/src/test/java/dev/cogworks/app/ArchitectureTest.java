package dev.cogworks.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.cogworks.testkit.CogRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The platform's structure, and its own test cogs held to the rules every cog module runs. */
@AnalyzeClasses(packages = "dev.cogworks")
class ArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles =
      SlicesRuleDefinition.slices().matching("dev.cogworks.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule apiStandsAlone =
      noClasses()
          .that()
          .resideInAPackage("dev.cogworks.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.cogworks.core..",
              "dev.cogworks.sim..",
              "dev.cogworks.app..",
              "dev.cogworks.testkit..")
          .because("bot-api is the contract cogs compile against, with nothing behind it");

  @Test
  @DisplayName("The platform's test cogs follow the cog rules (CogRules), as every cog module does")
  void testCogsFollowTheCogRules() {
    String testCogs = "dev.cogworks.app.testcogs";
    CogRules.check(new ClassFileImporter().importPackages(testCogs), testCogs);
  }
}
